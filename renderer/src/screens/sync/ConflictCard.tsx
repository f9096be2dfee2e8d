import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { ConflictView } from '../../../../src/api/sync-views';
import { DOCUMENT_TYPES, SEXES } from '../../../../src/domain/person';
import type { ErrorBody } from '../../../../src/domain/errors';
import { api } from '../../api/transport';
import { Field } from '../../components/ui';
import { useI18n } from '../../i18n';
import { EngineError } from '../detail/EngineError';
import { CountrySelect } from '../journey/shared';
import { appliedSide, editorFor, editorText, fieldLabel, momentText, parseTyped, valueText } from './values';

type Choice = 'keep' | 'other' | 'value' | 'reviewed';

/**
 * One open question: whose value, from which office and when, which one the
 * field holds now, and the ways to settle it. Identity fields are settled by
 * a value; stage and clock flags are looked at and marked reviewed.
 */
export function ConflictCard({ conflict: c, onSettled }: { conflict: ConflictView; onSettled: () => void }) {
  const { t, tDynamic, locale } = useI18n();
  const id = useId();
  const [note, setNote] = useState('');
  const [typing, setTyping] = useState(false);
  const [typed, setTyped] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);
  const identity = c.kind === 'identity' && !!c.field;
  const applied = appliedSide(c);
  const label = fieldLabel(t, tDynamic, c);
  const text = (v: unknown) => valueText(t, tDynamic, locale, c.field, v);

  // Into the editor when it opens; back to the button that opened it on Cancel.
  const cancelled = useRef(false);
  useEffect(() => {
    if (typing) document.getElementById(`${id}-typed`)?.focus();
    else if (cancelled.current) document.getElementById(`${id}-type`)?.focus();
    cancelled.current = false;
  }, [typing, id]);

  const settle = async (choice: Choice, e?: FormEvent) => {
    e?.preventDefault();
    if (busy) return;
    setError(null);
    let value: string | number | null | undefined;
    if (choice === 'value') {
      const parsed = parseTyped(t, c.table, c.field!, typed);
      if (!parsed.ok) {
        setInvalid(parsed.message);
        document.getElementById(`${id}-typed`)?.focus();
        return;
      }
      value = parsed.value;
    }
    setBusy(true);
    const r = await api('sync.resolveConflict', { id: c.id, choice, ...(value !== undefined ? { value } : {}), ...(note.trim() ? { note: note.trim() } : {}) });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    onSettled();
  };

  const side = (which: 'winner' | 'loser') => {
    const value = which === 'winner' ? c.winnerValue : c.loserValue;
    const office = which === 'winner' ? c.winnerOffice : c.loserOffice;
    const at = which === 'winner' ? c.winnerAt : c.loserAt;
    const isApplied = applied === which;
    return (
      <div className={`sync-value${isApplied ? ' applied' : ''}`} data-side={which} data-applied={isApplied || undefined}>
        <div className="sync-value-head">
          <span>{office ? t('conflict.valueFrom', { office }) : '—'}</span>
          {isApplied ? <span className="chip j-done">{t('conflict.applied')}</span> : <span className="chip">{t('conflict.notApplied')}</span>}
        </div>
        <p className="sync-value-text" data-testid={`value-${which}`}>
          {text(value)}
        </p>
        {at && <p className="hint">{t('conflict.valueAt', { at: momentText(at, locale) })}</p>}
      </div>
    );
  };

  const titleId = `${id}-title`;
  return (
    <li className="panel sync-conflict" data-conflict={c.id} data-kind={c.kind} aria-labelledby={titleId}>
      <div className="sync-conflict-head">
        <h2 id={titleId} tabIndex={-1}>
          {c.caseNumber ? (
            <>
              <a href={`#/person/${encodeURIComponent(c.caseNumber)}`}>
                <span className="mono">{c.caseNumber}</span> {c.personName && <span className="sync-person">{c.personName}</span>}
              </a>
            </>
          ) : (
            <span className="mono">{c.rowId}</span>
          )}
        </h2>
        <span className={`chip sync-kind-${c.kind}`}>{t(`conflict.kind.${c.kind}`)}</span>
      </div>
      <p className="sync-field">
        <strong>{label}</strong>
      </p>
      {identity ? (
        <>
          <div className="sync-values">
            {side('winner')}
            {side('loser')}
          </div>
          {applied === null && <p className="alert warn">{t('conflict.nowHolds', { value: text(c.currentValue) })}</p>}
        </>
      ) : (
        c.detail && (
          <div className="alert warn sync-detail">
            <strong>{t('conflict.detail')}:</strong> <span lang="en">{c.detail}</span>
          </div>
        )
      )}
      <form
        onSubmit={(e) => {
          // Enter saves a typed value; elsewhere it settles nothing by surprise.
          e.preventDefault();
          if (typing) void settle('value');
        }}
        noValidate
      >
        {typing && c.field && (
          <div className="sync-typed">
            <Field label={`${t('conflict.typed')}: ${label}`} htmlFor={`${id}-typed`} error={invalid ?? undefined}>
              <TypedEditor id={`${id}-typed`} field={c.field} value={typed} invalid={invalid !== null} onChange={(v) => {
                setTyped(v);
                setInvalid(null);
              }} />
            </Field>
          </div>
        )}
        <Field label={t('conflict.note')} htmlFor={`${id}-note`} hint={t('conflict.noteHint')}>
          <input id={`${id}-note`} type="text" autoComplete="off" value={note} onChange={(e) => setNote(e.target.value)} aria-describedby={`${id}-note-hint`} />
        </Field>
        {typing ? (
          <div className="row sync-actions">
            <button type="submit" className="btn primary" disabled={busy}>
              {t('conflict.save')}
            </button>
            <button
              type="button"
              className="btn"
              onClick={() => {
                setTyping(false);
                setInvalid(null);
                cancelled.current = true;
              }}
            >
              {t('app.cancel')}
            </button>
          </div>
        ) : (
          <div className="row sync-actions">
            {identity ? (
              <>
                <button type="button" className="btn" disabled={busy} onClick={() => void settle('keep')}>
                  {t('conflict.keep')}
                </button>
                <button type="button" className="btn" disabled={busy} onClick={() => void settle('other')}>
                  {t('conflict.other')}
                </button>
                <button
                  id={`${id}-type`}
                  type="button"
                  className="btn"
                  disabled={busy}
                  onClick={() => {
                    setTyped(editorText(c.field!, c.currentValue));
                    setTyping(true);
                  }}
                >
                  {t('conflict.type')}
                </button>
              </>
            ) : (
              <button type="button" className="btn" disabled={busy} onClick={() => void settle('reviewed')}>
                {t('conflict.reviewed')}
              </button>
            )}
          </div>
        )}
        <EngineError error={error} />
      </form>
    </li>
  );
}

function TypedEditor({
  id,
  field,
  value,
  invalid,
  onChange,
}: {
  id: string;
  field: string;
  value: string;
  invalid: boolean;
  onChange: (v: string) => void;
}) {
  const { t } = useI18n();
  const kind = editorFor(field);
  const common = { id, 'aria-invalid': invalid || undefined, 'aria-describedby': invalid ? `${id}-error` : undefined };
  if (kind === 'sex' || kind === 'doctype') {
    const options = kind === 'sex' ? SEXES : DOCUMENT_TYPES;
    return (
      <select {...common} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map((o) => (
          <option key={o} value={o}>
            {t(kind === 'sex' ? `sex.${o as (typeof SEXES)[number]}` : `doctype.${o as (typeof DOCUMENT_TYPES)[number]}`)}
          </option>
        ))}
      </select>
    );
  }
  if (kind === 'country') return <CountrySelect id={id} value={value} onChange={onChange} allowEmpty invalid={invalid} describedBy={common['aria-describedby']} />;
  return <input {...common} type={kind === 'number' ? 'number' : 'text'} autoComplete="off" value={value} onChange={(e) => onChange(e.target.value)} />;
}
