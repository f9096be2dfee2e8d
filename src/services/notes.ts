import type { NoteView } from '../api/views';
import { HomewardError } from '../domain/errors';
import { uuidv7 } from '../db/ids';
import type { OfficeStore } from '../db/store';
import { liveWriteTarget, type RecordedOn } from './person-record';

/** Notes are append-only: a correction is a new note, never an edit. */
export function addNote(store: OfficeStore, actor: string, ref: string, body: string): NoteView & RecordedOn {
  const text = body.trim();
  if (!text) throw new HomewardError('VALIDATION_FAILED', 'The note is empty. Write what happened.');
  if (text.length > 20_000) throw new HomewardError('VALIDATION_FAILED', 'The note is longer than 20,000 characters. Split it or attach a document.');
  const { id: personId, caseNumber, addressedAs } = liveWriteTarget(store.db, ref);
  return store.write(actor, (tx) => {
    const note = { id: uuidv7(), person_id: personId, body: text, author: tx.actor, created_at: tx.at };
    tx.insert('note', note);
    tx.audit({ action: 'note.added', entityType: 'note', entityId: note.id, personId, after: { body: text, ...(addressedAs ? { addressedAs } : {}) } });
    return { id: note.id, body: text, author: note.author, createdAt: note.created_at, recordedOn: { id: personId, caseNumber } };
  });
}
