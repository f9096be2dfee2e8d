import type { ErrorBody } from '../../../../src/domain/errors';
import { useI18n } from '../../i18n';
import { errorText } from '../../i18n/messages';

/**
 * A refusal from the engine, in the reader's language through `errorText`.
 * When that can only say the generic sentence for the error code (no rule or
 * field details came with it), the engine's own sentence follows, because it
 * says what to do (e.g. "Only JPEG, PNG or WebP images and PDF documents can
 * be attached.").
 */
export function EngineError({ error, id }: { error: ErrorBody | null; id?: string }) {
  const { t, tDynamic } = useI18n();
  if (!error) return null;
  const text = errorText(t, tDynamic, error);
  const details = error.details as { violations?: unknown[]; fields?: unknown[] } | undefined;
  const generic = !details?.violations?.length && !details?.fields?.length;
  return (
    <div className="alert error" role="alert" id={id}>
      <p className="engine-text">{text}</p>
      {generic && error.message && error.message !== text && (
        <p className="engine-detail">
          {t('detail.engineSays')}{' '}
          <span lang="en">{error.message}</span>
        </p>
      )}
    </div>
  );
}
