import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HomewardError } from '../../src/domain/errors';
import { ageArmor, ageDecrypt, ageEncrypt, ageRecipientOf, generateAgeIdentity } from '../../src/crypto/age';

/**
 * A receiving authority opens Homeward's exports with Debian's `age` alone,
 * and Homeward opens what `age` writes. Synthetic bytes only, in a temp dir.
 */

const dir = mkdtempSync(join(tmpdir(), 'homeward-age-interop-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const at = (name: string) => join(dir, name);

function run(command: string, args: string[], input?: Buffer | string): SpawnSyncReturns<Buffer> {
  const result = spawnSync(command, args, { input, maxBuffer: 64 * 1024 * 1024, timeout: 60_000 });
  if (result.error) throw new Error(`${command} could not run (${result.error.message}): install Debian's age package.`);
  return result;
}

function age(args: string[], input?: Buffer): SpawnSyncReturns<Buffer> {
  return run('age', args, input);
}

/** age reads passphrases only from a terminal: give it one with util-linux `script`. */
function ageAtTerminal(args: string[], typed: string): SpawnSyncReturns<Buffer> {
  const quoted = ['age', ...args].map((a) => `'${a.replaceAll("'", `'\\''`)}'`).join(' ');
  return run('script', ['-qec', quoted, '/dev/null'], typed);
}

function identityFile(name: string, identity: string): string {
  writeFileSync(at(name), `# synthetic test key\n${identity}\n`, { mode: 0o600 });
  return at(name);
}

function reasonOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof HomewardError) return String((e.details as { reason?: unknown }).reason);
    throw e;
  }
  return 'none';
}

const synthetic = (size: number, seed = 7) => {
  const bytes = Buffer.alloc(size);
  let x = seed;
  for (let i = 0; i < size; i++) bytes[i] = x = (x * 1103515245 + 12345) & 0xff;
  return bytes;
};

const office = generateAgeIdentity();
const officeKeyFile = identityFile('office.key', office.identity);
const asOffice = [{ kind: 'x25519' as const, identity: office.identity }];

describe('Homeward encrypts, age decrypts', () => {
  it.each([0, 1, 65_536, 65_537, 3 * 1024 * 1024 + 5])('%i bytes come out of `age -d` exactly', (size) => {
    const plaintext = synthetic(size);
    writeFileSync(at('export.age'), ageEncrypt(plaintext, [{ kind: 'x25519', recipient: office.recipient }]));
    const result = age(['-d', '-i', officeKeyFile, at('export.age')]);
    expect(result.stderr.toString()).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout.equals(plaintext)).toBe(true);
  });

  it('armored output opens with `age -d` too', () => {
    const plaintext = synthetic(200_000);
    writeFileSync(at('export.age.txt'), ageArmor(ageEncrypt(plaintext, [{ kind: 'x25519', recipient: office.recipient }])));
    const result = age(['-d', '-i', officeKeyFile, at('export.age.txt')]);
    expect(result.status).toBe(0);
    expect(result.stdout.equals(plaintext)).toBe(true);
  });

  it('a file for several receivers opens with each receiver\'s own key file', () => {
    const embassy = generateAgeIdentity();
    const embassyKeyFile = identityFile('embassy.key', embassy.identity);
    const plaintext = synthetic(100_000, 3);
    writeFileSync(
      at('shared.age'),
      ageEncrypt(plaintext, [
        { kind: 'x25519', recipient: office.recipient },
        { kind: 'x25519', recipient: embassy.recipient },
      ]),
    );
    for (const keyFile of [officeKeyFile, embassyKeyFile]) {
      const result = age(['-d', '-i', keyFile, at('shared.age')]);
      expect(result.status).toBe(0);
      expect(result.stdout.equals(plaintext)).toBe(true);
    }
  });

  it('a passphrase file opens with `age -d` at a terminal, and a wrong passphrase is refused', () => {
    const plaintext = synthetic(70_000, 5);
    writeFileSync(at('locked.age'), ageEncrypt(plaintext, [{ kind: 'passphrase', passphrase: 'blue river 42 lantern', logN: 12 }]));
    const opened = ageAtTerminal(['-d', '-o', at('locked.out'), at('locked.age')], 'blue river 42 lantern\n');
    expect(opened.status).toBe(0);
    expect(readFileSync(at('locked.out')).equals(plaintext)).toBe(true);
    const refused = ageAtTerminal(['-d', '-o', at('locked.wrong'), at('locked.age')], 'blue river 42 lanterns\n');
    expect(refused.status).not.toBe(0);
    expect(refused.stdout.toString()).toMatch(/incorrect passphrase/);
  });
});

