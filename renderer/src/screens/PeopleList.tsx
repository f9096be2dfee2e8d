import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { PersonFacets, PersonList, PersonSummary } from '../../../src/api/views';
import type { ErrorBody } from '../../../src/domain/errors';
import { VULNERABILITY_CODES } from '../../../src/domain/reference/indicators';
import { ACTIVE_STAGES, EXIT_STAGES, HOLD_KINDS, type Stage } from '../../../src/domain/stages';
import { api } from '../api/transport';
import { Country } from '../components/Country';
import { ErrorAlert, Loading } from '../components/ui';
import { countryLabel, formatDateTime, formatDay, latinName } from '../format';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n/en';
import { navigate } from '../router';

const PAGE = 200;
type Sort = 'case_number' | 'name' | 'updated' | 'age';

interface Filters {
  search: string;
  stage: Stage | '';
  nationality: string;
  site: string;
  hold: string;
  vulnerability: string;
  sort: Sort;
  descending: boolean;
}

const NO_FILTERS: Filters = { search: '', stage: '', nationality: '', site: '', hold: '', vulnerability: '', sort: 'case_number', descending: false };

/** Remembered for the session, so coming back from a person keeps the list as it was. */
let remembered: Filters = NO_FILTERS;

function query(f: Filters, offset: number) {
  return {
    ...(f.search.trim() ? { search: f.search.trim() } : {}),
    ...(f.stage ? { stage: f.stage } : {}),
    ...(f.nationality ? { nationality: f.nationality } : {}),
    ...(f.site ? { site: f.site } : {}),
    ...(f.hold ? { hold: f.hold as never } : {}),
    ...(f.vulnerability ? { vulnerability: f.vulnerability } : {}),
    sort: f.sort,
    descending: f.descending,
    limit: PAGE,
    offset,
  };
}

