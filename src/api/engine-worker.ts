/**
 * The engine in a worker thread: one session, calls answered in order. Hosts
 * (Electron main, the browser host) run it here so a 10,000-row import never
 * blocks the thread that serves the window or the HTTP requests.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { z } from 'zod';
import type { Keyring, KeyringSlot } from '../crypto/keyring';
import { readKeyring, writeKeyring } from '../db/open';
import { OfficeStore } from '../db/store';
import { HomewardError, refusal, validationError } from '../domain/errors';
import type { Result } from './contract';
import { dispatchAsync, type Session } from './dispatch';
import type { EngineOptions, EngineRequest, EngineResponse, HostRequest, HostResponse, InternalCalls, InternalName, InternalOutput } from './engine';
import { officeInfo } from './handlers';
import { prepareOpenedOffice } from '../services/opened';

const options = workerData as EngineOptions;
const session: Session = { store: null, actor: options.actor, databasePath: options.databasePath, printPdf: (job) => askHost({ kind: 'print', job }) };

/** Printing needs Chromium, which the host owns (Electron's printToPDF, or a Chromium it starts): ask it. */
const hostWaiting = new Map<number, { resolve: (pdf: Buffer) => void; reject: (e: Error) => void }>();
let nextHostRequest = 1;
function askHost(request: Omit<HostRequest, 'hostRequest'>): Promise<Buffer> {
  const id = nextHostRequest++;
  return new Promise((resolve, reject) => {
    hostWaiting.set(id, { resolve, reject });
    parentPort?.postMessage({ hostRequest: id, ...request } satisfies HostRequest);
  });
}

/** A 256-bit key in canonical base64 (44 characters). */
const rawKey = z
  .string()
  .length(44)
  .refine((text) => Buffer.from(text, 'base64').toString('base64') === text && Buffer.from(text, 'base64').length === 32, {
    error: 'The database key must be 32 bytes in base64.',
  });

/** What main/keystore.ts writes: the OS key store's own blob, base64, nothing else. */
const osKeystoreSlot = z
  .object({
    kind: z.literal('os-keystore'),
    nonce: z.string().max(64),
    tag: z.string().max(64),
    ciphertext: z
      .string()
      .min(1)
      .max(16_384)
      .regex(/^[A-Za-z0-9+/]+={0,2}$/, { error: 'The key store blob must be base64.' }),
  })
  .strict();

const internalInputs = {
  __close: z.null().optional(),
  __databaseKey: z.object({}).strict(),
  __unlockWithKey: z.object({ dbKey: rawKey }).strict(),
  __setOsKeystoreSlot: z.object({ slot: osKeystoreSlot.nullable() }).strict(),
} satisfies Record<InternalName, z.ZodType>;

function isInternalName(name: string): name is InternalName {
  return Object.prototype.hasOwnProperty.call(internalInputs, name);
}

function openOffice(): OfficeStore {
  if (!session.store) throw new HomewardError('LOCKED', 'No office database is open. Unlock one first.');
  return session.store;
}

const internalHandlers: { [K in InternalName]: (input: z.output<(typeof internalInputs)[K]>) => InternalOutput<K> } = {
  __close: () => {
    session.store?.close();
    session.store = null;
    return null;
  },
  __databaseKey: () => {
    const store = openOffice();
    return { path: store.path, dbKey: store.key.toString('base64') };
  },
  __unlockWithKey: ({ dbKey }) => {
    if (!session.databasePath) throw new HomewardError('VALIDATION_FAILED', 'This engine was started without a database file of its own.');
    const key = Buffer.from(dbKey, 'base64');
    try {
      // The store keeps its own copy of the key; the office already open stays open if this fails.
      const store = OfficeStore.openWithKey(session.databasePath, key);
      session.store?.close();
      session.store = store;
      prepareOpenedOffice(store, session.actor);
      return officeInfo(store);
    } finally {
      key.fill(0);
    }
  },
  __setOsKeystoreSlot: ({ slot }) => {
    const store = openOffice();
    const keyring = readKeyring(store.path);
    const had = keyring.slots.some((s) => s.kind === 'os-keystore');
    if (slot === null && !had) return { enabled: false, changed: false };
    const next: Keyring = {
      ...keyring,
      slots: [...keyring.slots.filter((s) => s.kind !== 'os-keystore'), ...(slot ? [slot satisfies KeyringSlot] : [])],
    };
    // The keyring is written inside the audited transaction: if writing it fails, no audit event claims it changed.
    store.write(session.actor, (tx) => {
      tx.audit({ action: slot ? 'office.os_keystore_enabled' : 'office.os_keystore_disabled', entityType: 'office', entityId: store.office });
      writeKeyring(store.path, next);
    });
    return { enabled: slot !== null, changed: true };
  },
};

/** Engine-internal messages, answered like contract calls: always a Result, never a throw, no stored values in errors. */
function internalCall(name: string, input: unknown): Result<unknown> {
  try {
    if (!isInternalName(name)) throw new HomewardError('UNKNOWN_CALL', 'There is no engine-internal message of that name.');
    const parsed = internalInputs[name].safeParse(input);
    if (!parsed.success) throw validationError(parsed.error.issues, 'The engine-internal message');
    const handler = internalHandlers[name] as (input: unknown) => InternalCalls[InternalName]['output'];
    return { ok: true, value: handler(parsed.data) };
  } catch (e) {
    return refusal(e, 'Unlock with the passphrase, and report the problem.');
  }
}

parentPort?.on('message', (message: EngineRequest | HostResponse) => {
  if ('hostResponse' in message) {
    const waiting = hostWaiting.get(message.hostResponse);
    hostWaiting.delete(message.hostResponse);
    if (message.ok) waiting?.resolve(Buffer.from(message.pdf));
    else waiting?.reject(new HomewardError(message.error.code, message.error.message));
    return;
  }
  const request = message;
  // Only Engine.internal marks a message internal; everything else is a contract call and goes through the dispatcher.
  if (request.internal === true) {
    parentPort?.postMessage({ id: request.id, result: internalCall(request.name, request.input) } satisfies EngineResponse);
    return;
  }
  void dispatchAsync(session, request.name, request.input).then((result) => parentPort?.postMessage({ id: request.id, result } satisfies EngineResponse));
});
