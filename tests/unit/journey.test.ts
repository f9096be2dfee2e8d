/**
 * The way home after verification, as coordinators live it: embassy lists
 * and their answers, a transfer batch checked off at boarding and arrival,
 * the handover with its signed manifest, and the receiver's acknowledgement.
 * Every rule refuses with its reason.
 */
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/db/audit-chain';
import { todayIso } from '../../src/domain/dates';
import { prepare } from '../../src/db/query';
import type { OfficeStore } from '../../src/db/store';
import { addHold, advanceCase, liftHold } from '../../src/services/cases';
import { acknowledgeHandover } from '../../src/services/handover/acknowledge';
import { createHandover, handoverCandidates } from '../../src/services/handover/handovers';
import { exportHandover } from '../../src/services/manifest/package';
import { verifyManifestPackage } from '../../src/services/manifest/verify';
import { ensureOfficeKeys, keyCard } from '../../src/services/office-keys';
import { addPerson, getPerson } from '../../src/services/people';
import { addRecipient } from '../../src/services/recipients';
import { addMembers, batchView, createBatch, markMember, setBatchStatus } from '../../src/services/transfer/batches';
import { recordVerification } from '../../src/services/verification';
import { createVerificationList, importOutcomes, listCsvRows, listPeople } from '../../src/services/verification-lists';
import { csvBytes } from '../../src/services/import/error-file';
import { generateAgeIdentity } from '../../src/crypto/age';
import { ageRecipientFingerprint } from '../../src/crypto/fingerprint';
import { generateSigningKey, minisignPublicKeyString, signMinisign, verifyMinisign } from '../../src/crypto/minisign';
import { htcdsExport } from '../../src/services/htcds';
import { ACTOR, completePerson, newOffice, refusal } from '../helpers';

const ROUTE = { fromSite: 'Mae Sot shelter', crossingPoint: 'Friendship Bridge 2', toSite: 'Myawaddy reception', plannedDate: '2026-11-20', capacity: 30 };

function office(): OfficeStore {
  const { store } = newOffice();
  ensureOfficeKeys(store, 'admin@test');
  return store;
}

/** A person registered and moved to verification. */
function inVerification(store: OfficeStore, overrides: Record<string, unknown> = {}): string {
  const p = addPerson(store, ACTOR, completePerson(overrides));
  advanceCase(store, ACTOR, p.caseNumber, 'verification', 'Intake complete');
  return p.caseNumber;
}

/** A person with a confirmed nationality, moved to transfer. */
function readyToGo(store: OfficeStore, country = 'VN', overrides: Record<string, unknown> = {}): string {
  const c = inVerification(store, { claimedNationality: country, ...overrides });
  recordVerification(store, ACTOR, c, { method: 'interview', authority: `Embassy of ${country}`, country, outcome: 'confirmed', reference: `REF-${c}` });
  advanceCase(store, ACTOR, c, 'transfer', 'Nationality confirmed');
  return c;
}

function arrivedBatch(store: OfficeStore, people: string[]): string {
  const { batch } = createBatch(store, ACTOR, ROUTE, people);
  setBatchStatus(store, ACTOR, batch.code, 'boarding', null);
  for (const c of people) markMember(store, ACTOR, batch.code, c, 'boarded', null);
  setBatchStatus(store, ACTOR, batch.code, 'in_transit', null);
  for (const c of people) markMember(store, ACTOR, batch.code, c, 'arrived', null);
  setBatchStatus(store, ACTOR, batch.code, 'arrived', null);
  return batch.code;
}

const HANDOVER = { receivingCountry: 'VN', agency: 'Ministry of Public Security, Immigration Department', officialName: 'Trần Văn Bình', officialId: 'MPS-44817', place: 'Myawaddy reception centre' };

