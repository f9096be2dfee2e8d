import { useCallback, useId, useState } from 'react';
import type { ErrorBody } from '../../../../src/domain/errors';
import { readBase64 } from '../../api/files';
import { useI18n } from '../../i18n';

/** A copy of `set` with `item` added, or taken out if it was there (a ticked row). */
export function toggled<T>(set: ReadonlySet<T>, item: T): Set<T> {
  const next = new Set(set);
  if (next.has(item)) next.delete(item);
  else next.add(item);
  return next;
}

/**
 * A form's text fields and which of the `required` ones were left empty:
 * `check()` marks the empty ones and moves the focus to the first; typing in
 * a field clears its mark. `f(name)` is a field's element id.
 */
export function useRequiredFields<F extends Record<string, string>, R extends keyof F & string>(initial: F, required: readonly R[]) {
  const { t } = useI18n();
  const id = useId();
  const [values, setValues] = useState(initial);
  const [missing, setMissing] = useState<Set<R>>(new Set());
  const f = (name: string) => `${id}-${name}`;
  const set = (name: keyof F & string) => (e: { target: { value: string } }) => {
    setValues((v) => ({ ...v, [name]: e.target.value }));
    setMissing((m) => {
      const next = new Set(m);
      next.delete(name as R);
      return next;
    });
  };
  const check = (): boolean => {
    const empty = new Set<R>(required.filter((k) => !values[k]!.trim()));
    setMissing(empty);
    if (empty.size) document.getElementById(f([...empty][0]!))?.focus();
    return empty.size === 0;
  };
  /** The field's "required" message while it is marked empty. */
  const error = (name: R) => (missing.has(name) ? t('validation.required') : undefined);
  /** The field's invalid state, pointing at that message. */
  const req = (name: R) => (missing.has(name) ? { 'aria-invalid': true as const, 'aria-describedby': `${f(name)}-error` } : {});
  return { values, setValues, set, check, error, req, f };
}

/** Reads a chosen file as base64; a file that cannot be read becomes the error the screen shows. */
export function useReadFile() {
  const { t } = useI18n();
  return useCallback(
    async (file: File): Promise<{ ok: true; data: string } | { ok: false; error: ErrorBody }> => {
      try {
        return { ok: true, data: await readBase64(file) };
      } catch {
        return { ok: false, error: { code: 'FILE_UNREADABLE', message: t('detail.fileUnreadable') } };
      }
    },
    [t],
  );
}
