/**
 * A whole name typed in one cell, split into the record's name fields.
 *
 * Lists write names every way: "NGUYEN Van An" (family name in capitals, as
 * in a passport), "Somchai Jaidee" (given name first, as in Thailand),
 * "Zhang Wei" (family name first, as in China and Vietnam), "Aung Ko Ko"
 * (Burmese names have no family name at all), "张伟 (Zhang Wei)" (native
 * script and its romanisation together). The split never loses a letter: a
 * name that cannot be split safely stays whole in the given names, which is
 * where intake puts a single name too.
 */
const LATIN = /\p{Script=Latin}/u;
/** Scripts of the names on these lists other than Latin: Thai, Han, Myanmar, Khmer, Lao, Hangul, kana. */
const NATIVE = /[\p{Script=Thai}\p{Script=Han}\p{Script=Myanmar}\p{Script=Khmer}\p{Script=Lao}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/** Nationalities whose names are written family name first. */
const FAMILY_FIRST = new Set(['CN', 'TW', 'HK', 'MO', 'VN', 'KH', 'KR', 'KP', 'JP']);
/** Nationalities whose names have no family name (Myanmar), or often a single name (Indonesia). */
const NO_FAMILY = new Set(['MM']);

export type NameOrder = 'auto' | 'family_first' | 'given_first';

export interface SplitName {
  familyName: string | null;
  givenNames: string | null;
  nativeName: string | null;
  /** how the split was made, for the preview ("family name in capitals") */
  note: string | null;
}

const isUpperWord = (w: string) => LATIN.test(w) && w === w.toUpperCase() && w !== w.toLowerCase() && [...w].length > 1;

/** Splits a cell holding a whole name. `nationality` is the row's ISO code when known. */
export function splitFullName(cell: string, nationality: string | null, order: NameOrder = 'auto'): SplitName {
  let text = cell.normalize('NFC').replace(/\s+/g, ' ').trim();
  let nativeName: string | null = null;
  // Native script and Latin together: "张伟 (Zhang Wei)", "สมชาย ใจดี / Somchai Jaidee".
  if (NATIVE.test(text) && LATIN.test(text)) {
    const tokens = text.replace(/[()[\]/|]/g, ' ').split(' ').filter(Boolean);
    nativeName = tokens.filter((t) => NATIVE.test(t)).join(' ') || null;
    text = tokens.filter((t) => !NATIVE.test(t)).join(' ');
  } else if (NATIVE.test(text)) {
    return { familyName: null, givenNames: null, nativeName: text, note: null };
  }
  if (text === '') return { familyName: null, givenNames: null, nativeName, note: null };

  // "ZHANG, Wei" — a comma after the first part marks the family name, as in passports and police lists.
  const comma = /^([^,]+),\s*(.+)$/.exec(text);
  if (comma) return { familyName: comma[1]!.trim(), givenNames: comma[2]!.trim(), nativeName, note: 'family name before the comma' };

  const words = text.split(' ');
  if (words.length === 1) return { familyName: null, givenNames: text, nativeName, note: null };

  // A passport-style name: the family name alone in capitals, first or last.
  const upper = words.map(isUpperWord);
  const upperCount = upper.filter(Boolean).length;
  if (upperCount > 0 && upperCount < words.length) {
    if (upper[0] && upper.lastIndexOf(true) === upperCount - 1) {
      return { familyName: words.slice(0, upperCount).join(' '), givenNames: words.slice(upperCount).join(' '), nativeName, note: 'family name in capitals' };
    }
    if (upper[words.length - 1] && upper.indexOf(true) === words.length - upperCount) {
      return {
        familyName: words.slice(words.length - upperCount).join(' '),
        givenNames: words.slice(0, words.length - upperCount).join(' '),
        nativeName,
        note: 'family name in capitals',
      };
    }
  }

  const resolved = order !== 'auto' ? order : nationality && FAMILY_FIRST.has(nationality) ? 'family_first' : nationality && NO_FAMILY.has(nationality) ? 'none' : nationality ? 'given_first' : 'unknown';
  if (resolved === 'family_first') {
    return { familyName: words[0]!, givenNames: words.slice(1).join(' '), nativeName, note: 'family name first' };
  }
  if (resolved === 'given_first') {
    return { familyName: words[words.length - 1]!, givenNames: words.slice(0, -1).join(' '), nativeName, note: 'family name last' };
  }
  // Burmese names, and names of unknown origin: kept whole rather than split wrongly.
  return { familyName: null, givenNames: text, nativeName, note: resolved === 'none' ? 'Burmese names have no family name' : 'kept whole: name order unknown' };
}