describe('office keys', () => {
  it('an office gets its age and signing keys once, kept out of the change log', () => {
    const store = office();
    expect(ensureOfficeKeys(store, 'admin@test')).toBe(false);
    const card = keyCard(store.db);
    expect(card.ageRecipient).toMatch(/^age1[0-9a-z]{58}$/);
    expect(card.signingPublicKey).toMatch(/^RW[A-Za-z0-9+/]{54}$/);
    expect(card.ageFingerprint).toMatch(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);
    const logged = (prepare(store.db, 'SELECT rows FROM change').all() as { rows: string }[]).map((r) => r.rows).join('\n');
    const secret = prepare(store.db, 'SELECT age_identity, signing_seed FROM office_secret').get() as { age_identity: string; signing_seed: string };
    expect(logged).not.toContain(secret.age_identity);
    expect(logged).not.toContain(secret.signing_seed);
    expect(logged).toContain(card.ageRecipient);
  });

  it('a recipient key is added only with its fingerprint confirmed', () => {
    const store = office();
    const embassy = generateAgeIdentity();
    const wrong = refusal(() => addRecipient(store, ACTOR, { name: 'Embassy of Viet Nam, Bangkok', country: 'VN', ageRecipient: embassy.recipient, fingerprint: '0000 0000 0000 0000 0000 0000 0000 0000' }));
    expect(wrong.message).toContain('is not this key');
    const missing = refusal(() => addRecipient(store, ACTOR, { name: 'Embassy of Viet Nam, Bangkok', country: 'VN', ageRecipient: embassy.recipient }));
    expect(missing.message).toContain(ageRecipientFingerprint(embassy.recipient));
    const bad = refusal(() => addRecipient(store, ACTOR, { name: 'X', ageRecipient: 'age1notakey', fingerprint: 'x' }));
    expect(bad.code).toBe('VALIDATION_FAILED');
    const added = addRecipient(store, ACTOR, { name: 'Embassy of Viet Nam, Bangkok', country: 'VN', ageRecipient: embassy.recipient, fingerprint: ageRecipientFingerprint(embassy.recipient).toLowerCase() });
    expect(added).toMatchObject({ kind: 'x25519', country: 'VN', fingerprint: ageRecipientFingerprint(embassy.recipient) });
    const byPassphrase = addRecipient(store, ACTOR, { name: 'Lao PDR consulate, Mae Sot', country: 'LA' });
    expect(byPassphrase).toMatchObject({ kind: 'passphrase', ageRecipient: null });
  });
});