describe('age encrypts, Homeward decrypts', () => {
  const plaintext = synthetic(150_000, 11);
  writeFileSync(at('plain.bin'), plaintext);

  it('`age -e -r age1…` to a Homeward key', () => {
    const result = age(['-e', '-r', office.recipient, at('plain.bin')]);
    expect(result.status).toBe(0);
    expect(ageDecrypt(result.stdout, asOffice).equals(plaintext)).toBe(true);
  });

  it('`age -e -a` armored output', () => {
    const result = age(['-e', '-a', '-r', office.recipient, at('plain.bin')]);
    expect(result.stdout.toString('latin1')).toMatch(/^-----BEGIN AGE ENCRYPTED FILE-----\n/);
    expect(ageDecrypt(result.stdout, asOffice).equals(plaintext)).toBe(true);
  });

  it('an identity made by `age-keygen` opens files in Homeward, and Homeward derives the same public key', () => {
    const keygen = run('age-keygen', ['-o', at('keygen.key')]);
    expect(keygen.status).toBe(0);
    const identity = readFileSync(at('keygen.key'), 'utf8').split('\n').find((l) => l.startsWith('AGE-SECRET-KEY-1'))!;
    const recipient = run('age-keygen', ['-y', at('keygen.key')]).stdout.toString().trim();
    expect(ageRecipientOf(identity)).toBe(recipient);

    const fromAge = age(['-e', '-r', recipient, at('plain.bin')]).stdout;
    expect(ageDecrypt(fromAge, [{ kind: 'x25519', identity }]).equals(plaintext)).toBe(true);
    writeFileSync(at('to-keygen.age'), ageEncrypt(plaintext, [{ kind: 'x25519', recipient }]));
    expect(age(['-d', '-i', at('keygen.key'), at('to-keygen.age')]).stdout.equals(plaintext)).toBe(true);
  });

  it('`age -e -r A -r B`: either receiver opens it in Homeward', () => {
    const embassy = generateAgeIdentity();
    const result = age(['-e', '-r', office.recipient, '-r', embassy.recipient, at('plain.bin')]);
    expect(ageDecrypt(result.stdout, asOffice).equals(plaintext)).toBe(true);
    expect(ageDecrypt(result.stdout, [{ kind: 'x25519', identity: embassy.identity }]).equals(plaintext)).toBe(true);
  });

  it('`age -e -p` (typed at a terminal, age\'s default work factor 2^18) opens with the passphrase', () => {
    const typed = 'seven tired owls at dawn';
    const result = ageAtTerminal(['-e', '-p', '-o', at('by-age.age'), at('plain.bin')], `${typed}\n${typed}\n`);
    expect(result.status).toBe(0);
    const file = readFileSync(at('by-age.age'));
    expect(file.toString('latin1').split('\n')[1]).toMatch(/^-> scrypt \S+ 18$/);
    expect(ageDecrypt(file, [{ kind: 'passphrase', passphrase: typed }]).equals(plaintext)).toBe(true);
    expect(reasonOf(() => ageDecrypt(file, [{ kind: 'passphrase', passphrase: 'seven tired owls at dusk' }]))).toBe('wrong-passphrase');
    expect(reasonOf(() => ageDecrypt(file, [{ kind: 'passphrase', passphrase: typed, maxLogN: 16 }]))).toBe('work-factor-too-high');
  });
});

describe('both Homeward and age refuse a damaged or foreign file', () => {
  const plaintext = synthetic(3 * 65_536 + 999, 13);
  const file = ageEncrypt(plaintext, [{ kind: 'x25519', recipient: office.recipient }]);
  const headerEnd = file.indexOf('\n', file.indexOf('\n---') + 1) + 1;

  function bothRefuse(name: string, damaged: Buffer, reason: string, keyFile = officeKeyFile, identity = office.identity): void {
    writeFileSync(at(name), damaged);
    expect(reasonOf(() => ageDecrypt(damaged, [{ kind: 'x25519', identity }]))).toBe(reason);
    const result = age(['-d', '-i', keyFile, '-o', at(`${name}.out`), at(name)]);
    expect(result.status).not.toBe(0);
    expect(result.stderr.toString()).toMatch(/age: error/);
  }

  it('one flipped byte in the content', () => {
    const flipped = Buffer.from(file);
    flipped[headerEnd + 16 + 65_536 + 500]! ^= 0x04;
    bothRefuse('flipped.age', flipped, 'payload-corrupt');
  });

  it('a file for another office', () => {
    const stranger = generateAgeIdentity();
    bothRefuse('foreign.age', file, 'no-matching-key', identityFile('stranger.key', stranger.identity), stranger.identity);
  });

  it('a file cut short at a chunk boundary', () => {
    bothRefuse('cut.age', file.subarray(0, headerEnd + 16 + 2 * (65_536 + 16)), 'truncated');
  });

  it('a file cut short inside its header', () => {
    bothRefuse('cut-header.age', file.subarray(0, headerEnd - 10), 'truncated');
  });

  it('a header whose MAC no longer matches', () => {
    const tampered = Buffer.from(file);
    const macAt = file.indexOf('\n--- ') + 5;
    tampered[macAt] = tampered[macAt] === 0x41 ? 0x42 : 0x41;
    bothRefuse('tampered.age', tampered, 'header-mac');
  });
});
