import { useEffect, useRef, useState } from 'react';
import type { ErrorBody } from '../../../../src/domain/errors';
import { readBase64 } from '../../api/files';
import { api } from '../../api/transport';
import { useI18n } from '../../i18n';
import { EngineError } from '../detail/EngineError';
import { canReadAgain, ReadAgain, readRefusal } from './ReadAgain';
import type { ReadOptions } from './state';

type Source = { fileName: string; data: string };

/**
 * Step 1: the file, read here with FileReader and handed to the engine, which
 * proposes how to read it. When the engine cannot read it (a wrong encoding,
 * an empty sheet), the step offers the encodings or sheets to try and reads
 * the same file again.
 */
export function FileStep({ onOpen }: { onOpen: (source: Source, options: ReadOptions) => Promise<ErrorBody | null> }) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [saved, setSaved] = useState<string[]>([]);
  const [mappingName, setMappingName] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [unreadable, setUnreadable] = useState(false);
  /** the file last chosen, kept to read it again with another encoding or sheet */
  const [source, setSource] = useState<Source | null>(null);

  useEffect(() => {
    void api('import.mappings', {}).then((r) => r.ok && setSaved(r.value.map((m) => m.name)));
  }, []);

  const read = async (chosen: Source, choice: ReadOptions = {}): Promise<boolean> => {
    setBusy(chosen.fileName);
    const failure = await onOpen(chosen, { ...(mappingName ? { mappingName } : {}), ...choice });
    if (!failure) return true;
    setError(failure);
    setBusy(null);
    return false;
  };

  const choose = async (file: File | undefined) => {
    if (!file || busy) return;
    setError(null);
    setUnreadable(false);
    setSource(null);
    setBusy(file.name);
    let data: string;
    try {
      data = await readBase64(file);
    } catch {
      setUnreadable(true);
      setBusy(null);
      return;
    }
    const chosen = { fileName: file.name, data };
    setSource(chosen);
    // The same file may be chosen again after a fix: let the input report it as a change.
    if (!(await read(chosen)) && input.current) input.current.value = '';
  };

  const refusal = readRefusal(error);

  return (
    <div className="import-file">
      {saved.length > 0 && (
        <div className="field">
          <label htmlFor="import-mapping">{t('import.file.mapping')}</label>
          <select id="import-mapping" value={mappingName} onChange={(e) => setMappingName(e.target.value)} aria-describedby="import-mapping-hint">
            <option value="">{t('import.file.mappingAuto')}</option>
            {saved.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
          <span className="hint" id="import-mapping-hint">
            {t('import.file.mappingHint')}
          </span>
        </div>
      )}
      <div className="field">
        <label htmlFor="import-file">{t('import.file.label')}</label>
        <input
          id="import-file"
          ref={input}
          type="file"
          accept=".csv,.tsv,.txt,.xlsx,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => void choose(e.target.files?.[0])}
          aria-describedby="import-file-hint"
        />
        <span className="hint" id="import-file-hint">
          {t('import.file.hint')}
        </span>
      </div>
      <div role="status" aria-live="polite">
        {busy && <p className="hint">{t('import.file.reading', { name: busy })}</p>}
      </div>
      {unreadable && (
        <p className="alert error" role="alert">
          {t('import.file.unreadable')}
        </p>
      )}
      {error && source && refusal && canReadAgain(refusal) ? (
        <ReadAgain error={error} refusal={refusal} fileName={source.fileName} busy={busy !== null} onRetry={(choice) => void read(source, choice)} />
      ) : (
        <EngineError error={error} />
      )}
    </div>
  );
}
