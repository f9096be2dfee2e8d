import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ImportFieldName, ImportMappingView, ImportRowView } from '../../../../src/api/views';
import type { ErrorBody } from '../../../../src/domain/errors';
import type { AlreadyImported } from '../../../../src/services/import/result';
import { api } from '../../api/transport';
import { Country } from '../../components/Country';
import { Reasons } from '../../components/Reasons';
import { latinName } from '../../format';
import { useI18n } from '../../i18n';
import { validationKey } from '../../i18n/messages';
import { scorePercent } from '../../i18n/reasons';
import { EngineError } from '../detail/EngineError';
import type { RowFilter } from './state';

const PAGE = 100;
const COLUMNS = ['import.col.row', 'import.col.name', 'import.col.sex', 'import.col.birth', 'import.col.nationality', 'import.col.document', 'import.col.check'] as const;

/** The checked rows of one filter, fetched a page at a time as they scroll into view. */
export function PreviewRows({ importId, mapping, filter }: { importId: string; mapping: ImportMappingView; filter: RowFilter }) {
  const { t } = useI18n();
  const [pages, setPages] = useState<Map<number, ImportRowView[]>>(new Map());
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const generation = useRef(0);
  const loading = useRef(new Set<number>());
  const body = useRef<HTMLDivElement>(null);

  const load = useCallback(
    async (page: number, gen: number) => {
      if (loading.current.has(page)) return;
      loading.current.add(page);
      const result = await api('import.rows', { importId, filter, offset: page * PAGE, limit: PAGE });
      loading.current.delete(page);
      if (gen !== generation.current) return;
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setError(null);
      setTotal(result.value.total);
      setPages((old) => new Map(old).set(page, result.value.rows));
    },
    [importId, filter],
  );

  useEffect(() => {
    generation.current++;
    loading.current.clear();
    setPages(new Map());
    setTotal(null);
    body.current?.scrollTo(0, 0);
    void load(0, generation.current);
  }, [load]);

  const virtualizer = useVirtualizer({
    count: total ?? 0,
    getScrollElement: () => body.current,
    estimateSize: () => 64,
    overscan: 6,
  });
  const items = virtualizer.getVirtualItems();

  useEffect(() => {
    const needed = new Set(items.map((i) => Math.floor(i.index / PAGE)));
    for (const page of needed) if (!pages.has(page)) void load(page, generation.current);
  }, [items, pages, load]);

  const rowAt = (index: number) => pages.get(Math.floor(index / PAGE))?.[index % PAGE];

  return (
    <>
    <EngineError error={error} />
    <div className="import-rows" role="table" aria-label={t('import.rowsLabel')} aria-rowcount={(total ?? 0) + 1}>
      <div role="rowgroup" className="head">
        <div role="row" aria-rowindex={1} className="tr">
          {COLUMNS.map((key) => (
            <span role="columnheader" key={key}>
              {t(key)}
            </span>
          ))}
        </div>
      </div>
      {total === null || total === 0 ? (
        <div role="rowgroup">
          <div role="row" className="empty">
            <span role="cell">{total === null ? (error ? '' : t('app.loading')) : t('import.noRows')}</span>
          </div>
        </div>
      ) : (
        <div role="rowgroup" className="body" ref={body} tabIndex={0} aria-label={t('import.rowsLabel')}>
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const r = rowAt(item.index);
              return (
                <div
                  key={item.key}
                  role="row"
                  aria-rowindex={item.index + 2}
                  data-index={item.index}
                  ref={virtualizer.measureElement}
                  className={`tr ${r ? `status-${r.status}${r.stored.length || r.inFile.length ? ' flagged' : ''}` : ''}`}
                  style={{ transform: `translateY(${item.start}px)` }}
                  data-row={r?.row}
                >
                  {r ? (
                    <Row r={r} mapping={mapping} />
                  ) : (
                    <span role="cell" className="hint">
                      …
                    </span>
                  )}
                </div>
              );
            })}
          </div>
        </div>
      )}
    </div>
    </>
  );
}

