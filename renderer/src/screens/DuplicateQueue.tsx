import { useCallback, useEffect, useRef, useState } from 'react';
import type { DuplicateCandidateView } from '../../../src/api/views';
import type { ErrorBody } from '../../../src/domain/errors';
import { api } from '../api/transport';
import { Reasons } from '../components/Reasons';
import { Loading } from '../components/ui';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { scorePercent } from '../i18n/reasons';
import { navigate } from '../router';
import { EngineError } from './detail/EngineError';
import { takeFlash } from './duplicates/flash';
import { PersonLine } from './duplicates/PersonLine';
import './duplicates/duplicates.css';

type Status = 'open' | 'merged' | 'different';
const STATUSES: Status[] = ['open', 'merged', 'different'];
const PAGE = 100;

/** Remembered for the session, like the people list's filters. */
let rememberedStatus: Status = 'open';

/** The review queue: pairs that may be one person, strongest first; ↑ ↓ move, Enter opens the pair. */
export function DuplicateQueue({ personRef }: { personRef?: string | undefined }) {
  const { t, locale } = useI18n();
  const [status, setStatus] = useState<Status>(rememberedStatus);
  const [pairs, setPairs] = useState<DuplicateCandidateView[] | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [selected, setSelected] = useState(0);
  const [flash] = useState(takeFlash);
  const listRef = useRef<HTMLDivElement>(null);
  const focusedOnce = useRef(false);

  const load = useCallback(
    async (offset: number) => {
      const result = await api('duplicate.list', { status, limit: PAGE, offset, ...(personRef ? { ref: personRef } : {}) });
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setError(null);
      setTotal(result.value.total);
      setPairs((old) => (offset === 0 ? result.value.candidates : [...(old ?? []), ...result.value.candidates]));
    },
    [status, personRef],
  );

  useEffect(() => {
    rememberedStatus = status;
    setPairs(null);
    setSelected(0);
    void load(0);
  }, [load, status]);

  // The keyboard starts on the queue, so ↓ and Enter work at once.
  useEffect(() => {
    if (pairs && pairs.length > 0 && !focusedOnce.current) {
      focusedOnce.current = true;
      listRef.current?.focus();
    }
  }, [pairs]);

  const open = (index: number) => {
    const pair = pairs?.[index];
    if (pair) navigate({ name: 'pair', id: pair.id, ref: personRef });
  };
  const move = (to: number) => {
    if (!pairs?.length) return;
    const next = Math.max(0, Math.min(pairs.length - 1, to));
    setSelected(next);
    document.getElementById(`pair-${next}`)?.scrollIntoView({ block: 'nearest' });
  };
  const onKey = (e: React.KeyboardEvent) => {
    const step = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 }[e.key];
    if (step !== undefined) {
      e.preventDefault();
      move(selected + step);
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      move(e.key === 'Home' ? 0 : (pairs?.length ?? 1) - 1);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      open(selected);
    }
  };

  return (
    <section aria-labelledby="dup-title" className="dup-queue">
      <div className="list-head">
        <h1 id="dup-title">
          {t('dup.title')} {status === 'open' && pairs && <span className="chip count">{total.toLocaleString(locale)}</span>}
        </h1>
      </div>
      <div role="status" aria-live="polite">
        {flash && <p className="alert ok">{t(flash.key, flash.params)}</p>}
      </div>
      <p className="hint">
        {t('dup.intro')} {t('dup.keys')}
      </p>
      {personRef && (
        <p className="alert warn">
          {t('dup.filteredFor', { caseNumber: personRef })}{' '}
          <a href="#/duplicates">{t('dup.showAll')}</a>
        </p>
      )}
      <div className="stages" role="group" aria-label={t('dup.status')}>
        {STATUSES.map((s) => (
          <button key={s} type="button" aria-pressed={status === s} onClick={() => setStatus(s)}>
            {t(`dup.status.${s}`)}
          </button>
        ))}
      </div>
      <EngineError error={error} />
      {!pairs && !error ? (
        <Loading />
      ) : pairs && pairs.length === 0 ? (
        <div className="empty panel">{status === 'open' ? t('dup.empty') : t('dup.emptyDecided')}</div>
      ) : pairs ? (
        <div
          className="dup-list"
          ref={listRef}
          tabIndex={0}
          role="listbox"
          aria-label={t('dup.rowsLabel')}
          aria-activedescendant={pairs[selected] ? `pair-${selected}` : undefined}
          onKeyDown={onKey}
        >
          {pairs.map((pair, i) => (
            <div
              key={pair.id}
              id={`pair-${i}`}
              role="option"
              aria-selected={i === selected}
              className="dup-item"
              onClick={() => setSelected(i)}
              onDoubleClick={() => open(i)}
            >
              <span className="dup-score">{t('dup.score', { score: scorePercent(pair.score) })}</span>
              <span className="dup-people">
                <PersonLine p={pair.a} />
                <PersonLine p={pair.b} />
              </span>
              <span className="dup-why">
                <Reasons reasons={pair.reasons} />
                <span className="hint">
                  {t(`dup.foundBy.${pair.foundBy}`)} · {formatDateTime(pair.decidedAt ?? pair.createdAt, locale)}
                  {pair.decidedBy ? ` · ${pair.decidedBy}` : ''}
                </span>
              </span>
            </div>
          ))}
        </div>
      ) : null}
      {pairs && pairs.length > 0 && (
        <div className="row dup-foot">
          <p className="hint" role="status" aria-live="polite" data-testid="dup-count">
            {t('dup.count', { shown: pairs.length.toLocaleString(locale), total: total.toLocaleString(locale) })}
          </p>
          {pairs.length < total && (
            <button type="button" className="btn small" onClick={() => void load(pairs.length)}>
              {t('dup.more')}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
