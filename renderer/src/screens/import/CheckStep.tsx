import { useEffect, useRef, useState } from 'react';
import type { ImportSummaryView } from '../../../../src/api/views';
import type { ErrorBody } from '../../../../src/domain/errors';
import { api } from '../../api/transport';
import { useI18n } from '../../i18n';
import { EngineError } from '../detail/EngineError';

/** Rows per call: small enough that the bar moves often, large enough that the calls cost little. */
const CHUNK = 500;

/**
 * Step 4: the dry run, a chunk of rows per call until the engine says done.
 * Every call is a round trip to the engine (which runs off the UI thread), so
 * the window stays responsive and Stop is heard between two chunks.
 */
export function CheckStep({
  importId,
  total: initialTotal,
  onCancel,
  onDone,
}: {
  importId: string;
  total: number;
  onCancel: () => void;
  onDone: (summary: ImportSummaryView) => void;
}) {
  const { t, locale } = useI18n();
  const [progress, setProgress] = useState({ checked: 0, total: initialTotal });
  const [error, setError] = useState<ErrorBody | null>(null);
  const [attempt, setAttempt] = useState(0);
  const running = useRef(0);
  const callbacks = useRef({ onDone });
  callbacks.current = { onDone };

  useEffect(() => {
    const run = ++running.current;
    setError(null);
    const loop = async () => {
      for (;;) {
        const result = await api('import.check', { importId, maxRows: CHUNK });
        if (run !== running.current) return; // stopped, or the step was left
        if (!result.ok) {
          setError(result.error);
          return;
        }
        const { checked, total, done, summary } = result.value;
        setProgress({ checked, total });
        if (done && summary) {
          callbacks.current.onDone(summary);
          return;
        }
      }
    };
    // Started on the next tick: an effect that is set up, torn down and set up again at once
    // (React's StrictMode does so) must not send two checks, each taking its own chunk of rows.
    const start = setTimeout(() => void loop(), 0);
    return () => {
      clearTimeout(start);
      running.current++;
    };
  }, [importId, attempt]);

  const stop = () => {
    running.current++;
    onCancel();
  };

  const percent = progress.total ? Math.floor((progress.checked / progress.total) * 100) : 100;
  const label = t('import.check.progress', { checked: progress.checked.toLocaleString(locale), total: progress.total.toLocaleString(locale) });
  return (
    <div className="import-check">
      <p>{t('import.check.intro')}</p>
      <div className="import-progress">
        <span id="import-progress-label" className="label">
          {t('import.check.progressLabel')}
        </span>
        <progress max={progress.total || 1} value={progress.checked} aria-labelledby="import-progress-label" aria-valuetext={label} data-testid="import-progress" />
        <p role="status" aria-live="polite" className="import-progress-text">
          {label} <span aria-hidden="true">({percent}%)</span>
        </p>
      </div>
      <EngineError error={error} />
      <div className="actions">
        {error ? (
          <button type="button" className="btn primary" onClick={() => setAttempt((a) => a + 1)}>
            {t('app.retry')}
          </button>
        ) : null}
        <button type="button" className="btn" onClick={stop}>
          {t('import.check.cancel')}
        </button>
      </div>
    </div>
  );
}
