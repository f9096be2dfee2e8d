import { useState } from 'react';
import type { Result } from '../../../../src/api/contract';
import type { ErrorBody } from '../../../../src/domain/errors';

/**
 * A sync call whose answer the screen shows: a pass or an import. It may stop
 * to ask (too many deletions), so it is run again with "Apply anyway"; the
 * sync status is reloaded after every run, refused or not.
 */
export function useSyncRun<T>(onChanged: () => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [result, setResult] = useState<T | null>(null);
  const run = async (call: () => Promise<Result<T>>): Promise<Result<T>> => {
    setBusy(true);
    setError(null);
    setResult(null);
    const r = await call();
    setBusy(false);
    onChanged();
    if (r.ok) setResult(r.value);
    else setError(r.error);
    return r;
  };
  return { busy, error, setError, result, setResult, run };
}
