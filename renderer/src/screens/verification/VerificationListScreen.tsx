import { useId, useRef, useState } from 'react';
import type { OutcomeImportResult } from '../../../../src/api/journey-views';
import type { ErrorBody } from '../../../../src/domain/errors';
import type { VerificationOutcome } from '../../../../src/domain/verification';
import { api } from '../../api/transport';
import { Country } from '../../components/Country';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { outcomeProblemText } from '../../i18n/rules';
import { EngineError } from '../detail/EngineError';
import { StageChip } from '../detail/labels';
import { useExport } from '../journey/ExportDialog';
import { useReadFile } from '../journey/forms';
import { recipientLabel } from '../journey/recipients';
import { BackLink, NotLoaded, useHeadingFocus } from '../journey/screen';
import { ScreenHead, useAnnouncer, useEscapeBack, useLoad } from '../journey/shared';
import { JourneyTable, PersonCells, PersonHeads } from '../journey/tables';
import '../journey/journey.css';

/** One embassy list: send it (encrypted), read the embassy's answers back, see who is on it. */
export function VerificationListScreen({ listRef }: { listRef: string }) {
  const { t, locale } = useI18n();
  const list = useLoad('verificationList.get', { ref: listRef });
  const heading = useHeadingFocus(list.value !== null);
  const { announce, node } = useAnnouncer();
  const exporter = useExport(announce);
  useEscapeBack({ name: 'verification', country: list.value?.country });

  if (!list.value) return <NotLoaded error={list.error} back={<BackLink href="#/verification">{t('verify.back')}</BackLink>} />;
  const l = list.value;
  return (
    <div className="journey">
      <BackLink href={`#/verification?country=${l.country}`}>{t('verify.back')}</BackLink>
      <ScreenHead
        title={
          <>
            {t('verify.listTitle')} <span className="mono">{l.code}</span>
          </>
        }
        headingRef={heading}
        sub={
          <>
            <Country code={l.country} /> · {l.authority} · {t('verify.sentBy', { actor: l.createdBy, date: formatDateTime(l.createdAt, locale) })}
          </>
        }
      >
        <dl className="j-counts">
          <div>
            <dt>{t('verify.people')}</dt>
            <dd>{l.people}</dd>
          </div>
          <div className={l.pending > 0 ? 'j-count-missing has' : 'j-count-arrived'}>
            <dt>{t('verify.pending')}</dt>
            <dd data-testid="pending">{l.pending}</dd>
          </div>
        </dl>
      </ScreenHead>
      {node}
      {/* The people at full width, as on a handover: their answers need the room. */}
      <div className="j-pair">
        <section className="panel" aria-labelledby="send-title">
          <h2 id="send-title">{t('verify.send')}</h2>
          <p>{t('verify.sendBody')}</p>
          {l.recipient && (
            <p className="hint">
              {t('verify.recipientIs', { name: recipientLabel(t, l.recipient) })}
            </p>
          )}
          {exporter.trigger(t('verify.export'))}
        </section>
        <OutcomeImport
          listRef={l.code}
          onApplied={(n) => {
            announce(t('verify.recorded', { n }));
            void list.reload();
          }}
        />
      </div>
      <section className="panel" aria-labelledby="members-title">
        <h2 id="members-title">{t('verify.onList', { n: l.members.length })}</h2>
        <JourneyTable
          testId="list-members"
          head={
            <>
              <PersonHeads nationality={false} />
              <th scope="col">{t('detail.stageLabel')}</th>
              <th scope="col">{t('verify.answer')}</th>
              <th scope="col">{t('field.confirmedNationality')}</th>
            </>
          }
        >
          {l.members.map((m) => (
            <tr key={m.personId} data-case={m.caseNumber}>
              <PersonCells person={m} nationality={false} />
              <td>
                <StageChip stage={m.stage} />
              </td>
              <td data-testid="list-answer">
                <ListAnswer outcome={m.outcome} reference={m.reference} />
              </td>
              <td>{m.confirmedNationality ? <Country code={m.confirmedNationality} /> : '—'}</td>
            </tr>
          ))}
        </JourneyTable>
      </section>
      {exporter.dialog({
        title: t('verify.exportTitle', { code: l.code }),
        intro: t('verify.exportIntro'),
        stored: l.recipient,
        country: l.country,
        run: (target) => api('verificationList.export', { ref: l.code, ...target }),
      })}
    </div>
  );
}

/**
 * What the authority answered for one person on this list, with its
 * reference: "not confirmed" is an answer, "no answer yet" is still waiting.
 * The person's confirmed nationality beside it may come from a later answer.
 */
function ListAnswer({ outcome, reference }: { outcome: VerificationOutcome; reference: string | null }) {
  const { t } = useI18n();
  if (outcome === 'pending') return <span className="chip j-outcome-pending">{t('verify.pending')}</span>;
  return (
    <>
      <span className={`chip j-outcome-${outcome}`}>{t(`outcome.${outcome}`)}</span>
      {reference && (
        <div className="hint j-nowrap">
          {t('verify.reference', { reference })}
        </div>
      )}
    </>
  );
}

