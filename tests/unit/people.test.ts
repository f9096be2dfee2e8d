import { describe, expect, it } from 'vitest';
import { callApi } from '../../src/api/dispatch';
import { HomewardError } from '../../src/domain/errors';
import { addHold, advanceCase, liftHold } from '../../src/services/cases';
import { addPerson, getPerson, listPeople, personTimeline, updatePerson } from '../../src/services/people';
import { recordVerification } from '../../src/services/verification';
import { ACTOR, completePerson, newOffice } from '../helpers';

const year = new Date().getUTCFullYear();

function caught(fn: () => unknown): HomewardError {
  try {
    fn();
  } catch (e) {
    if (e instanceof HomewardError) return e;
    throw e;
  }
  throw new Error('expected a HomewardError');
}

describe('registering people at intake', () => {
  it('gives each person the next case number of this office and year', () => {
    const { store } = newOffice();
    const a = addPerson(store, ACTOR, { givenNames: 'Aung Kyaw Moe', nativeName: 'အောင်ကျော်မိုး' });
    const b = addPerson(store, ACTOR, { nativeName: '张伟' });
    expect(a.caseNumber).toBe(`MSO-${year}-000001`);
    expect(b.caseNumber).toBe(`MSO-${year}-000002`);
    expect(a.familyName).toBeNull();
    expect(a.stage).toBe('intake');
    store.close();
  });

  it('needs only a name in any script at intake, and says what is wrong otherwise', () => {
    const { store } = newOffice();
    const e = caught(() => addPerson(store, ACTOR, { sex: 'female', claimedNationality: 'XX', phone: 'call me' }));
    expect(e.code).toBe('VALIDATION_FAILED');
    const paths = (e.details as { fields: { path: string }[] }).fields.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['claimedNationality', 'phone', 'givenNames']));
    expect(e.message).toMatch(/at least one name/);
    expect(listPeople(store).total).toBe(0);
    store.close();
  });

  it('keeps documents with who holds them, indicators and vulnerabilities', () => {
    const { store } = newOffice();
    const p = addPerson(
      store,
      ACTOR,
      completePerson({
        documents: [
          { type: 'passport', number: 'c1234567', issuingCountry: 'vn', holder: 'compound' },
          { type: 'national_id', number: '001096012345', issuingCountry: 'VN', holder: 'person' },
        ],
        vulnerabilities: ['injured'],
      }),
    );
    expect(p.documents.map((d) => [d.type, d.number, d.issuingCountry, d.holder])).toEqual([
      ['passport', 'C1234567', 'VN', 'compound'],
      ['national_id', '001096012345', 'VN', 'person'],
    ]);
    expect(p.indicators).toEqual(['debt_bondage', 'withholds_documents']);
    expect(p.vulnerabilities).toEqual(['injured']);
    store.close();
  });

  it('a minor is put on hold at registration, and the hold blocks transfer until lifted', () => {
    const { store } = newOffice();
    const sixteen = `${year - 16}-01-15`;
    const p = addPerson(store, ACTOR, completePerson({ birthDate: sixteen }));
    expect(p.openHolds).toEqual(['minor_without_guardian']);
    advanceCase(store, ACTOR, p.id, 'verification', 'intake complete');
    recordVerification(store, ACTOR, p.id, { method: 'embassy_list', authority: 'Embassy of Viet Nam', country: 'VN', outcome: 'confirmed', reference: 'VN-EL-7' });
    const refused = caught(() => advanceCase(store, ACTOR, p.id, 'transfer', 'nationality confirmed'));
    expect(refused.code).toBe('RULE_VIOLATION');
    expect((refused.details as { violations: { rule: string }[] }).violations.map((v) => v.rule)).toEqual(['transfer.hold.minor_without_guardian']);
    liftHold(store, ACTOR, p.id, 'minor_without_guardian', 'Mother travelling with him; shelter social worker confirmed');
    expect(advanceCase(store, ACTOR, p.id, 'transfer', 'nationality confirmed').stage).toBe('transfer');
    store.close();
  });
});

