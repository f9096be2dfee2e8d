import { useRef, useState } from 'react';
import type { ImportFileView } from '../../../../src/api/views';
import type { ErrorBody } from '../../../../src/domain/errors';
import { TEXT_ENCODINGS } from '../../../../src/services/import/decode';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { EngineError } from '../detail/EngineError';
import { encodingLabel, ReadRefusalText, readRefusal } from './ReadAgain';
import type { ReadOptions } from './state';

/** Below this, the encoding guess is shown as a warning: names may be garbled. */
const SURE = 0.8;

/** Step 2: how the file was read — encoding, sheet, and which row holds the column names. */
export function ReadingStep({
  file,
  options,
  reopen,
  onNext,
}: {
  file: ImportFileView;
  options: ReadOptions;
  reopen: (options: ReadOptions) => Promise<ErrorBody | null>;
  onNext: () => void;
}) {
  const { t, locale } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);
  /** the options being tried, or refused: the pickers show them rather than snapping back to what was read before */
  const [trying, setTrying] = useState<ReadOptions | null>(null);
  const generation = useRef(0);

  const change = async (patch: ReadOptions) => {
    const gen = ++generation.current;
    const next = { ...options, ...patch };
    setBusy(true);
    setError(null);
    setTrying(next);
    const failure = await reopen(next);
    if (gen !== generation.current) return;
    setBusy(false);
    setError(failure);
    if (!failure) setTrying(null);
  };

  const shown = trying ?? options;
  const guess = file.encodingGuess;
  const width = file.top.reduce((w, r) => Math.max(w, r.length), 0);
  const headerRow = file.mapping.headerRow;
  const refusal = readRefusal(error);
  // With no sheet asked for, the engine reads the first sheet with rows: the ones before it were empty.
  const skipped = !options.sheet && file.sheet ? file.sheets.slice(0, Math.max(0, file.sheets.indexOf(file.sheet))) : [];

  return (
    <div className="import-reading">
      <p>
        {t('import.reading.summary', {
          name: file.fileName,
          format: t(file.format === 'csv' ? 'import.reading.format.csv' : 'import.reading.format.xlsx'),
          rows: file.dataRows.toLocaleString(locale),
        })}
      </p>
      {file.previousImports.map((p) => (
        <p key={p.batchId} className="alert warn">
          {t('import.reading.previous', { date: formatDateTime(p.importedAt, locale), actor: p.importedBy, created: p.created.toLocaleString(locale) })}
        </p>
      ))}
      <div className="import-read-options">
        {file.format === 'csv' && (
          <div className="field">
            <label htmlFor="import-encoding">{t('import.reading.encoding')}</label>
            <select
              id="import-encoding"
              value={shown.encoding ?? file.encoding ?? guess?.encoding ?? 'utf-8'}
              onChange={(e) => void change({ encoding: e.target.value })}
              aria-describedby="import-encoding-hint"
            >
              {TEXT_ENCODINGS.map((e) => (
                <option key={e} value={e}>
                  {encodingLabel(e)}
                </option>
              ))}
            </select>
            {guess && (
              <span id="import-encoding-hint" className={guess.confidence < SURE && !options.encoding ? 'alert warn import-inline-alert' : 'hint'}>
                {options.encoding && guess.confidence === 0
                  ? // Chosen after Homeward could not read the file on its own: there is no guess to show.
                    t('import.reading.encodingChosen')
                  : guess.confidence < SURE && !options.encoding
                    ? t('import.reading.encodingUnsure')
                    : t('import.reading.encodingGuess', { encoding: encodingLabel(guess.encoding), confidence: Math.round(guess.confidence * 100) })}
              </span>
            )}
          </div>
        )}
        {file.sheets.length > 1 && (
          <div className="field">
            <label htmlFor="import-sheet">{t('import.reading.sheet')}</label>
            <select
              id="import-sheet"
              value={shown.sheet ?? file.sheet ?? ''}
              onChange={(e) => void change({ sheet: e.target.value, headerRow: undefined })}
              aria-describedby={skipped.length ? 'import-sheet-hint' : undefined}
            >
              {file.sheets.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
            {skipped.length > 0 && file.sheet && (
              <span id="import-sheet-hint" className="alert warn import-inline-alert">
                {skipped.length === 1
                  ? t('import.reading.sheetSkipped', { empty: skipped[0]!, sheet: file.sheet })
                  : t('import.reading.sheetsSkipped', { empty: skipped.map((s) => `“${s}”`).join(', '), sheet: file.sheet })}
              </span>
            )}
          </div>
        )}
      </div>

      <fieldset className="import-header-rows">
        <legend>{t('import.reading.headerRow')}</legend>
        <p className="hint" id="import-header-hint">
          {t('import.reading.headerRowHint')}
        </p>
        <div className="import-table-wrap">
          <table className="import-top" aria-label={t('import.reading.top')}>
            <tbody>
              {file.top.map((row, i) => (
                <tr key={i} className={i === headerRow ? 'is-header' : i < headerRow ? 'above' : ''}>
                  <th scope="row">
                    <label>
                      <input
                        type="radio"
                        name="import-header-row"
                        value={i}
                        checked={i === headerRow}
                        onChange={() => void change({ headerRow: i })}
                        aria-describedby="import-header-hint"
                      />{' '}
                      {t('import.reading.rowN', { n: i + 1 })}
                    </label>
                  </th>
                  {Array.from({ length: width }, (_, c) => (
                    <td key={c} title={row[c] ?? ''}>
                      {row[c] ?? ''}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </fieldset>

      {file.issues.length > 0 && (
        <div className="alert warn">
          <p>{t('import.reading.issues')}</p>
          <ul lang="en">
            {file.issues.map((issue, i) => (
              <li key={i}>{issue}</li>
            ))}
          </ul>
        </div>
      )}
      <div role="status" aria-live="polite">
        {busy && <p className="hint">{t('import.working')}</p>}
      </div>
      {error && refusal ? <ReadRefusalText error={error} refusal={refusal} fileName={file.fileName} /> : <EngineError error={error} />}
      <div className="actions">
        <button type="button" className="btn primary" onClick={onNext} disabled={busy || error !== null}>
          {t('import.next')}: {t('import.step.columns')}
        </button>
      </div>
    </div>
  );
}
