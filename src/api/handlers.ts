import { existsSync } from 'node:fs';
import { replacePassphrase } from '../crypto/keyring';
import { HomewardError } from '../domain/errors';
import { verifyAuditChain } from '../db/audit-chain';
import { SCHEMA_VERSION } from '../db/migrate';
import { readKeyring, writeKeyring } from '../db/open';
import { OfficeStore } from '../db/store';
import { addHold, advanceCase, liftHold } from '../services/cases';
import { generateDemoPeople } from '../services/demo';
import { addNote } from '../services/notes';
import { addAttachment, readAttachment } from '../services/attachments';
import { addPerson, getPerson, listPeople, personFacets, personTimeline, updatePerson } from '../services/people';
import { recordVerification } from '../services/verification';
import type { CallArgs, CallName, CallOutput, OfficeInfo, OfficeStatus } from './contract';
import type { Session } from './dispatch';
import { office } from './office';
import { dedupImportHandlers } from './handlers-dedup-import';
import { journeyHandlers } from './handlers-journey';
import { syncHandlers } from './handlers-sync';
import { prepareOpenedOffice } from '../services/opened';

/** Calls that print return a Promise; hosts send them with dispatchAsync. */
type Handlers = { [K in CallName]: (session: Session, args: CallArgs<K>) => CallOutput<K> | Promise<CallOutput<K>> };

/** What office.unlock answers; also the engine-internal unlock with a raw key (engine-worker.ts). */
export function officeInfo(store: OfficeStore): OfficeInfo {
  const row = store.db.prepare('SELECT code, name, country FROM office WHERE is_self = 1').get() as { code: string; name: string; country: string | null };
  const { n } = store.db.prepare('SELECT count(*) AS n FROM person WHERE deleted = 0').get() as { n: number };
  return { ...row, device: store.device, path: store.path, schemaVersion: SCHEMA_VERSION, people: n };
}

function databasePath(session: Session, given: string | undefined): string {
  const path = given ?? session.databasePath;
  if (!path) throw new HomewardError('VALIDATION_FAILED', 'Give the path of the office database file.');
  return path;
}

/**
 * What the engine itself knows of the OS key store: only whether the keyring
 * carries an os-keystore slot. The engine has no key store (browser host,
 * CLI); the desktop IPC host refines this with its own (main/keystore-calls.ts).
 */
function osKeystoreSlotState(path: string | null): OfficeStatus['osKeystore'] {
  if (path === null || !existsSync(path)) return 'unavailable';
  try {
    return readKeyring(path).slots.some((slot) => slot.kind === 'os-keystore') ? 'enabled' : 'unavailable';
  } catch {
    return 'unavailable';
  }
}

const DESKTOP_ONLY = "Only the desktop app can use this computer's key store. Unlock with the passphrase.";

function replaceStore(session: Session, store: OfficeStore): void {
  session.store?.close();
  session.store = store;
  prepareOpenedOffice(store, session.actor);
}

export const handlers: Handlers = {
  'office.status': (session) => {
    const path = session.store?.path ?? session.databasePath ?? null;
    return {
      path,
      exists: path !== null && existsSync(path),
      office: session.store ? officeInfo(session.store) : null,
      osKeystore: osKeystoreSlotState(path),
    };
  },
  'office.create': (session, a) => {
    const { store, recoveryKey } = OfficeStore.create(databasePath(session, a.path), {
      passphrase: a.passphrase,
      office: { code: a.officeCode, name: a.officeName, country: a.country ?? null },
      actor: session.actor,
      ...(a.kdfLogN === undefined ? {} : { logN: a.kdfLogN }),
    });
    replaceStore(session, store);
    return { ...officeInfo(store), recoveryKey };
  },
  'office.unlock': (session, a) => {
    const store = OfficeStore.open(databasePath(session, a.path), a.unlock);
    replaceStore(session, store);
    return officeInfo(store);
  },
  'office.lock': (session) => {
    session.imports?.clear();
    session.store?.close();
    session.store = null;
    return { locked: true };
  },
  'office.info': (session) => officeInfo(office(session)),
  'office.changePassphrase': (session, a) => {
    const store = office(session);
    const keyring = readKeyring(store.path);
    const slot = keyring.slots.find((s) => s.kind === 'passphrase');
    const next = replacePassphrase(keyring, store.key, a.newPassphrase, slot?.logN);
    // The key file is replaced inside the audited write, once the write lock is held: a busy database refuses the change
    // before anything is replaced, and a change is never made without its audit event.
    store.write(session.actor, (tx) => {
      tx.audit({ action: 'office.passphrase_changed', entityType: 'office', entityId: store.office });
      writeKeyring(store.path, next);
    });
    return { changed: true };
  },
  // The desktop IPC host answers these two itself (main/keystore-calls.ts); no other host has an OS key store.
  'office.rememberOnThisComputer': () => {
    throw new HomewardError('FORBIDDEN', DESKTOP_ONLY);
  },
  'office.unlockWithThisComputer': () => {
    throw new HomewardError('FORBIDDEN', DESKTOP_ONLY);
  },
  'person.add': (session, a) => addPerson(office(session), session.actor, a),
  'person.update': (session, a) => updatePerson(office(session), session.actor, a.ref, a.patch, a.reason ?? null),
  'person.get': (session, a) => getPerson(office(session), a.ref),
  'person.list': (session, a) => listPeople(office(session), a),
  'person.timeline': (session, a) => personTimeline(office(session), a.ref),
  'person.advance': (session, a) => advanceCase(office(session), session.actor, a.ref, a.to, a.reason),
  'hold.add': (session, a) => addHold(office(session), session.actor, a.ref, a.kind, a.reason),
  'hold.lift': (session, a) => liftHold(office(session), session.actor, a.ref, a.kind, a.reason),
  'verification.record': (session, a) => recordVerification(office(session), session.actor, a.ref, a.verification),
  'note.add': (session, a) => addNote(office(session), session.actor, a.ref, a.body),
  'person.facets': (session) => personFacets(office(session)),
  'attachment.add': (session, a) =>
    addAttachment(office(session), session.actor, a.ref, { kind: a.kind, filename: a.filename ?? null, data: Buffer.from(a.data, 'base64') }),
  'attachment.get': (session, a) => {
    const { view, data } = readAttachment(office(session), a.id);
    return { ...view, data: data.toString('base64') };
  },
  'audit.verify': (session) => verifyAuditChain(office(session).db),
  'demo.generate': (session, a) => generateDemoPeople(office(session), session.actor, { count: a.people, seed: a.seed }),
  ...dedupImportHandlers,
  ...journeyHandlers,
  ...syncHandlers,
};
