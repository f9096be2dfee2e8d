/**
 * Handlers for the rest of the way home: keys and recipients, verification
 * lists, transfer batches, handovers and their manifests. Calls that produce a
 * PDF wait on the host's printer (session.printPdf) and return a Promise.
 */
import { HomewardError } from '../domain/errors';
import type { VerificationOutcome } from '../domain/verification';
import type { PrintableDocument } from '../services/print/document';
import { acknowledgeHandover } from '../services/handover/acknowledge';
import { createHandover, handoverCandidates, handoverRow, handoverView, listHandovers } from '../services/handover/handovers';
import { exportHtcds } from '../services/htcds';
import { exportHandover, handoverTarget } from '../services/manifest/package';
import { manifestPrintable } from '../services/manifest/print';
import { verifyManifestPackage } from '../services/manifest/verify';
import { keyCard } from '../services/office-keys';
import { addRecipient, listRecipients, previewRecipientKey, removeRecipient } from '../services/recipients';
import { addMembers, batchCandidates, batchView, createBatch, listBatches, markMember, setBatchStatus } from '../services/transfer/batches';
import { cardsPrintable, rosterPrintable } from '../services/transfer/print';
import { exportVerificationList, listExportTarget, listPrintable } from '../services/verification-list-export';
import { awaitingVerification, createVerificationList, importOutcomes, listRow, listVerificationLists, verificationListView } from '../services/verification-lists';
import { membersById, memberView } from '../services/members';
import { prepare } from '../db/query';
import type { CallArgs, CallName, CallOutput } from './contract';
import type { Session } from './dispatch';
import { office } from './office';

type Some<K extends CallName> = { [P in K]: (session: Session, args: CallArgs<P>) => CallOutput<P> | Promise<CallOutput<P>> };

async function print(session: Session, doc: PrintableDocument): Promise<Buffer> {
  if (!session.printPdf) {
    throw new HomewardError('INTERNAL', 'This way of running Homeward cannot print PDFs. Use the desktop app, or install Chromium for the command line.');
  }
  return session.printPdf({ html: doc.html, landscape: doc.landscape });
}

export const journeyHandlers: Some<
  | 'keys.show'
  | 'recipient.list'
  | 'recipient.preview'
  | 'recipient.add'
  | 'recipient.remove'
  | 'verificationList.awaiting'
  | 'verificationList.create'
  | 'verificationList.list'
  | 'verificationList.get'
  | 'verificationList.export'
  | 'verificationList.importOutcomes'
  | 'batch.candidates'
  | 'batch.create'
  | 'batch.addMembers'
  | 'batch.list'
  | 'batch.get'
  | 'batch.mark'
  | 'batch.setStatus'
  | 'batch.print'
  | 'handover.candidates'
  | 'handover.create'
  | 'handover.list'
  | 'handover.get'
  | 'handover.export'
  | 'handover.acknowledge'
  | 'manifest.verify'
  | 'htcds.export'
> = {
  'keys.show': (session) => keyCard(office(session).db),
  'recipient.list': (session) => listRecipients(office(session).db),
  'recipient.preview': (_session, a) => previewRecipientKey(a.ageRecipient),
  'recipient.add': (session, a) => addRecipient(office(session), session.actor, a),
  'recipient.remove': (session, a) => removeRecipient(office(session), session.actor, a.ref, a.reason ?? null),

  'verificationList.awaiting': (session, a) => awaitingVerification(office(session).db, a.country),
  'verificationList.create': (session, a) => createVerificationList(office(session), session.actor, a),
  'verificationList.list': (session) => listVerificationLists(office(session).db),
  'verificationList.get': (session, a) => {
    const db = office(session).db;
    const list = listRow(db, a.ref);
    const entries = prepare(db, 'SELECT person_id, outcome, reference FROM verification WHERE submission_batch = ? AND deleted = 0').all(list.code) as {
      person_id: string;
      outcome: VerificationOutcome;
      reference: string | null;
    }[];
    const byPerson = new Map(entries.map((e) => [e.person_id, e]));
    const members = membersById(
      db,
      entries.map((e) => e.person_id),
    ).map((r) => ({ ...memberView(r), outcome: byPerson.get(r.id)!.outcome, reference: byPerson.get(r.id)!.reference }));
    return { ...verificationListView(db, list.id), members };
  },
  'verificationList.export': async (session, a) => {
    const store = office(session);
    // A wrong passphrase or recipient is refused before a second is spent printing.
    listExportTarget(store.db, a.ref, a.recipient, a.passphrase);
    const pdf = await print(session, listPrintable(store.db, a.ref));
    return exportVerificationList(office(session), session.actor, a.ref, { pdf, recipient: a.recipient ?? null, passphrase: a.passphrase ?? null });
  },
  'verificationList.importOutcomes': (session, a) =>
    importOutcomes(office(session), session.actor, a.ref, { name: a.fileName, bytes: Buffer.from(a.data, 'base64') }, a.dryRun ?? false),

  'batch.candidates': (session, a) => batchCandidates(office(session).db, a),
  'batch.create': (session, a) => createBatch(office(session), session.actor, a.batch, a.people ?? []),
  'batch.addMembers': (session, a) => addMembers(office(session), session.actor, a.batch, a.people),
  'batch.list': (session, a) => listBatches(office(session).db, a.status ? { status: a.status } : {}),
  'batch.get': (session, a) => batchView(office(session).db, a.batch),
  'batch.mark': (session, a) => markMember(office(session), session.actor, a.batch, a.person, a.mark, a.note ?? null),
  'batch.setStatus': (session, a) => setBatchStatus(office(session), session.actor, a.batch, a.to, a.reason ?? null),
  'batch.print': async (session, a) => {
    const db = office(session).db;
    const batch = batchView(db, a.batch);
    const pdf = await print(session, a.what === 'roster' ? rosterPrintable(db, batch) : cardsPrintable(db, batch));
    return { fileName: `${batch.code}.${a.what}.pdf`, data: pdf.toString('base64') };
  },

  'handover.candidates': (session, a) => handoverCandidates(office(session).db, a.batch, a.country),
  'handover.create': (session, a) => createHandover(office(session), session.actor, a),
  'handover.list': (session) => listHandovers(office(session).db),
  'handover.get': (session, a) => handoverView(office(session).db, a.handover),
  'handover.export': async (session, a) => {
    const store = office(session);
    handoverTarget(store.db, handoverRow(store.db, a.handover), a.recipient, a.passphrase);
    const pdf = await print(session, manifestPrintable(store.db, handoverRow(store.db, a.handover)));
    return exportHandover(office(session), session.actor, a.handover, { pdf, recipient: a.recipient ?? null, passphrase: a.passphrase ?? null });
  },
  'handover.acknowledge': (session, a) => acknowledgeHandover(office(session), session.actor, a),
  'manifest.verify': (session, a) =>
    verifyManifestPackage(office(session).db, Buffer.from(a.data, 'base64'), {
      passphrase: a.passphrase ?? null,
      identity: a.identity ?? null,
      publicKey: a.publicKey ?? null,
    }),
  'htcds.export': (session, a) => exportHtcds(office(session), session.actor, a.people, { recipient: a.recipient ?? null, passphrase: a.passphrase ?? null }),
};
