import { useCallback, useEffect, useRef, useState } from 'react';
import type { DuplicateCandidateView, DuplicatePair, PersonView } from '../../../src/api/views';
import type { ErrorBody } from '../../../src/domain/errors';
import type { MergeField } from '../../../src/domain/merge';
import { api } from '../api/transport';
import { Country } from '../components/Country';
import { Reasons } from '../components/Reasons';
import { Loading } from '../components/ui';
import { formatDateTime, latinName } from '../format';
import { useI18n } from '../i18n';
import { scorePercent } from '../i18n/reasons';
import { navigate } from '../router';
import { EngineError } from './detail/EngineError';
import { isTypingTarget, orDash, StageChip } from './detail/labels';
import { ReasonDialog } from './detail/ReasonDialog';
import { COMPARE_FIELDS, defaultSide, type Side } from './duplicates/compare';
import { setFlash, takeFlash } from './duplicates/flash';
import './duplicates/duplicates.css';

/** Queue order: strongest first, then oldest. */
const before = (x: DuplicateCandidateView, y: DuplicateCandidateView) =>
  x.score !== y.score ? x.score > y.score : x.createdAt !== y.createdAt ? x.createdAt < y.createdAt : x.id < y.id;

/**
 * One pair side by side. The left record stays; per differing field the
 * coordinator picks whose value it keeps. M merges, D records two different
 * people, S swaps which record stays, N skips to the next pair.
 */
