import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { BundleImportView, FolderPassView } from '../../../../src/api/sync-views';
import type { ErrorBody } from '../../../../src/domain/errors';
import { useI18n } from '../../i18n';
import { Dialog, DialogActions } from '../../components/ui';
import { EngineError } from '../detail/EngineError';
import { useDialogState } from '../detail/useDialogState';

/** What one pass did: counts first, then each bundle in, out, skipped or refused, with the engine's reason. */
export function PassResult({ result, onApplyAnyway }: { result: FolderPassView; onApplyAnyway: () => Promise<ErrorBody | null> }) {
  const { t, locale } = useI18n();
  const n = new Intl.NumberFormat(locale);
  const counts: [string, number, string][] = [
    ['in', result.imported.length, t('sync.resultIn')],
    ['out', result.written.length, t('sync.resultOut')],
    ['skipped', result.skipped.length, t('sync.resultSkipped')],
    ['problems', result.problems.length, t('sync.resultProblems')],
  ];
  const nothing = counts.every(([, c]) => c === 0);
  return (
    <div className="sync-result" data-testid="pass-result" aria-labelledby="pass-result-title">
      <h3 id="pass-result-title">{t('sync.result')}</h3>
      <dl className="j-counts">
        {counts.map(([key, c, label]) => (
          <div key={key} className={`sync-count-${key}${c > 0 ? ' has' : ''}`}>
            <dt>{label}</dt>
            <dd data-count={key}>{n.format(c)}</dd>
          </div>
        ))}
      </dl>
      {nothing && <p className="hint">{t('sync.nothingMoved')}</p>}
      {result.problems.length > 0 && (
        <ResultList title={t('sync.problems')} className="bad">
          {result.problems.map((p) => (
            <li key={p.file}>
              <span className="mono j-break">{p.file}</span>
              <ProblemText code={p.code} message={p.message} />
              {p.code === 'CONFIRMATION_REQUIRED' && <ApplyAnyway file={p.file} message={p.message} onConfirm={onApplyAnyway} />}
            </li>
          ))}
        </ResultList>
      )}
      {result.imported.length > 0 && (
        <ResultList title={t('sync.imported')}>
          {result.imported.map((b) => (
            <li key={b.bundleId}>
              <ImportedBundle bundle={b} />
            </li>
          ))}
        </ResultList>
      )}
      {result.written.length > 0 && (
        <ResultList title={t('sync.written')}>
          {result.written.map((b) => (
            <li key={b.bundleId}>
              <strong>{t('sync.toOffices', { offices: b.to.join(', ') })}</strong>{' '}
              <span className="hint">{t('sync.writtenChanges', { changes: n.format(b.changes), attachments: n.format(b.attachments) })}</span>
              <div className="mono j-break hint">{b.fileName}</div>
            </li>
          ))}
        </ResultList>
      )}
      {result.skipped.length > 0 && (
        <ResultList title={t('sync.skipped')}>
          {result.skipped.map((s) => (
            <li key={s.file}>
              <span className="mono j-break">{s.file}</span>{' '}
              <span className="hint" lang="en">
                {s.reason}
              </span>
            </li>
          ))}
        </ResultList>
      )}
    </div>
  );
}

function ResultList({ title, className, children }: { title: string; className?: string; children: ReactNode }) {
  return (
    <div className={`sync-list ${className ?? ''}`}>
      <h4>{title}</h4>
      <ul className="j-plain">{children}</ul>
    </div>
  );
}

/** A refusal: what kind, in the reader's language, then the engine's sentence, which says what to do. */
export function ProblemText({ code, message }: { code: string; message: string }) {
  const { tDynamic } = useI18n();
  return (
    <div className="sync-problem">
      <strong>{tDynamic(`error.${code}`, undefined, code)}</strong>{' '}
      <span lang="en" data-testid="problem-message">
        {message}
      </span>
    </div>
  );
}

/** One bundle that was imported: from whom, how much applied, and what now waits for review. */
export function ImportedBundle({ bundle }: { bundle: BundleImportView }) {
  const { t, locale } = useI18n();
  const n = new Intl.NumberFormat(locale);
  // Older offices' records of a bundle have no count of changes kept out.
  const review = bundle.conflicts.identity + bundle.conflicts.stage + bundle.conflicts.clock + (bundle.conflicts.keptOut ?? 0);
  return (
    <div data-testid="imported-bundle">
      <strong>{t('sync.fromOffice', { office: bundle.from })}</strong>{' '}
      {bundle.status === 'already-imported' ? (
        <span className="hint">{t('sync.alreadyImported')}</span>
      ) : bundle.changes.received === 0 && bundle.events.added === 0 && bundle.attachments.added === 0 ? (
        <span className="hint">{t('sync.bundleEmpty')}</span>
      ) : (
        <span>{t('sync.bundleChanges', { applied: n.format(bundle.changes.applied), received: n.format(bundle.changes.received), people: n.format(bundle.people) })}</span>
      )}
      {review > 0 && (
        <>
          {' '}
          <a className="chip count" href="#/sync/conflicts">
            {t('sync.bundleConflicts', { n: n.format(review) })}
          </a>
        </>
      )}
      {bundle.changes.parked > 0 && <span className="chip hold">{t('sync.bundleParked', { n: n.format(bundle.changes.parked) })}</span>}
      {bundle.clockWarning && (
        <p className="alert warn" lang="en">
          {bundle.clockWarning}
        </p>
      )}
      {bundle.fileName && <div className="mono j-break hint">{bundle.fileName}</div>}
    </div>
  );
}

/**
 * "Apply anyway" for a bundle that deletes more than the share Homeward
 * accepts unasked: a dialog that repeats the engine's warning and applies
 * only once the coordinator ticks that the sender confirmed the deletions.
 */
export function ApplyAnyway({ file, message, onConfirm }: { file: string; message: string; onConfirm: () => Promise<ErrorBody | null> }) {
  const { t } = useI18n();
  const id = useId();
  const button = useRef<HTMLButtonElement>(null);
  const dialog = useDialogState<true>(button);
  const [checked, setChecked] = useState(false);
  const [unchecked, setUnchecked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [done, setDone] = useState(false);
  if (done) return <p className="alert ok">{t('sync.applied')}</p>;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (!checked) return setUnchecked(true);
    setBusy(true);
    const failure = await onConfirm();
    setBusy(false);
    if (failure) return setError(failure);
    setDone(true);
    dialog.close();
  };

  return (
    <>
      <button ref={button} type="button" className="btn small danger" onClick={() => dialog.open(true)} data-testid="apply-anyway">
        {t('sync.applyAnyway')}
      </button>
      {dialog.value && (
        <Dialog open title={t('sync.applyTitle', { file })} onClose={dialog.close}>
          <form onSubmit={(e) => void submit(e)} noValidate>
            <p>{t('sync.applyBody')}</p>
            <p className="alert warn" lang="en">
              {message}
            </p>
            <div className="field">
              <label className="sync-check">
                <input
                  type="checkbox"
                  checked={checked}
                  onChange={(e) => {
                    setChecked(e.target.checked);
                    setUnchecked(false);
                  }}
                  aria-invalid={unchecked || undefined}
                  aria-describedby={unchecked ? `${id}-error` : undefined}
                />
                {t('sync.applyConfirm')}
              </label>
              {unchecked && (
                <span className="error" id={`${id}-error`} role="alert">
                  {t('validation.required')}
                </span>
              )}
            </div>
            <EngineError error={error} />
            <DialogActions label={t('sync.applySubmit')} busy={busy} danger onCancel={dialog.close} />
          </form>
        </Dialog>
      )}
    </>
  );
}
