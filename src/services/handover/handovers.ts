import { createHash } from 'node:crypto';
import type { HandoverSummary, HandoverView, MemberView } from '../../api/journey-views';
import { canonicalJson } from '../../crypto/canonical-json';
import { todayIso } from '../../domain/dates';
import { HomewardError, validationError } from '../../domain/errors';
import { checkHandoverMember, handoverInputSchema, type HandoverCandidate } from '../../domain/handover';
import type { RuleViolation } from '../../domain/stages';
import { uuidv7 } from '../../db/ids';
import { prepare, type Sqlite } from '../../db/query';
import type { HandoverTable, PersonTable, TransferMemberTable } from '../../db/schema';
import type { OfficeStore } from '../../db/store';
import { moveStage } from '../cases';
import { MEMBER_COLUMNS, memberView, membersById, type MemberRow } from '../members';
import { MANIFEST_FORMAT, MANIFEST_SCHEMA_VERSION, manifestPeople, type Manifest } from '../manifest/model';
import { officeSigner } from '../office-keys';
import { caseFacts } from '../person-record';
import { recipientById, recipientRow, recipientView } from '../recipients';
import { findLivePerson, rowByRef } from '../refs';
import { nextSerial } from '../serials';
import { batchRow } from '../transfer/batches';

/**
 * A handover gives arrived people to the authority of the country that
 * confirmed them. Making one builds the manifest, signs it with the office's
 * key and moves every person to the handover stage, in one write; the
 * receiver's acknowledgement closes the cases.
 */

export function handoverRow(db: Sqlite, ref: string): HandoverTable {
  return rowByRef(db, 'handover', ref, 'handover', 'List handovers to find its code, e.g. MSO-H-2026-0001.');
}

export function handoverMemberIds(db: Sqlite, handoverId: string): string[] {
  return (
    prepare(db, 'SELECT person_id FROM handover_member WHERE handover_id = ? AND deleted = 0 ORDER BY created_at, id').all(handoverId) as { person_id: string }[]
  ).map((r) => r.person_id);
}

function summaryOf(db: Sqlite, h: HandoverTable): HandoverSummary {
  const batch = h.batch_id ? (prepare(db, 'SELECT code FROM transfer_batch WHERE id = ?').get(h.batch_id) as { code: string } | undefined) : undefined;
  const { n } = prepare(db, 'SELECT count(*) AS n FROM handover_member WHERE handover_id = ? AND deleted = 0').get(h.id) as { n: number };
  return {
    id: h.id,
    code: h.code,
    batchCode: batch?.code ?? null,
    receivingCountry: h.receiving_country,
    agency: h.agency,
    officialName: h.official_name,
    officialId: h.official_id,
    place: h.place,
    handedAt: h.handed_at,
    manifestSha256: h.manifest_sha256,
    people: n,
    acknowledged: h.ack_at !== null,
    createdAt: h.created_at,
    createdBy: h.created_by,
  };
}

export function handoverView(db: Sqlite, ref: string, today = todayIso()): HandoverView {
  const h = handoverRow(db, ref);
  const members: MemberView[] = membersById(db, handoverMemberIds(db, h.id)).map((r) => memberView(r, today));
  const manifest = JSON.parse(h.manifest) as Manifest;
  // The recipient it was made for, even if removed since: the record of who received it stays.
  const recipient = h.recipient_id ? recipientById(db, h.recipient_id) : undefined;
  return {
    ...summaryOf(db, h),
    recipient: recipient ? recipientView(recipient) : null,
    members,
    acknowledgement:
      h.ack_kind && h.ack_sha256 && h.ack_at && h.ack_by
        ? { kind: h.ack_kind, sha256: h.ack_sha256, mime: h.ack_mime, filename: h.ack_filename, signer: h.ack_signer, at: h.ack_at, by: h.ack_by, note: h.ack_note }
        : null,
    signingKeyId: manifest.office.signingKeyId,
  };
}

