import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { BatchView, TransferMemberView } from '../../../../src/api/journey-views';
import type { ErrorBody } from '../../../../src/domain/errors';
import type { MemberMark } from '../../../../src/domain/transfer';
import { api } from '../../api/transport';
import { Dialog, DialogActions, Field } from '../../components/ui';
import { latinName } from '../../format';
import { useI18n } from '../../i18n';
import { errorText } from '../../i18n/messages';
import { navigate } from '../../router';
import { EngineError } from '../detail/EngineError';
import { AttachmentImage, altLetter, BatchStatusChip, CaseText, Counts, MemberStatusChip, useLoad } from '../journey/shared';
import { NotLoaded } from '../journey/screen';
import { checkOffMark } from './BatchScreen';
import { Route } from './BatchesScreen';
import { useBatchMark } from './useBatchMark';
import '../journey/journey.css';

/** What the last Enter did, shown big: who, and whether it worked. */
type Shown =
  | { kind: 'marked'; member: TransferMemberView; mark: MemberMark }
  | { kind: 'refused'; typed: string; member: TransferMemberView | null; message: string };

/**
 * Which member a typed text means: the case number as typed, or, for digits
 * alone, the one member whose case number ends in that serial (a lead reading
 * "one two three" off a card types 123). Anything else goes to the engine as
 * typed, which says if it is not on the batch.
 */
function resolve(batch: BatchView, typed: string): string {
  const text = typed.trim().toUpperCase();
  if (!/^\d{1,6}$/.test(text)) return text;
  const n = Number(text);
  const hits = batch.members.filter((m) => Number(/(\d+)$/.exec(m.caseNumber)?.[1] ?? NaN) === n);
  return hits.length === 1 ? hits[0]!.caseNumber : text;
}

/** One line of the "last marked" list: who, and the mark made or the refusal. */
type Recent = { n: number; who: string; mark?: MemberMark; message?: string };
const who = (m: TransferMemberView) => `${m.caseNumber} ${latinName(m) || m.nativeName || ''}`.trim();

const stillToCheck = (b: BatchView, mark: MemberMark) =>
  b.members.filter((m) => (b.status === 'boarding' ? m.status === 'listed' : b.status === 'in_transit' ? m.status === 'boarded' : mark === 'arrived' && m.status === 'missing'));

/**
 * Check-off at boarding and arrival, built for speed: one input that always
 * has the focus, a case number typed or scanned and Enter. The person's photo
 * and name come up big with the result; the counts stay in view.
 */
