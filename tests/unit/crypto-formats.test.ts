import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, scryptSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HomewardError } from '../../src/domain/errors';
import { bech32Decode, bech32Encode } from '../../src/crypto/bech32';
import { ageArmor, ageDecrypt, ageEncrypt, ageRecipientOf, generateAgeIdentity, parseAgeRecipient } from '../../src/crypto/age';
import {
  generateSigningKey,
  minisignKeyId,
  minisignPublicKeyFile,
  minisignPublicKeyString,
  parseMinisignPublicKey,
  signingKeyFromSeed,
  signMinisign,
  verifyMinisign,
  type SigningKey,
} from '../../src/crypto/minisign';
import { ageRecipientFingerprint, fingerprintsMatch, keyFingerprint, minisignKeyFingerprint } from '../../src/crypto/fingerprint';

/** The `details.reason` a call is refused with ('none' when it is not refused). */
function refusedWith(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof HomewardError) return String((e.details as { reason?: unknown } | undefined)?.reason);
    throw e;
  }
  return 'none';
}

function refusal(fn: () => unknown): HomewardError {
  try {
    fn();
  } catch (e) {
    if (e instanceof HomewardError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

// Synthetic content only: these tests never see personal data.
const manifestLike = (size: number) => {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + (i >> 8)) & 0xff;
  return bytes;
};

describe('bech32 (BIP-173)', () => {
  const valid = [
    'A12UEL5L',
    'a12uel5l',
    'an83characterlonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1tt5tgs',
    'abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw',
    `11${'q'.repeat(82)}c8247j`,
    'split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w',
    '?1ezyfcl',
  ];

  it.each(valid)('accepts the BIP-173 test vector %s and re-encodes it exactly', (text) => {
    const { hrp, data } = bech32Decode(text);
    const upper = text === text.toUpperCase() && text !== text.toLowerCase();
    expect(bech32Encode(upper ? hrp.toUpperCase() : hrp, data)).toBe(text);
  });

  it('decodes the BIP-173 vector "abcdef1qpzry…" to the bytes its 5-bit groups 0..31 spell', () => {
    expect(bech32Decode('abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw').data.toString('hex')).toBe('00443214c74254b635cf84653a56d7c675be77df');
  });

  it.each([
    ['\x201nwldj5', 'prefix-character'],
    ['\x7f1axkwrx', 'prefix-character'],
    ['\x801eym55h', 'prefix-character'],
    ['an84characterslonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1569pvx', 'too-long'],
    ['pzry9x0s0muk', 'no-separator'],
    ['1pzry9x0s0muk', 'empty-prefix'],
    ['x1b4n0q5v', 'data-character'],
    ['li1dgmt3', 'too-short'],
    ['de1lg7wt\xff', 'data-character'],
    ['A1G7SGD8', 'checksum'],
    ['10a06t8', 'empty-prefix'],
    ['1qzzfhee', 'empty-prefix'],
    ['A12uEL5L', 'mixed-case'],
    // Valid checksums, but the 5-bit groups do not make whole bytes.
    ['a1pv7wwwr', 'padding'],
    ['a1qpamnt9j', 'padding'],
  ])('rejects %j: %s', (text, reason) => {
    expect(refusedWith(() => bech32Decode(text))).toBe(reason);
  });

  it('round-trips any bytes, and lifts the 90-character limit only when asked (as age does)', () => {
    for (const length of [0, 1, 31, 32, 33, 64]) {
      const data = randomBytes(length);
      const text = bech32Encode('homeward', data, { maxLength: Infinity });
      expect(bech32Decode(text, { maxLength: Infinity }).data.equals(data)).toBe(true);
      expect(refusedWith(() => bech32Decode(text))).toBe(text.length > 90 ? 'too-long' : 'none');
    }
  });
});

describe('age keys', () => {
  it('an identity made by age-keygen yields the recipient age-keygen -y printed for it', () => {
    // Pair from age's own test kit; the recipient was printed by Debian's `age-keygen -y`.
    expect(ageRecipientOf('AGE-SECRET-KEY-1XMWWC06LY3EE5RYTXM9MFLAZ2U56JJJ36S0MYPDRWSVLUL66MV4QX3S7F6')).toBe(
      'age1w3tyke4gev25vaxxsvcgqu4484rf6ejpmavs57p6yz6lhy2sfs5swrvwyn',
    );
  });

  it('a new key pair looks like age-keygen output and the identity gives back its recipient', () => {
    const { identity, recipient } = generateAgeIdentity();
    expect(identity).toMatch(/^AGE-SECRET-KEY-1[02-9ACDEFGHJKLMNPQRSTUVWXYZ]{58}$/);
    expect(recipient).toMatch(/^age1[02-9acdefghjklmnpqrstuvwxyz]{58}$/);
    expect(ageRecipientOf(identity)).toBe(recipient);
    expect(generateAgeIdentity().recipient).not.toBe(recipient);
  });

  it('a public key pasted with spaces around or in capitals is accepted in its canonical form', () => {
    const { recipient } = generateAgeIdentity();
    expect(parseAgeRecipient(`  ${recipient}\n`).recipient).toBe(recipient);
    expect(parseAgeRecipient(recipient.toUpperCase()).recipient).toBe(recipient);
    expect(parseAgeRecipient(recipient).publicKey).toHaveLength(32);
  });

  it('says what is wrong with a mistyped key and what a valid one looks like', () => {
    const { recipient } = generateAgeIdentity();
    const typo = recipient.slice(0, 20) + (recipient[20] === 'q' ? 'p' : 'q') + recipient.slice(21);
    const error = refusal(() => parseAgeRecipient(typo));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details).toEqual({ reason: 'checksum' });
    expect(error.message).toMatch(/mistyped/);
    expect(error.message).toMatch(/starts with "age1" and is 62/);
  });

  it.each<[string, () => string]>([
    ['empty', () => '   '],
    ['whitespace', () => generateAgeIdentity().recipient.replace(/^(.{30})/, '$1 ')],
    ['ssh-key', () => 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHb0 test@example'],
    ['mixed-case', () => generateAgeIdentity().recipient.replace(/[a-z](?=[^a-z]*$)/, (letter) => letter.toUpperCase())],
    ['characters', () => generateAgeIdentity().recipient.slice(0, 61) + 'b'],
    ['not-age-key', () => bech32Encode('agf', randomBytes(32))],
    ['length', () => bech32Encode('age', randomBytes(31))],
  ])('refuses a public key: %s', (reason, key) => {
    expect(refusedWith(() => parseAgeRecipient(key()))).toBe(reason);
  });

  it('refuses a secret key given as a public key, warns that it leaked, and does not repeat it', () => {
    const { identity } = generateAgeIdentity();
    const error = refusal(() => parseAgeRecipient(identity));
    expect(error.details).toEqual({ reason: 'secret-key' });
    expect(error.message).toMatch(/SECRET key/);
    expect(error.message).not.toContain(identity.slice(16));
  });
});

describe('age files', () => {
  const office = generateAgeIdentity();
  const asOffice = [{ kind: 'x25519' as const, identity: office.identity }];
  const toOffice = [{ kind: 'x25519' as const, recipient: office.recipient }];

  it.each([0, 1, 65_535, 65_536, 65_537, 2 * 65_536, 5 * 1024 * 1024 + 3])('round-trips %i bytes exactly, with one 16-byte tag per 64 KiB chunk', (size) => {
    const plaintext = manifestLike(size);
    const file = ageEncrypt(plaintext, toOffice);
    const headerLength = file.indexOf('\n---') + 1 + file.subarray(file.indexOf('\n---') + 1).indexOf('\n') + 1;
    const chunks = Math.max(1, Math.ceil(size / 65_536));
    expect(file.length).toBe(headerLength + 16 + size + 16 * chunks);
    expect(ageDecrypt(file, asOffice).equals(plaintext)).toBe(true);
  });

  it('writes the header the spec describes: version line, one X25519 stanza per recipient, MAC line', () => {
    const other = generateAgeIdentity();
    const file = ageEncrypt(Buffer.from('roster'), [...toOffice, { kind: 'x25519', recipient: other.recipient }]);
    const header = file.toString('latin1', 0, file.indexOf('\n---') + 48).split('\n');
    expect(header[0]).toBe('age-encryption.org/v1');
    expect(header[1]).toMatch(/^-> X25519 [A-Za-z0-9+/]{43}$/);
    expect(header[2]).toMatch(/^[A-Za-z0-9+/]{43}$/);
    expect(header[3]).toMatch(/^-> X25519 [A-Za-z0-9+/]{43}$/);
    expect(header[5]).toMatch(/^--- [A-Za-z0-9+/]{43}$/);
  });

  it('every recipient of a multi-recipient file can open it on its own', () => {
    const embassy = generateAgeIdentity();
    const plaintext = manifestLike(100_000);
    const file = ageEncrypt(plaintext, [...toOffice, { kind: 'x25519', recipient: embassy.recipient }]);
    expect(ageDecrypt(file, asOffice).equals(plaintext)).toBe(true);
    expect(ageDecrypt(file, [{ kind: 'x25519', identity: embassy.identity }]).equals(plaintext)).toBe(true);
  });

  it('a passphrase-protected file follows the spec: an independent derivation from the header opens it', () => {
    const plaintext = manifestLike(70_000);
    const file = ageEncrypt(plaintext, [{ kind: 'passphrase', passphrase: 'ស្វាគមន៍ home ward', logN: 10 }]);
    expect(ageDecrypt(file, [{ kind: 'passphrase', passphrase: 'ស្វាគមន៍ home ward' }]).equals(plaintext)).toBe(true);
    const { chunks } = openBySpec(file, 'ស្វាគមន៍ home ward');
    expect(Buffer.concat(chunks).equals(plaintext)).toBe(true);
  });

  it('an armored file (age -a) opens, and Homeward writes armor that opens', () => {
    const plaintext = manifestLike(1000);
    const armored = ageArmor(ageEncrypt(plaintext, toOffice));
    expect(armored).toMatch(/^-----BEGIN AGE ENCRYPTED FILE-----\n([A-Za-z0-9+/]{64}\n)+[A-Za-z0-9+/=]{1,64}\n-----END AGE ENCRYPTED FILE-----\n$/);
    expect(ageDecrypt(Buffer.from(`\n  ${armored.replaceAll('\n', '\r\n')}\n`), asOffice).equals(plaintext)).toBe(true);
  });

  describe('refuses, each with its own reason', () => {
    const plaintext = manifestLike(3 * 65_536 + 100);
    const file = ageEncrypt(plaintext, toOffice);
    const headerEnd = file.indexOf('\n', file.indexOf('\n---') + 1) + 1;

    it('something that is not an age file', () => {
      expect(refusedWith(() => ageDecrypt(Buffer.from('%PDF-1.7\n…'), asOffice))).toBe('not-age');
      expect(refusedWith(() => ageDecrypt(Buffer.alloc(0), asOffice))).toBe('truncated');
      expect(refusedWith(() => ageDecrypt(Buffer.from('age-encryption.org/v2\n-> X\n'), asOffice))).toBe('unsupported-version');
    });

    it('a file encrypted to another office', () => {
      const error = refusal(() => ageDecrypt(file, [{ kind: 'x25519', identity: generateAgeIdentity().identity }]));
      expect(error.code).toBe('FILE_UNREADABLE');
      expect(error.details).toEqual({ reason: 'no-matching-key' });
    });

    it('a key file opened with a passphrase, and a passphrase file opened with a key', () => {
      expect(refusedWith(() => ageDecrypt(file, [{ kind: 'passphrase', passphrase: 'anything at all' }]))).toBe('no-matching-key');
      const locked = ageEncrypt(plaintext, [{ kind: 'passphrase', passphrase: 'correct horse', logN: 4 }]);
      expect(refusal(() => ageDecrypt(locked, asOffice)).message).toMatch(/protected by a passphrase/);
    });

    it('a wrong passphrase', () => {
      const locked = ageEncrypt(plaintext, [{ kind: 'passphrase', passphrase: 'correct horse', logN: 4 }]);
      const error = refusal(() => ageDecrypt(locked, [{ kind: 'passphrase', passphrase: 'Correct horse' }]));
      expect(error.code).toBe('WRONG_PASSPHRASE');
      expect(error.details).toEqual({ reason: 'wrong-passphrase' });
    });

    it('a scrypt work factor above the limit, before spending any time on it', () => {
      const locked = ageEncrypt(Buffer.from('x'), [{ kind: 'passphrase', passphrase: 'correct horse', logN: 12 }]);
      const started = Date.now();
      expect(refusedWith(() => ageDecrypt(locked, [{ kind: 'passphrase', passphrase: 'correct horse', maxLogN: 11 }]))).toBe('work-factor-too-high');
      expect(Date.now() - started).toBeLessThan(1000);
      expect(ageDecrypt(locked, [{ kind: 'passphrase', passphrase: 'correct horse', maxLogN: 12 }]).toString()).toBe('x');
    });

    it('a header altered after encryption (the MAC, or another recipient\'s stanza)', () => {
      const macAt = file.indexOf('\n--- ') + 5;
      const badMac = Buffer.from(file);
      badMac[macAt] = badMac[macAt] === 0x41 ? 0x42 : 0x41;
      expect(refusedWith(() => ageDecrypt(badMac, asOffice))).toBe('header-mac');

      const embassy = generateAgeIdentity();
      const shared = ageEncrypt(plaintext, [{ kind: 'x25519', recipient: embassy.recipient }, ...toOffice]);
      const firstBody = shared.indexOf('\n', shared.indexOf('-> X25519')) + 1;
      const altered = Buffer.from(shared);
      altered[firstBody] = altered[firstBody] === 0x41 ? 0x42 : 0x41;
      expect(refusedWith(() => ageDecrypt(altered, asOffice))).toBe('header-mac');
    });

    it('a header that breaks the format', () => {
      const garbage = Buffer.concat([Buffer.from('age-encryption.org/v1\nhello\n'), file.subarray(headerEnd)]);
      expect(refusedWith(() => ageDecrypt(garbage, asOffice))).toBe('header-malformed');
      const locked = ageEncrypt(plaintext, [{ kind: 'passphrase', passphrase: 'correct horse', logN: 4 }]);
      const x25519Stanza = file.toString('latin1', 22, file.indexOf('\n---') + 1);
      const mixed = Buffer.concat([Buffer.from(`age-encryption.org/v1\n${x25519Stanza}`, 'latin1'), locked.subarray(22)]);
      expect(refusal(() => ageDecrypt(mixed, [{ kind: 'passphrase', passphrase: 'correct horse' }])).message).toMatch(/must be the only stanza/);
    });

    it('one flipped byte in the content', () => {
      for (const at of [headerEnd + 20, headerEnd + 16 + 65_536 + 100, file.length - 1]) {
        const flipped = Buffer.from(file);
        flipped[at]! ^= 0x01;
        expect(refusedWith(() => ageDecrypt(flipped, asOffice))).toBe('payload-corrupt');
      }
      const nonce = Buffer.from(file);
      nonce[headerEnd]! ^= 0x80;
      expect(refusedWith(() => ageDecrypt(nonce, asOffice))).toBe('payload-corrupt');
    });

    it('a truncated file: inside the header, after the header, at a chunk boundary, inside a tag', () => {
      expect(refusedWith(() => ageDecrypt(file.subarray(0, 60), asOffice))).toBe('truncated');
      expect(refusedWith(() => ageDecrypt(file.subarray(0, headerEnd), asOffice))).toBe('truncated');
      expect(refusedWith(() => ageDecrypt(file.subarray(0, headerEnd + 16), asOffice))).toBe('truncated');
      const twoChunks = headerEnd + 16 + 2 * (65_536 + 16);
      expect(refusedWith(() => ageDecrypt(file.subarray(0, twoChunks), asOffice))).toBe('truncated');
      expect(refusedWith(() => ageDecrypt(file.subarray(0, twoChunks + 10), asOffice))).toBe('truncated');
      expect(refusal(() => ageDecrypt(file.subarray(0, twoChunks), asOffice)).message).toMatch(/incomplete/);
    });

    it('data appended after the last chunk', () => {
      expect(refusedWith(() => ageDecrypt(Buffer.concat([file, Buffer.from('trailing')]), asOffice))).toBe('payload-corrupt');
    });

    it('an empty final chunk after a full one, which the spec forbids', () => {
      const full = ageEncrypt(manifestLike(65_536), [{ kind: 'passphrase', passphrase: 'correct horse', logN: 4 }]);
      const { chunks, payloadKey, payloadStart } = openBySpec(full, 'correct horse');
      const forged = Buffer.concat([
        full.subarray(0, payloadStart),
        chachaSeal(payloadKey, chunkNonce(0, false), chunks[0]!),
        chachaSeal(payloadKey, chunkNonce(1, true), Buffer.alloc(0)),
      ]);
      expect(refusedWith(() => ageDecrypt(forged, [{ kind: 'passphrase', passphrase: 'correct horse' }]))).toBe('empty-last-chunk');
    });

    it('damaged armor, and armor cut short', () => {
      const armored = ageArmor(file);
      const lines = armored.split('\n');
      lines[3] = lines[3]!.slice(0, 40);
      expect(refusedWith(() => ageDecrypt(Buffer.from(lines.join('\n')), asOffice))).toBe('armor-malformed');
      expect(refusedWith(() => ageDecrypt(Buffer.from(armored.slice(0, 500)), asOffice))).toBe('truncated');
      expect(refusedWith(() => ageDecrypt(Buffer.from(armored.replace('FILE-----\n', 'FILE-----x\n')), asOffice))).toBe('armor-malformed');
    });
  });

  it.each<[string, Parameters<typeof ageEncrypt>[1]]>([
    ['no-recipients', []],
    ['passphrase-not-alone', [{ kind: 'passphrase', passphrase: 'correct horse' }, { kind: 'x25519', recipient: generateAgeIdentity().recipient }]],
    ['empty-passphrase', [{ kind: 'passphrase', passphrase: '' }]],
    ['work-factor', [{ kind: 'passphrase', passphrase: 'correct horse', logN: 40 }]],
    ['checksum', [{ kind: 'x25519', recipient: 'age1w3tyke4gev25vaxxsvcgqu4484rf6ejpmavs57p6yz6lhy2sfs5swrvwyq' }]],
    ['unusable-key', [{ kind: 'x25519', recipient: bech32Encode('age', Buffer.alloc(32)) }]],
  ])('will not encrypt: %s', (reason, recipients) => {
    expect(refusedWith(() => ageEncrypt(Buffer.from('x'), recipients))).toBe(reason);
  });
});

describe('minisign signatures', () => {
  const office = generateSigningKey();
  const manifest = Buffer.from('{"handover":"MSO-2026-H-0001","people":3}');
  const signed = signMinisign(manifest, office, { trustedComment: 'handover MSO-2026-H-0001 · ผู้รับ' });

  it('a stored key (id and seed) comes back as the same key', () => {
    const restored = signingKeyFromSeed(office.keyId, office.secretKey);
    expect(restored.publicKey.equals(office.publicKey)).toBe(true);
    expect(verifyMinisign(manifest, signMinisign(manifest, restored, { trustedComment: 't' }), office).trustedComment).toBe('t');
  });

  it('writes the public key as minisign does: RW… line and .pub file, key id in minisign\'s byte order', () => {
    const line = minisignPublicKeyString(office);
    expect(line).toMatch(/^RW[A-Za-z0-9+/]{54}$/);
    expect(Buffer.from(line, 'base64').subarray(2, 10).equals(office.keyId)).toBe(true);
    const keyId = minisignKeyId(office.keyId);
    expect(keyId).toBe(Buffer.from(office.keyId).reverse().toString('hex').toUpperCase());
    expect(minisignPublicKeyFile(office)).toBe(`untrusted comment: minisign public key ${keyId}\n${line}\n`);
    for (const text of [line, minisignPublicKeyFile(office), minisignPublicKeyFile(office, 'Mae Sot office').replaceAll('\n', '\r\n')]) {
      const parsed = parseMinisignPublicKey(text);
      expect(parsed.keyId.equals(office.keyId) && parsed.publicKey.equals(office.publicKey)).toBe(true);
    }
  });

  it('writes the four-line .minisig with the prehashed ED algorithm and verifies it', () => {
    const lines = signed.split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toBe('untrusted comment: signature from minisign secret key');
    expect(Buffer.from(lines[1]!, 'base64').toString('latin1', 0, 2)).toBe('ED');
    expect(lines[2]).toBe('trusted comment: handover MSO-2026-H-0001 · ผู้รับ');
    expect(lines[4]).toBe('');
    expect(verifyMinisign(manifest, signed, minisignPublicKeyString(office))).toEqual({
      trustedComment: 'handover MSO-2026-H-0001 · ผู้รับ',
      keyId: minisignKeyId(office.keyId),
    });
  });

  it('verifies legacy (unhashed) "Ed" signatures too', () => {
    const legacy = forgeSignatureFile(office, 'Ed', sign(null, manifest, privateKeyOf(office)), 'legacy');
    expect(verifyMinisign(manifest, legacy, office).trustedComment).toBe('legacy');
  });

  it('refuses a message changed after signing', () => {
    const altered = Buffer.from(manifest);
    altered[5]! ^= 1;
    expect(refusedWith(() => verifyMinisign(altered, signed, office))).toBe('bad-signature');
  });

  it('refuses a trusted comment changed after signing', () => {
    const forged = signed.replace('H-0001 ·', 'H-0002 ·');
    expect(refusedWith(() => verifyMinisign(manifest, forged, office))).toBe('bad-global-signature');
  });

  it('names both key ids when the file was signed by another key', () => {
    const impostor = generateSigningKey();
    const error = refusal(() => verifyMinisign(manifest, signMinisign(manifest, impostor, { trustedComment: 'x' }), office));
    expect(error.details).toEqual({ reason: 'key-id-mismatch' });
    expect(error.message).toContain(`signed by a different key: key id ${minisignKeyId(impostor.keyId)}, expected ${minisignKeyId(office.keyId)}`);
  });

  it('refuses an unknown algorithm and malformed files', () => {
    const other = forgeSignatureFile(office, 'EX', Buffer.alloc(64), 'x');
    expect(refusedWith(() => verifyMinisign(manifest, other, office))).toBe('unsupported-algorithm');
    expect(refusedWith(() => verifyMinisign(manifest, signed.split('\n').slice(0, 3).join('\n'), office))).toBe('malformed-signature');
    expect(refusedWith(() => verifyMinisign(manifest, signed.replace('trusted comment:', 'comment:'), office))).toBe('malformed-signature');
    expect(refusedWith(() => verifyMinisign(manifest, signed.replace(/\n[A-Za-z0-9+/]{10}/, '\n!!!!!!!!!!'), office))).toBe('malformed-signature');
    expect(refusedWith(() => parseMinisignPublicKey('RWnotakey'))).toBe('malformed-public-key');
  });

  it('will not sign a comment that minisign could not read back', () => {
    expect(refusedWith(() => signMinisign(manifest, office, { trustedComment: 'two\nlines' }))).toBe('comment-not-one-line');
    expect(refusedWith(() => signMinisign(manifest, office, { trustedComment: 'x'.repeat(9000) }))).toBe('comment-too-long');
  });
});

describe('key fingerprints', () => {
  it('is the first 16 bytes of SHA-256 of the key, as 8 groups of 4 uppercase hex digits', () => {
    expect(keyFingerprint(Buffer.alloc(32))).toBe('6668 7AAD F862 BD77 6C8F C18B 8E9F 8E20');
  });

  it('is the same every time for an age key and for a minisign key, and differs between keys', () => {
    const { recipient } = generateAgeIdentity();
    const fingerprint = ageRecipientFingerprint(recipient);
    expect(fingerprint).toMatch(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);
    expect(ageRecipientFingerprint(recipient.toUpperCase())).toBe(fingerprint);
    expect(fingerprint).toBe(keyFingerprint(parseAgeRecipient(recipient).publicKey));
    expect(ageRecipientFingerprint(generateAgeIdentity().recipient)).not.toBe(fingerprint);

    const signing = generateSigningKey();
    const line = minisignPublicKeyString(signing);
    expect(minisignKeyFingerprint(line)).toBe(minisignKeyFingerprint(minisignPublicKeyFile(signing)));
    // What a receiver gets with: echo RW… | base64 -d | tail -c 32 | sha256sum
    const bySha256sum = createHash('sha256').update(Buffer.from(line, 'base64').subarray(-32)).digest('hex').slice(0, 32).toUpperCase();
    expect(minisignKeyFingerprint(signing).replaceAll(' ', '')).toBe(bySha256sum);
  });

  it('matches a fingerprint read back over the phone however it was typed', () => {
    const shown = '6668 7AAD F862 BD77 6C8F C18B 8E9F 8E20';
    expect(fingerprintsMatch('6668-7aad-f862-bd77-6c8f-c18b-8e9f-8e20', shown)).toBe(true);
    expect(fingerprintsMatch('66687AADF862BD776C8FC18B8E9F8E20', shown)).toBe(true);
    expect(fingerprintsMatch('6668 7AAD F862 BD77 6C8F C18B 8E9F 8E21', shown)).toBe(false);
    expect(fingerprintsMatch('6668 7AAD', shown)).toBe(false);
  });
});

// ─── Independent re-derivation from the age spec, for tests that must forge files ───

function chunkNonce(index: number, last: boolean): Buffer {
  const nonce = Buffer.alloc(12);
  nonce.writeUIntBE(index, 5, 6);
  nonce[11] = last ? 1 : 0;
  return nonce;
}

function chachaSeal(key: Buffer, nonce: Buffer, plaintext: Buffer): Buffer {
  const c = createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: 16 });
  return Buffer.concat([c.update(plaintext), c.final(), c.getAuthTag()]);
}

