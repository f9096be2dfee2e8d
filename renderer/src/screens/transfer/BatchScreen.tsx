import { useEffect, useId, useState, type FormEvent } from 'react';
import type { BatchView, TransferMemberView } from '../../../../src/api/journey-views';
import type { ErrorBody } from '../../../../src/domain/errors';
import { MEMBER_MARKS, type BatchStatus, type MemberMark } from '../../../../src/domain/transfer';
import { downloadBase64 } from '../../api/files';
import { api } from '../../api/transport';
import { Country } from '../../components/Country';
import { Dialog, DialogActions, Field } from '../../components/ui';
import { formatDate, formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { navigate } from '../../router';
import { EngineError } from '../detail/EngineError';
import { isTypingTarget } from '../detail/labels';
import { ReasonDialog } from '../detail/ReasonDialog';
import { useDialogState } from '../detail/useDialogState';
import { Violations } from '../journey/rules';
import { BackLink, NotLoaded, useHeadingFocus } from '../journey/screen';
import { BatchStatusChip, Counts, MemberStatusChip, PersonName, ScreenHead, useAnnouncer, useEscapeBack, useLoad } from '../journey/shared';
import { JourneyTable, PersonCells, PersonHeads } from '../journey/tables';
import { useBatchMark } from './useBatchMark';
import { Route } from './BatchesScreen';
import '../journey/journey.css';

/** Whether the check-off screen has something to mark on a batch in this status. */
export function checkOffMark(b: Pick<BatchView, 'status' | 'counts'>): MemberMark | null {
  if (b.status === 'boarding') return 'boarded';
  if (b.status === 'in_transit') return 'arrived';
  if (b.status === 'arrived' && b.counts.missing > 0) return 'arrived';
  return null;
}

/** One transfer batch: route, counts, the next status, printing, and every member with their check-off. */
export function BatchScreen({ batchRef }: { batchRef: string }) {
  const { t, locale } = useI18n();
  const batch = useLoad('batch.get', { batch: batchRef });
  const heading = useHeadingFocus(batch.value !== null);
  const { announce, node } = useAnnouncer();
  const cancel = useDialogState<true>(heading);
  const correct = useDialogState<TransferMemberView>(heading);
  const [statusError, setStatusError] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState<BatchStatus | null>(null);

  const b = batch.value;
  const mark = b ? checkOffMark(b) : null;
  useEscapeBack({ name: 'batches' });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isTypingTarget(e.target) || document.querySelector('dialog[open]')) return;
      if ((e.key === 'c' || e.key === 'C' || e.code === 'KeyC') && b && mark) {
        e.preventDefault();
        navigate({ name: 'checkoff', ref: b.code });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [b, mark]);

  if (!b) return <NotLoaded error={batch.error} back={<BackLink href="#/batches">{t('batch.back')}</BackLink>} />;

  const move = async (to: BatchStatus, reason: string | null) => {
    setBusy(to);
    setStatusError(null);
    const result = await api('batch.setStatus', { batch: b.code, to, reason });
    setBusy(null);
    if (!result.ok) {
      setStatusError(result.error);
      return result.error;
    }
    batch.setValue(result.value);
    announce(t('batch.moved', { status: t(`batchStatus.${to}`) }));
    return null;
  };

  return (
    <div className="journey">
      <BackLink href="#/batches" title="Esc">
        {t('batch.back')}
      </BackLink>
      <ScreenHead
        headingRef={heading}
        title={
          <>
            {t('batch.title')} <span className="mono">{b.code}</span> <BatchStatusChip status={b.status} />
          </>
        }
        sub={
          <>
            <Route from={b.fromSite} crossing={b.crossingPoint} to={b.toSite} /> · {formatDate(b.plannedDate, locale)}
          </>
        }
      >
        {mark && (
          <a className="btn primary j-big-btn" href={`#/batches/${encodeURIComponent(b.code)}/checkoff`} title="C" data-testid="open-checkoff">
            {t('batch.checkOff', { mark: t(`memberStatus.${mark}`) })}
          </a>
        )}
        {b.status === 'arrived' && (
          <a className="btn primary" href={`#/handovers/new?batch=${encodeURIComponent(b.code)}`}>
            {t('batch.handOver')}
          </a>
        )}
      </ScreenHead>
      <Counts counts={b.counts} />
      {node}
      <div className="j-batch-top">
        <section className="panel" aria-labelledby="batch-facts">
          <h2 id="batch-facts">{t('batch.details')}</h2>
          <dl className="facts">
            <dt>{t('batch.vehicle')}</dt>
            <dd>{b.vehicle ?? '—'}</dd>
            <dt>{t('batch.escort')}</dt>
            <dd>{b.escort ?? '—'}</dd>
            <dt>{t('batch.people')}</dt>
            <dd>
              {b.counts.total} / {b.capacity}
            </dd>
            <dt>{t('batch.since')}</dt>
            <dd>{formatDateTime(b.statusChangedAt, locale)}</dd>
            {b.note && (
              <>
                <dt>{t('field.note')}</dt>
                <dd>{b.note}</dd>
              </>
            )}
          </dl>
        </section>
        <section className="panel" aria-labelledby="batch-next">
          <h2 id="batch-next">{t('batch.next')}</h2>
          {b.nextStatuses.length === 0 ? (
            <p className="hint">{t('batch.final')}</p>
          ) : (
            <ul className="j-next">
              {b.nextStatuses.map((s) => (
                <li key={s.to} className={s.allowed ? undefined : 'blocked'}>
                  <button
                    type="button"
                    className={`btn${s.to === 'cancelled' ? ' danger' : s.allowed && s.to !== 'planned' ? ' primary' : ''}`}
                    disabled={(!s.allowed && s.to !== 'cancelled') || busy !== null}
                    aria-describedby={s.allowed ? undefined : `why-${s.to}`}
                    onClick={() => (s.to === 'cancelled' ? cancel.open(true) : void move(s.to, null))}
                  >
                    {busy === s.to ? t('detail.working') : t(`batch.to.${s.to}`)}
                  </button>
                  {!s.allowed && s.to !== 'cancelled' && (
                    <Violations violations={s.violations} id={`why-${s.to}`} short />
                  )}
                </li>
              ))}
            </ul>
          )}
          <EngineError error={statusError} />
          {mark && <p className="hint j-keys">{t('batch.keys')}</p>}
        </section>
        <section className="panel" aria-labelledby="batch-print">
          <h2 id="batch-print">{t('batch.print')}</h2>
          <p className="hint">{t('batch.printHint')}</p>
          <div className="row">
            <PrintButton code={b.code} what="roster" />
            <PrintButton code={b.code} what="cards" />
          </div>
          {b.handovers.length > 0 && (
            <>
              <h3>{t('batch.handovers')}</h3>
              <ul className="j-plain">
                {b.handovers.map((h) => (
                  <li key={h.id}>
                    <a className="mono" href={`#/handovers/${encodeURIComponent(h.code)}`}>
                      {h.code}
                    </a>{' '}
                    · <Country code={h.receivingCountry} /> · {t('batch.peopleN', { n: h.people })}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      </div>
      <Members batch={b} onCorrect={correct.open} />
      {cancel.value && (
        <ReasonDialog
          title={t('batch.cancelTitle', { code: b.code })}
          submitLabel={t('batch.to.cancelled')}
          onClose={cancel.close}
          onSubmit={async (reason) => {
            const failure = await move('cancelled', reason);
            if (!failure) cancel.close();
            return failure;
          }}
        >
          <p>{t('batch.cancelBody')}</p>
        </ReasonDialog>
      )}
      {correct.value && (
        <CorrectDialog
          batch={b}
          member={correct.value}
          onClose={correct.close}
          onDone={(view, m) => {
            batch.setValue(view);
            correct.close();
            announce(t('checkoff.marked', { case: m.caseNumber, mark: t(`memberStatus.${m.status}`) }));
          }}
        />
      )}
    </div>
  );
}

function PrintButton({ code, what }: { code: string; what: 'roster' | 'cards' }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);
  const print = async () => {
    setBusy(true);
    setError(null);
    const result = await api('batch.print', { batch: code, what });
    setBusy(false);
    if (!result.ok) setError(result.error);
    else downloadBase64({ fileName: result.value.fileName, mime: 'application/pdf', data: result.value.data });
  };
  return (
    <div>
      <button type="button" className="btn" onClick={() => void print()} disabled={busy} aria-describedby={`print-${what}-status`}>
        {what === 'roster' ? t('batch.printRoster') : t('batch.printCards')}
      </button>
      <span id={`print-${what}-status`} role="status" className="hint">
        {busy ? ` ${t('batch.printing')}` : ''}
      </span>
      <EngineError error={error} />
    </div>
  );
}

function lastMark(m: TransferMemberView): string | null {
  return m.status === 'boarded' ? m.boardedAt : m.status === 'arrived' ? m.arrivedAt : m.status === 'missing' ? m.missingAt : m.status === 'removed' ? m.removedAt : m.listedAt;
}

function Members({ batch: b, onCorrect }: { batch: BatchView; onCorrect: (m: TransferMemberView) => void }) {
  const { t, locale } = useI18n();
  return (
    <section className="panel" aria-labelledby="batch-members">
      <h2 id="batch-members">{t('batch.members', { n: b.counts.total })}</h2>
      {b.members.length === 0 ? (
        <p className="hint">{t('batch.noMembers')}</p>
      ) : (
        <JourneyTable
          testId="members"
          head={
            <>
              <PersonHeads />
              <th scope="col">{t('batch.memberStatus')}</th>
              <th scope="col">{t('batch.markedAt')}</th>
              <th scope="col">{t('batch.incident')}</th>
              <th scope="col">
                <span className="sr-only">{t('journey.actions')}</span>
              </th>
            </>
          }
        >
          {b.members.map((m) => {
            const at = lastMark(m);
            return (
              <tr key={m.personId} className={`j-m-${m.status}`} data-case={m.caseNumber}>
                <PersonCells person={m}>
                  {m.openHolds.length > 0 && (
                    <div>
                      {m.openHolds.map((h) => (
                        <span key={h} className="chip hold">
                          {t(`hold.${h}`)}
                        </span>
                      ))}
                    </div>
                  )}
                </PersonCells>
                <td>
                  <MemberStatusChip status={m.status} />
                </td>
                <td>{at ? formatDateTime(at, locale) : '—'}</td>
                <td className="j-incident">{m.incident ?? ''}</td>
                <td>
                  {b.status !== 'cancelled' && (
                    <button type="button" className="btn small" onClick={() => onCorrect(m)}>
                      {t('batch.correct')}
                      <span className="sr-only"> {m.caseNumber}</span>
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </JourneyTable>
      )}
    </section>
  );
}

/** Change one person's check-off: boarded, arrived, missing (incident note) or taken off the batch (reason). */
function CorrectDialog({
  batch,
  member,
  onClose,
  onDone,
}: {
  batch: BatchView;
  member: TransferMemberView;
  onClose: () => void;
  onDone: (view: BatchView, member: TransferMemberView) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const marks = MEMBER_MARKS.filter((m) => m !== member.status);
  const [mark, setMark] = useState<MemberMark>(marks[0]!);
  const [note, setNote] = useState('');
  const { busy, error, save } = useBatchMark(batch, onDone);
  const submit = (e: FormEvent) => save(e, member.caseNumber, mark, note);
  return (
    <Dialog open title={t('batch.correctTitle', { case: member.caseNumber })} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <p>
          <PersonName person={member} link={false} /> · <MemberStatusChip status={member.status} />
        </p>
        <div className="field">
          <span className="label" id={`${id}-mark`}>
            {t('batch.markAs')}
          </span>
          <div className="radios" role="radiogroup" aria-labelledby={`${id}-mark`}>
            {marks.map((m) => (
              <label key={m}>
                <input type="radio" name="correct-mark" value={m} checked={mark === m} onChange={() => setMark(m)} />
                {t(`mark.${m}`)}
              </label>
            ))}
          </div>
        </div>
        <Field label={mark === 'missing' ? t('checkoff.incident') : mark === 'removed' ? t('batch.removeReason') : t('batch.markNote')} htmlFor={`${id}-note`} hint={mark === 'missing' ? t('checkoff.incidentHint') : undefined}>
          <textarea autoComplete="off" id={`${id}-note`} rows={3} value={note} onChange={(e) => setNote(e.target.value)} aria-describedby={mark === 'missing' ? `${id}-note-hint` : undefined} />
        </Field>
        <EngineError error={error} />
        <DialogActions label={t('batch.saveMark')} busy={busy} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
