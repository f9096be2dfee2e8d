import { useEffect, useId, useRef, type ReactNode } from 'react';
import type { ErrorBody } from '../../../src/domain/errors';
import { useI18n } from '../i18n';
import { errorText } from '../i18n/messages';

/** Small shared pieces of the screens. */

export function ErrorAlert({ error }: { error: ErrorBody | null }) {
  const { t, tDynamic } = useI18n();
  if (!error) return null;
  return (
    <div className="alert error" role="alert">
      {errorText(t, tDynamic, error)}
    </div>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <div className="empty" role="status" aria-live="polite">
      {t('app.loading')}
    </div>
  );
}

export function Field({ label, htmlFor, error, hint, children }: { label: string; htmlFor: string; error?: string | undefined; hint?: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={htmlFor}>{label}</label>
      {children}
      {hint && !error && (
        <span className="hint" id={`${htmlFor}-hint`}>
          {hint}
        </span>
      )}
      {error && (
        <span className="error" id={`${htmlFor}-error`} role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

/** A modal dialog that traps focus natively (<dialog>), closes on Escape. */
export function Dialog({ open, title, onClose, children }: { open: boolean; title: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  // Closing on unmount lets the browser return focus to where it was.
  useEffect(() => () => ref.current?.close(), []);
  return (
    <dialog ref={ref} onClose={onClose} aria-labelledby={titleId}>
      <h2 id={titleId}>{title}</h2>
      {open && children}
    </dialog>
  );
}

/** A dialog form's buttons: submit (`busyLabel` while it runs) and Cancel. */
export function DialogActions({
  label,
  busy,
  busyLabel,
  disabled = false,
  danger = false,
  onCancel,
}: {
  label: string;
  busy: boolean;
  busyLabel?: string;
  disabled?: boolean;
  danger?: boolean;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  return (
    <div className="row dialog-actions">
      <button type="submit" className={danger ? 'btn danger' : 'btn primary'} disabled={busy || disabled}>
        {busy ? (busyLabel ?? t('detail.working')) : label}
      </button>
      <button type="button" className="btn" onClick={onCancel}>
        {t('app.cancel')}
      </button>
    </div>
  );
}