export function CheckOffScreen({ batchRef }: { batchRef: string }) {
  const { t, tDynamic } = useI18n();
  const batch = useLoad('batch.get', { batch: batchRef });
  const input = useRef<HTMLInputElement>(null);
  const [typed, setTyped] = useState('');
  const [shown, setShown] = useState<Shown | null>(null);
  const [recent, setRecent] = useState<Recent[]>([]);
  const [missingFor, setMissingFor] = useState<string | null>(null);
  const [statusError, setStatusError] = useState<ErrorBody | null>(null);
  const seq = useRef(0);
  const lastShown = useRef(0);
  const b = batch.value;
  const mark = b ? checkOffMark(b) : null;

  const focusInput = useCallback(() => {
    if (!document.querySelector('dialog[open]')) input.current?.focus();
  }, []);

  // A scanner types into whatever has the focus: bring every stray key press back to the input.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (document.querySelector('dialog[open]')) return;
      if (altLetter(e, 'm')) {
        // Only what was typed: the person shown last has just been marked, they are not the one missing.
        e.preventDefault();
        setMissingFor(input.current?.value.trim() ?? '');
        return;
      }
      const target = e.target as HTMLElement | null;
      const inField = target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
      if (e.key === 'Escape' && !inField) {
        navigate({ name: 'batch', ref: batchRef });
        return;
      }
      if (!inField && e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey && target?.tagName !== 'BUTTON') input.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [batchRef]);

  useEffect(() => {
    if (b && mark) focusInput();
  }, [b, mark, focusInput]);

  const record = (entry: Recent) => setRecent((r) => [entry, ...r].slice(0, 8));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!b || !mark) return;
    const text = typed.trim();
    if (!text) return;
    setTyped('');
    const person = resolve(b, text);
    const n = ++seq.current;
    const result = await api('batch.mark', { batch: b.code, person, mark });
    if (result.ok) {
      if (n >= lastShown.current) {
        lastShown.current = n;
        setShown({ kind: 'marked', member: result.value.member, mark });
        batch.setValue(result.value.batch);
      }
      record({ n, who: who(result.value.member), mark });
      return;
    }
    const member = batch.value?.members.find((m) => m.caseNumber === person) ?? null;
    const message =
      result.error.code === 'NOT_FOUND'
        ? t('checkoff.notOnBatch', { typed: text, code: b.code })
        : errorText(t, tDynamic, result.error);
    if (n >= lastShown.current) {
      lastShown.current = n;
      setShown({ kind: 'refused', typed: text, member, message });
    }
    record({ n, who: member ? who(member) : '', message });
  };

  const move = async (to: BatchView['nextStatuses'][number]['to']) => {
    if (!b) return;
    setStatusError(null);
    const result = await api('batch.setStatus', { batch: b.code, to, reason: null });
    if (!result.ok) setStatusError(result.error);
    else {
      batch.setValue(result.value);
      setShown(null);
      // The button pressed may be gone now; the next scan must land in the input.
      setTimeout(focusInput, 0);
    }
  };

  if (!b) return <NotLoaded error={batch.error} />;

  const remaining = mark ? stillToCheck(b, mark) : [];
  const nextAllowed = b.nextStatuses.filter((s) => s.allowed && s.to !== 'cancelled' && s.to !== 'planned');

  return (
    <div className="journey checkoff">
      <a href={`#/batches/${encodeURIComponent(b.code)}`} className="j-back" title="Esc">
        {t('checkoff.backToBatch', { code: b.code })}
      </a>
      <div className="checkoff-head">
        <div>
          <h1>
            {mark ? t(`checkoff.title.${b.status === 'boarding' ? 'boarding' : b.status === 'in_transit' ? 'arrival' : 'late'}`) : t('checkoff.titleIdle')}{' '}
            <span className="mono">{b.code}</span> <BatchStatusChip status={b.status} />
          </h1>
          <p className="j-sub">
            <Route from={b.fromSite} crossing={b.crossingPoint} to={b.toSite} />
          </p>
        </div>
        <Counts counts={b.counts} big hideRemoved />
      </div>

      {!mark ? (
        <section className="panel" aria-labelledby="checkoff-idle">
          <h2 id="checkoff-idle">{b.status === 'planned' ? t('checkoff.planned') : t('checkoff.nothing')}</h2>
          {nextAllowed.map((s) => (
            <button key={s.to} type="button" className="btn primary" onClick={() => void move(s.to)}>
              {t(`batch.to.${s.to}`)}
            </button>
          ))}
          <EngineError error={statusError} />
        </section>
      ) : (
        <div className="checkoff-main">
          <div>
            <form onSubmit={(e) => void submit(e)} className="checkoff-form" autoComplete="off">
              <label htmlFor="checkoff-input">{t('checkoff.label', { mark: t(`memberStatus.${mark}`) })}</label>
              <input autoComplete="off"
                id="checkoff-input"
                ref={input}
                type="text"
                inputMode="text"
                autoCapitalize="characters"
                spellCheck={false}
                value={typed}
                onChange={(e) => setTyped(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Escape') {
                    e.preventDefault();
                    if (typed) setTyped('');
                    else navigate({ name: 'batch', ref: b.code });
                  }
                }}
                onBlur={() =>
                  setTimeout(() => {
                    const active = document.activeElement;
                    if (!active || active === document.body) focusInput();
                  }, 0)
                }
                aria-describedby="checkoff-keys"
              />
              <p id="checkoff-keys" className="hint">
                {t('checkoff.keys', { mark: t(`memberStatus.${mark}`) })}
              </p>
            </form>
            <Result shown={shown} />
            <div className="row">
              <button type="button" className="btn danger" onClick={() => setMissingFor(input.current?.value.trim() ?? '')} title="Alt+M">
                {t('checkoff.markMissing')}
              </button>
              {nextAllowed.map((s) => (
                <button key={s.to} type="button" className="btn" onClick={() => void move(s.to)}>
                  {t(`batch.to.${s.to}`)}
                </button>
              ))}
            </div>
            <EngineError error={statusError} />
          </div>
          <aside className="panel checkoff-side" aria-labelledby="checkoff-remaining">
            <h2 id="checkoff-remaining">{t('checkoff.remaining', { n: remaining.length })}</h2>
            {remaining.length === 0 ? (
              <p className="alert ok">{t('checkoff.allDone')}</p>
            ) : (
              <ul className="checkoff-list" data-testid="remaining">
                {remaining.map((m) => (
                  <li key={m.personId}>
                    <span className="mono">{m.caseNumber}</span>
                    <span className="checkoff-list-name">{latinName(m) || m.nativeName}</span>
                    <button type="button" className="btn small" onClick={() => setMissingFor(m.caseNumber)}>
                      {t('checkoff.missingShort')}
                      <span className="sr-only"> {m.caseNumber}</span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
            {recent.length > 0 && (
              <>
                <h3>{t('checkoff.recent')}</h3>
                <ol className="checkoff-recent">
                  {recent.map((r) => (
                    <li key={r.n} className={r.message ? 'bad' : r.mark === 'missing' ? 'warn' : 'ok'}>
                      {r.who && `${r.who} — `}
                      {r.message ?? t(`memberStatus.${r.mark!}`)}
                    </li>
                  ))}
                </ol>
              </>
            )}
          </aside>
        </div>
      )}
      {missingFor !== null && (
        <MissingDialog
          batch={b}
          initial={missingFor}
          onClose={() => {
            setMissingFor(null);
            setTimeout(focusInput, 0);
          }}
          onDone={(view, member) => {
            batch.setValue(view);
            setShown({ kind: 'marked', member, mark: 'missing' });
            record({ n: ++seq.current, who: who(member), mark: 'missing' });
            lastShown.current = seq.current;
            setMissingFor(null);
            setTyped('');
            setTimeout(focusInput, 0);
          }}
        />
      )}
    </div>
  );
}

/** The last result, big: photo, names, case number, and what happened. */
function Result({ shown }: { shown: Shown | null }) {
  const { t } = useI18n();
  const member = shown?.member ?? null;
  return (
    <div
      className={`checkoff-result${shown ? (shown.kind === 'marked' ? (shown.mark === 'missing' ? ' warn' : ' ok') : ' bad') : ''}`}
      role={shown?.kind === 'refused' ? 'alert' : 'status'}
      aria-live={shown?.kind === 'refused' ? 'assertive' : 'polite'}
      data-testid="checkoff-result"
    >
      {!shown ? (
        <p className="hint">{t('checkoff.waiting')}</p>
      ) : (
        <>
          {member ? (
            <AttachmentImage id={member.photoId} alt={t('checkoff.photoOf', { name: latinName(member) || member.nativeName || member.caseNumber })} className="checkoff-photo" />
          ) : (
            <div className="checkoff-photo j-photo-none checkoff-unknown" aria-hidden="true">
              ?
            </div>
          )}
          <div className="checkoff-who">
            {member ? (
              <>
                <p className="checkoff-name">{latinName(member) || member.nativeName}</p>
                {latinName(member) && member.nativeName && <p className="checkoff-native">{member.nativeName}</p>}
                <p className="mono checkoff-case">{member.caseNumber}</p>
              </>
            ) : (
              <p className="mono checkoff-name">{shown.kind === 'refused' ? shown.typed : ''}</p>
            )}
            {shown.kind === 'marked' ? (
              <p className="checkoff-verdict" data-testid="verdict">
                <span aria-hidden="true">{shown.mark === 'missing' ? '!' : '✓'}</span> {t(`memberStatus.${shown.mark}`)}
              </p>
            ) : (
              <p className="checkoff-verdict" data-testid="verdict">
                <span aria-hidden="true">✗</span> <CaseText text={shown.message} />
              </p>
            )}
            {member && shown.kind === 'refused' && (
              <p>
                {t('checkoff.nowMarked')} <MemberStatusChip status={member.status} />
              </p>
            )}
          </div>
        </>
      )}
    </div>
  );
}

/** Missing: who (case number) and the incident note the domain asks for. */
function MissingDialog({
  batch,
  initial,
  onClose,
  onDone,
}: {
  batch: BatchView;
  initial: string;
  onClose: () => void;
  onDone: (view: BatchView, member: TransferMemberView) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [typed, setTyped] = useState(initial);
  const [note, setNote] = useState('');
  const { busy, error, save } = useBatchMark(batch, onDone);
  const resolved = typed.trim() ? resolve(batch, typed) : '';
  const member = batch.members.find((m) => m.caseNumber === resolved) ?? null;
  const submit = (e: FormEvent) => save(e, resolved || typed, 'missing', note);
  return (
    <Dialog open title={t('checkoff.missingTitle')} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field label={t('checkoff.who')} htmlFor={`${id}-who`}>
          <input id={`${id}-who`} type="text" className="mono" autoComplete="off" value={typed} onChange={(e) => setTyped(e.target.value)} autoFocus={!initial} />
        </Field>
        {member && (
          <p data-testid="missing-who">
            <strong>{latinName(member) || member.nativeName}</strong> {latinName(member) && member.nativeName ? `· ${member.nativeName}` : ''} · <MemberStatusChip status={member.status} />
          </p>
        )}
        <Field label={t('checkoff.incident')} htmlFor={`${id}-note`} hint={t('checkoff.incidentHint')}>
          <textarea autoComplete="off"
            id={`${id}-note`}
            rows={4}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            autoFocus={!!initial}
            aria-describedby={`${id}-note-hint`}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit(e);
            }}
          />
        </Field>
        <EngineError error={error} />
        <DialogActions label={t('checkoff.saveMissing')} busy={busy} danger onCancel={onClose} />
      </form>
    </Dialog>
  );
}