export function PeopleList() {
  const { t, locale } = useI18n();
  const [filters, setFilters] = useState<Filters>(remembered);
  const [debounced, setDebounced] = useState<Filters>(remembered);
  const [pages, setPages] = useState<Map<number, PersonSummary[]>>(new Map());
  const [result, setResult] = useState<Pick<PersonList, 'total' | 'stageCounts'> | null>(null);
  const [facets, setFacets] = useState<PersonFacets | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [selected, setSelected] = useState(0);
  const [openPairs, setOpenPairs] = useState<number | null>(null);
  const generation = useRef(0);
  const loading = useRef(new Set<number>());
  const searchRef = useRef<HTMLInputElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    remembered = filters;
    // Type-ahead: wait for a short pause in typing; other filters apply at once.
    const delay = filters.search !== debounced.search ? 120 : 0;
    const timer = setTimeout(() => setDebounced(filters), delay);
    return () => clearTimeout(timer);
  }, [filters, debounced.search]);

  const loadPage = useCallback(
    async (page: number, current: Filters, gen: number) => {
      if (loading.current.has(page)) return;
      loading.current.add(page);
      const res = await api('person.list', query(current, page * PAGE));
      loading.current.delete(page);
      if (gen !== generation.current) return;
      if (!res.ok) {
        setError(res.error);
        return;
      }
      setError(null);
      setResult({ total: res.value.total, stageCounts: res.value.stageCounts });
      setPages((old) => new Map(old).set(page, res.value.people));
    },
    [],
  );

  useEffect(() => {
    generation.current++;
    loading.current.clear();
    setPages(new Map());
    setSelected(0);
    void loadPage(0, debounced, generation.current);
  }, [debounced, loadPage]);

  useEffect(() => {
    void api('person.facets', {}).then((r) => r.ok && setFacets(r.value));
    void api('duplicate.list', { status: 'open', limit: 1 }).then((r) => r.ok && setOpenPairs(r.value.total));
    searchRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const total = result?.total ?? 0;
  const virtualizer = useVirtualizer({ count: total, getScrollElement: () => bodyRef.current, estimateSize: () => 40, overscan: 12 });
  const items = virtualizer.getVirtualItems();

  // Fetch the pages the visible rows fall in.
  useEffect(() => {
    const needed = new Set(items.map((i) => Math.floor(i.index / PAGE)));
    for (const page of needed) if (!pages.has(page)) void loadPage(page, debounced, generation.current);
  }, [items, pages, debounced, loadPage]);

  const personAt = (index: number) => pages.get(Math.floor(index / PAGE))?.[index % PAGE];
  const open = (index: number) => {
    const p = personAt(index);
    if (p) navigate({ name: 'person', ref: p.caseNumber });
  };
  const move = (to: number) => {
    const next = Math.max(0, Math.min(total - 1, to));
    setSelected(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };
  const onListKey = (e: React.KeyboardEvent) => {
    const step = { ArrowDown: 1, ArrowUp: -1, PageDown: 15, PageUp: -15 }[e.key];
    if (step !== undefined) {
      e.preventDefault();
      move(selected + step);
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      move(e.key === 'Home' ? 0 : total - 1);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      open(selected);
    }
  };
  const onSearchKey = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      bodyRef.current?.focus();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      open(selected);
    } else if (e.key === 'Escape') setFilters({ ...filters, search: '' });
  };

  const set = <K extends keyof Filters>(key: K, value: Filters[K]) => setFilters({ ...filters, [key]: value });
  const sortBy = (sort: Sort) => setFilters({ ...filters, sort, descending: filters.sort === sort ? !filters.descending : false });
  const anyFilter = filters.nationality || filters.site || filters.hold || filters.vulnerability || filters.stage || filters.search;
  const stageCounts = result?.stageCounts ?? {};
  const allCount = Object.values(stageCounts).reduce<number>((a, b) => a + (b ?? 0), 0);
  const nationalityOptions = useMemo(
    () => (facets?.nationalities ?? []).map((f) => ({ value: f.value, label: `${countryLabel(f.value, locale)} (${f.count})` })),
    [facets, locale],
  );

  const columns: [string, MessageKey, Sort | null][] = [
    ['case', 'list.col.case', 'case_number'],
    ['name', 'list.col.name', 'name'],
    ['native', 'list.col.native', null],
    ['sex', 'list.col.sex', null],
    ['age', 'list.col.age', 'age'],
    ['nat', 'list.col.nationality', null],
    ['stage', 'list.col.stage', null],
    ['holds', 'list.col.holds', null],
    ['site', 'list.col.site', null],
    ['updated', 'list.col.updated', 'updated'],
  ];

  return (
    <section aria-labelledby="list-title">
      <div className="list-head">
        <h1 id="list-title">{t('list.title')}</h1>
        {openPairs !== null && openPairs > 0 && (
          <a className="btn" href="#/duplicates" data-testid="list-duplicates">
            {t('list.duplicates', { n: openPairs.toLocaleString(locale) })}
          </a>
        )}
        <a className="btn" href="#/import" aria-keyshortcuts="Alt+I">
          {t('list.import')}
        </a>
      </div>
      <div className="toolbar">
        <div className="field search">
          <label htmlFor="search">{t('list.search')}</label>
          <input
            id="search"
            ref={searchRef}
            type="search"
            value={filters.search}
            placeholder={t('list.searchPlaceholder')}
            onChange={(e) => set('search', e.target.value)}
            onKeyDown={onSearchKey}
            autoComplete="off"
            spellCheck={false}
            title="Ctrl+K"
          />
        </div>
        <FilterSelect id="f-nat" label={t('list.nationality')} value={filters.nationality} onChange={(v) => set('nationality', v)} options={nationalityOptions} />
        <FilterSelect
          id="f-site"
          label={t('list.site')}
          value={filters.site}
          onChange={(v) => set('site', v)}
          options={(facets?.sites ?? []).map((f) => ({ value: f.value, label: `${f.value} (${f.count})` }))}
        />
        <FilterSelect
          id="f-hold"
          label={t('list.hold')}
          value={filters.hold}
          onChange={(v) => set('hold', v)}
          options={[{ value: 'any', label: t('list.anyHold') }, ...HOLD_KINDS.map((k) => ({ value: k, label: t(`hold.${k}`) }))]}
        />
        <FilterSelect
          id="f-vul"
          label={t('list.vulnerability')}
          value={filters.vulnerability}
          onChange={(v) => set('vulnerability', v)}
          options={VULNERABILITY_CODES.map((v) => ({ value: v, label: t(`vulnerability.${v}`) }))}
        />
        {anyFilter && (
          <button className="btn" onClick={() => setFilters({ ...NO_FILTERS, sort: filters.sort, descending: filters.descending })}>
            {t('list.clearFilters')}
          </button>
        )}
      </div>
      <div className="stages" role="group" aria-label={t('list.stageStrip')}>
        <button aria-pressed={filters.stage === ''} onClick={() => set('stage', '')}>
          {t('list.allStages')}
          <span className="n">{allCount.toLocaleString(locale)}</span>
        </button>
        {[...ACTIVE_STAGES, ...EXIT_STAGES].map((s) =>
          stageCounts[s] || filters.stage === s || (ACTIVE_STAGES as readonly string[]).includes(s) ? (
            <button key={s} aria-pressed={filters.stage === s} onClick={() => set('stage', filters.stage === s ? '' : s)}>
              {t(`stage.${s}`)}
              <span className="n">{(stageCounts[s] ?? 0).toLocaleString(locale)}</span>
            </button>
          ) : null,
        )}
      </div>
      <ErrorAlert error={error} />
      <div className="table">
        <div className="head" role="presentation">
          {columns.map(([id, key, sort]) =>
            sort ? (
              <button key={id} onClick={() => sortBy(sort)} aria-label={t('list.sortBy', { column: t(key) })} aria-pressed={filters.sort === sort}>
                {t(key)} <span aria-hidden="true">{filters.sort === sort ? (filters.descending ? '▼' : '▲') : ''}</span>
              </button>
            ) : (
              <span key={id}>{t(key)}</span>
            ),
          )}
        </div>
        {!result && !error ? (
          <Loading />
        ) : total === 0 ? (
          <div className="empty">
            {anyFilter ? (
              t('list.noMatch')
            ) : (
              <>
                <p>{t('list.empty')}</p>
                <a className="btn primary" href="#/new">
                  {t('list.emptyAction')}
                </a>
              </>
            )}
          </div>
        ) : (
          <div
            className="body"
            ref={bodyRef}
            tabIndex={0}
            role="listbox"
            aria-label={t('list.rowsLabel')}
            aria-activedescendant={personAt(selected) ? `row-${selected}` : undefined}
            onKeyDown={onListKey}
          >
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {items.map((item) => {
                const p = personAt(item.index);
                return (
                  <div
                    key={item.key}
                    id={`row-${item.index}`}
                    className="tr"
                    role="option"
                    aria-selected={item.index === selected}
                    style={{ transform: `translateY(${item.start}px)` }}
                    onClick={() => setSelected(item.index)}
                    onDoubleClick={() => open(item.index)}
                  >
                    {p ? <Row p={p} /> : <span className="hint">…</span>}
                  </div>
                );
              })}
            </div>
          </div>
        )}
      </div>
      <p className="hint" role="status" aria-live="polite" data-testid="list-count">
        {result ? t('list.count', { shown: Math.min(total, PAGE * pages.size).toLocaleString(locale), total: total.toLocaleString(locale) }) : ''}
      </p>
    </section>
  );
}

