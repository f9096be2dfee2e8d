/**
 * Name normalisation for duplicate detection: turns any way a name is written
 * (passport capitals, Vietnamese with or without diacritics, Chinese
 * characters, Thai or Myanmar script with a title in front) into comparable
 * lower-case tokens. Pure; no database, no locale dependence.
 *
 * Why each step (see /work/shared/FIELD.md, "Names"):
 *  - NFKC first, so full-width Latin from Chinese input methods (ＺＨＡＮＧ)
 *    and compatibility forms compare equal to ordinary letters.
 *  - Chinese characters become toneless pinyin, because passports (and most
 *    lists from the Thai side) carry only the pinyin: 张伟 ↔ ZHANG WEI.
 *  - Case folding, because passports print capitals.
 *  - Only combining marks U+0300–U+036F are stripped after NFD: these are the
 *    Latin diacritics passports drop (Nguyễn → NGUYEN). Thai, Lao, Khmer and
 *    Myanmar vowel signs and tone marks are in their own blocks and carry
 *    meaning, so they are kept.
 *  - Titles and honorifics are not part of a name (U, Daw, Ko, Ma; นาย, Mr).
 */
import { foldLatinDiacritics } from '../text';
import { pinyin } from 'pinyin-pro';
import { memoise } from './memo';

export interface NameTokenOptions {
  /** strip a leading honorific or title (default true) */
  stripTitles?: boolean;
}

/** A person's name fields as the intake form records them. */
export interface PersonNames {
  familyName?: string | null;
  givenNames?: string | null;
  nativeName?: string | null;
  aliases?: readonly string[] | null;
  /** documents are accepted so callers can pass a whole person; they carry no name today */
  documents?: readonly unknown[] | null;
}

const HAN_RUN = /\p{Script=Han}+/gu;

/**
 * Two-character surnames that passports write as one word (OUYANG, SITU).
 * Single-character surnames are the rule; these are the common exceptions.
 */
const COMPOUND_SURNAMES = new Set(['欧阳', '司徒', '上官', '诸葛', '司马', '东方', '皇甫', '尉迟', '公孙', '慕容', '夏侯', '令狐', '端木', '长孙']);

/**
 * A run of Chinese characters as a passport would write it: surname, then the
 * given name as one word (张建华 → zhang jianhua). pinyin-pro's surname mode
 * at the head of the run gives surname readings (单 shan, 曾 zeng, 解 xie,
 * 仇 qiu) instead of the everyday ones (dan, ceng, jie, chou). ü is written
 * "yu" as on Chinese passports (吕 → LYU), not folded to u, so 吕 ≠ 卢.
 */
export function hanToPinyin(run: string): string[] {
  return pinyinOf(run).slice();
}

const pinyinOf = memoise((run: string): readonly string[] => {
  const syllables = pinyin(run, { mode: 'surname', surname: 'head', toneType: 'none', type: 'array', nonZh: 'removed' }).map((s) =>
    s.replace(/ü|v/g, 'yu'),
  );
  if (syllables.length <= 1) return syllables;
  const surnameLength = COMPOUND_SURNAMES.has(run.slice(0, 2)) && syllables.length > 2 ? 2 : 1;
  const surname = syllables.slice(0, surnameLength).join('');
  const given = syllables.slice(surnameLength).join('');
  return given ? [surname, given] : [surname];
});

/** Case-fold and drop Latin diacritics only, keeping other scripts' marks. */
export function foldLatin(text: string): string {
  return foldLatinDiacritics(text.toLowerCase());
}

/**
 * Burmese honorifics in Latin (U, Daw, Ko, Ma, Maung/Mg, and the Karen Saw/Naw
 * and Shan Sai/Nang prefixes), and Thai/English titles. Stripped only as a
 * separate leading token, and only when a name follows.
 */
const LATIN_TITLES = new Set(['u', 'daw', 'ko', 'ma', 'maung', 'mg', 'saw', 'naw', 'nang', 'sai', 'mr', 'mrs', 'ms', 'miss']);

/**
 * Myanmar-script honorifics. ဒေါ် and မောင် are never name syllables, so they
 * are also stripped when written joined to the name (ဒေါ်အေးအေး), which is
 * common. ဦး (also the syllable "Oo"), ကို (also "Ko") and မ (a bare consonant
 * that begins many syllables, e.g. မင်း Min) are stripped only when a space
 * separates them from the name: cutting them from unspaced text would cut
 * into the name itself.
 */
const ENGLISH_TITLES = new Set(['mr', 'mrs', 'ms', 'miss']);
const MYANMAR_JOINED_TITLES = ['ဒေါ်', 'မောင်'];
const MYANMAR_SPACED_TITLES = new Set(['ဦး', 'ဒေါ်', 'ကို', 'မ', 'မောင်']);

