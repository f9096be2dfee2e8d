/**
 * The interface's texts: counts read right in English (one person, two
 * people), and the matcher's reasons come out in the reader's language.
 */
import { describe, expect, it } from 'vitest';
import { en, type MessageKey } from '../../renderer/src/i18n/en';
import { EN_ONE } from '../../renderer/src/i18n/plural';
import { reasonText } from '../../renderer/src/i18n/reasons';
import { th } from '../../renderer/src/i18n/th';
import { translator } from '../../renderer/src/i18n/translate';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string).sort();

describe('counts in English', () => {
  const { t } = translator('en');
  const singulars = Object.entries(EN_ONE) as [MessageKey, readonly [string, string]][];

  it('every singular form names a count its message has, and keeps the message’s other values', () => {
    expect(singulars.length).toBeGreaterThan(10);
    for (const [key, [count, text]] of singulars) {
      const plural = placeholders(en[key]);
      expect(plural, key).toContain(count);
      expect(placeholders(text), key).toEqual(plural.filter((p) => p !== count));
    }
  });

  it('reads one in the singular and any other count in the plural', () => {
    const values = { name: 'list.csv', format: 'CSV', date: '2026-11-22', actor: 'Nang', checked: '0', file: 'list.csv', code: 'B-7', shown: '1' };
    const filled = (key: MessageKey, count: string, n: number) => en[key].replace(/\{(\w+)\}/g, (_, p: string) => String(p === count ? n : values[p as keyof typeof values]));
    for (const [key, [count]] of singulars) {
      const one = t(key, { ...values, [count]: 1 });
      expect(one, key).not.toBe(filled(key, count, 1));
      expect(one, key).not.toMatch(/\b1 (people|rows|years)\b|\{\w+\}/);
      expect(t(key, { ...values, [count]: 3 }), key).toBe(filled(key, count, 3));
    }
    expect(t('import.done.created', { n: '1' })).toBe('1 person registered.');
    expect(t('import.done.created', { n: '1,000' })).toBe('1,000 people registered.');
    expect(t('list.count', { shown: '1', total: '1' })).toBe('1 of 1 person');
    expect(t('list.count', { shown: '1', total: '12' })).toBe('1 of 12 people');
  });

  it('leaves the other languages as their catalogs write them', () => {
    expect(translator('th').t('import.done.created', { n: 1 })).toBe(th['import.done.created'].replace('{n}', '1'));
  });
});

describe('the matcher’s reasons', () => {
  it('are told with the right number of years in English', () => {
    const { t } = translator('en');
    expect(reasonText(t, 'born within 1 year').text).toBe('born within 1 year');
    expect(reasonText(t, 'born within 3 years (age estimated)').text).toBe('born within 3 years (age estimated)');
    expect(reasonText(t, 'same birthday, year 1 year apart').text).toBe('same birthday, born 1 year apart');
    expect(reasonText(t, 'same birth month, year 2 years apart').text).toBe('same birth month, born 2 years apart');
    expect(reasonText(t, 'born 7 years apart, different birth dates').text).toBe('born 7 years apart, different birth dates');
  });

  it('are translated, and an unknown phrase is shown as the engine wrote it', () => {
    const { t } = translator('th');
    const r = reasonText(t, 'born within 1 year');
    expect(r).toEqual({ text: th['reason.bornWithin'].replace('{n}', '1'), translated: true });
    expect(reasonText(t, 'a phrase the matcher never writes')).toEqual({ text: 'a phrase the matcher never writes', translated: false });
  });
});
