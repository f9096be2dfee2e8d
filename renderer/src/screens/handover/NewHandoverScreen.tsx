import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import type { RuleViolation } from '../../../../src/domain/stages';
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

type Required = 'agency' | 'officialName' | 'officialId' | 'place' | 'handedAt';

const localNow = () => {
  const d = new Date();
  d.setSeconds(0, 0);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

/**
 * A handover from an arrived batch: the receiving country (by default the
 * nationality most of its arrived people have confirmed), who can be handed
 * to it and who cannot (with the domain's reasons), and the receiving party.
 */
export function NewHandoverScreen({ batchRef }: { batchRef: string | undefined }) {
  const { t, tDynamic } = useI18n();
  const id = useId();
  const arrived = useLoad('batch.list', { status: 'arrived' });
  const [batchCode, setBatchCode] = useState(batchRef ?? '');
  const batch = useLoad('batch.get', batchCode ? { batch: batchCode } : null);
  const [country, setCountry] = useState('');
  const candidates = useLoad('handover.candidates', batchCode && country ? { batch: batchCode, country } : null);
  const recipients = useLoad('recipient.list', {});
  const [form, setForm] = useState({ agency: '', officialName: '', officialId: '', place: '', handedAt: localNow(), recipient: '' });
  const [left, setLeft] = useState<Set<string>>(new Set());
  const [missing, setMissing] = useState<Set<Required>>(new Set());
  const [error, setError] = useState<ErrorBody | null>(null);
  const [refused, setRefused] = useState<{ caseNumber: string; violations: RuleViolation[] }[]>([]);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  useEscapeBack(batchRef ? { name: 'batch', ref: batchRef } : { name: 'handovers' });

  // The confirmed nationalities of the arrived members, most people first; the first is the default.
  const nationalities = useMemo(() => {
    const counts = new Map<string, number>();
    for (const m of batch.value?.members ?? []) {
      if (m.status === 'arrived' && m.confirmedNationality) counts.set(m.confirmedNationality, (counts.get(m.confirmedNationality) ?? 0) + 1);
    }
    return [...counts].sort((a, b) => b[1] - a[1]).map(([code, count]) => ({ code, count }));
  }, [batch.value]);
  useEffect(() => {
    if (!batchCode && arrived.value?.length === 1) setBatchCode(arrived.value[0]!.code);
  }, [arrived.value, batchCode]);
  useEffect(() => {
    setCountry(nationalities[0]?.code ?? '');
    setLeft(new Set());
  }, [nationalities]);
  useEffect(() => {
    const match = (recipients.value ?? []).find((r) => r.country === country && r.kind === 'x25519') ?? (recipients.value ?? []).find((r) => r.country === country);
    setForm((f) => ({ ...f, recipient: match?.id ?? '' }));
  }, [country, recipients.value]);

  const people = candidates.value ?? [];
  const eligible = people.filter((p) => p.eligible);
  const ineligible = people.filter((p) => !p.eligible);
  const chosen = eligible.filter((p) => !left.has(p.caseNumber));
  const set = (name: keyof typeof form) => (e: { target: { value: string } }) => {
    setForm((f) => ({ ...f, [name]: e.target.value }));
    setMissing((m) => {
      const next = new Set(m);
      next.delete(name as Required);
      return next;
    });
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || !batchCode || !country) return;
    const empty = new Set<Required>((['agency', 'officialName', 'officialId', 'place', 'handedAt'] as const).filter((k) => !form[k].trim()));
    setMissing(empty);
    setError(null);
    setRefused([]);
    if (empty.size) {
      document.getElementById(`${id}-${[...empty][0]}`)?.focus();
      return;
    }
    setBusy(true);
    const result = await api('handover.create', {
      batch: batchCode,
      receivingCountry: country,
      agency: form.agency.trim(),
      officialName: form.officialName.trim(),
      officialId: form.officialId.trim(),
      place: form.place.trim(),
      handedAt: new Date(form.handedAt).toISOString(),
      people: chosen.map((p) => p.caseNumber),
      ...(form.recipient ? { recipient: form.recipient } : {}),
    });
    setBusy(false);
    if (result.ok) {
      navigate({ name: 'handover', ref: result.value.code });
      return;
    }
    const details = result.error.details as { refused?: { caseNumber: string; violations: RuleViolation[] }[] } | undefined;
    if (details?.refused?.length) setRefused(details.refused);
    else setError(result.error);
  };

  const f = (n: string) => `${id}-${n}`;
  const req = (n: Required) => (missing.has(n) ? { 'aria-invalid': true as const, 'aria-describedby': `${f(n)}-error` } : {});
  const forCountry = (recipients.value ?? []).filter((r) => !r.country || r.country === country);

  return (
    <div className="journey">
      <a href="#/handovers" className="j-back">
        {t('handover.back')}
      </a>
      <ScreenHead title={t('handover.newTitle')} sub={t('handover.newIntro')} headingRef={heading} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <fieldset>
          <legend>{t('handover.from')}</legend>
          <div className="grid wide">
            <Field label={t('handover.batch')} htmlFor={f('batch')}>
              <select id={f('batch')} value={batchCode} onChange={(e) => setBatchCode(e.target.value)}>
                <option value="">{t('detail.verification.choose')}</option>
                {batchRef && !arrived.value?.some((b) => b.code === batchRef) && <option value={batchRef}>{batchRef}</option>}
                {(arrived.value ?? []).map((b) => (
                  <option key={b.id} value={b.code}>
                    {b.code} · {b.toSite} · {t('batch.peopleN', { n: b.counts.arrived })}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('handover.country')} htmlFor={f('country')} hint={t('handover.countryHint')}>
              <CountrySelect id={f('country')} value={country} onChange={setCountry} first={nationalities} allowEmpty describedBy={`${f('country')}-hint`} />
            </Field>
          </div>
          <EngineError error={batch.error ?? candidates.error} />
        </fieldset>

        {batchCode && country && (
          <fieldset>
            <legend>{t('handover.people', { n: chosen.length })}</legend>
            {candidates.value === null ? (
              !candidates.error && <Loading />
            ) : (
              <>
                {eligible.length === 0 ? (
                  <p className="alert warn">{t('handover.noEligible')}</p>
                ) : (
                  <div className="j-table-wrap j-scroll">
                    <table className="j-table" data-testid="eligible">
                      <caption className="j-caption">{t('handover.eligible', { n: eligible.length })}</caption>
                      <thead>
                        <tr>
                          <th scope="col">
                            <span className="sr-only">{t('handover.include')}</span>
                          </th>
                          <th scope="col">{t('detail.caseNumber')}</th>
                          <th scope="col">{t('field.name')}</th>
                          <th scope="col">{t('journey.sexAge')}</th>
                          <th scope="col">{t('field.confirmedNationality')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {eligible.map((p) => (
                          <tr key={p.personId}>
                            <td>
                              <input
                                type="checkbox"
                                checked={!left.has(p.caseNumber)}
                                onChange={() =>
                                  setLeft((s) => {
                                    const next = new Set(s);
                                    if (next.has(p.caseNumber)) next.delete(p.caseNumber);
                                    else next.add(p.caseNumber);
                                    return next;
                                  })
                                }
                                aria-label={t('journey.tickPerson', { case: p.caseNumber })}
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
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                )}
                {ineligible.length > 0 && (
                  <div className="j-table-wrap">
                    <table className="j-table" data-testid="ineligible">
                      <caption className="j-caption">{t('handover.ineligible', { n: ineligible.length })}</caption>
                      <thead>
                        <tr>
                          <th scope="col">{t('detail.caseNumber')}</th>
                          <th scope="col">{t('field.name')}</th>
                          <th scope="col">{t('field.confirmedNationality')}</th>
                          <th scope="col">{t('handover.why')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {ineligible.map((p) => (
                          <tr key={p.personId} className="j-disabled">
                            <td className="mono">{p.caseNumber}</td>
                            <td>
                              <PersonName person={p} />
                            </td>
                            <td>
                              <Country code={p.confirmedNationality} />
                            </td>
                            <td>
                              <ul className="j-violations">
                                {p.violations.map((v, i) => (
                                  <li key={i}>
                                    <CaseText text={violationText(tDynamic, v)} />
                                  </li>
                                ))}
                              </ul>
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                )}
              </>
            )}
          </fieldset>
        )}

        <fieldset>
          <legend>{t('handover.receiver')}</legend>
          <div className="grid wide">
            <Field label={t('handover.agency')} htmlFor={f('agency')} error={missing.has('agency') ? t('validation.required') : undefined}>
              <input id={f('agency')} type="text" autoComplete="off" value={form.agency} onChange={set('agency')} {...req('agency')} />
            </Field>
            <Field label={t('handover.officialName')} htmlFor={f('officialName')} error={missing.has('officialName') ? t('validation.required') : undefined}>
              <input id={f('officialName')} type="text" autoComplete="off" value={form.officialName} onChange={set('officialName')} {...req('officialName')} />
            </Field>
            <Field label={t('handover.officialId')} htmlFor={f('officialId')} error={missing.has('officialId') ? t('validation.required') : undefined}>
              <input id={f('officialId')} type="text" autoComplete="off" value={form.officialId} onChange={set('officialId')} {...req('officialId')} />
            </Field>
            <Field label={t('handover.place')} htmlFor={f('place')} error={missing.has('place') ? t('validation.required') : undefined}>
              <input id={f('place')} type="text" autoComplete="off" value={form.place} onChange={set('place')} {...req('place')} />
            </Field>
            <Field label={t('handover.when')} htmlFor={f('handedAt')} error={missing.has('handedAt') ? t('validation.required') : undefined}>
              <input id={f('handedAt')} type="datetime-local" value={form.handedAt} onChange={set('handedAt')} {...req('handedAt')} />
            </Field>
            <Field label={t('handover.recipient')} htmlFor={f('recipient')} hint={t('handover.recipientHint')}>
              <select id={f('recipient')} value={form.recipient} onChange={set('recipient')} aria-describedby={`${f('recipient')}-hint`}>
                <option value="">{t('handover.noRecipient')}</option>
                {forCountry.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name} · {r.kind === 'x25519' ? t('recipient.kind.key') : t('recipient.kind.passphrase')}
                  </option>
                ))}
              </select>
            </Field>
          </div>
        </fieldset>
        {refused.length > 0 && (
          <div className="alert error" role="alert" data-testid="handover-refused">
            <p>
              <strong>{t('handover.refused')}</strong>
            </p>
            <ul className="j-refusals">
              {refused.map((r) => (
                <li key={r.caseNumber}>
                  <span className="mono">{r.caseNumber}</span>: <CaseText text={r.violations.map((v) => violationText(tDynamic, v)).join(' ')} />
                </li>
              ))}
            </ul>
          </div>
        )}
        <EngineError error={error} />
        <div className="actions">
          <button type="submit" className="btn primary" disabled={busy || chosen.length === 0}>
            {busy ? t('handover.signing') : t('handover.create', { n: chosen.length })}
          </button>
          <span className="hint">{t('handover.createHint')}</span>
        </div>
      </form>
    </div>
  );
}
