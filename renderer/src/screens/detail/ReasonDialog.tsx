import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { ErrorBody } from '../../../../src/domain/errors';
import { Dialog, DialogActions, Field } from '../../components/ui';
import { useI18n } from '../../i18n';
import { EngineError } from './EngineError';

/**
 * A modal that asks for a reason (required; Enter submits) and runs one call.
 * `onSubmit` resolves to the engine's error, or null once done (the owner
 * then closes the dialog). Extra fields go in `children`, before the reason.
 */
export function ReasonDialog({
  title,
  submitLabel,
  onSubmit,
  onClose,
  children,
  optional = false,
  label,
}: {
  title: string;
  submitLabel: string;
  onSubmit: (reason: string) => Promise<ErrorBody | null>;
  onClose: () => void;
  children?: ReactNode;
  /** the reason may be left empty (a note rather than a reason) */
  optional?: boolean;
  label?: string;
}) {
  const { t } = useI18n();
  const id = useId();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (!reason.trim() && !optional) {
      setMissing(true);
      return;
    }
    setBusy(true);
    setError(null);
    const failure = await onSubmit(reason.trim());
    if (failure) {
      setError(failure);
      setBusy(false);
    }
  };

  const reasonId = `${id}-reason`;
  return (
    <Dialog open title={title} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        {children}
        <Field label={label ?? t('detail.reason')} htmlFor={reasonId} hint={t('detail.reasonHint')} error={missing ? t('detail.reasonRequired') : undefined}>
          <input
            id={reasonId}
            type="text"
            autoComplete="off"
            required={!optional}
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
              if (e.target.value.trim()) setMissing(false);
            }}
            aria-invalid={missing ? true : undefined}
            aria-describedby={missing ? `${reasonId}-error` : `${reasonId}-hint`}
          />
        </Field>
        <EngineError error={error} />
        <DialogActions label={submitLabel} busy={busy} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
