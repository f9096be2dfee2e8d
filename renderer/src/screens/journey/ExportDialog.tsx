import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { Result } from '../../../../src/api/contract';
import type { ExportFile, RecipientView } from '../../../../src/api/journey-views';
import type { ErrorBody } from '../../../../src/domain/errors';
import { downloadBase64 } from '../../api/files';
import { api } from '../../api/transport';
import { Dialog, DialogActions, Field } from '../../components/ui';
import { countryLabel } from '../../format';
import { useI18n } from '../../i18n';
import { EngineError } from '../detail/EngineError';
import { useDialogState } from '../detail/useDialogState';
import { recipientKindLabel } from './recipients';
import { MIN_EXPORT_PASSPHRASE } from '../../../../src/domain/recipient';

/** The engine checks it too; checked here so the person hears at once. */
const MIN_PASSPHRASE = MIN_EXPORT_PASSPHRASE;
const PASSPHRASE_ONLY = '';

export type ExportTarget = { recipient?: string; passphrase?: string };

/**
 * Who an export is encrypted to: a recipient with a key, or a passphrase
 * agreed with the receiver (typed twice, never stored). Saves the file the
 * engine makes through the browser's download and hands it to `onDone`.
 */
type ExportWhat = {
  title: string;
  intro: string;
  /** the recipient chosen when the list or handover was made */
  stored: RecipientView | null;
  /** the country of the list or handover: its recipients are offered first */
  country: string | null;
  run: (target: ExportTarget) => Promise<Result<ExportFile>>;
};

export function ExportDialog({ title, intro, stored, country, run, onDone, onClose }: ExportWhat & { onDone: (file: ExportFile) => void; onClose: () => void }) {
  const { t, locale } = useI18n();
  const id = useId();
  const [recipients, setRecipients] = useState<RecipientView[] | null>(null);
  // A recipient removed since takes nothing new: the coordinator picks another.
  const [target, setTarget] = useState<string>(stored && !stored.removed ? stored.id : PASSPHRASE_ONLY);
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void api('recipient.list', {}).then((r) => {
      if (!r.ok) {
        setError(r.error);
        return;
      }
      const sorted = [...r.value].sort((a, b) => Number(b.country === country) - Number(a.country === country));
      setRecipients(sorted);
      if (!stored) {
        const withKey = sorted.find((x) => x.country === country && x.kind === 'x25519');
        if (withKey) setTarget(withKey.id);
      }
    });
  }, [country, stored]);

  const chosen = recipients?.find((r) => r.id === target) ?? (stored?.id === target ? stored : null);
  const needsPassphrase = !chosen || chosen.kind === 'passphrase';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setError(null);
    setProblem(null);
    if (needsPassphrase) {
      if ([...passphrase].length < MIN_PASSPHRASE) {
        setProblem(t('export.passphraseShort', { n: MIN_PASSPHRASE }));
        return;
      }
      if (passphrase !== repeat) {
        setProblem(t('export.passphraseMismatch'));
        return;
      }
    }
    setBusy(true);
    const result = await run({ ...(chosen ? { recipient: chosen.id } : {}), ...(needsPassphrase ? { passphrase } : {}) });
    setBusy(false);
    if (!result.ok) {
      if (result.error.code === 'PASSPHRASE_TOO_WEAK') setProblem(t('export.passphraseShort', { n: MIN_PASSPHRASE }));
      else if (result.error.code === 'PASSPHRASE_REQUIRED') setProblem(t('export.passphraseRequired'));
      else setError(result.error);
      return;
    }
    downloadBase64({ fileName: result.value.fileName, mime: 'application/octet-stream', data: result.value.data });
    onDone(result.value);
  };

  const describe = (r: RecipientView) => `${r.name}${r.country ? ` · ${countryLabel(r.country, locale)}` : ''} · ${recipientKindLabel(t, r.kind)}`;

  return (
    <Dialog open title={title} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate className="j-export">
        <p>{intro}</p>
        <Field label={t('export.to')} htmlFor={`${id}-to`} hint={needsPassphrase ? t('export.toHintPassphrase') : t('export.toHint')}>
          <select id={`${id}-to`} value={target} onChange={(e) => setTarget(e.target.value)} aria-describedby={`${id}-to-hint`} disabled={busy}>
            {stored && !recipients?.some((r) => r.id === stored.id) && <option value={stored.id}>{describe(stored)}</option>}
            {(recipients ?? []).map((r) => (
              <option key={r.id} value={r.id}>
                {describe(r)}
              </option>
            ))}
            {!(stored && stored.kind === 'x25519') && <option value={PASSPHRASE_ONLY}>{t('export.passphraseOnly')}</option>}
          </select>
        </Field>
        {needsPassphrase ? (
          <>
            <Field label={t('export.passphrase')} htmlFor={`${id}-pass`} hint={t('export.passphraseHint', { n: MIN_PASSPHRASE })}>
              <input
                id={`${id}-pass`}
                type="password"
                autoComplete="new-password"
                value={passphrase}
                onChange={(e) => {
                  setPassphrase(e.target.value);
                  setProblem(null);
                }}
                aria-describedby={`${id}-pass-hint`}
                disabled={busy}
              />
            </Field>
            <Field label={t('export.repeat')} htmlFor={`${id}-repeat`}>
              <input id={`${id}-repeat`} type="password" autoComplete="new-password" value={repeat} onChange={(e) => {
                  setRepeat(e.target.value);
                  setProblem(null);
                }} disabled={busy} />
            </Field>
          </>
        ) : (
          chosen?.fingerprint && <p className="hint">{t('export.keyNote', { fingerprint: chosen.fingerprint })}</p>
        )}
        {problem && (
          <p className="alert error" role="alert">
            {problem}
          </p>
        )}
        <EngineError error={error} />
        <div role="status" aria-live="polite">
          {busy && <p className="hint">{t('export.working')}</p>}
        </div>
        <DialogActions label={t('export.submit')} busy={busy} busyLabel={t('export.workingShort')} disabled={recipients === null} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

/** What was saved: the file's name, who can open it, its SHA-256. */
export function ExportedNote({ file }: { file: ExportFile }) {
  const { t } = useI18n();
  return (
    <div className="alert ok j-exported" data-testid="exported">
      <p>
        <strong>{t('export.saved', { name: file.fileName })}</strong>
      </p>
      <p>{t('export.encryptedTo', { who: file.encryptedTo.join(' · ') })}</p>
      <p className="hint">
        SHA-256 <span className="mono j-break">{file.sha256}</span>
      </p>
    </div>
  );
}

/**
 * The export of a list or handover: a button that opens the dialog (focus
 * comes back to it), the note of what was saved beneath it, and the saving
 * announced through the screen's `announce`.
 */
export function useExport(announce: (text: string) => void) {
  const { t } = useI18n();
  const button = useRef<HTMLButtonElement>(null);
  const dialog = useDialogState<true>(button);
  const [exported, setExported] = useState<ExportFile | null>(null);
  const trigger = (label: string) => (
    <>
      <button ref={button} type="button" className="btn primary" onClick={() => dialog.open(true)}>
        {label}
      </button>
      {exported && <ExportedNote file={exported} />}
    </>
  );
  const renderDialog = (what: ExportWhat) =>
    dialog.value && (
      <ExportDialog
        {...what}
        onClose={dialog.close}
        onDone={(file) => {
          setExported(file);
          dialog.close();
          announce(t('export.saved', { name: file.fileName }));
        }}
      />
    );
  return { trigger, dialog: renderDialog };
}
