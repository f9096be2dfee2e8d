import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import type { CallOutput } from '../../../../src/api/contract';
import type { MembersOutcome } from '../../../../src/api/journey-views';
import type { ErrorBody } from '../../../../src/domain/errors';
import { api } from '../../api/transport';
import { Country } from '../../components/Country';
import { Field, Loading } from '../../components/ui';
import { useI18n } from '../../i18n';
import { violationText } from '../../i18n/messages';
import { navigate } from '../../router';
import { EngineError } from '../detail/EngineError';
import { CaseText, CountrySelect, PersonName, ScreenHead, SexAge, useEscapeBack, useLoad } from '../journey/shared';
import '../journey/journey.css';

/** A person in the transfer stage, with the listing rules that refuse them (none when ready). */
type Candidate = CallOutput<'batch.candidates'>[number];
type Required = 'fromSite' | 'crossingPoint' | 'toSite' | 'plannedDate' | 'capacity';

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** Plan a transfer batch: the route and vehicle, then people ticked from those in the transfer stage. */
export function PlanBatchScreen() {
  const { t, tDynamic } = useI18n();
  const id = useId();
  const facets = useLoad('person.facets', {});
  const [route, setRoute] = useState({ fromSite: '', crossingPoint: '', toSite: '', plannedDate: today(), vehicle: '', escort: '', capacity: '', note: '' });
  const [nationality, setNationality] = useState('');
  const [site, setSite] = useState('');
  const candidates = useLoad('batch.candidates', { ...(nationality ? { nationality } : {}), ...(site ? { site } : {}) });
  const [ticked, setTicked] = useState<Set<string>>(new Set());
  const [missing, setMissing] = useState<Set<Required>>(new Set());
  const [error, setError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<MembersOutcome | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const outcomeHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  useEscapeBack({ name: 'batches' });
  useEffect(() => {
    if (outcome) outcomeHeading.current?.focus();
  }, [outcome]);

  const people = candidates.value ?? [];
  const ready = people.filter((p) => p.ready);
  const capacity = Number(route.capacity) || 0;
  const set = (name: keyof typeof route) => (e: { target: { value: string } }) => {
    setRoute((r) => ({ ...r, [name]: e.target.value }));
    setMissing((m) => {
      const next = new Set(m);
      next.delete(name as Required);
      return next;
    });
  };

  const toggle = (p: Candidate) =>
    setTicked((s) => {
      const next = new Set(s);
      if (next.has(p.caseNumber)) next.delete(p.caseNumber);
      else next.add(p.caseNumber);
      return next;
    });
  const tickReady = () => setTicked(new Set(ready.slice(0, capacity || ready.length).map((p) => p.caseNumber)));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const empty = new Set<Required>((['fromSite', 'crossingPoint', 'toSite', 'plannedDate', 'capacity'] as const).filter((k) => !route[k].trim()));
    setMissing(empty);
    setError(null);
    if (empty.size) {
      document.getElementById(`${id}-${[...empty][0]}`)?.focus();
      return;
    }
    setBusy(true);
    const result = await api('batch.create', {
      batch: {
        fromSite: route.fromSite.trim(),
        crossingPoint: route.crossingPoint.trim(),
        toSite: route.toSite.trim(),
        plannedDate: route.plannedDate,
        vehicle: route.vehicle.trim() || null,
        escort: route.escort.trim() || null,
        capacity: Number(route.capacity),
        note: route.note.trim() || null,
      },
      people: [...ticked],
    });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    if (result.value.refused.length === 0) navigate({ name: 'batch', ref: result.value.batch.code });
    else setOutcome(result.value);
  };

  const sites = useMemo(() => facets.value?.sites.map((s) => s.value) ?? [], [facets.value]);
  const f = (n: string) => `${id}-${n}`;
  const req = (n: Required) => (missing.has(n) ? { 'aria-invalid': true as const, 'aria-describedby': `${f(n)}-error` } : {});

  if (outcome) {
    return (
      <div className="journey">
        <section className="panel" aria-labelledby="plan-outcome">
          <h1 id="plan-outcome" ref={outcomeHeading} tabIndex={-1}>
            {t('plan.created', { code: outcome.batch.code, n: outcome.added.length })}
          </h1>
          <div className="alert warn" role="alert" data-testid="refused">
            <p>
              <strong>{t('plan.refused', { n: outcome.refused.length })}</strong>
            </p>
            <ul className="j-refusals">
              {outcome.refused.map((r) => (
                <li key={r.ref}>
                  <span className="mono">{r.caseNumber ?? r.ref}</span>:{' '}
                  <CaseText text={r.violations.map((v) => violationText(tDynamic, v)).join(' ')} />
                </li>
              ))}
            </ul>
          </div>
          <a className="btn primary" href={`#/batches/${encodeURIComponent(outcome.batch.code)}`}>
            {t('plan.openBatch', { code: outcome.batch.code })}
          </a>
        </section>
      </div>
    );
  }

  return (
    <div className="journey">
      <a href="#/batches" className="j-back">
        {t('batch.back')}
      </a>
      <ScreenHead title={t('plan.title')} sub={t('plan.intro')} headingRef={heading} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <fieldset>
          <legend>{t('plan.route')}</legend>
          <datalist id={f('sites')}>
            {sites.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
          <div className="grid">
            <Field label={t('plan.fromSite')} htmlFor={f('fromSite')} error={missing.has('fromSite') ? t('validation.required') : undefined}>
              <input id={f('fromSite')} type="text" list={f('sites')} autoComplete="off" value={route.fromSite} onChange={set('fromSite')} {...req('fromSite')} />
            </Field>
            <Field label={t('plan.crossingPoint')} htmlFor={f('crossingPoint')} error={missing.has('crossingPoint') ? t('validation.required') : undefined}>
              <input id={f('crossingPoint')} type="text" autoComplete="off" value={route.crossingPoint} onChange={set('crossingPoint')} {...req('crossingPoint')} />
            </Field>
            <Field label={t('plan.toSite')} htmlFor={f('toSite')} error={missing.has('toSite') ? t('validation.required') : undefined}>
              <input id={f('toSite')} type="text" autoComplete="off" value={route.toSite} onChange={set('toSite')} {...req('toSite')} />
            </Field>
            <Field label={t('plan.date')} htmlFor={f('plannedDate')} error={missing.has('plannedDate') ? t('validation.required') : undefined}>
              <input id={f('plannedDate')} type="date" value={route.plannedDate} onChange={set('plannedDate')} {...req('plannedDate')} />
            </Field>
            <Field label={t('plan.vehicle')} htmlFor={f('vehicle')}>
              <input id={f('vehicle')} type="text" autoComplete="off" value={route.vehicle} onChange={set('vehicle')} />
            </Field>
            <Field label={t('plan.escort')} htmlFor={f('escort')}>
              <input id={f('escort')} type="text" autoComplete="off" value={route.escort} onChange={set('escort')} />
            </Field>
            <Field label={t('plan.capacity')} htmlFor={f('capacity')} error={missing.has('capacity') ? t('validation.required') : undefined}>
              <input id={f('capacity')} type="number" min={1} max={2000} inputMode="numeric" value={route.capacity} onChange={set('capacity')} {...req('capacity')} />
            </Field>
            <Field label={t('field.note')} htmlFor={f('note')}>
              <input id={f('note')} type="text" autoComplete="off" value={route.note} onChange={set('note')} />
            </Field>
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('plan.people')}</legend>
          <div className="toolbar">
            <Field label={t('plan.nationality')} htmlFor={f('nat')}>
              <CountrySelect
                id={f('nat')}
                value={nationality}
                onChange={setNationality}
                first={facets.value?.nationalities.map((n) => ({ code: n.value })) ?? []}
                allowEmpty
                emptyLabel={t('plan.anyNationality')}
              />
            </Field>
            <Field label={t('plan.site')} htmlFor={f('site')}>
              <select id={f('site')} value={site} onChange={(e) => setSite(e.target.value)}>
                <option value="">{t('plan.anySite')}</option>
                {sites.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </Field>
            <button type="button" className="btn" onClick={tickReady} disabled={ready.length === 0}>
              {capacity ? t('plan.tickReadyUpTo', { n: Math.min(capacity, ready.length) }) : t('plan.tickReady', { n: ready.length })}
            </button>
            <button type="button" className="btn" onClick={() => setTicked(new Set())} disabled={ticked.size === 0}>
              {t('plan.untickAll')}
            </button>
          </div>
          <p role="status" aria-live="polite" className={capacity && ticked.size > capacity ? 'alert warn' : 'j-selected'} data-testid="selected">
            {capacity ? t('plan.selectedOf', { n: ticked.size, capacity }) : t('plan.selected', { n: ticked.size })}
            {capacity > 0 && ticked.size > capacity && <> {t('plan.overCapacity')}</>}
          </p>
          <EngineError error={candidates.error} />
          {candidates.value === null ? (
            !candidates.error && <Loading />
          ) : people.length === 0 ? (
            <p className="hint">{t('plan.noCandidates')}</p>
          ) : (
            <div className="j-table-wrap j-scroll">
              <table className="j-table" data-testid="candidates">
                <thead>
                  <tr>
                    <th scope="col">
                      <span className="sr-only">{t('plan.onBatch')}</span>
                    </th>
                    <th scope="col">{t('detail.caseNumber')}</th>
                    <th scope="col">{t('field.name')}</th>
                    <th scope="col">{t('journey.sexAge')}</th>
                    <th scope="col">{t('field.confirmedNationality')}</th>
                    <th scope="col">{t('plan.readiness')}</th>
                  </tr>
                </thead>
                <tbody>
                  {people.map((p) => (
                    <tr key={p.personId} className={p.ready ? undefined : 'j-disabled'}>
                      <td>
                        <input
                          type="checkbox"
                          checked={ticked.has(p.caseNumber)}
                          disabled={!p.ready}
                          onChange={() => toggle(p)}
                          aria-label={t('journey.tickPerson', { case: p.caseNumber })}
                          aria-describedby={p.ready ? undefined : `why-${p.personId}`}
                        />
                      </td>
                      <td className="mono">{p.caseNumber}</td>
                      <td>
                        <PersonName person={p} />
                      </td>
                      <td>
                        <SexAge person={p} />
                      </td>
                      <td>
                        <Country code={p.confirmedNationality} />
                      </td>
                      <td id={`why-${p.personId}`}>
                        {p.ready ? (
                          <span className="chip j-done">{t('plan.ready')}</span>
                        ) : (
                          <NotReady person={p} />
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </fieldset>
        <EngineError error={error} />
        <div className="actions">
          <button type="submit" className="btn primary" disabled={busy}>
            {busy ? t('detail.working') : t('plan.submit', { n: ticked.size })}
          </button>
          <a className="btn" href="#/batches">
            {t('app.cancel')}
          </a>
        </div>
      </form>
    </div>
  );
}

/**
 * Why a person cannot be listed now: the engine's own listing rules (not in
 * transfer, nationality not confirmed, each open hold with its reason, on
 * another batch), the same ones that would refuse the listing.
 */
function NotReady({ person }: { person: Candidate }) {
  const { t, tDynamic } = useI18n();
  return (
    <div className="j-why" data-testid="not-ready">
      <strong>{t('plan.notReady')}</strong>
      <ul className="j-violations">
        {person.violations.map((v, i) => (
          <li key={`${v.rule}-${i}`}>
            <CaseText text={violationText(tDynamic, v)} />
          </li>
        ))}
      </ul>
    </div>
  );
}