describe('updating a person', () => {
  it('replaces the document list: keeps by id, adds new ones, removes missing ones', () => {
    const { store } = newOffice();
    const p = addPerson(store, ACTOR, completePerson());
    const passport = p.documents[0]!;
    const updated = updatePerson(store, ACTOR, p.caseNumber, {
      documents: [
        { ...passport, holder: 'authority', note: 'Returned by the DKBA to Tak immigration' },
        { type: 'emergency_travel_document', number: 'ETD-2026-118', issuingCountry: 'VN', holder: 'person' },
      ],
    });
    expect(updated.documents.map((d) => [d.id === passport.id, d.type, d.holder])).toEqual([
      [true, 'passport', 'authority'],
      [false, 'emergency_travel_document', 'person'],
    ]);
    const removed = updatePerson(store, ACTOR, p.caseNumber, { documents: [] });
    expect(removed.documents).toEqual([]);
    // Tombstoned, not erased: the rows remain for sync and history.
    expect(store.db.prepare('SELECT count(*) AS n FROM identity_document WHERE deleted = 1').get()).toEqual({ n: 2 });
    store.close();
  });

  it('refuses an estimated age beside a birth date, but lets a birth date replace an estimate', () => {
    const { store } = newOffice();
    const p = addPerson(store, ACTOR, completePerson({ birthDate: null, estimatedAge: 30 }));
    expect(p.estimatedAge).toBe(30);
    expect(p.ageEstimatedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const dated = updatePerson(store, ACTOR, p.id, { birthDate: '1995-03' });
    expect([dated.birthDate, dated.estimatedAge]).toEqual(['1995-03', null]);
    expect(caught(() => updatePerson(store, ACTOR, p.id, { estimatedAge: 31 })).code).toBe('VALIDATION_FAILED');
    expect(updatePerson(store, ACTOR, p.id, { birthDate: null, estimatedAge: 31 }).estimatedAge).toBe(31);
    store.close();
  });

  it('an empty change is refused', () => {
    const { store } = newOffice();
    const p = addPerson(store, ACTOR, completePerson());
    expect(caught(() => updatePerson(store, ACTOR, p.id, {})).message).toMatch(/empty/);
    store.close();
  });
});

describe('finding people', () => {
  function office() {
    const o = newOffice();
    addPerson(o.store, ACTOR, { givenNames: 'Aung Kyaw Moe', nativeName: 'အောင်ကျော်မိုး', sex: 'male', claimedNationality: 'MM', rescueSite: 'Shwe Kokko' });
    addPerson(o.store, ACTOR, { familyName: 'ZHANG', givenNames: 'WEI', nativeName: '张伟', sex: 'male', claimedNationality: 'CN', aliases: ['Ah Wei'] });
    addPerson(o.store, ACTOR, completePerson({ familyName: 'Nguyễn', givenNames: 'Thị Đào', nativeName: 'Nguyễn Thị Đào', sex: 'female' }));
    addPerson(o.store, ACTOR, { givenNames: 'Somchai', familyName: 'Jaidee', nativeName: 'สมชาย ใจดี', aliases: ['Chai'], claimedNationality: 'TH', phone: '+66 81 234 5678' });
    return o;
  }
  const names = (list: { people: { nativeName: string | null }[] }) => list.people.map((p) => p.nativeName);

  it('by any part of a name, in any script', () => {
    const { store } = office();
    expect(names(listPeople(store, { search: 'ကျော်' }))).toEqual(['အောင်ကျော်မိုး']);
    expect(names(listPeople(store, { search: '张伟' }))).toEqual(['张伟']);
    expect(names(listPeople(store, { search: '伟' }))).toEqual(['张伟']);
    expect(names(listPeople(store, { search: 'ใจดี' }))).toEqual(['สมชาย ใจดี']);
    expect(names(listPeople(store, { search: 'kyaw' }))).toEqual(['အောင်ကျော်မိုး']);
    store.close();
  });

  it('without diacritics, in any word order, and by alias', () => {
    const { store } = office();
    expect(names(listPeople(store, { search: 'nguyen thi dao' }))).toEqual(['Nguyễn Thị Đào']);
    expect(names(listPeople(store, { search: 'dao nguyen' }))).toEqual(['Nguyễn Thị Đào']);
    expect(names(listPeople(store, { search: 'wei zhang' }))).toEqual(['张伟']);
    expect(names(listPeople(store, { search: 'Ah Wei' }))).toEqual(['张伟']);
    store.close();
  });

  it('by case number, document number and phone', () => {
    const { store } = office();
    expect(names(listPeople(store, { search: `MSO-${year}-000002` }))).toEqual(['张伟']);
    expect(names(listPeople(store, { search: 'c1234567' }))).toEqual(['Nguyễn Thị Đào']);
    expect(names(listPeople(store, { search: '812345678' }))).toEqual(['สมชาย ใจดี']);
    store.close();
  });

  it('one or two letters find the start of a word, one Chinese character finds the name', () => {
    const { store } = office();
    expect(names(listPeople(store, { search: 'So' }))).toEqual(['สมชาย ใจดี']);
    expect(names(listPeople(store, { search: 'ZH' }))).toEqual(['张伟']);
    expect(names(listPeople(store, { search: 'ng' }))).toEqual(['Nguyễn Thị Đào']);
    expect(names(listPeople(store, { search: '伟' }))).toEqual(['张伟']);
    expect(names(listPeople(store, { search: '张伟' }))).toEqual(['张伟']);
    // "an" is inside "Zhang" but starts no word: short terms do not match mid-word.
    expect(listPeople(store, { search: 'an' }).total).toBe(0);
    expect(names(listPeople(store, { search: 'ng thi' }))).toEqual(['Nguyễn Thị Đào']);
    store.close();
  });

  it('a complete case number is looked up directly, in any letter case', () => {
    const { store } = office();
    expect(names(listPeople(store, { search: `mso-${year}-000004` }))).toEqual(['สมชาย ใจดี']);
    expect(listPeople(store, { search: `MSO-${year}-000099` }).total).toBe(0);
    store.close();
  });

  it('search follows edits: the old name no longer finds the person, the new one does', () => {
    const { store } = office();
    updatePerson(store, ACTOR, `MSO-${year}-000002`, { aliases: ['Xiao Wei'] });
    expect(listPeople(store, { search: 'Ah Wei' }).total).toBe(0);
    expect(names(listPeople(store, { search: 'xiao wei' }))).toEqual(['张伟']);
    store.close();
  });

  it('filters by stage, nationality, site and hold, with counts per stage', () => {
    const { store } = office();
    advanceCase(store, ACTOR, `MSO-${year}-000003`, 'verification', 'intake complete');
    addHold(store, ACTOR, `MSO-${year}-000001`, 'medical', 'Malaria treatment at Mae Sot hospital');
    const all = listPeople(store);
    expect(all.total).toBe(4);
    expect(all.stageCounts).toEqual({ intake: 3, verification: 1 });
    expect(listPeople(store, { stage: 'verification' }).people.map((p) => p.caseNumber)).toEqual([`MSO-${year}-000003`]);
    expect(listPeople(store, { nationality: 'mm' }).total).toBe(1);
    expect(listPeople(store, { site: 'Shwe Kokko' }).total).toBe(1);
    expect(listPeople(store, { hold: 'medical' }).people[0]?.openHolds).toEqual(['medical']);
    expect(listPeople(store, { hold: 'any' }).total).toBe(1);
    const page = listPeople(store, { limit: 2, offset: 2 });
    expect([page.total, page.people.length, page.people[0]?.caseNumber]).toEqual([4, 2, `MSO-${year}-000003`]);
    expect(listPeople(store, { sort: 'case_number', descending: true }).people[0]?.caseNumber).toBe(`MSO-${year}-000004`);
    store.close();
  });

  it('sorts by name and by age both ways; an estimated age counts, and an unknown age comes last', () => {
    const { store } = newOffice();
    const add = (fields: Record<string, unknown>) => addPerson(store, ACTOR, { sex: 'female', claimedNationality: 'VN', ...fields }).caseNumber;
    const older = add({ familyName: 'Trần', givenNames: 'Lan', birthDate: '1990-05-01' });
    const estimated = add({ familyName: 'phạm', givenNames: 'Hoa', estimatedAge: 20 });
    const younger = add({ givenNames: 'An', birthDate: '2001' });
    const unknown = add({ familyName: 'Lê', givenNames: 'Mai' });
    const sorted = (sort: 'name' | 'age', descending = false) => listPeople(store, { sort, descending }).people.map((p) => p.caseNumber);
    // Family name or, without one, the given names; upper or lower case alike.
    expect(sorted('name')).toEqual([younger, unknown, estimated, older]);
    expect(sorted('name', true)).toEqual([older, estimated, unknown, younger]);
    expect(sorted('age')).toEqual([estimated, younger, older, unknown]);
    expect(sorted('age', true)).toEqual([older, younger, estimated, unknown]);
    // Unsorted, the list goes by case number, first registered first.
    expect(listPeople(store).people.map((p) => p.caseNumber)).toEqual([older, estimated, younger, unknown]);
    store.close();
  });
});

describe('a case from intake to transfer, as the coordinator sees it', () => {
  it('every step is refused until its rule is met, and the timeline tells the story', () => {
    const { store } = newOffice();
    const p = addPerson(store, ACTOR, { givenNames: 'Ma Thida', nativeName: 'မသီတာ', claimedNationality: 'TH' });
    expect(getPerson(store, p.caseNumber).nextSteps[0]).toMatchObject({ to: 'verification', allowed: false });

    const first = caught(() => advanceCase(store, ACTOR, p.id, 'verification', 'ready'));
    const [incomplete] = (first.details as { violations: { rule: string; missing?: string[] }[] }).violations;
    expect(incomplete).toMatchObject({ rule: 'verification.intake_complete', missing: ['sex', 'birthDate or estimatedAge', 'rescueSite', 'rescueDate'] });

    updatePerson(store, ACTOR, p.id, { sex: 'female', estimatedAge: 24, rescueSite: 'KK Park', rescueDate: '2026-10-20', consent: { status: 'given' } });
    advanceCase(store, ACTOR, p.id, 'verification', 'intake complete');
    // Thai authorities find she is from Myanmar: the claim turns to Myanmar for a new check.
    recordVerification(store, ACTOR, p.id, { method: 'interview', authority: 'Tak Immigration', country: 'TH', outcome: 'other_nationality', otherNationality: 'MM' });
    expect([getPerson(store, p.id).claimedNationality, getPerson(store, p.id).confirmedNationality]).toEqual(['MM', null]);
    expect(caught(() => advanceCase(store, ACTOR, p.id, 'transfer', 'ready')).message).toMatch(/Nationality is not confirmed/);
    recordVerification(store, ACTOR, p.id, { method: 'interview', authority: 'Myanmar Embassy Bangkok', country: 'MM', outcome: 'confirmed', reference: 'MM-2026-4411' });
    const moved = advanceCase(store, ACTOR, p.id, 'transfer', 'nationality confirmed');
    expect([moved.stage, moved.confirmedNationality]).toEqual(['transfer', 'MM']);

    const actions = personTimeline(store, p.caseNumber).map((t) => t.action);
    expect(actions).toEqual([
      'person.registered',
      'person.updated',
      'person.stage_changed',
      'verification.other_nationality',
      'verification.confirmed',
      'person.stage_changed',
    ]);
    store.close();
  });
});

describe('finding a Chinese name by its given name', () => {
  it('two characters from the middle of a three-character name find the person', () => {
    const { store } = newOffice();
    addPerson(store, ACTOR, { familyName: 'ZHANG', givenNames: 'WEIMING', nativeName: '张伟明' });
    addPerson(store, ACTOR, { familyName: 'WANG', givenNames: 'MING', nativeName: '王明' });
    const native = (q: string) => listPeople(store, { search: q }).people.map((p) => p.nativeName);
    expect(native('伟明')).toEqual(['张伟明']);
    expect(native('明')).toEqual(['张伟明', '王明']);
    expect(native('张伟明')).toEqual(['张伟明']);
    store.close();
  });
});

describe('a photo or scan too large to attach', () => {
  it('is refused with the limit and what to do, through the API as through the service, and nothing is stored', () => {
    const { store } = newOffice();
    const p = addPerson(store, ACTOR, completePerson());
    const jpeg = (mb: number) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(mb * 2 ** 20)]).toString('base64');
    const attach = (data: string) => callApi({ store, actor: ACTOR }, 'attachment.add', { ref: p.caseNumber, kind: 'photo', filename: 'photo.jpg', data });
    for (const [mb, said] of [
      [16, 'The file is 16.0 MB; the limit is 15 MB. Scan at a lower resolution.'],
      [25, 'The file is over 20 MB; the limit is 15 MB. Scan at a lower resolution, or save the photo as JPEG.'],
    ] as const) {
      const result = attach(jpeg(mb));
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.message).toContain(said);
    }
    expect(getPerson(store, p.caseNumber).attachments).toEqual([]);
    store.close();
  });
});