/** The embassy's returned list: a dry run first (every row's status and problems), then all answers recorded at once. */
function OutcomeImport({ listRef, onApplied }: { listRef: string; onApplied: (n: number) => void }) {
  const { t, tDynamic } = useI18n();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<{ fileName: string; data: string } | null>(null);
  const [check, setCheck] = useState<OutcomeImportResult | null>(null);
  const [done, setDone] = useState<OutcomeImportResult | null>(null);
  const [error, setError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState(false);
  const readFile = useReadFile();

  const choose = async (f: File | undefined) => {
    if (!f) return;
    setError(null);
    setCheck(null);
    setDone(null);
    setBusy(true);
    const read = await readFile(f);
    if (!read.ok) {
      setBusy(false);
      setError(read.error);
      return;
    }
    const source = { fileName: f.name, data: read.data };
    setFile(source);
    const result = await api('verificationList.importOutcomes', { ref: listRef, ...source, dryRun: true });
    setBusy(false);
    if (result.ok) setCheck(result.value);
    else setError(result.error);
    if (input.current) input.current.value = '';
  };

  const apply = async () => {
    if (!file || busy) return;
    setBusy(true);
    setError(null);
    const result = await api('verificationList.importOutcomes', { ref: listRef, ...file, dryRun: false });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setCheck(null);
    setDone(result.value);
    onApplied(result.value.recorded);
  };

  const shown = check ?? done;
  const ready = check ? check.rows.filter((r) => r.status === 'ready').length : 0;
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('verify.answers')}</h2>
      <p>{t('verify.answersBody')}</p>
      <div className="field">
        <label htmlFor="outcome-file">{t('verify.answersFile')}</label>
        <input
          id="outcome-file"
          ref={input}
          type="file"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => void choose(e.target.files?.[0])}
          aria-describedby="outcome-file-hint"
        />
        <span className="hint" id="outcome-file-hint">
          {t('verify.answersHint')}
        </span>
      </div>
      <div role="status" aria-live="polite">
        {busy && <p className="hint">{t('verify.checking')}</p>}
      </div>
      <EngineError error={error} />
      {shown && (
        <div data-testid="outcome-check">
          <dl className="j-counts">
            <div className="j-count-arrived">
              <dt>{check ? t('outcomeStatus.ready') : t('outcomeStatus.recorded')}</dt>
              <dd>{check ? ready : shown.recorded}</dd>
            </div>
            <div>
              <dt>{t('outcomeStatus.unchanged')}</dt>
              <dd>{shown.unchanged}</dd>
            </div>
            <div className={`j-count-missing${shown.invalid > 0 ? ' has' : ''}`}>
              <dt>{t('outcomeStatus.invalid')}</dt>
              <dd>{shown.invalid}</dd>
            </div>
          </dl>
          {check && check.invalid > 0 && (
            <p className="alert error" role="alert">
              {t('verify.fixFile', { n: check.invalid })}
            </p>
          )}
          {done && (
            <p className="alert ok" data-testid="outcomes-recorded">
              {t('verify.recorded', { n: done.recorded })}
            </p>
          )}
          <JourneyTable
            wrapClassName="j-scroll"
            head={
              <>
                <th scope="col" className="num">
                  {t('verify.row')}
                </th>
                <th scope="col">{t('detail.caseNumber')}</th>
                <th scope="col">{t('detail.verification.outcome')}</th>
                <th scope="col">{t('verify.rowStatus')}</th>
                <th scope="col">{t('verify.problems')}</th>
              </>
            }
          >
            {shown.rows.map((r) => (
              <tr key={r.row} className={r.status === 'invalid' ? 'j-bad' : undefined}>
                <td className="num">{r.row}</td>
                <td className="mono">{r.caseNumber ?? '—'}</td>
                <td>{r.outcome ? tDynamic(`outcome.${r.outcome}`, undefined, r.outcome) : '—'}</td>
                <td>
                  <span className={`chip j-row-${r.status}`}>{t(`outcomeStatus.${r.status}`)}</span>
                </td>
                <td>
                  {r.problems.map((p, i) => {
                    const { text, translated } = outcomeProblemText(tDynamic, p);
                    return (
                      <div key={i} lang={translated ? undefined : 'en'}>
                        {text}
                      </div>
                    );
                  })}
                </td>
              </tr>
            ))}
          </JourneyTable>
          {check && check.invalid === 0 && ready > 0 && (
            <div className="row">
              <button type="button" className="btn primary" onClick={() => void apply()} disabled={busy}>
                {t('verify.apply', { n: ready })}
              </button>
              <button
                type="button"
                className="btn"
                onClick={() => {
                  setCheck(null);
                  setFile(null);
                }}
              >
                {t('app.cancel')}
              </button>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
