/**
 * Handlers for bulk import and the duplicate review queue. An open list lives
 * in the engine's memory only (it holds personal data, so never in a temp
 * file) until it is applied or closed, or the office is locked.
 */
import { HomewardError } from '../domain/errors';
import { todayIso } from '../domain/dates';
import { staysByStage } from '../domain/merge';
import { parsePersonInput } from '../services/people';
import { prepare } from '../db/query';
import type { ImportBatchTable, PersonTable } from '../db/schema';
import type { OfficeStore } from '../db/store';
import { intakeMatchPerson } from '../db/match-person';
import { StoredMatcher } from '../services/duplicates/finder';
import { mergePeople, undoMerge } from '../services/duplicates/merge';
import { candidateRow, candidateView, decideDifferent, listCandidates } from '../services/duplicates/queue';
import { personView, resolvePersonId, summary } from '../services/person-record';
import type { TextEncodingName } from '../services/import/decode';
import { ImportSession } from '../services/import/session';
import { deleteMapping, getMapping, listMappings, saveMapping } from '../services/import/saved-mappings';
import { importFileView, importRowsView } from '../services/import/views';
import type { CallArgs, CallName, CallOutput } from './contract';
import type { Session } from './dispatch';
import { office } from './office';

type Some<K extends CallName> = { [P in K]: (session: Session, args: CallArgs<P>) => CallOutput<P> | Promise<CallOutput<P>> };

/** Open lists kept at once; opening another forgets the oldest. */
const MAX_OPEN_IMPORTS = 3;

function openImport(session: Session, id: string): ImportSession {
  const found = session.imports?.get(id);
  if (!found || found.store !== session.store) {
    throw new HomewardError('NOT_FOUND', 'This list is no longer open (it was imported, closed, or the office was locked). Open the file again.');
  }
  return found.session;
}

const pairView = (store: OfficeStore, id: string) => {
  const candidate = candidateView(store, candidateRow(store, id));
  const a = personView(store.db, candidate.a.id);
  const b = personView(store.db, candidate.b.id);
  return { candidate, a, b, staysByStage: staysByStage(a, b) };
};

export const dedupImportHandlers: Some<
  | 'person.findDuplicates'
  | 'import.open'
  | 'import.map'
  | 'import.check'
  | 'import.rows'
  | 'import.errorFile'
  | 'import.apply'
  | 'import.close'
  | 'import.batches'
  | 'import.mappings'
  | 'import.saveMapping'
  | 'import.deleteMapping'
  | 'duplicate.list'
  | 'duplicate.get'
  | 'duplicate.different'
  | 'duplicate.merge'
  | 'merge.undo'