/**
 * Thai titles (นางสาว Miss, นาง Mrs, นาย Mr, เด็กชาย/เด็กหญิง for children) are
 * usually written joined to the given name (นายสมชาย), so they are stripped
 * as prefixes; the longest first, so นางสาว is not read as นาง + สาว….
 */
const THAI_TITLES = ['เด็กหญิง', 'เด็กชาย', 'นางสาว', 'นาง', 'นาย'];

/** A Myanmar letter that can start a new syllable (consonant or independent vowel). */
const MYANMAR_SYLLABLE_START = /^[\u1000-\u102a\u103f\u104c-\u104f]/u;

function stripTitles(tokens: readonly string[]): string[] {
  const out = tokens.slice();
  // At most one title of each kind ("Mr U Aung"): "Mg Mg Oo" is Maung Maung Oo,
  // where the second Mg is the name. A name must remain.
  let burmese = false;
  let other = false;
  for (let guard = 0; guard < 2 && out.length > 0; guard++) {
    const first = out[0] as string;
    const isBurmese = MYANMAR_SPACED_TITLES.has(first) || (LATIN_TITLES.has(first) && !ENGLISH_TITLES.has(first));
    if (out.length > 1 && (isBurmese ? !burmese : !other && ENGLISH_TITLES.has(first))) {
      out.shift();
      if (isBurmese) burmese = true;
      else other = true;
      continue;
    }
    const joined = burmese ? undefined : MYANMAR_JOINED_TITLES.find((t) => first.startsWith(t) && MYANMAR_SYLLABLE_START.test(first.slice(t.length)));
    if (joined) {
      out[0] = first.slice(joined.length);
      burmese = true;
      continue;
    }
    const thai = other ? undefined : THAI_TITLES.find((t) => first.startsWith(t));
    if (thai) {
      other = true;
      if (first.length - thai.length >= 2) out[0] = first.slice(thai.length);
      else if (first === thai && out.length > 1) out.shift();
      continue;
    }
    break;
  }
  return out;
}

/** Anything that is not a letter, a combining mark or a digit separates tokens (spaces, hyphens, dots, commas). */
const SEPARATOR = /[^\p{L}\p{M}\p{N}]+/u;

/** Normalised name tokens of free text, in their written order. */
export function nameTokens(text: string | null | undefined, options: NameTokenOptions = {}): string[] {
  if (!text) return [];
  const tokens = tokenise(text);
  return options.stripTitles === false ? tokens : stripTitles(tokens);
}

/** The tokens of a text, titles kept. */
function tokenise(text: string): string[] {
  // Plain ASCII (passport capitals) has no compatibility forms, characters or diacritics to convert.
  const nfkc = ASCII.test(text) ? text.toLowerCase() : foldLatin(text.normalize('NFKC').replace(HAN_RUN, (run) => ` ${pinyinOf(run).join(' ')} `));
  return nfkc.split(SEPARATOR).filter(Boolean);
}

const ASCII = /^[\x00-\x7f]*$/;

/** The order-free key of a token list: tokens sorted and joined by a space. */
export const sortedKey = (tokens: readonly string[]): string => [...tokens].sort().join(' ');

/**
 * Every written form of a person's name, as token lists in written order:
 * the Latin name (family + given), the native-script name (converted to
 * pinyin when Chinese), and each alias. When a leading word could be either a
 * title or part of the name (Ma is a Burmese honorific and a Chinese surname;
 * Ko is an honorific and a Burmese syllable), both readings are kept.
 */
export function personNameForms(p: PersonNames): string[][] {
  return nameForms(p).map((f) => f.tokens);
}

/** A name form and whether it is an alias (a nickname or work name, which many people share). */
export interface NameForm {
  tokens: string[];
  alias: boolean;
}

/** As personNameForms, marking which forms come from aliases. */
export function nameForms(p: PersonNames): NameForm[] {
  const texts: [string, boolean][] = [];
  const latin = [p.familyName, p.givenNames].filter((s): s is string => !!s && s.trim() !== '').join(' ');
  if (latin) texts.push([latin, false]);
  if (p.nativeName) texts.push([p.nativeName, false]);
  for (const a of p.aliases ?? []) if (a) texts.push([a, true]);

  const seen = new Set<string>();
  const forms: NameForm[] = [];
  const add = (tokens: string[], alias: boolean) => {
    const key = tokens.join(' ');
    if (tokens.length > 0 && !seen.has(key)) {
      seen.add(key);
      forms.push({ tokens, alias });
    }
  };
  for (const [t, alias] of texts) {
    const tokens = tokenise(t);
    add(stripTitles(tokens), alias);
    add(tokens, alias);
  }
  return forms;
}

/**
 * Sorted-token name strings for every name form the person has, so that
 * "WEI ZHANG", "Zhang Wei" and "张伟" all give "wei zhang".
 */
export function personNameKeys(p: PersonNames): Set<string> {
  return new Set(personNameForms(p).map(sortedKey));
}