describe('nationality verification lists', () => {
  it('a list puts everyone awaiting one nationality on it, and the returned list records each answer', () => {
    const store = office();
    const [a, b, c] = [inVerification(store), inVerification(store, { familyName: 'Trần', givenNames: 'Thị Lan', sex: 'female' }), inVerification(store, { familyName: 'Lê', givenNames: 'Minh' })];
    inVerification(store, { claimedNationality: 'ID', familyName: 'Santoso' });
    const list = createVerificationList(store, ACTOR, { country: 'VN', authority: 'Embassy of Viet Nam, Bangkok' });
    expect(list).toMatchObject({ country: 'VN', people: 3, pending: 3 });
    expect(getPerson(store, a).verifications).toEqual([expect.objectContaining({ outcome: 'pending', submissionBatch: list.code, method: 'embassy_list' })]);
    const again = refusal(() => createVerificationList(store, ACTOR, { country: 'VN', authority: 'Embassy of Viet Nam, Bangkok' }));
    expect(again.message).toContain('Nobody claiming VN');

    // The embassy fills in the outcome columns of the CSV it received.
    const rows = listCsvRows(listPeople(store.db, list.code));
    // Decided three days ago, written day first on one row.
    const decided = todayIso(-3);
    const filled = rows.map((r, i) => {
      if (i === 0) return r;
      const out = [...r];
      if (r[0] === a) out.splice(8, 4, 'Confirmed', '', 'VN/BKK/2026/1182', decided.split('-').reverse().join('/'));
      if (r[0] === b) out.splice(8, 4, 'other nationality', 'Cambodia', 'VN/BKK/2026/1183', decided);
      return out;
    });
    const dry = importOutcomes(store, ACTOR, list.code, { name: 'returned.csv', bytes: csvBytes(filled) }, true);
    expect(dry).toMatchObject({ recorded: 0, unchanged: 1, invalid: 0, dryRun: true });
    expect(getPerson(store, a).confirmedNationality).toBeNull();
    const applied = importOutcomes(store, ACTOR, list.code, { name: 'returned.csv', bytes: csvBytes(filled) });
    expect(applied).toMatchObject({ recorded: 2, unchanged: 1, invalid: 0, dryRun: false });
    expect(getPerson(store, a)).toMatchObject({ confirmedNationality: 'VN', verifications: [expect.objectContaining({ outcome: 'confirmed', reference: 'VN/BKK/2026/1182', decidedAt: decided })] });
    // Other nationality: the claim turns to Cambodia and the case waits for Cambodia's answer.
    expect(getPerson(store, b)).toMatchObject({ claimedNationality: 'KH', confirmedNationality: null, stage: 'verification' });
    expect(getPerson(store, c).verifications[0]).toMatchObject({ outcome: 'pending' });
    // The same file again changes nothing.
    expect(importOutcomes(store, ACTOR, list.code, { name: 'returned.csv', bytes: csvBytes(filled) })).toMatchObject({ recorded: 0, unchanged: 3 });
  });

  it('a returned list with a bad row records nothing and names the row and the problem', () => {
    const store = office();
    const a = inVerification(store);
    const b = inVerification(store, { familyName: 'Phạm', givenNames: 'Hùng' });
    const list = createVerificationList(store, ACTOR, { country: 'VN', authority: 'Embassy of Viet Nam, Bangkok' });
    const header = listCsvRows(listPeople(store.db, list.code))[0]!;
    const blank = Array(header.length - 1).fill('');
    const rows = [header, [a, ...blank], [b, ...blank], ['MSO-2026-999999', ...blank]];
    rows[1]!.splice(8, 1, 'confirmed');
    rows[2]!.splice(8, 1, 'maybe');
    rows[3]!.splice(8, 1, 'confirmed');
    const result = importOutcomes(store, ACTOR, list.code, { name: 'returned.csv', bytes: csvBytes(rows) });
    expect(result).toMatchObject({ recorded: 0, invalid: 2, dryRun: true });
    expect(result.rows.find((r) => r.caseNumber === b)).toMatchObject({ row: 3, status: 'invalid', problems: [expect.stringContaining('"maybe" is not one of')] });
    expect(result.rows.find((r) => r.caseNumber === 'MSO-2026-999999')?.problems).toEqual([`MSO-2026-999999 is not on list ${list.code}.`]);
    expect(result.rows.find((r) => r.caseNumber === a)).toMatchObject({ status: 'ready' });
    expect(getPerson(store, a).confirmedNationality).toBeNull();
  });
});

