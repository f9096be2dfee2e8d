/**
 * Latin diacritics folded the one way every part of Homeward folds them
 * (search index, list import, duplicate matching): Nguyễn → Nguyen, Đỗ → Do.
 * Only the combining marks of the Latin block (U+0300–U+036F) are dropped:
 * the vowel signs of Thai, Burmese, Khmer and Lao are marks too, and they are
 * letters of those words. Case is kept.
 */
const LATIN_EXTRA: Record<string, string> = {
  đ: 'd', Đ: 'D', ð: 'd', Ð: 'D', ø: 'o', Ø: 'O', ł: 'l', Ł: 'L', ß: 'ss', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', ı: 'i', ħ: 'h', Ħ: 'H',
};
const LATIN_EXTRA_RE = new RegExp(`[${Object.keys(LATIN_EXTRA).join('')}]`, 'g');

export function foldLatinDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC')
    .replace(LATIN_EXTRA_RE, (c) => LATIN_EXTRA[c] ?? c);
}

/** A count with its noun in English, singular for one: counted(1, 'person', 'people') is "1 person". */
export const counted = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
