import { useState } from 'react';
import type { ImportFileView, ImportMappingView, ImportSummaryView } from '../../../../src/api/views';
import type { ErrorBody } from '../../../../src/domain/errors';
import { downloadBase64 } from '../../api/files';
import { api } from '../../api/transport';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/en';
import { EngineError } from '../detail/EngineError';
import { PreviewRows } from './PreviewRows';
import type { RowFilter } from './state';

const TOTALS: [keyof ImportSummaryView, MessageKey, string][] = [
  ['valid', 'import.total.valid', 'ok'],
  ['invalid', 'import.total.invalid', 'bad'],
  ['alreadyImported', 'import.total.alreadyImported', ''],
  ['blank', 'import.total.blank', ''],
  ['duplicatesOfStored', 'import.total.duplicatesOfStored', 'warn'],
  ['duplicatesInFile', 'import.total.duplicatesInFile', 'warn'],
];

const FILTERS: [RowFilter, MessageKey, (s: ImportSummaryView) => number][] = [
  ['all', 'import.filter.all', (s) => s.rows],
  ['invalid', 'import.filter.invalid', (s) => s.invalid],
  ['flagged', 'import.filter.flagged', (s) => s.flagged],
  ['already_imported', 'import.filter.already_imported', (s) => s.alreadyImported],
];

/** Step 5: what the check found, row by row, before anything is registered. */
export function PreviewStep({
  file,
  mapping,
  summary,
  filter,
  onFilter,
  onBack,
  onNext,
}: {
  file: ImportFileView;
  mapping: ImportMappingView;
  summary: ImportSummaryView;
  filter: RowFilter;
  onFilter: (filter: RowFilter) => void;
  onBack: () => void;
  onNext: () => void;
}) {
  const { t, locale } = useI18n();
  const [error, setError] = useState<ErrorBody | null>(null);
  const [downloading, setDownloading] = useState(false);
  const n = (v: number) => v.toLocaleString(locale);

  const downloadErrors = async () => {
    if (downloading) return;
    setDownloading(true);
    setError(null);
    const result = await api('import.errorFile', { importId: file.importId });
    setDownloading(false);
    if (!result.ok) setError(result.error);
    else if (result.value) downloadBase64(result.value);
  };

  return (
    <div className="import-preview">
      <h3 id="import-totals-title">{t('import.preview.totals')}</h3>
      <dl className="import-totals" aria-labelledby="import-totals-title">
        <div>
          <dt>{t('import.total.rows')}</dt>
          <dd data-testid="total-rows">{n(summary.rows)}</dd>
        </div>
        {TOTALS.map(([key, label, tone]) => (
          <div key={key} className={summary[key] ? tone : ''}>
            <dt>{t(label)}</dt>
            <dd data-testid={`total-${key}`}>{n(summary[key])}</dd>
          </div>
        ))}
      </dl>

      {summary.valid === 0 && (
        <p className="alert warn" role="status">
          {t('import.nothingToRegister')}
        </p>
      )}
      <div className="import-toolbar">
        <button type="button" className="btn primary" onClick={onNext} disabled={summary.valid === 0}>
          {t('import.registerN', { n: n(summary.valid) })}
        </button>
        {summary.invalid > 0 && (
          <button type="button" className="btn" onClick={() => void downloadErrors()} aria-busy={downloading || undefined} aria-describedby="import-errorfile-hint">
            {t('import.errorFile', { n: n(summary.invalid) })}
          </button>
        )}
        <button type="button" className="btn" onClick={onBack}>
          {t('import.back')}
        </button>
      </div>
      {summary.invalid > 0 && (
        <p className="hint" id="import-errorfile-hint">
          {t('import.errorFileHint')}
        </p>
      )}
      <EngineError error={error} />
      <div className="import-filter stages" role="group" aria-label={t('import.filter')}>
        {FILTERS.map(([value, label, count]) => (
          <button key={value} type="button" aria-pressed={filter === value} onClick={() => onFilter(value)} data-filter={value}>
            {t(label)}
            <span className="n">{n(count(summary))}</span>
          </button>
        ))}
      </div>

      <PreviewRows importId={file.importId} mapping={mapping} filter={filter} />
    </div>
  );
}
