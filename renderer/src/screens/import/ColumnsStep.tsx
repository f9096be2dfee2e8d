import { useCallback, useEffect, useRef, useState } from 'react';
import type { ImportFieldName, ImportFileView, ImportMappingView } from '../../../../src/api/views';
import type { ErrorBody } from '../../../../src/domain/errors';
import { api } from '../../api/transport';
import { useCountryOptions } from '../../components/countries';
import { Picker } from '../../components/Picker';
import { Field } from '../../components/ui';
import { useI18n } from '../../i18n';
import { EngineError } from '../detail/EngineError';
import { FIELDS, mappingInput, mappingProblems } from './mapping';
import { engineMapping, mappingJson, setEngineMapping } from './state';

type TextDefault = 'rescueSite' | 'rescueDate' | 'rescueOperation' | 'rescueGroup';
const TEXT_DEFAULTS: TextDefault[] = ['rescueSite', 'rescueDate', 'rescueOperation', 'rescueGroup'];
const NAME_ORDERS = ['auto', 'family_first', 'given_first'] as const;
/** Typing in a default waits for a pause before the engine hears of it. */
const TYPING_PAUSE = 400;

/** Step 3: what each column holds, the values every row shares, and saving the mapping for next time. */
export function ColumnsStep({
  file,
  mapping,
  mappingName,
  onChange,
  onMappingName,
  onBack,
  onNext,
}: {
  file: ImportFileView;
  mapping: ImportMappingView;
  mappingName: string | null;
  onChange: (mapping: ImportMappingView) => void;
  onMappingName: (name: string) => void;
  onBack: () => void;
  onNext: () => void;
}) {
  const { t, locale } = useI18n();
  const countries = useCountryOptions(locale);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState(false);
  const [saveName, setSaveName] = useState(mappingName ?? '');
  const [saveMissing, setSaveMissing] = useState(false);
  const [savedAs, setSavedAs] = useState<string | null>(null);
  const [showProblems, setShowProblems] = useState(false);
  const latest = useRef({ mapping, mappingName });
  latest.current = { mapping, mappingName };
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const problems = mappingProblems(mapping);

  /** Sends the mapping to the engine unless it has it already; resolves to whether the engine took it. */
  const flush = useCallback(async (): Promise<boolean> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const { mapping: m, mappingName: name } = latest.current;
    if (mappingProblems(m).any) return false;
    const json = mappingJson(m, name);
    if (engineMapping(file.importId) === json) return true;
    setBusy(true);
    const result = await api('import.map', { importId: file.importId, mapping: mappingInput(m), mappingName: name });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return false;
    }
    setEngineMapping(file.importId, json);
    setError(null);
    return true;
  }, [file.importId]);

  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  const change = (next: ImportMappingView, delay = 0) => {
    onChange(next);
    latest.current = { ...latest.current, mapping: next };
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), delay);
  };

  const setField = (column: number, field: ImportFieldName | null) =>
    change({ ...mapping, columns: mapping.columns.map((c, i) => (i === column ? { ...c, field } : c)) });
  const setDefault = (key: TextDefault | 'claimedNationality', value: string, delay = TYPING_PAUSE) =>
    change({ ...mapping, defaults: { ...mapping.defaults, [key]: value } }, delay);

  const next = async () => {
    if (problems.any) {
      setShowProblems(true);
      const first = document.querySelector<HTMLElement>('.import-columns [aria-invalid="true"], #import-default-rescueDate[aria-invalid="true"]');
      first?.focus();
      return;
    }
    if (await flush()) onNext();
  };

  const save = async () => {
    const name = saveName.trim();
    if (!name) {
      setSaveMissing(true);
      return;
    }
    if (problems.any) {
      setShowProblems(true);
      return;
    }
    if (busy) return;
    setBusy(true);
    const result = await api('import.saveMapping', { name, mapping: mappingInput(mapping) });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setSavedAs(name);
    onMappingName(name);
    latest.current = { ...latest.current, mappingName: name };
    void flush();
  };

  const samples = (column: number) =>
    file.top
      .slice(mapping.headerRow + 1)
      .map((row) => (row[column] ?? '').trim())
      .filter(Boolean)
      .slice(0, 3);
  const shown = showProblems || problems.duplicateColumns.size > 0;
  // What the saved mapping left out, as long as the coordinator has not mapped it since.
  const leftOut = (file.savedMappingFit?.unmatched ?? []).filter((c) => !mapping.columns[c.column]?.field);
  const notFound = (file.savedMappingFit?.missing ?? []).filter((m) => !mapping.columns.some((c) => c.field === m.field));

  return (
    <div className="import-columns-step">
      {mappingName && <p className="hint">{t('import.mapping.using', { name: mappingName })}</p>}
      {leftOut.length > 0 && (
        <p className="alert warn" data-testid="mapping-new-columns">
          {t('import.mapping.newColumns', { columns: leftOut.map((c) => `“${c.header}”`).join(', ') })}
        </p>
      )}
      {notFound.length > 0 && (
        <p className="alert warn" data-testid="mapping-missing-columns">
          {t('import.mapping.missingColumns', { columns: notFound.map((c) => `“${c.header}”`).join(', ') })}
        </p>
      )}
      <p>{t('import.columns.intro')}</p>
      {problems.noName && (
        <p className="alert error" role="alert">
          {t('import.columns.noName')}
        </p>
      )}
      <div className="import-table-wrap">
        <table className="import-columns">
          <thead>
            <tr>
              <th scope="col">{t('import.columns.column')}</th>
              <th scope="col">{t('import.columns.header')}</th>
              <th scope="col">{t('import.columns.samples')}</th>
              <th scope="col">{t('import.columns.field')}</th>
            </tr>
          </thead>
          <tbody>
            {mapping.columns.map((c, i) => {
              const duplicate = shown && problems.duplicateColumns.has(i);
              const header = c.header.trim() || t('import.columns.noHeader');
              return (
                <tr key={i} className={c.field ? '' : 'not-imported'}>
                  <td className="n">{i + 1}</td>
                  <th scope="row" className="header">
                    {header}
                  </th>
                  <td className="samples">
                    <div className="samples-line" title={samples(i).join('\n')}>
                      {samples(i).join(' · ')}
                    </div>
                  </td>
                  <td className="field-cell">
                    <label htmlFor={`import-col-${i}`} className="sr-only">
                      {t('import.columns.fieldFor', { n: i + 1, header })}
                    </label>
                    <select
                      id={`import-col-${i}`}
                      value={c.field ?? ''}
                      onChange={(e) => setField(i, (e.target.value || null) as ImportFieldName | null)}
                      aria-invalid={duplicate || undefined}
                      aria-describedby={duplicate ? `import-col-${i}-error` : undefined}
                    >
                      <option value="">{t('import.columns.notImported')}</option>
                      {FIELDS.map((f) => (
                        <option key={f} value={f}>
                          {t(`field.${f}`)}
                        </option>
                      ))}
                    </select>
                    {duplicate && (
                      <span className="error" id={`import-col-${i}-error`}>
                        {t('import.columns.duplicateField')}
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <fieldset>
        <legend>{t('import.defaults.title')}</legend>
        <p className="hint">{t('import.defaults.hint')}</p>
        <div className="grid import-defaults">
          {TEXT_DEFAULTS.map((key) => {
            const bad = key === 'rescueDate' && problems.badDate;
            return (
              <Field key={key} label={t(`field.${key}`)} htmlFor={`import-default-${key}`} error={bad ? t('import.columns.badDate') : undefined}>
                <input
                  id={`import-default-${key}`}
                  value={mapping.defaults[key] ?? ''}
                  onChange={(e) => setDefault(key, e.target.value)}
                  onBlur={() => void flush()}
                  placeholder={key === 'rescueDate' ? 'YYYY-MM-DD' : undefined}
                  autoComplete="off"
                  aria-invalid={bad || undefined}
                  aria-describedby={bad ? `import-default-${key}-error` : undefined}
                />
              </Field>
            );
          })}
          <Field label={t('field.claimedNationality')} htmlFor="import-default-nationality">
            <Picker
              id="import-default-nationality"
              options={countries}
              value={mapping.defaults.claimedNationality ? [mapping.defaults.claimedNationality] : []}
              onChange={(v) => setDefault('claimedNationality', v[0] ?? '', 0)}
            />
          </Field>
          <Field label={t('import.defaults.nameOrder')} htmlFor="import-name-order">
            <select id="import-name-order" value={mapping.nameOrder} onChange={(e) => change({ ...mapping, nameOrder: e.target.value as ImportMappingView['nameOrder'] })}>
              {NAME_ORDERS.map((o) => (
                <option key={o} value={o}>
                  {t(`import.nameOrder.${o}`)}
                </option>
              ))}
            </select>
          </Field>
        </div>
      </fieldset>

      <div className="field import-save-mapping">
        <label htmlFor="import-mapping-name">{t('import.mapping.saveAs')}</label>
        <div className="row">
          <input
            id="import-mapping-name"
            value={saveName}
            onChange={(e) => {
              setSaveName(e.target.value);
              if (e.target.value.trim()) setSaveMissing(false);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                void save();
              }
            }}
            autoComplete="off"
            aria-invalid={saveMissing || undefined}
            aria-describedby={saveMissing ? 'import-mapping-name-error' : 'import-mapping-name-hint'}
          />
          <button type="button" className="btn" onClick={() => void save()}>
            {t('import.mapping.save')}
          </button>
        </div>
        {saveMissing ? (
          <span className="error" id="import-mapping-name-error" role="alert">
            {t('import.mapping.nameRequired')}
          </span>
        ) : (
          <span className="hint" id="import-mapping-name-hint">
            {t('import.mapping.saveHint')}
          </span>
        )}
      </div>
      <div role="status" aria-live="polite">
        {savedAs && <p className="alert ok">{t('import.mapping.saved', { name: savedAs })}</p>}
        {busy && <p className="hint">{t('import.working')}</p>}
      </div>
      <EngineError error={error} />
      <div className="actions">
        <button type="button" className="btn primary" onClick={() => void next()}>
          {t('import.check.start')}
        </button>
        <button type="button" className="btn" onClick={onBack}>
          {t('import.back')}
        </button>
      </div>
    </div>
  );
}