> = {
  'person.findDuplicates': (session, a) => {
    const store = office(session);
    const today = todayIso();
    const data = parsePersonInput(a.person);
    const matcher = new StoredMatcher(store.db, Number(today.slice(0, 4)));
    const exclude = a.exclude ? resolvePersonId(store.db, a.exclude) : undefined;
    const person = prepare(store.db, 'SELECT * FROM person WHERE id = ?');
    return matcher
      .find(intakeMatchPerson(data, today, Number(today.slice(0, 4))), exclude)
      .slice(0, 10)
      .map((h) => ({ ...h, person: summary(person.get(h.personId) as PersonTable, today) }));
  },
  'import.open': (session, a) => {
    const store = office(session);
    const saved = a.mappingName ? getMapping(store, a.mappingName) : null;
    const s = new ImportSession(store, Buffer.from(a.data, 'base64'), a.fileName, {
      format: a.format,
      // The schema allows only TEXT_ENCODINGS; it is typed as string so the renderer can pass its picker's value.
      encoding: a.encoding as TextEncodingName | undefined,
      delimiter: a.delimiter,
      sheet: a.sheet,
      headerRow: a.headerRow,
      savedMapping: saved ? { name: saved.name, mapping: saved.mapping } : undefined,
    });
    const imports = (session.imports ??= new Map());
    while (imports.size >= MAX_OPEN_IMPORTS) imports.delete(imports.keys().next().value as string);
    imports.set(s.id, { store, session: s });
    return importFileView(store, s);
  },
  'import.map': (session, a) => {
    const s = openImport(session, a.importId);
    s.setMapping(a.mapping, a.mappingName ?? null);
    return importFileView(office(session), s);
  },
  'import.check': (session, a) => {
    const s = openImport(session, a.importId);
    const { checked, total, done } = s.step(a.maxRows ?? Infinity);
    return { checked, total, done, summary: done ? s.summary() : null };
  },
  'import.rows': (session, a) => importRowsView(office(session), openImport(session, a.importId), a.filter, a.offset, a.limit),
  'import.errorFile': (session, a) => {
    const s = openImport(session, a.importId);
    if (!s.done) s.step();
    const file = s.errorFile();
    return file ? { fileName: file.fileName, mime: file.mime, data: Buffer.from(file.bytes).toString('base64'), rows: file.rows } : null;
  },
  'import.apply': (session, a) => {
    const s = openImport(session, a.importId);
    const result = s.apply(session.actor);
    session.imports?.delete(a.importId);
    return {
      batchId: result.batchId,
      summary: result.summary,
      created: result.created.length,
      firstCaseNumber: result.created[0]?.caseNumber ?? null,
      lastCaseNumber: result.created[result.created.length - 1]?.caseNumber ?? null,
      queued: result.queued,
      errorFile: result.errorFile
        ? { fileName: result.errorFile.fileName, mime: result.errorFile.mime, data: Buffer.from(result.errorFile.bytes).toString('base64'), rows: result.errorFile.rows }
        : null,
    };
  },
  'import.close': (session, a) => ({ closed: session.imports?.delete(a.importId) ?? false }),
  'import.batches': (session) =>
    (prepare(office(session).db, 'SELECT * FROM import_batch WHERE deleted = 0 ORDER BY imported_at DESC, id DESC').all() as ImportBatchTable[]).map((b) => ({
      id: b.id,
      fileName: b.file_name,
      fileSha256: b.file_sha256,
      format: b.format,
      mappingName: b.mapping_name,
      rows: b.rows_total,
      created: b.created,
      alreadyImported: b.already_imported,
      rejected: b.rejected,
      flagged: b.flagged,
      importedAt: b.imported_at,
      importedBy: b.imported_by,
    })),
  'import.mappings': (session) => listMappings(office(session)).map(({ name, mapping, updatedAt, createdBy }) => ({ name, mapping, updatedAt, createdBy })),
  'import.saveMapping': (session, a) => {
    const { name, mapping, updatedAt, createdBy } = saveMapping(office(session), session.actor, a.name, a.mapping);
    return { name, mapping, updatedAt, createdBy };
  },
  'import.deleteMapping': (session, a) => {
    deleteMapping(office(session), session.actor, a.name);
    return { deleted: true };
  },
  'duplicate.list': (session, a) => {
    const store = office(session);
    return listCandidates(store, { status: a.status, personId: a.ref ? resolvePersonId(store.db, a.ref) : undefined, limit: a.limit, offset: a.offset });
  },
  'duplicate.get': (session, a) => pairView(office(session), a.id),
  'duplicate.different': (session, a) => {
    const store = office(session);
    decideDifferent(store, session.actor, a.id, a.note ?? null);
    return pairView(store, a.id);
  },
  'duplicate.merge': (session, a) => {
    const store = office(session);
    const { mergeId, survivorId } = mergePeople(store, session.actor, a);
    return { mergeId, survivor: personView(store.db, survivorId) };
  },
  'merge.undo': (session, a) => {
    const store = office(session);
    const { survivorId, mergedId, keptSinceMerge } = undoMerge(store, session.actor, a.mergeId, a.reason ?? null);
    return { survivor: personView(store.db, survivorId), merged: personView(store.db, mergedId), keptSinceMerge };
  },
};