function chachaOpen(key: Buffer, nonce: Buffer, sealed: Buffer): Buffer {
  const d = createDecipheriv('chacha20-poly1305', key, nonce, { authTagLength: 16 });
  d.setAuthTag(sealed.subarray(-16));
  return Buffer.concat([d.update(sealed.subarray(0, -16)), d.final()]);
}

/** Opens a one-stanza scrypt file step by step as age-encryption.org/v1 describes. */
function openBySpec(file: Buffer, passphrase: string): { chunks: Buffer[]; payloadKey: Buffer; payloadStart: number } {
  const lines = file.toString('latin1', 0, file.indexOf('\n---') + 1).split('\n');
  const [, salt, logN] = lines[1]!.split(' ').slice(1);
  const wrapKey = scryptSync(passphrase, Buffer.concat([Buffer.from('age-encryption.org/v1/scrypt'), Buffer.from(salt!, 'base64')]), 32, {
    N: 2 ** Number(logN),
    r: 8,
    p: 1,
  });
  const fileKey = chachaOpen(wrapKey, Buffer.alloc(12), Buffer.from(lines[2]!, 'base64'));
  const headerEnd = file.indexOf('\n', file.indexOf('\n---') + 1) + 1;
  const payloadKey = Buffer.from(hkdfSync('sha256', fileKey, file.subarray(headerEnd, headerEnd + 16), 'payload', 32));
  const payloadStart = headerEnd + 16;
  const chunks: Buffer[] = [];
  for (let at = payloadStart, i = 0; at < file.length; at += 65_536 + 16, i++) {
    const sealed = file.subarray(at, at + 65_536 + 16);
    chunks.push(chachaOpen(payloadKey, chunkNonce(i, at + sealed.length === file.length), sealed));
  }
  return { chunks, payloadKey, payloadStart };
}

function privateKeyOf(key: SigningKey) {
  return { key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), key.secretKey]), format: 'der' as const, type: 'pkcs8' as const };
}

function forgeSignatureFile(key: SigningKey, algorithm: string, signature: Buffer, trustedComment: string): string {
  const globalSignature = sign(null, Buffer.concat([signature, Buffer.from(trustedComment)]), privateKeyOf(key));
  const sigLine = Buffer.concat([Buffer.from(algorithm, 'latin1'), key.keyId, signature]).toString('base64');
  return `untrusted comment: forged\n${sigLine}\ntrusted comment: ${trustedComment}\n${globalSignature.toString('base64')}\n`;
}
