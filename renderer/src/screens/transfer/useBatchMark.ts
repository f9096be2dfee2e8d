import { useState, type FormEvent } from 'react';
import type { BatchView, TransferMemberView } from '../../../../src/api/journey-views';
import type { ErrorBody } from '../../../../src/domain/errors';
import type { MemberMark } from '../../../../src/domain/transfer';
import { api } from '../../api/transport';

/** One person's check-off mark saved from a dialog (a correction, or missing with its incident note). */
export function useBatchMark(batch: Pick<BatchView, 'code'>, onDone: (view: BatchView, member: TransferMemberView) => void) {
  const [error, setError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async (e: FormEvent, person: string, mark: MemberMark, note: string) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    const result = await api('batch.mark', { batch: batch.code, person, mark, note: note.trim() || null });
    setBusy(false);
    if (!result.ok) setError(result.error);
    else onDone(result.value.batch, result.value.member);
  };
  return { busy, error, save };
}
