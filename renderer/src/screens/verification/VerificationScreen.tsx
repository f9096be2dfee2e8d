import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import type { MemberView, VerificationListView } from '../../../../src/api/journey-views';
import type { ErrorBody } from '../../../../src/domain/errors';
import { api } from '../../api/transport';
import { Country } from '../../components/Country';
import { Field, Loading } from '../../components/ui';
import { formatDate } from '../../format';
import { useI18n } from '../../i18n';
import { navigate } from '../../router';
import { EngineError } from '../detail/EngineError';
import { toggled } from '../journey/forms';
import { RecipientOptions, recipientsFor } from '../journey/recipients';
import { useHeadingFocus } from '../journey/screen';
import { CountrySelect, ScreenHead, useLoad } from '../journey/shared';
import { JourneyTable, LoadedList, PersonCells, PersonHeads } from '../journey/tables';
import '../journey/journey.css';

/**
 * Nationality verification by embassy list: per claimed nationality, the
 * people waiting for an answer; a list made for an embassy; the lists sent
 * and how many answers each still waits for.
 */
export function VerificationScreen({ country }: { country: string | undefined }) {
  const { t } = useI18n();
  const facets = useLoad('person.facets', {});
  const lists = useLoad('verificationList.list', {});
  const heading = useHeadingFocus();
  const chosen = country ?? facets.value?.nationalities[0]?.value ?? '';

  return (
    <div className="journey">
      <ScreenHead title={t('verify.title')} sub={t('verify.intro')} headingRef={heading} />
      <div className="cols">
        <Awaiting
          country={chosen}
          present={facets.value?.nationalities.map((n) => ({ code: n.value })) ?? []}
          onCreated={(list) => navigate({ name: 'verificationList', ref: list.code })}
        />
        <SentLists lists={lists.value} error={lists.error} />
      </div>
    </div>
  );
}

