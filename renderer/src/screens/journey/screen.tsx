import { useEffect, useRef, type ReactNode } from 'react';
import type { ErrorBody } from '../../../../src/domain/errors';
import { Loading } from '../../components/ui';
import { EngineError } from '../detail/EngineError';

/** The link back to the screen above (Esc does the same, see `useEscapeBack`). */
export function BackLink({ href, title, children }: { href: string; title?: string; children: ReactNode }) {
  return (
    <a href={href} className="j-back" title={title}>
      {children}
    </a>
  );
}

/** A screen whose record has not come: the way back, and the engine's refusal or "loading". */
export function NotLoaded({ error, back }: { error: ErrorBody | null; back?: ReactNode }) {
  return (
    <div className="journey">
      {back}
      <EngineError error={error} />
      {!error && <Loading />}
    </div>
  );
}

/**
 * The ref for a screen's heading, focused once when the screen is `ready`
 * (at once for a list, when the record arrives for a detail screen) and not
 * again on reloads, so a reader's place is kept.
 */
export function useHeadingFocus(ready = true) {
  const heading = useRef<HTMLHeadingElement>(null);
  const focused = useRef(false);
  useEffect(() => {
    if (ready && !focused.current) {
      focused.current = true;
      heading.current?.focus();
    }
  }, [ready]);
  return heading;
}