export function DuplicatePairScreen({ id, personRef }: { id: string; personRef?: string | undefined }) {
  const { t, locale } = useI18n();
  const [pair, setPair] = useState<DuplicatePair | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [actionError, setActionError] = useState<ErrorBody | null>(null);
  const [leftIsA, setLeftIsA] = useState(true);
  /** explicit choices: the id of the record whose value the field keeps */
  const [chosen, setChosen] = useState<Partial<Record<MergeField, string>>>({});
  const [dialog, setDialog] = useState<'merge' | 'different' | null>(null);
  const [notice] = useState(takeFlash);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    void api('duplicate.get', { id }).then((r) => (r.ok ? setPair(r.value) : setError(r.error)));
  }, [id]);

  useEffect(() => {
    if (pair) heading.current?.focus();
  }, [pair]);

  // The record further along must stay (the engine refuses otherwise): show it on the left from the start.
  const staysByStage = pair?.staysByStage ?? null;
  useEffect(() => setLeftIsA(staysByStage !== 'b'), [id, staysByStage]);

  /** The pair after this one in the queue (wrapping round), or null when none other waits. */
  const next = useCallback(async () => {
    const result = await api('duplicate.list', { status: 'open', limit: 500, ...(personRef ? { ref: personRef } : {}) });
    if (!result.ok) {
      setActionError(result.error);
      return;
    }
    const others = result.value.candidates.filter((c) => c.id !== id);
    const current = pair?.candidate;
    const following = current ? others.find((c) => !before(c, current)) : undefined;
    const target = following ?? others[0];
    if (target) navigate({ name: 'pair', id: target.id, ref: personRef });
    else {
      setFlash({ key: 'dup.noMore' });
      navigate({ name: 'duplicates', ref: personRef });
    }
  }, [id, pair, personRef]);

  const open = pair?.candidate.status === 'open';
  const left = pair ? (leftIsA ? pair.a : pair.b) : null;
  const right = pair ? (leftIsA ? pair.b : pair.a) : null;
  const mergeable = !!left && !!right && !left.mergedInto && !right.mergedInto;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isTypingTarget(e.target)) return;
      if (document.querySelector('dialog[open]') || !pair) return;
      const key = e.key.toLowerCase();
      if (key === 'n') {
        e.preventDefault();
        void next();
      } else if (key === 'escape') {
        navigate({ name: 'duplicates', ref: personRef });
      } else if (!open || !mergeable) {
        return;
      } else if (key === 'm') {
        e.preventDefault();
        setDialog('merge');
      } else if (key === 'd') {
        e.preventDefault();
        setDialog('different');
      } else if (key === 's') {
        e.preventDefault();
        setLeftIsA((v) => !v);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [pair, open, mergeable, next, personRef]);

  const back = (
    <a href={personRef ? `#/duplicates?ref=${encodeURIComponent(personRef)}` : '#/duplicates'} className="detail-back" title="Esc">
      {t('dup.pair.back')}
    </a>
  );
  if (error) {
    return (
      <div className="dup-pair">
        {back}
        <EngineError error={error} />
      </div>
    );
  }
  if (!pair || !left || !right) return <Loading />;

  const side = (field: (typeof COMPARE_FIELDS)[number]): Side => {
    const pick = chosen[field.field];
    if (pick === left.id) return 'left';
    if (pick === right.id) return 'right';
    return defaultSide(field, left, right);
  };

  const merge = async (reason: string): Promise<ErrorBody | null> => {
    const choose: Partial<Record<MergeField, 'survivor' | 'merged'>> = {};
    for (const f of COMPARE_FIELDS) if (f.key(left) !== f.key(right)) choose[f.field] = side(f) === 'left' ? 'survivor' : 'merged';
    const result = await api('duplicate.merge', { survivor: left.id, merged: right.id, choose, reason });
    if (!result.ok) return result.error;
    setDialog(null);
    setFlash({ key: 'dup.merged', params: { merged: right.caseNumber, survivor: left.caseNumber } });
    await next();
    return null;
  };

  const different = async (note: string): Promise<ErrorBody | null> => {
    const result = await api('duplicate.different', { id, note: note || null });
    if (!result.ok) return result.error;
    setDialog(null);
    setFlash({ key: 'dup.markedDifferent', params: { a: left.caseNumber, b: right.caseNumber } });
    await next();
    return null;
  };

  const c = pair.candidate;
  return (
    <div className="dup-pair">
      {back}
      <h1 ref={heading} tabIndex={-1}>
        {t('dup.pair.title')} <span className="chip count">{t('dup.score', { score: scorePercent(c.score) })}</span>
      </h1>
      <div role="status" aria-live="polite">
        {notice && <p className="alert ok">{t(notice.key, notice.params)}</p>}
      </div>
      {c.status !== 'open' && (
        <p className="alert warn">
          {t(c.status === 'merged' ? 'dup.decided.merged' : 'dup.decided.different', {
            actor: c.decidedBy ?? '—',
            date: c.decidedAt ? formatDateTime(c.decidedAt, locale) : '—',
          })}
          {c.decisionNote && <span className="pre-wrap"> {c.decisionNote}</span>}
        </p>
      )}
      {open && !mergeable && <p className="alert warn">{t('dup.notMergeable')}</p>}
      <section className="panel" aria-labelledby="dup-reasons-title">
        <h2 id="dup-reasons-title">{t('dup.pair.reasons')}</h2>
        <Reasons reasons={c.reasons} />
        <p className="hint dup-found">
          {t(`dup.foundBy.${c.foundBy}`)} · {formatDateTime(c.createdAt, locale)}
        </p>
      </section>

      <div className="panel dup-compare-wrap">
        {open && mergeable && <p className="hint">{t('dup.pair.keepHint')}</p>}
        <table className="dup-compare">
          <thead>
            <tr>
              <th scope="col">{t('dup.pair.field')}</th>
              <RecordHead p={left} role={open ? t('dup.pair.stays') : null} stays />
              <RecordHead p={right} role={open ? t('dup.pair.goes') : null} stays={false} />
            </tr>
          </thead>
          <tbody>
            {COMPARE_FIELDS.map((f) => {
              const differs = f.key(left) !== f.key(right);
              const label = t(f.label);
              const pick = side(f);
              const cell = (p: PersonView, s: Side) =>
                differs && open && mergeable ? (
                  <td className={pick === s ? 'kept' : 'dropped'}>
                    <label>
                      <input
                        type="radio"
                        name={`keep-${f.field}`}
                        value={p.id}
                        checked={pick === s}
                        onChange={() => setChosen((old) => ({ ...old, [f.field]: p.id }))}
                      />
                      <span className="sr-only">{t('dup.pair.keepLabel', { field: label, caseNumber: p.caseNumber })}: </span>
                      <span>{f.show(p, t, locale)}</span>
                    </label>
                  </td>
                ) : (
                  <td>{f.show(p, t, locale)}</td>
                );
              return (
                <tr key={f.field} className={differs ? 'differs' : ''} data-field={f.field}>
                  <th scope="row">
                    {label}
                    {differs && <span className="dup-differs">{t('dup.pair.differs')}</span>}
                  </th>
                  {cell(left, 'left')}
                  {cell(right, 'right')}
                </tr>
              );
            })}
            <InfoRow label={t('field.aliases')} render={(p) => (p.aliases.length ? p.aliases.join(', ') : '—')} left={left} right={right} />
            <InfoRow label={t('dup.pair.documents')} render={(p) => <Documents p={p} />} left={left} right={right} />
            <InfoRow label={t('dup.pair.stage')} render={(p) => <StageChip stage={p.stage} />} left={left} right={right} />
            <InfoRow
              label={t('dup.pair.holds')}
              render={(p) => {
                const holds = p.holds.filter((h) => !h.liftedAt);
                return holds.length ? holds.map((h) => <span key={h.id} className="chip hold">{t(`hold.${h.kind}`)}</span>) : '—';
              }}
              left={left}
              right={right}
            />
            <InfoRow label={t('dup.pair.sources')} render={(p) => <Sources p={p} />} left={left} right={right} />
            <InfoRow label={t('dup.pair.notes')} render={(p) => p.notes.length.toLocaleString(locale)} left={left} right={right} />
          </tbody>
        </table>
        {open && mergeable && <p className="hint">{t('dup.pair.alwaysKept')}</p>}
      </div>
      <EngineError error={actionError} />
      <div className="actions dup-actions">
        {open && mergeable && (
          <>
            <button type="button" className="btn primary" onClick={() => setDialog('merge')} aria-keyshortcuts="M">
              {t('dup.pair.merge')}
            </button>
            <button type="button" className="btn" onClick={() => setDialog('different')} aria-keyshortcuts="D">
              {t('dup.pair.different')}
            </button>
            <button type="button" className="btn" onClick={() => setLeftIsA((v) => !v)} aria-keyshortcuts="S">
              {t('dup.pair.swap')}
            </button>
          </>
        )}
        <button type="button" className="btn" onClick={() => void next()} aria-keyshortcuts="N">
          {t('dup.pair.next')}
        </button>
      </div>
      {dialog === 'merge' && (
        <ReasonDialog
          title={t('dup.pair.mergeTitle', { merged: right.caseNumber, survivor: left.caseNumber })}
          submitLabel={t('dup.pair.mergeSubmit')}
          onSubmit={merge}
          onClose={() => setDialog(null)}
        >
          <p>{t('dup.pair.mergeBody', { merged: right.caseNumber, survivor: left.caseNumber })}</p>
        </ReasonDialog>
      )}
      {dialog === 'different' && (
        <ReasonDialog
          title={t('dup.pair.differentTitle')}
          submitLabel={t('dup.pair.differentSubmit')}
          onSubmit={different}
          onClose={() => setDialog(null)}
          optional
          label={t('dup.pair.note')}
        >
          <p>{t('dup.pair.differentBody', { a: left.caseNumber, b: right.caseNumber })}</p>
        </ReasonDialog>
      )}
    </div>
  );
}