function Awaiting({ country, present, onCreated }: { country: string; present: { code: string }[]; onCreated: (list: VerificationListView) => void }) {
  const { t } = useI18n();
  const id = useId();
  const awaiting = useLoad('verificationList.awaiting', country ? { country } : null);
  const recipients = useLoad('recipient.list', {});
  const [unticked, setUnticked] = useState<Set<string>>(new Set());
  const [authority, setAuthority] = useState('');
  const [recipient, setRecipient] = useState('');
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState(false);
  const people = awaiting.value ?? [];
  const ticked = people.filter((p) => !unticked.has(p.personId));

  useEffect(() => setUnticked(new Set()), [country]);
  // The authority defaults to the recipient's name once one is chosen.
  const forCountry = useMemo(() => recipientsFor(recipients.value, country), [recipients.value, country]);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setError(null);
    if (!authority.trim()) {
      setMissing(true);
      return;
    }
    setBusy(true);
    const result = await api('verificationList.create', {
      country,
      authority: authority.trim(),
      ...(recipient ? { recipient } : {}),
      ...(unticked.size ? { people: ticked.map((p) => p.caseNumber) } : {}),
    });
    setBusy(false);
    if (result.ok) onCreated(result.value);
    else setError(result.error);
  };

  const toggle = (p: MemberView) => setUnticked((s) => toggled(s, p.personId));

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('verify.awaiting')}</h2>
      <Field label={t('verify.country')} htmlFor={`${id}-country`} hint={t('verify.countryHint')}>
        <CountrySelect
          id={`${id}-country`}
          value={country}
          first={present}
          allowEmpty
          describedBy={`${id}-country-hint`}
          onChange={(c) => navigate({ name: 'verification', country: c || undefined })}
        />
      </Field>
      <EngineError error={awaiting.error} />
      {!country ? null : awaiting.value === null ? (
        !awaiting.error && <Loading />
      ) : people.length === 0 ? (
        <p className="hint" data-testid="awaiting-none">
          {t('verify.noneAwaiting')}
        </p>
      ) : (
        <form onSubmit={(e) => void create(e)} noValidate>
          <p>
            <strong data-testid="awaiting-count">{t('verify.awaitingCount', { n: people.length })}</strong>
          </p>
          <JourneyTable
            wrapClassName="j-scroll"
            head={
              <>
                <th scope="col">
                  <input
                    type="checkbox"
                    aria-label={t('journey.tickAll')}
                    checked={unticked.size === 0}
                    onChange={(e) => setUnticked(e.target.checked ? new Set() : new Set(people.map((p) => p.personId)))}
                  />
                </th>
                <PersonHeads nationality={false} />
              </>
            }
          >
            {people.map((p) => (
              <tr key={p.personId}>
                <td>
                  <input type="checkbox" checked={!unticked.has(p.personId)} onChange={() => toggle(p)} aria-label={t('journey.tickPerson', { case: p.caseNumber })} />
                </td>
                <PersonCells person={p} nationality={false} />
              </tr>
            ))}
          </JourneyTable>
          <h3>{t('verify.makeList')}</h3>
          <Field label={t('verify.recipient')} htmlFor={`${id}-recipient`} hint={t('verify.recipientHint')}>
            <select
              id={`${id}-recipient`}
              value={recipient}
              onChange={(e) => {
                setRecipient(e.target.value);
                const r = forCountry.find((x) => x.id === e.target.value);
                if (r && !authority.trim()) setAuthority(r.name);
              }}
              aria-describedby={`${id}-recipient-hint`}
            >
              <RecipientOptions recipients={forCountry} noneLabel={t('verify.noRecipient')} />
            </select>
          </Field>
          <Field label={t('verify.authority')} htmlFor={`${id}-authority`} hint={t('verify.authorityHint')} error={missing ? t('validation.required') : undefined}>
            <input
              id={`${id}-authority`}
              type="text"
              autoComplete="off"
              value={authority}
              onChange={(e) => {
                setAuthority(e.target.value);
                setMissing(false);
              }}
              aria-invalid={missing || undefined}
              aria-describedby={missing ? `${id}-authority-error` : `${id}-authority-hint`}
            />
          </Field>
          <EngineError error={error} />
          <button type="submit" className="btn primary" disabled={busy || ticked.length === 0}>
            {t('verify.create', { n: ticked.length })}
          </button>
        </form>
      )}
    </section>
  );
}

function SentLists({ lists, error }: { lists: VerificationListView[] | null; error: ErrorBody | null }) {
  const { t, locale } = useI18n();
  return (
    <section className="panel" aria-labelledby="lists-title">
      <h2 id="lists-title">{t('verify.lists')}</h2>
      <LoadedList items={lists} error={error} empty={<p className="hint">{t('verify.noLists')}</p>}>
        {(sent) => (
          <JourneyTable
            testId="verification-lists"
            head={
              <>
                <th scope="col">{t('verify.list')}</th>
                <th scope="col">{t('verify.countryShort')}</th>
                <th scope="col">{t('verify.authorityShort')}</th>
                <th scope="col" className="num">
                  {t('verify.people')}
                </th>
                <th scope="col" className="num">
                  {t('verify.pending')}
                </th>
                <th scope="col">{t('verify.sentOn')}</th>
              </>
            }
          >
            {sent.map((l) => (
              <tr key={l.id}>
                <td className="mono">
                  <a href={`#/verification/${encodeURIComponent(l.code)}`}>{l.code}</a>
                </td>
                <td>
                  <Country code={l.country} />
                </td>
                <td>{l.authority}</td>
                <td className="num">{l.people}</td>
                <td className="num">{l.pending > 0 ? <span className="chip count">{l.pending}</span> : <span className="chip j-done">0</span>}</td>
                <td>{formatDate(l.createdAt, locale)}</td>
              </tr>
            ))}
          </JourneyTable>
        )}
      </LoadedList>
    </section>
  );
}
