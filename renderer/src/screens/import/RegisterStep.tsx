import { useEffect, useRef, useState } from 'react';
import type { ImportFileView, ImportOutcome, ImportSummaryView } from '../../../../src/api/views';
import type { ErrorBody } from '../../../../src/domain/errors';
import { downloadBase64 } from '../../api/files';
import { api } from '../../api/transport';
import { useI18n } from '../../i18n';
import { EngineError } from '../detail/EngineError';

/** Step 6: say exactly what will happen, register everyone in one go, then say what happened. */
export function RegisterStep({
  file,
  summary,
  outcome,
  onOutcome,
  onBack,
  onAnother,
}: {
  file: ImportFileView;
  summary: ImportSummaryView;
  outcome: ImportOutcome | null;
  onOutcome: (outcome: ImportOutcome) => void;
  onBack: () => void;
  onAnother: () => void;
}) {
  const { t, locale } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);
  const result = useRef<HTMLDivElement>(null);
  const n = (v: number) => v.toLocaleString(locale);

  useEffect(() => {
    if (outcome) result.current?.focus();
  }, [outcome]);

  const apply = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    const r = await api('import.apply', { importId: file.importId });
    setBusy(false);
    if (r.ok) onOutcome(r.value);
    else setError(r.error);
  };

  if (outcome) {
    return (
      <div className="import-done" ref={result} tabIndex={-1} aria-labelledby="import-done-title">
        <h3 id="import-done-title">{t('import.done.title')}</h3>
        <div className="alert ok" role="status" data-testid="import-outcome">
          <p>{t('import.done.created', { n: n(outcome.created) })}</p>
          {outcome.firstCaseNumber && outcome.lastCaseNumber && (
            <p>
              {t('import.done.range', { first: outcome.firstCaseNumber, last: outcome.lastCaseNumber })}
            </p>
          )}
          {outcome.queued > 0 && <p>{t('import.done.queued', { n: n(outcome.queued) })}</p>}
        </div>
        {outcome.errorFile && (
          <>
            <p>
              <button type="button" className="btn" onClick={() => outcome.errorFile && downloadBase64(outcome.errorFile)} aria-describedby="import-done-errorfile-hint">
                {t('import.done.errorFile', { n: n(outcome.errorFile.rows) })}
              </button>
            </p>
            <p className="hint" id="import-done-errorfile-hint">
              {t('import.errorFileHint')}
            </p>
          </>
        )}
        <div className="actions">
          <a className="btn primary" href="#/people">
            {t('import.done.toList')}
          </a>
          {outcome.queued > 0 && (
            <a className="btn" href="#/duplicates">
              {t('import.done.toDuplicates')}
            </a>
          )}
          <button type="button" className="btn" onClick={onAnother}>
            {t('import.done.another')}
          </button>
        </div>
      </div>
    );
  }

  return (
    <div className="import-confirm">
      <p className="import-confirm-main">{t('import.confirm.body', { n: n(summary.valid), file: file.fileName })}</p>
      <ul>
        {summary.invalid > 0 && <li>{t('import.confirm.invalid', { n: n(summary.invalid) })}</li>}
        {summary.alreadyImported > 0 && <li>{t('import.confirm.already', { n: n(summary.alreadyImported) })}</li>}
        {summary.flagged > 0 && <li>{t('import.confirm.flagged', { n: n(summary.flagged) })}</li>}
        <li>{t('import.confirm.allOrNothing')}</li>
      </ul>
      <EngineError error={error} />
      <div className="actions">
        <button type="button" className="btn primary" onClick={() => void apply()} disabled={busy || summary.valid === 0}>
          {busy ? t('import.confirm.working') : t('import.confirm.submit', { n: n(summary.valid) })}
        </button>
        <button type="button" className="btn" onClick={onBack} disabled={busy}>
          {t('import.back')}
        </button>
      </div>
    </div>
  );
}