function RecordHead({ p, role, stays }: { p: PersonView; role: string | null; stays: boolean }) {
  const latin = latinName(p);
  return (
    <th scope="col" className={stays ? 'stays' : 'goes'}>
      {role && <span className={`chip ${stays ? 'ok' : ''}`}>{role}</span>}
      <a href={`#/person/${encodeURIComponent(p.caseNumber)}`} className="mono">
        {p.caseNumber}
      </a>
      {p.nativeName && <span className="native">{p.nativeName}</span>}
      {latin && <span className="latin">{latin}</span>}
    </th>
  );
}

function InfoRow({ label, render, left, right }: { label: string; render: (p: PersonView) => React.ReactNode; left: PersonView; right: PersonView }) {
  return (
    <tr className="info">
      <th scope="row">{label}</th>
      <td>{render(left)}</td>
      <td>{render(right)}</td>
    </tr>
  );
}

function Documents({ p }: { p: PersonView }) {
  const { t } = useI18n();
  if (!p.documents.length) return <>—</>;
  return (
    <ul className="dup-plain">
      {p.documents.map((d) => (
        <li key={d.id}>
          {t(`doctype.${d.type}`)} <span className="mono">{orDash(d.number)}</span> {d.issuingCountry && <Country code={d.issuingCountry} />}
        </li>
      ))}
    </ul>
  );
}

function Sources({ p }: { p: PersonView }) {
  const { t, locale } = useI18n();
  if (!p.sources.length) return <>—</>;
  return (
    <ul className="dup-plain">
      {p.sources.map((s) => (
        <li key={`${s.batchId}/${s.row}`}>
          {s.fileName}, {t('detail.sourceRow', { row: s.row.toLocaleString(locale) })}
        </li>
      ))}
    </ul>
  );
}