export function listHandovers(db: Sqlite): HandoverSummary[] {
  return (prepare(db, 'SELECT * FROM handover WHERE deleted = 0 ORDER BY handed_at DESC, code DESC').all() as HandoverTable[]).map((h) => summaryOf(db, h));
}

/** Arrived members of a batch who could be handed to `country` now, and those who could not with why. */
export function handoverCandidates(db: Sqlite, batchRef: string, country: string, today = todayIso()) {
  const b = batchRow(db, batchRef);
  const rows = prepare(
    db,
    `SELECT ${MEMBER_COLUMNS} FROM transfer_member m JOIN person p ON p.id = m.person_id
     WHERE m.batch_id = ? AND m.deleted = 0 AND m.status = 'arrived' ORDER BY p.family_name, p.given_names`,
  ).all(b.id) as MemberRow[];
  return rows.map((r) => {
    const violations = checkHandoverMember(candidate(db, b.id, r), country);
    return { ...memberView(r, today), eligible: violations.length === 0, violations };
  });
}

function candidate(db: Sqlite, batchId: string, person: PersonTable): HandoverCandidate {
  const member = prepare(db, 'SELECT status FROM transfer_member WHERE batch_id = ? AND person_id = ? AND deleted = 0').get(batchId, person.id) as
    | Pick<TransferMemberTable, 'status'>
    | undefined;
  const done = prepare(
    db,
    `SELECT h.code FROM handover_member hm JOIN handover h ON h.id = hm.handover_id WHERE hm.person_id = ? AND hm.deleted = 0 AND h.deleted = 0 LIMIT 1`,
  ).get(person.id) as { code: string } | undefined;
  return { caseNumber: person.case_number, facts: caseFacts(db, person), memberStatus: member?.status ?? null, handedOverIn: done?.code ?? null };
}