/** Where an already imported row was imported from, and whether it was known by the person's details rather than its place in the list. */
function EarlierImport({ existing }: { existing: ImportRowView['existing'] }) {
  const { t, locale } = useI18n();
  // import.rows sends the whole AlreadyImported (src/services/import/views.ts); without it, the case number alone.
  const e = existing as Partial<AlreadyImported> | null;
  if (!e?.match || e.row === undefined) return null;
  const params = { file: [e.fileName ?? '—', e.sheet].filter(Boolean).join(' › '), row: e.row.toLocaleString(locale) };
  return <div className="hint">{t(e.match === 'details' ? 'import.row.sameDetails' : 'import.row.importedFrom', params)}</div>;
}

/** The cells of the columns mapped to these fields, as written (for rows the check could not read). */
function written(r: ImportRowView, mapping: ImportMappingView, fields: ImportFieldName[]): string {
  return mapping.columns
    .map((c, i) => (c.field && fields.includes(c.field) ? (r.cells?.[i] ?? '').trim() : ''))
    .filter(Boolean)
    .join(' · ');
}

function Row({ r, mapping }: { r: ImportRowView; mapping: ImportMappingView }) {
  const { t, tDynamic, locale } = useI18n();
  const p = r.person;
  const latin = p ? latinName(p) : written(r, mapping, ['fullName', 'familyName', 'givenNames']);
  const native = p ? p.nativeName : written(r, mapping, ['nativeName']);
  const birth = p ? (p.birthDate ?? (p.estimatedAge !== null ? t('import.row.about', { age: p.estimatedAge }) : '—')) : written(r, mapping, ['birthDate', 'age']);
  const document = p ? p.documents.find((d) => d.number)?.number : written(r, mapping, ['passportNumber', 'documentNumber']);
  return (
    <>
      <span role="cell" className="n">
        {r.row}
      </span>
      <span role="cell" className="name">
        {latin && <span className="latin">{latin}</span>}
        {native && <span className="native">{native}</span>}
        {p && p.aliases.length > 0 && <span className="hint">{p.aliases.join(', ')}</span>}
        {!latin && !native && '—'}
      </span>
      <span role="cell">{p ? t(`sex.${p.sex}`) : written(r, mapping, ['sex'])}</span>
      <span role="cell">{birth}</span>
      <span role="cell">{p ? <Country code={p.claimedNationality} /> : written(r, mapping, ['claimedNationality'])}</span>
      <span role="cell" className="mono">
        {document || '—'}
      </span>
      <span role="cell" className="check">
        {r.status === 'valid' && <span className="chip ok">{t('import.row.valid')}</span>}
        {r.status === 'invalid' && <span className="chip bad">{t('import.row.invalid')}</span>}
        {r.status === 'already_imported' && r.existing && (
          <span>
            {t('import.row.already')}{' '}
            <a href={`#/person/${encodeURIComponent(r.existing.caseNumber)}`} className="mono">
              {r.existing.caseNumber}
            </a>
            <EarlierImport existing={r.existing} />
          </span>
        )}
        {r.problems.length > 0 && (
          <ul className="problems">
            {r.problems.map((problem, i) => {
              const key = validationKey(problem.reason);
              return (
                <li key={i}>
                  <strong>{tDynamic(`field.${problem.field}`, undefined, problem.field)}:</strong>{' '}
                  {key ? t(key) : <span lang="en">{problem.reason}</span>}
                </li>
              );
            })}
          </ul>
        )}
        {r.stored.map((hit) => (
          <div key={hit.personId} className="hit">
            {t('import.row.stored', { score: scorePercent(hit.score) })}{' '}
            <a href={`#/person/${encodeURIComponent(hit.caseNumber)}`} className="mono">
              {hit.caseNumber}
            </a>{' '}
            <span>{[latinName(hit.person), hit.person.nativeName].filter(Boolean).join(' · ')}</span>
            <Reasons reasons={hit.reasons} />
          </div>
        ))}
        {r.inFile.map((hit) => (
          <div key={hit.row} className="hit">
            {t('import.row.inFile', { row: hit.row.toLocaleString(locale), score: scorePercent(hit.score) })}
            <Reasons reasons={hit.reasons} />
          </div>
        ))}
        {r.remarks.length > 0 && (
          <span className="hint remarks" lang="en">
            {r.remarks.join(' · ')}
          </span>
        )}
      </span>
    </>
  );
}