describe('transfer batches', () => {
  it('refuses people who are not ready, each with the reason, and lists the rest', () => {
    const store = office();
    const ready = readyToGo(store);
    const unconfirmed = inVerification(store, { familyName: 'Đỗ' });
    const held = readyToGo(store, 'VN', { familyName: 'Võ' });
    addHold(store, ACTOR, held, 'medical', 'Dengue fever, under treatment');
    const { batch, added, refused } = createBatch(store, ACTOR, ROUTE, [ready, unconfirmed, held, 'MSO-2026-424242']);
    expect(added).toEqual([ready]);
    expect(refused.map((r) => [r.ref, r.violations.map((v) => v.rule)])).toEqual([
      [unconfirmed, ['batch.in_transfer_stage', 'transfer.nationality_confirmed']],
      [held, ['transfer.hold.medical']],
      ['MSO-2026-424242', ['batch.person_exists']],
    ]);
    expect(batch).toMatchObject({ status: 'planned', counts: { listed: 1, total: 1 } });
    const twice = createBatch(store, ACTOR, ROUTE, [ready]);
    expect(twice.refused[0]!.violations.map((v) => v.rule)).toEqual(['batch.one_active_batch']);
  });

  it('respects the capacity of the vehicle', () => {
    const store = office();
    const people = [readyToGo(store), readyToGo(store, 'VN', { familyName: 'Bùi' }), readyToGo(store, 'VN', { familyName: 'Đặng' })];
    const { added, refused } = createBatch(store, ACTOR, { ...ROUTE, capacity: 2 }, people);
    expect(added).toHaveLength(2);
    expect(refused[0]!.violations[0]!.rule).toBe('batch.capacity');
  });

  it('a hold opened after batching stops boarding until the person is removed', () => {
    const store = office();
    const a = readyToGo(store);
    const b = readyToGo(store, 'VN', { familyName: 'Hồ' });
    const { batch } = createBatch(store, ACTOR, ROUTE, [a, b]);
    addHold(store, ACTOR, b, 'protection', 'Threat reported by family contact');
    const stopped = refusal(() => setBatchStatus(store, ACTOR, batch.code, 'boarding', null));
    expect(stopped.message).toContain(`${b}: The case has a protection concern`);
    expect(batchView(store.db, batch.code).nextStatuses.find((s) => s.to === 'boarding')).toMatchObject({ allowed: false });
    const noReason = refusal(() => markMember(store, ACTOR, batch.code, b, 'removed', null));
    expect(noReason.message).toContain('Say why the person is taken off the batch');
    markMember(store, ACTOR, batch.code, b, 'removed', 'Protection hold');
    expect(setBatchStatus(store, ACTOR, batch.code, 'boarding', null).status).toBe('boarding');
  });

  it('check-off keeps counts, needs an incident note for a missing person, and only departs when everyone is accounted for', () => {
    const store = office();
    const [a, b, c] = [readyToGo(store), readyToGo(store, 'VN', { familyName: 'Dương' }), readyToGo(store, 'VN', { familyName: 'Lý' })];
    const { batch } = createBatch(store, ACTOR, ROUTE, [a, b, c]);
    expect(refusal(() => markMember(store, ACTOR, batch.code, a, 'boarded', null)).message).toContain('On a planned batch');
    setBatchStatus(store, ACTOR, batch.code, 'boarding', null);
    const first = markMember(store, ACTOR, batch.code, a.toLowerCase(), 'boarded', null);
    expect(first.member).toMatchObject({ caseNumber: a, status: 'boarded' });
    expect(first.batch.counts).toMatchObject({ listed: 2, boarded: 1, missing: 0, total: 3 });
    expect(refusal(() => setBatchStatus(store, ACTOR, batch.code, 'in_transit', null)).message).toContain(`Not yet checked: `);
    expect(refusal(() => markMember(store, ACTOR, batch.code, b, 'missing', ' ')).message).toContain('Write an incident note');
    markMember(store, ACTOR, batch.code, b, 'missing', 'Not at the shelter at 05:00 roll call; last seen 22:00. Police informed.');
    markMember(store, ACTOR, batch.code, c, 'boarded', null);
    expect(refusal(() => markMember(store, ACTOR, batch.code, 'MSO-2026-000999', 'boarded', null)).message).toContain('is not on batch');
    setBatchStatus(store, ACTOR, batch.code, 'in_transit', null);
    markMember(store, ACTOR, batch.code, a, 'arrived', null);
    expect(refusal(() => setBatchStatus(store, ACTOR, batch.code, 'arrived', null)).message).toContain(`Not yet accounted for: ${c}`);
    markMember(store, ACTOR, batch.code, c, 'arrived', null);
    const done = setBatchStatus(store, ACTOR, batch.code, 'arrived', null);
    expect(done.counts).toMatchObject({ listed: 0, boarded: 0, arrived: 2, missing: 1, total: 3 });
    expect(done.members.find((m) => m.caseNumber === b)?.incident).toContain('Police informed');
    expect(refusal(() => setBatchStatus(store, ACTOR, batch.code, 'cancelled', 'x')).message).toContain('is final');
  });

  it('a person on a batch that has not arrived stays in transfer until taken off it: removed before departure, missing on the road', () => {
    const store = office();
    const [a, b] = [readyToGo(store), readyToGo(store, 'VN', { familyName: 'Trần', givenNames: 'Thị Lan' })];
    const { batch } = createBatch(store, ACTOR, ROUTE, [a, b]);
    const stays = refusal(() => advanceCase(store, ACTOR, b, 'remains_in_country', 'Fears persecution; asylum claim lodged'));
    expect(stays.message).toContain(`The person is listed on transfer batch ${batch.code} (planned), which a case in remains in country cannot travel with.`);
    expect(stays.message).toContain('mark them removed with the reason');
    expect(getPerson(store, b).stage).toBe('transfer');
    expect(batchView(store.db, batch.code).members.find((m) => m.caseNumber === b)?.status).toBe('listed');
    markMember(store, ACTOR, batch.code, b, 'removed', 'Asylum claim lodged');
    expect(advanceCase(store, ACTOR, b, 'remains_in_country', 'Fears persecution; asylum claim lodged').stage).toBe('remains_in_country');

    setBatchStatus(store, ACTOR, batch.code, 'boarding', null);
    markMember(store, ACTOR, batch.code, a, 'boarded', null);
    setBatchStatus(store, ACTOR, batch.code, 'in_transit', null);
    const died = refusal(() => advanceCase(store, ACTOR, a, 'deceased', 'Died on the road'));
    expect(died.message).toContain(`The person is boarded on transfer batch ${batch.code} (in transit)`);
    expect(died.message).toContain('mark them missing with what happened');
    // Back to verification is a change of stage like any other.
    expect(refusal(() => advanceCase(store, ACTOR, a, 'verification', 'Embassy withdrew the confirmation')).message).toContain(`transfer batch ${batch.code}`);
    markMember(store, ACTOR, batch.code, a, 'missing', 'Collapsed at the Myawaddy checkpoint at 10:40; pronounced dead at the hospital. Police report 118/2026.');
    expect(advanceCase(store, ACTOR, a, 'deceased', 'Died on the road').stage).toBe('deceased');
  });

  it('a batch does not leave with a person whose case left transfer in another office', () => {
    const store = office();
    const [a, b] = [readyToGo(store), readyToGo(store, 'VN', { familyName: 'Trần', givenNames: 'Thị Lan' })];
    const { batch } = createBatch(store, ACTOR, ROUTE, [a, b]);
    // As a sync import would apply a stage change made elsewhere, without this office's rules.
    store.write(ACTOR, (tx) => {
      tx.update('person', getPerson(store, b).id, { stage: 'remains_in_country' });
      tx.audit({ action: 'test.synced_stage', entityType: 'person', entityId: getPerson(store, b).id });
    });
    const stopped = refusal(() => setBatchStatus(store, ACTOR, batch.code, 'boarding', null));
    expect(stopped.message).toContain(`${b}: the case is in remains in country, not transfer. Remove them from the batch.`);
    markMember(store, ACTOR, batch.code, b, 'removed', 'Stays: asylum claim');
    expect(setBatchStatus(store, ACTOR, batch.code, 'boarding', null).status).toBe('boarding');
  });

  it('a cancelled batch frees its people for another', () => {
    const store = office();
    const a = readyToGo(store);
    const { batch } = createBatch(store, ACTOR, ROUTE, [a]);
    expect(refusal(() => setBatchStatus(store, ACTOR, batch.code, 'cancelled', null)).message).toContain('Say why the batch is cancelled');
    setBatchStatus(store, ACTOR, batch.code, 'cancelled', 'Border closed after shelling');
    expect(createBatch(store, ACTOR, ROUTE, [a]).added).toEqual([a]);
  });
});

