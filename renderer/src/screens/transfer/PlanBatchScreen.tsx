import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { CallOutput } from '../../../../src/api/contract';
import type { MembersOutcome } from '../../../../src/api/journey-views';
import type { ErrorBody } from '../../../../src/domain/errors';
import { api } from '../../api/transport';
import { Field } from '../../components/ui';
import { useI18n } from '../../i18n';
import { navigate } from '../../router';
import { EngineError } from '../detail/EngineError';
import { toggled, useRequiredFields } from '../journey/forms';
import { Refusals, Violations } from '../journey/rules';
import { BackLink, useHeadingFocus } from '../journey/screen';
import { CountrySelect, ScreenHead, useEscapeBack, useLoad } from '../journey/shared';
import { JourneyTable, LoadedList, PersonCells, PersonHeads } from '../journey/tables';
import '../journey/journey.css';

/** A person in the transfer stage, with the listing rules that refuse them (none when ready). */
type Candidate = CallOutput<'batch.candidates'>[number];
const REQUIRED = ['fromSite', 'crossingPoint', 'toSite', 'plannedDate', 'capacity'] as const;

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** Plan a transfer batch: the route and vehicle, then people ticked from those in the transfer stage. */
export function PlanBatchScreen() {
  const { t } = useI18n();
  const facets = useLoad('person.facets', {});
  const form = useRequiredFields({ fromSite: '', crossingPoint: '', toSite: '', plannedDate: today(), vehicle: '', escort: '', capacity: '', note: '' }, REQUIRED);
  const { values: route, set, f, req } = form;
  const [nationality, setNationality] = useState('');
  const [site, setSite] = useState('');
  const candidates = useLoad('batch.candidates', { ...(nationality ? { nationality } : {}), ...(site ? { site } : {}) });
  const [ticked, setTicked] = useState<Set<string>>(new Set());
  const [error, setError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<MembersOutcome | null>(null);
  const heading = useHeadingFocus();
  const outcomeHeading = useRef<HTMLHeadingElement>(null);
  useEscapeBack({ name: 'batches' });
  useEffect(() => {
    if (outcome) outcomeHeading.current?.focus();
  }, [outcome]);

  const people = candidates.value ?? [];
  const ready = people.filter((p) => p.ready);
  const capacity = Number(route.capacity) || 0;

  const toggle = (p: Candidate) => setTicked((s) => toggled(s, p.caseNumber));
  const tickReady = () => setTicked(new Set(ready.slice(0, capacity || ready.length).map((p) => p.caseNumber)));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const complete = form.check();
    setError(null);
    if (!complete) return;
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
            <Refusals refused={outcome.refused.map((r) => ({ key: r.ref, caseNumber: r.caseNumber ?? r.ref, violations: r.violations }))} />
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
      <BackLink href="#/batches">{t('batch.back')}</BackLink>
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
            <Field label={t('plan.fromSite')} htmlFor={f('fromSite')} error={form.error('fromSite')}>
              <input id={f('fromSite')} type="text" list={f('sites')} autoComplete="off" value={route.fromSite} onChange={set('fromSite')} {...req('fromSite')} />
            </Field>
            <Field label={t('plan.crossingPoint')} htmlFor={f('crossingPoint')} error={form.error('crossingPoint')}>
              <input id={f('crossingPoint')} type="text" autoComplete="off" value={route.crossingPoint} onChange={set('crossingPoint')} {...req('crossingPoint')} />
            </Field>
            <Field label={t('plan.toSite')} htmlFor={f('toSite')} error={form.error('toSite')}>
              <input id={f('toSite')} type="text" autoComplete="off" value={route.toSite} onChange={set('toSite')} {...req('toSite')} />
            </Field>
            <Field label={t('plan.date')} htmlFor={f('plannedDate')} error={form.error('plannedDate')}>
              <input autoComplete="off" id={f('plannedDate')} type="date" value={route.plannedDate} onChange={set('plannedDate')} {...req('plannedDate')} />
            </Field>
            <Field label={t('plan.vehicle')} htmlFor={f('vehicle')}>
              <input id={f('vehicle')} type="text" autoComplete="off" value={route.vehicle} onChange={set('vehicle')} />
            </Field>
            <Field label={t('plan.escort')} htmlFor={f('escort')}>
              <input id={f('escort')} type="text" autoComplete="off" value={route.escort} onChange={set('escort')} />
            </Field>
            <Field label={t('plan.capacity')} htmlFor={f('capacity')} error={form.error('capacity')}>
              <input autoComplete="off" id={f('capacity')} type="number" min={1} max={2000} inputMode="numeric" value={route.capacity} onChange={set('capacity')} {...req('capacity')} />
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
          <LoadedList items={candidates.value} error={candidates.error} empty={<p className="hint">{t('plan.noCandidates')}</p>}>
            {(list) => (
              <JourneyTable
                testId="candidates"
                wrapClassName="j-scroll"
                head={
                  <>
                    <th scope="col">
                      <span className="sr-only">{t('plan.onBatch')}</span>
                    </th>
                    <PersonHeads />
                    <th scope="col">{t('plan.readiness')}</th>
                  </>
                }
              >
                {list.map((p) => (
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
                    <PersonCells person={p} />
                    <td id={`why-${p.personId}`}>{p.ready ? <span className="chip j-done">{t('plan.ready')}</span> : <NotReady person={p} />}</td>
                  </tr>
                ))}
              </JourneyTable>
            )}
          </LoadedList>
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
  const { t } = useI18n();
  return (
    <div className="j-why" data-testid="not-ready">
      <strong>{t('plan.notReady')}</strong>
      <Violations violations={person.violations} />
    </div>
  );
}
