import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorBody } from '../../../src/domain/errors';
import { api } from '../api/transport';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/en';
import { CheckStep } from './import/CheckStep';
import { ColumnsStep } from './import/ColumnsStep';
import { FileStep } from './import/FileStep';
import { PreviewStep } from './import/PreviewStep';
import { ReadingStep } from './import/ReadingStep';
import { RegisterStep } from './import/RegisterStep';
import { EMPTY, forgetImport, keepWizard, keptWizard, mappingJson, setEngineMapping, STEPS, type ReadOptions, type Step, type WizardState } from './import/state';
import './import/import.css';

const STEP_NAMES: Record<Step, MessageKey> = {
  file: 'import.step.file',
  reading: 'import.step.reading',
  columns: 'import.step.columns',
  check: 'import.step.check',
  preview: 'import.step.preview',
  register: 'import.step.register',
};

/**
 * Bulk intake of a rescue list: choose the file, see how it was read, say what
 * each column holds, check every row (a dry run), look at what the check
 * found, and register everyone at once. Nothing is stored before the last step.
 */
export function ImportScreen() {
  const { t } = useI18n();
  const [state, setState] = useState<WizardState>(() => keptWizard() ?? EMPTY);
  const heading = useRef<HTMLHeadingElement>(null);
  const current = useRef(state);
  current.current = state;

  useEffect(() => {
    keepWizard(state.outcome ? null : state);
  }, [state]);

  // Each step takes the focus: the file chooser on the first, the step's heading on the others, so
  // keyboard and screen reader users start at the top of what is new.
  useEffect(() => {
    if (state.step === 'file') document.getElementById('import-file')?.focus();
    else heading.current?.focus();
  }, [state.step]);

  const update = useCallback((patch: Partial<WizardState>) => setState((s) => ({ ...s, ...patch })), []);
  const go = useCallback((step: Step, notice: string | null = null) => setState((s) => ({ ...s, step, notice })), []);

  /** Reads the file (again) with these options; the list opened before is forgotten. */
  const open = useCallback(
    async (source: { fileName: string; data: string }, options: ReadOptions): Promise<ErrorBody | null> => {
      const result = await api('import.open', {
        fileName: source.fileName,
        data: source.data,
        ...(options.encoding ? { encoding: options.encoding } : {}),
        ...(options.sheet ? { sheet: options.sheet } : {}),
        ...(options.headerRow !== undefined ? { headerRow: options.headerRow } : {}),
        ...(options.mappingName ? { mappingName: options.mappingName } : {}),
      });
      if (!result.ok) return result.error;
      const file = result.value;
      setEngineMapping(file.importId, mappingJson(file.mapping, file.mappingName));
      const before = current.current.file;
      if (before && before.importId !== file.importId && !current.current.outcome) void api('import.close', { importId: before.importId });
      setState((s) => ({ ...s, source, options, file, mapping: file.mapping, mappingName: file.mappingName, summary: null, filter: 'all', outcome: null }));
      return null;
    },
    [],
  );

  const startOver = useCallback(() => {
    forgetImport();
    setState(EMPTY);
  }, []);

  const index = STEPS.indexOf(state.step);
  const { file, mapping, source } = state;

  return (
    <section className="import" aria-labelledby="import-title">
      <h1 id="import-title">{t('import.title')}</h1>
      <ol className="import-steps" aria-label={t('import.steps')}>
        {STEPS.map((s, i) => (
          <li key={s} aria-current={i === index ? 'step' : undefined} className={i < index || state.outcome ? 'done' : i === index ? 'current' : ''}>
            <span className="n" aria-hidden="true">
              {i + 1}
            </span>
            {t(STEP_NAMES[s])}
          </li>
        ))}
      </ol>
      <div className="panel import-step">
        <h2 ref={heading} tabIndex={-1} id="import-step-title">
          <span className="import-step-n">{t('import.stepOf', { n: index + 1, total: STEPS.length })}</span> {t(STEP_NAMES[state.step])}
        </h2>
        {state.notice && (
          <p className="alert warn" role="status">
            {state.notice}
          </p>
        )}
        {state.step === 'file' && (
          <FileStep
            onOpen={async (src, options) => {
              const error = await open(src, options);
              if (!error) go('reading');
              return error;
            }}
          />
        )}
        {state.step === 'reading' && file && source && (
          <ReadingStep file={file} options={state.options} reopen={(options) => open(source, options)} onNext={() => go('columns')} />
        )}
        {state.step === 'columns' && file && mapping && (
          <ColumnsStep
            file={file}
            mapping={mapping}
            mappingName={state.mappingName}
            onChange={(next) => update({ mapping: next, summary: null })}
            onMappingName={(name) => update({ mappingName: name })}
            onBack={() => go('reading')}
            onNext={() => go('check')}
          />
        )}
        {state.step === 'check' && file && (
          <CheckStep
            importId={file.importId}
            total={file.dataRows}
            onCancel={() => go('columns', t('import.check.cancelled'))}
            onDone={(summary) => setState((s) => ({ ...s, summary, step: 'preview', notice: null }))}
          />
        )}
        {state.step === 'preview' && file && mapping && state.summary && (
          <PreviewStep
            file={file}
            mapping={mapping}
            summary={state.summary}
            filter={state.filter}
            onFilter={(filter) => update({ filter })}
            onBack={() => go('columns')}
            onNext={() => go('register')}
          />
        )}
        {state.step === 'register' && file && state.summary && (
          <RegisterStep
            file={file}
            summary={state.summary}
            outcome={state.outcome}
            onOutcome={(outcome) => update({ outcome })}
            onBack={() => go('preview')}
            onAnother={startOver}
          />
        )}
        {state.step !== 'file' && !(state.step === 'register' && state.outcome) && (
          <p className="import-start-over">
            <button type="button" className="link" onClick={startOver}>
              {t('import.startOver')}
            </button>
          </p>
        )}
      </div>
    </section>
  );
}