describe('handover', () => {
  it('hands arrived people to their confirmed country, signs the manifest and moves the cases', () => {
    const store = office();
    const a = readyToGo(store);
    const b = readyToGo(store, 'VN', { familyName: 'Trịnh', nativeName: 'Trịnh Văn Tú' });
    const thai = readyToGo(store, 'TH', { familyName: 'Srisuk', givenNames: 'Somchai', nativeName: 'สมชาย ศรีสุข' });
    const code = arrivedBatch(store, [a, b, thai]);
    expect(handoverCandidates(store.db, code, 'VN').map((c) => [c.caseNumber, c.eligible])).toEqual(
      expect.arrayContaining([
        [a, true],
        [b, true],
        [thai, false],
      ]),
    );
    const wrong = refusal(() => createHandover(store, ACTOR, { batch: code, ...HANDOVER, people: [a, thai] }));
    expect(wrong.message).toContain(`${thai}'s confirmed nationality is TH, not VN. Nobody is handed to a country that has not confirmed them.`);
    expect(getPerson(store, a).stage).toBe('transfer');

    const h = createHandover(store, ACTOR, { batch: code, ...HANDOVER });
    expect(h).toMatchObject({ receivingCountry: 'VN', people: 2, acknowledged: false, officialName: 'Trần Văn Bình' });
    expect(h.members.map((m) => m.caseNumber).sort()).toEqual([a, b].sort());
    for (const c of [a, b]) expect(getPerson(store, c)).toMatchObject({ stage: 'handover', handover: { code: h.code, receivingCountry: 'VN', acknowledged: false }, transfers: [{ batchCode: code, memberStatus: 'arrived', batchStatus: 'arrived' }] });
    expect(getPerson(store, thai).stage).toBe('transfer');

    const row = prepare(store.db, 'SELECT manifest, manifest_signature, manifest_sha256 FROM handover WHERE id = ?').get(h.id) as { manifest: string; manifest_signature: string; manifest_sha256: string };
    const manifest = JSON.parse(row.manifest);
    expect(manifest).toMatchObject({ format: 'homeward-handover-manifest', schemaVersion: 1, count: 2, handover: { code: h.code, receivingCountry: 'VN' } });
    expect(manifest.people.find((p: { caseNumber: string }) => p.caseNumber === b)).toMatchObject({ nativeName: 'Trịnh Văn Tú', nationality: 'VN', documents: [expect.objectContaining({ number: 'C1234567' })] });
    const verified = verifyMinisign(Buffer.from(row.manifest), row.manifest_signature, keyCard(store.db).signingPublicKey);
    expect(verified.trustedComment).toContain(`sha256 ${row.manifest_sha256}`);

    const twice = refusal(() => createHandover(store, ACTOR, { batch: code, ...HANDOVER, people: [a] }));
    expect(twice.message).toContain(`${a} was already handed over (${h.code})`);
    const nobody = refusal(() => createHandover(store, ACTOR, { batch: code, ...HANDOVER }));
    expect(nobody.message).toContain('Nobody on batch');
    expect(verifyAuditChain(store.db).ok).toBe(true);
  });

  it('a batch still on the road cannot be handed over, and a missing member is not handed over', () => {
    const store = office();
    const a = readyToGo(store);
    const b = readyToGo(store, 'VN', { familyName: 'Mai' });
    const { batch } = createBatch(store, ACTOR, ROUTE, [a, b]);
    setBatchStatus(store, ACTOR, batch.code, 'boarding', null);
    markMember(store, ACTOR, batch.code, a, 'boarded', null);
    markMember(store, ACTOR, batch.code, b, 'boarded', null);
    setBatchStatus(store, ACTOR, batch.code, 'in_transit', null);
    expect(refusal(() => createHandover(store, ACTOR, { batch: batch.code, ...HANDOVER })).message).toContain('is in transit');
    markMember(store, ACTOR, batch.code, a, 'arrived', null);
    markMember(store, ACTOR, batch.code, b, 'missing', 'Left the vehicle at the checkpoint');
    setBatchStatus(store, ACTOR, batch.code, 'arrived', null);
    const missing = refusal(() => createHandover(store, ACTOR, { batch: batch.code, ...HANDOVER, people: [a, b] }));
    expect(missing.message).toContain(`${b} is marked missing on the batch, not arrived.`);
    expect(createHandover(store, ACTOR, { batch: batch.code, ...HANDOVER }).people).toBe(1);
  });

  it('a hold opened after arrival keeps that person out of the handover', () => {
    const store = office();
    const a = readyToGo(store);
    const code = arrivedBatch(store, [a]);
    addHold(store, ACTOR, a, 'legal', 'Witness in the Myawaddy compound case');
    expect(refusal(() => createHandover(store, ACTOR, { batch: code, ...HANDOVER })).message).toContain('has a legal or witness hold');
    liftHold(store, ACTOR, a, 'legal', 'Statement recorded by DSI');
    expect(createHandover(store, ACTOR, { batch: code, ...HANDOVER }).people).toBe(1);
  });

  it("the receiver's countersignature closes the cases; a signature of anything else is refused", () => {
    const store = office();
    const a = readyToGo(store);
    const code = arrivedBatch(store, [a]);
    const receiver = generateSigningKey();
    const h = createHandover(store, ACTOR, { batch: code, ...HANDOVER });
    const manifest = (prepare(store.db, 'SELECT manifest FROM handover WHERE id = ?').get(h.id) as { manifest: string }).manifest;
    const forged = signMinisign(Buffer.from(`${manifest} `), receiver, { trustedComment: 'received' });
    const refused = refusal(() =>
      acknowledgeHandover(store, ACTOR, { handover: h.code, kind: 'countersignature', data: Buffer.from(forged).toString('base64'), signerKey: minisignPublicKeyString(receiver) }),
    );
    expect(refused.details).toMatchObject({ reason: 'bad-signature' });
    expect(getPerson(store, a).stage).toBe('handover');
    const good = signMinisign(Buffer.from(manifest), receiver, { trustedComment: 'received by MPS-44817' });
    const acked = acknowledgeHandover(store, ACTOR, {
      handover: h.code,
      kind: 'countersignature',
      data: Buffer.from(good).toString('base64'),
      signerKey: minisignPublicKeyString(receiver),
      fileName: 'manifest.json.receipt.minisig',
    });
    expect(acked.acknowledgement).toMatchObject({ kind: 'countersignature', by: ACTOR });
    expect(getPerson(store, a).stage).toBe('closed');
    const [record] = htcdsExport(store, [a]).records;
    expect(record!.fields).toMatchObject({
      cas_Status: 'ClosedReferred',
      cas_ReferredOrganisation: `${HANDOVER.agency} (VN)`,
      cas_ReferredPrimaryCaseWorker: HANDOVER.officialName,
      cas_ReasonForOutgoingReferral: 'MigrationOrChangeOfLocation',
      cas_OutgoingReferralDetails: expect.stringContaining(h.manifestSha256),
    });
    expect(refusal(() => acknowledgeHandover(store, ACTOR, { handover: h.code, kind: 'scan', data: 'JVBERi0=' })).code).toBe('ALREADY_EXISTS');
  });
  it('a package whose people have values starting with a formula character verifies, its CSV quoted against spreadsheets', () => {
    const store = office();
    const a = readyToGo(store, 'VN', { familyName: '-Tran', givenNames: '=Van Binh', aliases: ['@Binh'] });
    const code = arrivedBatch(store, [a]);
    const h = createHandover(store, ACTOR, { batch: code, ...HANDOVER });
    const file = exportHandover(store, ACTOR, h.code, { pdf: Buffer.from('%PDF-1.7 test'), passphrase: 'handover passphrase, not secret' });
    const bytes = Buffer.from(file.data, 'base64');
    const check = verifyManifestPackage(store.db, bytes, { passphrase: 'handover passphrase, not secret' });
    expect(check.problems).toEqual([]);
    expect(check).toMatchObject({ ok: true, handover: h.code, people: 1 });
    expect(check.checks.find((c) => c.name === 'csv')).toMatchObject({ ok: true, detail: '1 row, as in manifest.json.' });
  });
});
