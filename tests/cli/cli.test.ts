import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OfficeInfo } from '../../src/api/contract';
import type { PersonList, PersonView, TimelineEntry } from '../../src/api/views';
import type { AuditVerification } from '../../src/db/audit-chain';
import type { RuleViolation } from '../../src/domain/stages';
import { completePerson } from '../helpers';
import { CLI_PASSPHRASE, caseNumber, errorOf, homeward, sha256, valueOf, YEAR } from './run';

/**
 * The `homeward` command as a coordinator uses it, run as a real child
 * process against real encrypted database files. Each describe tells one
 * story on one office database, so its tests run in order.
 */

const RECOVERY_KEY_SHAPE = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){8}$/;

const dirs: string[] = [];
function sharedDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'homeward-cli-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

/** Synthetic people only. */
const BURMESE = { givenNames: 'Aung Kyaw Moe', nativeName: 'အောင်ကျော်မိုး' };
const CHINESE = { familyName: 'ZHANG', givenNames: 'WEI', nativeName: '张伟' };
const VIETNAMESE = completePerson();

type ShowValue = { person: PersonView; timeline: TimelineEntry[] };

const rules = (violations: unknown) => (violations as RuleViolation[]).map((v) => v.rule);

describe('the Mae Sot office, from init to handing a case on to transfer', () => {
  const dir = sharedDir();
  const db = join(dir, 'mso.homeward');
  let recoveryKey = '';
  let auditEvents = 0;

  describe('init', () => {
    it('creates an encrypted office database with a key file and shows the recovery key once', async () => {
      const run = await homeward(['init', '--db', db, '--office', 'MSO', '--office-name', 'Mae Sot office', '--json']);
      const office = valueOf<OfficeInfo & { recoveryKey: string }>(run);
      expect(office).toMatchObject({ code: 'MSO', name: 'Mae Sot office', country: null, people: 0, path: db });
      expect(office.recoveryKey).toMatch(RECOVERY_KEY_SHAPE);
      expect(office.recoveryKey.split('-')).toHaveLength(9);
      expect(existsSync(db)).toBe(true);
      expect(existsSync(`${db}.keyring`)).toBe(true);
      // The file is encrypted: no SQLite header, no office name in the clear.
      const bytes = readFileSync(db);
      expect(bytes.subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
      expect(bytes.includes(Buffer.from('Mae Sot office'))).toBe(false);
      recoveryKey = office.recoveryKey;
    });

    it('refuses to create the same office file twice, and leaves the existing one untouched', async () => {
      const before = { db: sha256(db), keyring: sha256(`${db}.keyring`) };
      const run = await homeward(['init', '--db', db, '--office', 'MSO', '--office-name', 'Another office', '--json']);
      expect(errorOf(run).code).toBe('DB_EXISTS');
      expect({ db: sha256(db), keyring: sha256(`${db}.keyring`) }).toEqual(before);
    });
  });

  describe('intake', () => {
    it('registers people in any script from standard input and from a file, numbering cases in order', async () => {
      const burmese = valueOf<PersonView>(await homeward(['person', 'add', '--db', db, '--file', '-', '--json'], { input: JSON.stringify(BURMESE) }));
      expect(burmese).toMatchObject({
        caseNumber: caseNumber(1),
        familyName: null,
        givenNames: 'Aung Kyaw Moe',
        nativeName: 'အောင်ကျော်မိုး',
        sex: 'unknown',
        stage: 'intake',
        office: 'MSO',
        createdBy: 'intake@test',
        openHolds: [],
      });

      const chinese = valueOf<PersonView>(await homeward(['person', 'add', '--db', db, '--file', '-', '--json'], { input: JSON.stringify(CHINESE) }));
      expect(chinese).toMatchObject({ caseNumber: caseNumber(2), familyName: 'ZHANG', givenNames: 'WEI', nativeName: '张伟' });

      const file = join(dir, 'nguyen.json');
      // A byte-order mark, as Windows editors write it, is accepted.
      writeFileSync(file, '\uFEFF' + JSON.stringify(VIETNAMESE, null, 2));
      const vietnamese = valueOf<PersonView>(await homeward(['person', 'add', '--db', db, '--file', file, '--json']));
      expect(vietnamese).toMatchObject({
        caseNumber: caseNumber(3),
        familyName: 'Nguyễn',
        givenNames: 'Văn An',
        sex: 'male',
        birthDate: '1996-04-12',
        claimedNationality: 'VN',
        confirmedNationality: null,
        rescueSite: 'KK Park',
        consent: { status: 'given', reason: null },
        indicators: ['debt_bondage', 'withholds_documents'],
      });
      expect(vietnamese.documents).toEqual([
        expect.objectContaining({ type: 'passport', number: 'C1234567', issuingCountry: 'VN', holder: 'compound' }),
      ]);
      // Intake is complete, so verification is open as a next step.
      expect(vietnamese.nextSteps.find((s) => s.to === 'verification')).toMatchObject({ allowed: true, violations: [] });
    });

    it('refuses invalid records, names the fields, and stores nothing', async () => {
      const [badFields, noName, notJson] = await Promise.all([
        homeward(['person', 'add', '--db', db, '--file', '-', '--json'], {
          input: JSON.stringify({ givenNames: 'Test Person', sex: 'x', claimedNationality: 'XX' }),
        }),
        homeward(['person', 'add', '--db', db, '--file', '-', '--json'], { input: JSON.stringify({ sex: 'female', familyName: '   ', aliases: [''] }) }),
        homeward(['person', 'add', '--db', db, '--file', '-', '--json'], { input: '{"givenNames": "Half a record",' }),
      ]);

      const e1 = errorOf(badFields);
      expect(e1.code).toBe('VALIDATION_FAILED');
      const fields1 = (e1.details as { fields: { path: string; message: string }[] }).fields;
      expect(fields1.map((f) => f.path).sort()).toEqual(['claimedNationality', 'sex']);
      expect(fields1.find((f) => f.path === 'sex')?.message).toContain('female, male, other or unknown');

      const e2 = errorOf(noName);
      expect(e2.code).toBe('VALIDATION_FAILED');
      expect((e2.details as { fields: { path: string; message: string }[] }).fields).toEqual([
        { path: 'givenNames', message: expect.stringContaining('at least one name') },
      ]);

      expect(errorOf(notJson).code).toBe('FILE_UNREADABLE');

      const list = valueOf<PersonList>(await homeward(['person', 'list', '--db', db, '--json']));
      expect(list.total).toBe(3);
      expect(list.stageCounts).toEqual({ intake: 3 });
      expect(list.people.map((p) => p.caseNumber)).toEqual([caseNumber(1), caseNumber(2), caseNumber(3)]);
    });

    it('places an automatic hold on a minor at registration', async () => {
      const minor = valueOf<PersonView>(
        await homeward(['person', 'add', '--db', db, '--file', '-', '--json'], {
          input: JSON.stringify({ givenNames: 'Ko Min Thu', nativeName: 'ကိုမင်းသူ', sex: 'male', birthDate: `${YEAR - 17}-01-01`, claimedNationality: 'MM' }),
        }),
      );
      expect(minor.caseNumber).toBe(caseNumber(4));
      expect(minor.age).toBe(17);
      expect(minor.openHolds).toEqual(['minor_without_guardian']);
      expect(minor.holds).toEqual([
        expect.objectContaining({ kind: 'minor_without_guardian', placedBy: 'intake@test', liftedAt: null, reason: expect.stringContaining('17 years old') }),
      ]);
    });
  });

  describe('search and filters', () => {
    const names = (list: PersonList) => list.people.map((p) => p.caseNumber);
    const list = async (...args: string[]) => valueOf<PersonList>(await homeward(['person', 'list', '--db', db, '--json', ...args]));

    it('finds people by any part of a name in its own script, without diacritics, by case number or passport number', async () => {
      const [myanmar, chinese2, chinese1, latin, byCase, byPassport, twoPeople] = await Promise.all([
        list('--search', 'ကျော်'),
        list('--search', '张伟'),
        list('--search', '伟'),
        list('--search', 'nguyen van'),
        list('--search', caseNumber(2).toLowerCase()),
        list('--search', 'c1234567'),
        list('--search', 'zhang nguyen'),
      ]);
      expect(names(myanmar)).toEqual([caseNumber(1)]);
      expect(names(chinese2)).toEqual([caseNumber(2)]);
      expect(names(chinese1)).toEqual([caseNumber(2)]);
      expect(names(latin)).toEqual([caseNumber(3)]);
      expect(names(byCase)).toEqual([caseNumber(2)]);
      expect(names(byPassport)).toEqual([caseNumber(3)]);
      // Every term must match the same person.
      expect(twoPeople).toEqual({ total: 0, stageCounts: {}, people: [] });
    });

    it('filters by nationality and hold, and pages with --limit while the total counts every match', async () => {
      const [vn, minors, page] = await Promise.all([
        list('--nationality', 'vn'),
        list('--hold', 'minor_without_guardian'),
        list('--limit', '1', '--offset', '1'),
      ]);
      expect(names(vn)).toEqual([caseNumber(3)]);
      expect(names(minors)).toEqual([caseNumber(4)]);
      expect(page.total).toBe(4);
      expect(names(page)).toEqual([caseNumber(2)]);
    });
  });

  describe('a case moves through the stages only when the rules allow', () => {
    const ref = caseNumber(1);

    it('will not move an incomplete intake to verification, and says what is missing', async () => {
      const error = errorOf(await homeward(['advance', '--db', db, ref, '--to', 'verification', '--reason', 'Interview done', '--json']));
      expect(error.code).toBe('RULE_VIOLATION');
      const violations = (error.details as { violations: RuleViolation[] }).violations;
      expect(rules(violations)).toEqual(['verification.intake_complete', 'verification.consent_recorded']);
      expect(violations[0]?.missing).toEqual(['sex', 'birthDate or estimatedAge', 'claimedNationality', 'rescueSite', 'rescueDate']);
      expect(violations[1]?.missing).toEqual(['consent']);
    });

    it('moves to verification once the missing facts and consent are recorded', async () => {
      const patch = { sex: 'male', estimatedAge: 34, claimedNationality: 'MM', rescueSite: 'KK Park', rescueDate: '2025-10-22', consent: { status: 'given' } };
      const updated = valueOf<PersonView>(
        await homeward(['person', 'update', '--db', db, ref, '--file', '-', '--reason', 'Second interview', '--json'], { input: JSON.stringify(patch) }),
      );
      expect(updated).toMatchObject({ sex: 'male', estimatedAge: 34, age: 34, claimedNationality: 'MM', stage: 'intake', nativeName: 'အောင်ကျော်မိုး' });

      const moved = valueOf<PersonView>(await homeward(['advance', '--db', db, ref, '--to', 'verification', '--reason', 'Intake complete', '--json']));
      expect(moved.stage).toBe('verification');
    });

    it('needs a confirmed nationality before transfer', async () => {
      const error = errorOf(await homeward(['advance', '--db', db, ref, '--to', 'transfer', '--reason', 'Bus on Friday', '--json']));
      expect(error.code).toBe('RULE_VIOLATION');
      expect(rules((error.details as { violations: unknown }).violations)).toEqual(['transfer.nationality_confirmed']);

      const verified = valueOf<PersonView>(
        await homeward([
          'verify', '--db', db, ref, '--authority', 'Embassy of Myanmar', '--country', 'MM', '--outcome', 'confirmed', '--reference', 'R1', '--json',
        ]),
      );
      expect(verified).toMatchObject({ claimedNationality: 'MM', confirmedNationality: 'MM', stage: 'verification' });
      expect(verified.verifications).toEqual([
        expect.objectContaining({ method: 'embassy_list', authority: 'Embassy of Myanmar', country: 'MM', outcome: 'confirmed', reference: 'R1', decidedBy: 'intake@test' }),
      ]);
    });

    it('will not transfer a person on a medical hold until the hold is lifted', async () => {
      const held = valueOf<PersonView>(await homeward(['hold', 'add', '--db', db, ref, '--kind', 'medical', '--reason', 'Malaria treatment', '--json']));
      expect(held.openHolds).toEqual(['medical']);

      const error = errorOf(await homeward(['advance', '--db', db, ref, '--to', 'transfer', '--reason', 'Bus on Friday', '--json']));
      expect(error.code).toBe('RULE_VIOLATION');
      expect(rules((error.details as { violations: unknown }).violations)).toEqual(['transfer.hold.medical']);

      const lifted = valueOf<PersonView>(await homeward(['hold', 'lift', '--db', db, ref, '--kind', 'medical', '--reason', 'Cleared by Dr. test', '--json']));
      expect(lifted.openHolds).toEqual([]);
      expect(lifted.holds).toEqual([expect.objectContaining({ kind: 'medical', liftedBy: 'intake@test', liftReason: 'Cleared by Dr. test' })]);

      const moved = valueOf<PersonView>(await homeward(['advance', '--db', db, ref, '--to', 'transfer', '--reason', 'Bus on Friday', '--json']));
      expect(moved.stage).toBe('transfer');
    });

    it('shows the person with the whole story in the timeline', async () => {
      const [shown, unknown, stageIntake] = await Promise.all([
        homeward(['person', 'show', '--db', db, ref.toLowerCase(), '--json']),
        homeward(['person', 'show', '--db', db, caseNumber(999), '--json']),
        homeward(['person', 'list', '--db', db, '--stage', 'intake', '--json']),
      ]);
      const { person, timeline } = valueOf<ShowValue>(shown);
      expect(person).toMatchObject({ caseNumber: ref, stage: 'transfer', confirmedNationality: 'MM' });
      expect(timeline.map((e) => e.action)).toEqual([
        'person.registered',
        'person.updated',
        'person.stage_changed',
        'verification.confirmed',
        'hold.placed',
        'hold.lifted',
        'person.stage_changed',
      ]);
      expect(timeline.every((e) => e.actor === 'intake@test' && e.office === 'MSO')).toBe(true);
      expect(timeline[1]).toMatchObject({ reason: 'Second interview', before: { sex: 'unknown' }, after: { sex: 'male', claimed_nationality: 'MM' } });
      expect(timeline.at(-1)).toMatchObject({ before: { stage: 'verification' }, after: { stage: 'transfer' }, reason: 'Bus on Friday' });

      const missing = errorOf(unknown);
      expect(missing.code).toBe('NOT_FOUND');
      expect(missing.message).toContain(caseNumber(999));

      // The stage filter narrows the page; the counts per stage ignore it.
      const intake = valueOf<PersonList>(stageIntake);
      expect(intake.total).toBe(3);
      expect(intake.people.every((p) => p.stage === 'intake')).toBe(true);
      expect(intake.stageCounts).toEqual({ intake: 3, transfer: 1 });
    });

    it('prints readable lists and records in every script for people at the terminal', async () => {
      const noted = await homeward(['note', 'add', '--db', db, caseNumber(2), '--text', 'Speaks Mandarin and some Thai; asked to call his sister.']);
      expect(noted).toEqual({ code: 0, stdout: `Note added to ${caseNumber(2)}.\n`, stderr: '' });
      // Free text given as "-" is read from standard input, out of the shell's history.
      const typed = await homeward(['note', 'add', '--db', db, caseNumber(2), '--text', '-'], { input: 'His sister will meet him at the bridge.\n' });
      expect(typed).toEqual({ code: 0, stdout: `Note added to ${caseNumber(2)}.\n`, stderr: '' });
      const nothing = await homeward(['note', 'add', '--db', db, caseNumber(2), '--text', '-'], { input: '  \n' });
      expect(nothing.code).toBe(2);
      expect(nothing.stderr).toContain('--text -: nothing was given on standard input.');
      // Standard input is read once: a second "-" is refused, not given an empty value.
      const twice = await homeward(['person', 'update', '--db', db, caseNumber(2), '--file', '-', '--reason', '-'], { input: '{"phone":"+66 81 000 0000"}' });
      expect(twice.code).toBe(2);
      expect(twice.stderr).toContain('--reason -: standard input is already read for another option');
      const [listed, shown] = await Promise.all([homeward(['person', 'list', '--db', db]), homeward(['person', 'show', '--db', db, caseNumber(2)])]);
      expect(listed.code).toBe(0);
      expect(listed.stdout).toMatch(/^4 people \(/);
      for (const text of [caseNumber(1), caseNumber(2), caseNumber(3), caseNumber(4), 'အောင်ကျော်မိုး', '张伟', 'Nguyễn Văn An', 'ကိုမင်းသူ', 'hold: minor_without_guardian']) {
        expect(listed.stdout).toContain(text);
      }
      expect(() => JSON.parse(listed.stdout)).toThrow();

      expect(shown.code).toBe(0);
      expect(shown.stdout).toContain(caseNumber(2));
      expect(shown.stdout).toContain('His sister will meet him at the bridge.');
      expect(shown.stdout).toContain('ZHANG, WEI (张伟)');
      expect(shown.stdout).toContain('Timeline:');
      expect(shown.stdout).toContain('person.registered');
      expect(shown.stdout).toContain('✗ verification');
      expect(shown.stdout).toContain('Notes:');
      expect(shown.stdout).toContain('intake@test: Speaks Mandarin and some Thai; asked to call his sister.');
      expect(shown.stderr).toBe('');
    });

    it('prints a refused step with its rule ids on stderr, not stdout', async () => {
      const run = await homeward(['advance', '--db', db, caseNumber(2), '--to', 'verification', '--reason', 'Try']);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain('error [RULE_VIOLATION]');
      expect(run.stderr).toContain('rules: verification.intake_complete, verification.consent_recorded');
    });
  });

  describe('the audit chain', () => {
    it('is intact after everything above', async () => {
      const audit = valueOf<AuditVerification>(await homeward(['audit', 'verify', '--db', db, '--json']));
      expect(audit.ok).toBe(true);
      expect(audit.firstBreak).toBeNull();
      expect(audit.chains).toHaveLength(1);
      // office created, its keys created, 4 registrations, the minor's hold, the 6 changes to case 1, and the two notes
      expect(audit.events).toBe(15);
      auditEvents = audit.events;
    });
  });

  describe('unlocking: passphrase and recovery key', () => {
    it('refuses a wrong passphrase without touching the database', async () => {
      const before = sha256(db);
      const run = await homeward(['person', 'list', '--db', db, '--json'], { env: { HOMEWARD_PASSPHRASE: 'wrong horse battery staple' } });
      const error = errorOf(run);
      expect(error.code).toBe('WRONG_PASSPHRASE');
      expect(JSON.stringify(error)).not.toContain('wrong horse');
      expect(sha256(db)).toBe(before);
    });

    it('opens with the recovery key as typed, and refuses a mistyped one', async () => {
      const typed = recoveryKey.toLowerCase().replace(/-/g, ' ');
      const first = recoveryKey[0] === '7' ? '8' : '7';
      const mistyped = first + recoveryKey.slice(1);
      const [opened, refused] = await Promise.all([
        homeward(['person', 'list', '--db', db, '--limit', '1', '--json'], { env: { HOMEWARD_PASSPHRASE: undefined, HOMEWARD_RECOVERY_KEY: typed } }),
        homeward(['person', 'list', '--db', db, '--json'], { env: { HOMEWARD_PASSPHRASE: undefined, HOMEWARD_RECOVERY_KEY: mistyped } }),
      ]);
      expect(valueOf<PersonList>(opened).total).toBe(4);
      expect(errorOf(refused).code).toBe('RECOVERY_KEY_MALFORMED');
    });

    it('changes the passphrase with the recovery key; the new one opens, the old one no longer does', async () => {
      const newPassphrase = 'river crossing at dawn, number two';
      const changed = await homeward(['passphrase', 'change', '--db', db, '--json'], {
        env: { HOMEWARD_PASSPHRASE: undefined, HOMEWARD_RECOVERY_KEY: recoveryKey, HOMEWARD_NEW_PASSPHRASE: newPassphrase },
      });
      expect(valueOf(changed)).toEqual({ changed: true });

      const [withNew, withOld] = await Promise.all([
        homeward(['audit', 'verify', '--db', db, '--json'], { env: { HOMEWARD_PASSPHRASE: newPassphrase } }),
        homeward(['audit', 'verify', '--db', db, '--json'], { env: { HOMEWARD_PASSPHRASE: CLI_PASSPHRASE } }),
      ]);
      const audit = valueOf<AuditVerification>(withNew);
      expect(audit.ok).toBe(true);
      expect(audit.events).toBe(auditEvents + 1); // the change itself is audited
      expect(errorOf(withOld).code).toBe('WRONG_PASSPHRASE');
    });
  });

  describe('bad usage exits with 2', () => {
    it('unknown commands, missing or malformed options, and no way to ask for the passphrase', async () => {
      const [unknown, noDb, badLimit, noCase, noPassphrase] = await Promise.all([
        homeward(['persons', 'list', '--db', db]),
        homeward(['person', 'list', '--json']),
        homeward(['person', 'list', '--db', db, '--limit', 'abc', '--json'], { env: { HOMEWARD_PASSPHRASE: 'river crossing at dawn, number two' } }),
        homeward(['person', 'show', '--db', db, '--json']),
        homeward(['person', 'list', '--db', db, '--json'], { env: { HOMEWARD_PASSPHRASE: undefined } }),
      ]);

      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('Unknown command "persons list"');

      for (const run of [noDb, badLimit, noCase, noPassphrase]) {
        expect(errorOf(run, 2).code).toBe('BAD_USAGE');
        expect(run.stderr).toBe('');
      }
      expect(errorOf(noDb, 2).message).toContain('--db is required');
      expect(errorOf(badLimit, 2).message).toContain('--limit must be a whole number, not "abc"');
      expect(errorOf(noCase, 2).message).toContain('needs one case number or id');
      expect(errorOf(noPassphrase, 2).message).toContain('HOMEWARD_PASSPHRASE');
    });
  });
});

describe('demo data', () => {
  const dir = sharedDir();
  const first = join(dir, 'demo-a.homeward');
  const second = join(dir, 'demo-b.homeward');

  beforeAll(async () => {
    const [a, b] = await Promise.all([
      homeward(['init', '--db', first, '--office', 'BKK', '--office-name', 'Bangkok demo', '--country', 'TH', '--json']),
      homeward(['init', '--db', second, '--office', 'BKK', '--office-name', 'Bangkok demo', '--country', 'TH', '--json']),
    ]);
    expect(valueOf<OfficeInfo>(a).country).toBe('TH');
    valueOf(b);
  });

  it('adds seeded synthetic people across the working stages, the same people for the same seed', async () => {
    const [a, b] = await Promise.all([
      homeward(['demo', '--db', first, '--people', '300', '--seed', '7', '--json']),
      homeward(['demo', '--db', second, '--people', '300', '--seed', '7', '--json']),
    ]);
    expect(valueOf(a)).toEqual({ created: 300, first: caseNumber(1, 'BKK'), last: caseNumber(300, 'BKK') });
    expect(valueOf(b)).toEqual({ created: 300, first: caseNumber(1, 'BKK'), last: caseNumber(300, 'BKK') });

    const [listA, listB] = await Promise.all(
      [first, second].map((db) => homeward(['person', 'list', '--db', db, '--sort', 'case_number', '--limit', '50', '--json'])),
    );
    const peopleA = valueOf<PersonList>(listA!);
    const peopleB = valueOf<PersonList>(listB!);
    expect(peopleA.total).toBe(300);
    expect(peopleA.people).toHaveLength(50);
    expect(Object.keys(peopleA.stageCounts).length).toBeGreaterThan(1);
    expect(Object.values(peopleA.stageCounts).reduce((a, b) => a + (b ?? 0), 0)).toBe(300);

    const who = (list: PersonList) => list.people.map((p) => [p.caseNumber, p.familyName, p.givenNames, p.nativeName, p.sex, p.claimedNationality, p.stage]);
    expect(who(peopleB)).toEqual(who(peopleA));
    // Synthetic people have names.
    expect(peopleA.people.every((p) => !!(p.familyName || p.givenNames || p.nativeName))).toBe(true);
  });
});