export function createHandover(store: OfficeStore, actor: string, input: unknown): HandoverView {
  const parsed = handoverInputSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error.issues, 'The handover');
  const a = parsed.data;
  const batch = batchRow(store.db, a.batch);
  if (batch.status !== 'arrived') {
    throw new HomewardError(
      'RULE_VIOLATION',
      `Batch ${batch.code} is ${batch.status.replace(/_/g, ' ')}. A handover is made once the batch has arrived and every member is marked arrived or missing.`,
      { violations: [{ rule: 'handover.batch_arrived', message: 'The batch must have arrived.' }] },
    );
  }
  const recipient = a.recipient ? recipientRow(store.db, a.recipient) : null;
  if (recipient?.country && recipient.country !== a.receivingCountry) {
    throw new HomewardError(
      'RULE_VIOLATION',
      `The recipient ${recipient.name} is of ${recipient.country}, but the handover is to ${a.receivingCountry}. Choose the receiving country's authority.`,
      { violations: [{ rule: 'handover.recipient_country', message: 'The manifest goes to the receiving country.' }] },
    );
  }

  let id = '';
  store.write(actor, (tx) => {
    const people: PersonTable[] = [];
    const refusals: { caseNumber: string; violations: RuleViolation[] }[] = [];
    if (a.people) {
      for (const ref of a.people) {
        // A merged-away case number hands over its person: the live record, checked by the same rules.
        const p = findLivePerson(tx.db, ref)?.live;
        if (!p) {
          refusals.push({ caseNumber: ref, violations: [{ rule: 'handover.person_exists', message: `No person with case number or id "${ref}".` }] });
          continue;
        }
        if (!people.some((q) => q.id === p.id)) people.push(p);
      }
    } else {
      const arrived = prepare(
        tx.db,
        `SELECT p.* FROM transfer_member m JOIN person p ON p.id = m.person_id
         WHERE m.batch_id = ? AND m.status = 'arrived' AND m.deleted = 0 AND p.confirmed_nationality = ?
           AND NOT EXISTS (SELECT 1 FROM handover_member hm JOIN handover h ON h.id = hm.handover_id WHERE hm.person_id = p.id AND hm.deleted = 0 AND h.deleted = 0)
         ORDER BY p.family_name, p.given_names, p.case_number`,
      ).all(batch.id, a.receivingCountry) as PersonTable[];
      people.push(...arrived);
    }
    for (const p of people) {
      const violations = checkHandoverMember(candidate(tx.db, batch.id, p), a.receivingCountry);
      if (violations.length) refusals.push({ caseNumber: p.case_number, violations });
    }
    if (refusals.length) {
      throw new HomewardError(
        'RULE_VIOLATION',
        `The handover cannot be made. ${refusals.map((r) => r.violations.map((v) => v.message).join(' ')).join(' ')}`,
        { violations: refusals.flatMap((r) => r.violations), refused: refusals },
      );
    }
    if (people.length === 0) {
      throw new HomewardError(
        'RULE_VIOLATION',
        `Nobody on batch ${batch.code} is waiting to be handed to ${a.receivingCountry}: no arrived member has that confirmed nationality, or all of them were handed over already.`,
        { violations: [{ rule: 'handover.not_empty', message: 'A handover needs at least one person.' }] },
      );
    }

    id = uuidv7();
    const code = nextSerial(tx, 'H');
    const self = prepare(tx.db, 'SELECT code, name, country FROM office WHERE is_self = 1').get() as { code: string; name: string; country: string | null };
    const signer = officeSigner(tx.db);
    const { people: listed } = manifestPeople(
      tx.db,
      people.map((p) => p.id),
      batch.id,
    );
    const manifest: Manifest = {
      format: MANIFEST_FORMAT,
      schemaVersion: MANIFEST_SCHEMA_VERSION,
      handover: {
        code,
        receivingCountry: a.receivingCountry,
        agency: a.agency,
        official: { name: a.officialName, id: a.officialId },
        place: a.place,
        handedAt: a.handedAt ?? tx.at,
      },
      office: { code: self.code, name: self.name, country: self.country, signingKeyId: signer.keyId },
      transfer: { batch: batch.code, fromSite: batch.from_site, crossingPoint: batch.crossing_point, toSite: batch.to_site, date: batch.planned_date },
      people: listed,
      count: listed.length,
      createdAt: tx.at,
      createdBy: tx.actor,
    };
    const text = canonicalJson(manifest);
    const sha256 = createHash('sha256').update(text).digest('hex');
    const signature = signer.sign(Buffer.from(text), manifestTrustedComment(code, self.code, sha256));
    tx.insert('handover', {
      id,
      code,
      batch_id: batch.id,
      receiving_country: a.receivingCountry,
      agency: a.agency,
      official_name: a.officialName,
      official_id: a.officialId,
      place: a.place,
      handed_at: manifest.handover.handedAt,
      recipient_id: recipient?.id ?? null,
      manifest: text,
      manifest_sha256: sha256,
      manifest_signature: signature,
      created_by: tx.actor,
      created_at: tx.at,
      updated_at: tx.at,
      deleted: 0,
    });
    for (const p of people) {
      tx.insert('handover_member', { id: `${id}/${p.id}`, handover_id: id, person_id: p.id, created_at: tx.at, updated_at: tx.at, deleted: 0 });
    }
    tx.audit({
      action: 'handover.created',
      entityType: 'handover',
      entityId: id,
      after: { code, batch: batch.code, receivingCountry: a.receivingCountry, agency: a.agency, official: a.officialName, people: people.length, manifestSha256: sha256 },
    });
    for (const p of people) moveStage(tx, p.id, 'handover', `Handed over to ${a.agency} (${a.receivingCountry}), ${code}`);
  });
  return handoverView(store.db, id);
}

/** Signed with the manifest, so a receiver's `minisign -V` shows which handover and office it is. */
export function manifestTrustedComment(code: string, office: string, sha256: string): string {
  return `homeward handover ${code} office ${office} sha256 ${sha256}`;
}
