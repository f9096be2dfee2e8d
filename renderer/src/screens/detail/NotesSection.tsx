import { useId, useMemo, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { PersonView } from '../../../../src/api/views';
import type { ErrorBody } from '../../../../src/domain/errors';
import { api } from '../../api/transport';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { EngineError } from './EngineError';

/** Append-only narrative notes, newest first; Ctrl+Enter adds one (not on a read-only record). */
export function NotesSection({ person, onChanged, readOnly = false }: { person: PersonView; onChanged: (message: string) => Promise<void>; readOnly?: boolean }) {
  const { t, locale } = useI18n();
  const id = useId();
  const [body, setBody] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorBody | null>(null);
  const notes = useMemo(() => [...person.notes].reverse(), [person.notes]);

  const add = async (e?: FormEvent) => {
    e?.preventDefault();
    if (busy) return;
    if (!body.trim()) {
      setMissing(true);
      return;
    }
    setBusy(true);
    setError(null);
    const result = await api('note.add', { ref: person.id, body });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setBody('');
    await onChanged(t('detail.noteAdded'));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
      e.preventDefault();
      void add();
    }
  };

  const fieldId = `${id}-note`;
  return (
    <section className="panel" aria-labelledby="detail-notes-heading">
      <h2 id="detail-notes-heading">{t('detail.notes')}</h2>
      {!readOnly && (
        <form onSubmit={(e) => void add(e)} noValidate className="detail-note-form">
          <div className="field">
            <label htmlFor={fieldId}>{t('detail.noteLabel')}</label>
            <textarea autoComplete="off"
              id={fieldId}
              rows={3}
              value={body}
              placeholder={t('detail.notePlaceholder')}
              onChange={(e) => {
                setBody(e.target.value);
                if (e.target.value.trim()) setMissing(false);
              }}
              onKeyDown={onKeyDown}
              aria-invalid={missing ? true : undefined}
              aria-describedby={missing ? `${fieldId}-error` : `${fieldId}-hint`}
            />
            {missing ? (
              <span className="error" id={`${fieldId}-error`} role="alert">
                {t('validation.required')}
              </span>
            ) : (
              <span className="hint" id={`${fieldId}-hint`}>
                {t('detail.noteHint')}
              </span>
            )}
          </div>
          <EngineError error={error} />
          <button type="submit" className="btn" disabled={busy}>
            {busy ? t('detail.working') : t('detail.addNote')}
          </button>
        </form>
      )}
      {notes.length === 0 ? (
        <p className="hint">{t('detail.noNotes')}</p>
      ) : (
        <ul className="detail-notes">
          {notes.map((note) => (
            <li key={note.id}>
              <div className="hint">
                <span className="detail-author">{note.author}</span> · <time dateTime={note.createdAt}>{formatDateTime(note.createdAt, locale)}</time>
              </div>
              <p className="pre-wrap">{note.body}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
