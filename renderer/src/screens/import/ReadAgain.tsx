import { useEffect, useRef, useState } from 'react';
import type { ImportOpenRefusal } from '../../../../src/api/contract';
import type { ErrorBody } from '../../../../src/domain/errors';
import { ENCODING_LABELS, TEXT_ENCODINGS, type DecodeProblem, type TextEncodingName } from '../../../../src/services/import/decode';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/en';

type EncodingRefusal = Extract<ImportOpenRefusal, { reason: 'encoding' }>;
type SheetRefusal = Extract<ImportOpenRefusal, { reason: 'sheet' }>;

const PROBLEMS: Record<DecodeProblem, MessageKey> = {
  'invalid-bytes': 'import.unreadable.invalidBytes',
  'odd-length': 'import.unreadable.oddLength',
  'unassigned-bytes': 'import.unreadable.unassignedBytes',
};

export const encodingLabel = (e: string): string => ENCODING_LABELS[e as TextEncodingName] ?? e;

const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

/** The engine's refusal to read a list when it says which encodings or sheets to try instead (see ImportOpenRefusal). */
export function readRefusal(error: ErrorBody | null): ImportOpenRefusal | null {
  const d = error?.details as Record<string, unknown> | undefined;
  if (!d || typeof d !== 'object') return null;
  if (d.reason === 'encoding' && Array.isArray(d.tried) && isStringList(d.readable)) return d as unknown as EncodingRefusal;
  if (d.reason === 'sheet' && isStringList(d.sheets) && isStringList(d.empty)) return d as unknown as SheetRefusal;
  return null;
}

/** Sheets worth trying after this refusal: not known to be empty, not the one that failed. */
const sheetChoices = (r: SheetRefusal) => r.sheets.filter((s) => s !== r.sheet && !r.empty.includes(s));

/** Whether reading again with another encoding or sheet may work. */
export const canReadAgain = (r: ImportOpenRefusal): boolean => r.reason === 'encoding' || sheetChoices(r).length > 0;

/** The first encoding worth trying: one that reads every byte, else one not tried yet. */
function firstEncoding(r: EncodingRefusal): string {
  const tried = new Set<string>(r.tried.map((a) => a.encoding));
  return r.readable[0] ?? TEXT_ENCODINGS.find((e) => !tried.has(e)) ?? TEXT_ENCODINGS[0]!;
}

/** Why the file could not be read, in the reader's language: what was tried, what does read it, what to do. */
export function ReadRefusalText({ error, refusal, fileName, id }: { error: ErrorBody; refusal: ImportOpenRefusal; fileName: string; id?: string }) {
  const { t } = useI18n();
  if (refusal.reason === 'encoding') {
    return (
      <div className="alert error" role="alert" id={id}>
        <p className="engine-text">
          <strong>
            {refusal.chosen ? t('import.unreadable.chosen', { name: fileName, encoding: encodingLabel(refusal.chosen) }) : t('import.unreadable.title', { name: fileName })}
          </strong>
        </p>
        <p>{t('import.unreadable.tried')}</p>
        <ul>
          {refusal.tried.map((a) => (
            <li key={a.encoding}>
              {encodingLabel(a.encoding)}: {PROBLEMS[a.problem] ? t(PROBLEMS[a.problem]) : a.problem}
            </li>
          ))}
        </ul>
        {refusal.readable.length > 0 && <p>{t('import.unreadable.readable', { encodings: refusal.readable.map(encodingLabel).join(', ') })}</p>}
        <p>{t('import.unreadable.choose')}</p>
      </div>
    );
  }
  const empty = refusal.sheet !== null && refusal.empty.includes(refusal.sheet);
  return (
    <div className="alert error" role="alert" id={id}>
      <p className="engine-text">
        <strong>{refusal.sheet === null ? t('import.sheet.allEmpty') : t(empty ? 'import.sheet.empty' : 'import.sheet.unreadable', { sheet: refusal.sheet })}</strong>
      </p>
      {/* A missing or damaged sheet: the engine's sentence says what is wrong with it. */}
      {refusal.sheet !== null && !empty && (
        <p className="engine-detail">
          {t('detail.engineSays')} <span lang="en">{error.message}</span>
        </p>
      )}
      {sheetChoices(refusal).length > 0 && <p>{t('import.sheet.choose')}</p>}
    </div>
  );
}

/**
 * After a refusal on the first step: the encoding (CSV) or sheet (XLSX)
 * pickers and a button to read the same file again, so a wrong guess never
 * means choosing the file again. The keyboard lands on the picker, which
 * starts on the likeliest choice; Tab, then Enter, reads again.
 */
export function ReadAgain({
  error,
  refusal,
  fileName,
  busy,
  onRetry,
}: {
  error: ErrorBody;
  refusal: ImportOpenRefusal;
  fileName: string;
  busy: boolean;
  onRetry: (choice: { encoding?: string; sheet?: string }) => void;
}) {
  const { t } = useI18n();
  const picker = useRef<HTMLSelectElement>(null);
  const [encoding, setEncoding] = useState('');
  const [sheet, setSheet] = useState('');

  // Each new refusal starts the pickers on its likeliest choice and takes the focus there.
  useEffect(() => {
    if (refusal.reason === 'encoding') setEncoding(firstEncoding(refusal));
    else setSheet(sheetChoices(refusal)[0] ?? '');
    picker.current?.focus();
  }, [refusal]);

  const tried = refusal.reason === 'encoding' ? new Set<string>(refusal.tried.map((a) => a.encoding)) : new Set<string>();
  const encodingOption = (e: string) => {
    if (refusal.reason !== 'encoding') return encodingLabel(e);
    if (tried.has(e)) return t('import.retry.failed', { option: encodingLabel(e) });
    if (refusal.readable.includes(e as TextEncodingName)) return t('import.retry.reads', { option: encodingLabel(e) });
    return encodingLabel(e);
  };
  const sheetOption = (s: string) => {
    if (refusal.reason !== 'sheet') return s;
    if (refusal.empty.includes(s)) return t('import.retry.empty', { option: s });
    if (s === refusal.sheet) return t('import.retry.failed', { option: s });
    return s;
  };

  return (
    <form
      className="import-read-again"
      onSubmit={(e) => {
        e.preventDefault();
        if (busy) return;
        onRetry(refusal.reason === 'encoding' ? { encoding } : { sheet });
      }}
    >
      <ReadRefusalText error={error} refusal={refusal} fileName={fileName} id="import-read-refusal" />
      <div className="import-read-options">
        {refusal.reason === 'encoding' ? (
          <div className="field">
            <label htmlFor="import-retry-encoding">{t('import.reading.encoding')}</label>
            <select id="import-retry-encoding" ref={picker} value={encoding} onChange={(e) => setEncoding(e.target.value)} aria-describedby="import-read-refusal">
              {TEXT_ENCODINGS.map((e) => (
                <option key={e} value={e}>
                  {encodingOption(e)}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <div className="field">
            <label htmlFor="import-retry-sheet">{t('import.reading.sheet')}</label>
            <select id="import-retry-sheet" ref={picker} value={sheet} onChange={(e) => setSheet(e.target.value)} aria-describedby="import-read-refusal">
              {refusal.sheets.map((s) => (
                <option key={s} value={s}>
                  {sheetOption(s)}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      <p>
        <button type="submit" className="btn primary" aria-disabled={busy || undefined}>
          {t('import.retry.submit')}
        </button>
      </p>
    </form>
  );
}