function Row({ p }: { p: PersonSummary }) {
  const { t, locale } = useI18n();
  const nationality = p.confirmedNationality ?? p.claimedNationality;
  return (
    <>
      <span className="mono">{p.caseNumber}</span>
      <span>{latinName(p) || '—'}</span>
      <span>{p.nativeName ?? ''}</span>
      <span title={t(`sex.${p.sex}`)}>{t(`sexShort.${p.sex}`)}</span>
      <span>{p.age ?? '—'}</span>
      <span title={p.confirmedNationality ? t('field.confirmedNationality') : t('field.claimedNationality')}>
        <Country code={nationality} suffix={p.confirmedNationality ? ' ✓' : ''} />
      </span>
      <span>
        <span className={`chip stage-${p.stage}`}>{t(`stage.${p.stage}`)}</span>
      </span>
      <span>
        {p.openHolds.map((h) => (
          <span key={h} className="chip hold">
            {t(`hold.${h}`)}
          </span>
        ))}
      </span>
      <span>{p.rescueSite ?? ''}</span>
      <span title={formatDateTime(p.updatedAt, locale)}>{formatDay(p.updatedAt, locale)}</span>
    </>
  );
}

function FilterSelect({ id, label, value, onChange, options }: { id: string; label: string; value: string; onChange: (v: string) => void; options: { value: string; label: string }[] }) {
  const { t } = useI18n();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('list.any')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
