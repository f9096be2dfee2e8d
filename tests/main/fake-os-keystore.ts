import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { vi } from 'vitest';
import type { SafeStorageLike, StorageBackend } from '../../main/keystore';

/** An OS key store holding its own secret, as Keychain, DPAPI or libsecret would (Electron's safeStorage stand-in). */
export function osKeyStore(backend: StorageBackend = 'gnome_libsecret', options: { secret?: Buffer; available?: boolean } = {}) {
  const secret = options.secret ?? randomBytes(32);
  const available = options.available ?? true;
  return {
    isEncryptionAvailable: vi.fn(() => available),
    getSelectedStorageBackend: vi.fn(() => backend),
    encryptString: vi.fn((plain: string) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', secret, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from('v11'), iv, cipher.getAuthTag(), body]);
    }),
    decryptString: vi.fn((blob: Buffer) => {
      const decipher = createDecipheriv('aes-256-gcm', secret, blob.subarray(3, 15));
      decipher.setAuthTag(blob.subarray(15, 31));
      return Buffer.concat([decipher.update(blob.subarray(31)), decipher.final()]).toString('utf8');
    }),
  } satisfies SafeStorageLike;
}
