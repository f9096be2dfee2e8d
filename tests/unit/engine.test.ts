import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startEngine } from '../../src/api/engine';
import { PASSPHRASE, TEST_LOGN, tempDir } from '../helpers';

describe('the engine in a worker thread', () => {
  it('answers calls in order with plain results, and keeps its session between calls', async () => {
    const engine = startEngine({ actor: 'intake@test', databasePath: join(tempDir(), 'office.homeward') });
    try {
      expect(await engine.call('office.status', {})).toMatchObject({ ok: true, value: { exists: false, office: null } });
      const created = await engine.call('office.create', { passphrase: PASSPHRASE, officeCode: 'MSO', officeName: 'Mae Sot office', kdfLogN: TEST_LOGN });
      expect(created).toMatchObject({ ok: true, value: { code: 'MSO' } });
      const [a, b] = await Promise.all([
        engine.call('person.add', { nativeName: 'အောင်ကျော်မိုး' }),
        engine.call('person.add', { nativeName: '张伟' }),
      ]);
      expect(a.ok && b.ok).toBe(true);
      const list = await engine.call('person.list', { search: '张' });
      expect(list.ok && list.value.people.map((p) => p.nativeName)).toEqual(['张伟']);
      expect(await engine.call('person.get', { ref: 'nobody' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    } finally {
      await engine.close();
    }
    // After close, calls fail cleanly instead of hanging.
    expect(await engine.call('office.status', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});
