import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { RuleViolation } from '../../../../src/domain/stages';
import type { ErrorBody } from '../../../../src/domain/errors';
import { api } from '../../api/transport';
import { Field, Loading } from '../../components/ui';
import { useI18n } from '../../i18n';
import { navigate } from '../../router';
import { EngineError } from '../detail/EngineError';
import { toggled, useRequiredFields } from '../journey/forms';
import { RecipientOptions, recipientsFor } from '../journey/recipients';
import { Refusals, Violations } from '../journey/rules';
import { BackLink, useHeadingFocus } from '../journey/screen';
import { CountrySelect, ScreenHead, useEscapeBack, useLoad } from '../journey/shared';
import { JourneyTable, PersonCells, PersonHeads } from '../journey/tables';
import '../journey/journey.css';

const REQUIRED = ['agency', 'officialName', 'officialId', 'place', 'handedAt'] as const;

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
  const { t } = useI18n();
  const arrived = useLoad('batch.list', { status: 'arrived' });
  const [batchCode, setBatchCode] = useState(batchRef ?? '');
  const batch = useLoad('batch.get', batchCode ? { batch: batchCode } : null);
  const [country, setCountry] = useState('');
  const candidates = useLoad('handover.candidates', batchCode && country ? { batch: batchCode, country } : null);
  const recipients = useLoad('recipient.list', {});
  const fields = useRequiredFields({ agency: '', officialName: '', officialId: '', place: '', handedAt: localNow(), recipient: '' }, REQUIRED);
  const { values: form, setValues: setForm, set, f, req } = fields;
  const [left, setLeft] = useState<Set<string>>(new Set());
  const [error, setError] = useState<ErrorBody | null>(null);
  const [refused, setRefused] = useState<{ caseNumber: string; violations: RuleViolation[] }[]>([]);
  const [busy, setBusy] = useState(false);
  const heading = useHeadingFocus();
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
  }, [country, recipients.value, setForm]);

  const people = candidates.value ?? [];
  const eligible = people.filter((p) => p.eligible);
  const ineligible = people.filter((p) => !p.eligible);
  const chosen = eligible.filter((p) => !left.has(p.caseNumber));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || !batchCode || !country) return;
    const complete = fields.check();
    setError(null);
    setRefused([]);
    if (!complete) return;
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

  const forCountry = recipientsFor(recipients.value, country);

  return (
    <div className="journey">
      <BackLink href="#/handovers">{t('handover.back')}</BackLink>
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
                  <JourneyTable
                    testId="eligible"
                    wrapClassName="j-scroll"
                    caption={t('handover.eligible', { n: eligible.length })}
                    head={
                      <>
                        <th scope="col">
                          <span className="sr-only">{t('handover.include')}</span>
                        </th>
                        <PersonHeads />
                      </>
                    }
                  >
                    {eligible.map((p) => (
                      <tr key={p.personId}>
                        <td>
                          <input
                            type="checkbox"
                            checked={!left.has(p.caseNumber)}
                            onChange={() => setLeft((s) => toggled(s, p.caseNumber))}
                            aria-label={t('journey.tickPerson', { case: p.caseNumber })}
                          />
                        </td>
                        <PersonCells person={p} />
                      </tr>
                    ))}
                  </JourneyTable>
                )}
                {ineligible.length > 0 && (
                  <JourneyTable
                    testId="ineligible"
                    caption={t('handover.ineligible', { n: ineligible.length })}
                    head={
                      <>
                        <PersonHeads sexAge={false} />
                        <th scope="col">{t('handover.why')}</th>
                      </>
                    }
                  >
                    {ineligible.map((p) => (
                      <tr key={p.personId} className="j-disabled">
                        <PersonCells person={p} sexAge={false} />
                        <td>
                          <Violations violations={p.violations} />
                        </td>
                      </tr>
                    ))}
                  </JourneyTable>
                )}
              </>
            )}
          </fieldset>
        )}

        <fieldset>
          <legend>{t('handover.receiver')}</legend>
          <div className="grid wide">
            <Field label={t('handover.agency')} htmlFor={f('agency')} error={fields.error('agency')}>
              <input id={f('agency')} type="text" autoComplete="off" value={form.agency} onChange={set('agency')} {...req('agency')} />
            </Field>
            <Field label={t('handover.officialName')} htmlFor={f('officialName')} error={fields.error('officialName')}>
              <input id={f('officialName')} type="text" autoComplete="off" value={form.officialName} onChange={set('officialName')} {...req('officialName')} />
            </Field>
            <Field label={t('handover.officialId')} htmlFor={f('officialId')} error={fields.error('officialId')}>
              <input id={f('officialId')} type="text" autoComplete="off" value={form.officialId} onChange={set('officialId')} {...req('officialId')} />
            </Field>
            <Field label={t('handover.place')} htmlFor={f('place')} error={fields.error('place')}>
              <input id={f('place')} type="text" autoComplete="off" value={form.place} onChange={set('place')} {...req('place')} />
            </Field>
            <Field label={t('handover.when')} htmlFor={f('handedAt')} error={fields.error('handedAt')}>
              <input autoComplete="off" id={f('handedAt')} type="datetime-local" value={form.handedAt} onChange={set('handedAt')} {...req('handedAt')} />
            </Field>
            <Field label={t('handover.recipient')} htmlFor={f('recipient')} hint={t('handover.recipientHint')}>
              <select id={f('recipient')} value={form.recipient} onChange={set('recipient')} aria-describedby={`${f('recipient')}-hint`}>
                <RecipientOptions recipients={forCountry} noneLabel={t('handover.noRecipient')} />
              </select>
            </Field>
          </div>
        </fieldset>
        {refused.length > 0 && (
          <div className="alert error" role="alert" data-testid="handover-refused">
            <p>
              <strong>{t('handover.refused')}</strong>
            </p>
            <Refusals refused={refused.map((r) => ({ key: r.caseNumber, ...r }))} />
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
