import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';

/**
 * Which dialog of a section is open (and for what), and where focus goes
 * back to when it closes: the control that opened it, or `fallback` when
 * that control is gone (e.g. a "Move to" button after the move).
 *
 * Dialogs are mounted only while open, so the shared <Dialog>'s fixed title
 * id never appears twice on the page.
 */
export function useDialogState<T>(fallback?: RefObject<HTMLElement | null>) {
  const [value, setValue] = useState<T | null>(null);
  const opener = useRef<HTMLElement | null>(null);
  const returning = useRef(false);

  const open = useCallback((next: T) => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setValue(next);
  }, []);

  const close = useCallback(() => {
    returning.current = true;
    setValue(null);
  }, []);

  useEffect(() => {
    if (value !== null || !returning.current) return;
    returning.current = false;
    const target = opener.current?.isConnected ? opener.current : fallback?.current;
    target?.focus();
  }, [value, fallback]);

  return { value, open, close };
}
