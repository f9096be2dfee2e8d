/**
 * Normalising a cell before we try to read it. Shared by the value parsers
 * and the header mapper.
 */
import { foldLatinDiacritics } from '../../domain/text';

/** Thai ๐–๙, Myanmar ၀–၉ and full-width ０–９ digits to ASCII (NFKC covers only the full-width ones). */
export function asciiDigits(s: string): string {
  return s.replace(/[\u0e50-\u0e59\u1040-\u1049]/g, (d) => {
    const c = d.charCodeAt(0);
    return String(c >= 0x1040 ? c - 0x1040 : c - 0x0e50);
  });
}

/** NFKC (full-width letters, digits and punctuation to ASCII), ASCII digits, trimmed, single spaces. */
export function cleanCell(s: string): string {
  return asciiDigits(s.normalize('NFKC')).replace(/[\s\u00a0\u200b]+/g, ' ').trim();
}

/**
 * A lookup key: lower case, Latin diacritics folded (Việt Nam → viet nam,
 * đ → d), spaces and punctuation removed. Only the combining marks of the
 * Latin block are dropped: Thai and Burmese vowel signs are marks too, and
 * they are part of the word.
 */
export function foldKey(s: string): string {
  return foldLatinDiacritics(cleanCell(s))
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}
