/**
 * Planted near-duplicates: the same person registered a second time, at
 * another shelter or from another list, with the name written differently.
 * These are the cases the matcher has to catch:
 *   exact_document       same passport number, name as the passport prints it
 *   pinyin_vs_hanzi      张伟 recorded as "WEI ZHANG" in pinyin only
 *   diacritics_dropped   Nguyễn Văn An → NGUYEN VAN AN
 *   token_order          family and given names swapped, or parts rotated
 *   alias                only the nickname or work name was taken down
 *   typo                 one letter wrong
 *   romanisation_variant Somchai → Somchay, Htun → Tun
 */
import { foldLatinDiacritics } from '../text';
import type { DemoNationality, NameDraft } from './names';
import type { Rng } from './random';
import { Weighted } from './random';
import type { DemoInput, DuplicateKind } from './types';

type NameFields = Pick<DemoInput, 'familyName' | 'givenNames' | 'nativeName' | 'aliases'>;

/** What the planter needs to know about an earlier person. */
export interface DuplicateSource {
  index: number;
  input: DemoInput;
  variant: NameDraft['variant'];
  nationality: DemoNationality;
}

/** Remove diacritics (including đ, which Unicode does not decompose) as passports do. */
export const foldDiacritics = foldLatinDiacritics;

const passportForm = (s: string | null) => (s === null ? null : foldDiacritics(s).toUpperCase());

const LATIN_LETTER = /[A-Za-z]/;
const KEYBOARD_NEIGHBOURS: Record<string, string> = {
  a: 'sqe', b: 'vn', c: 'xv', d: 'sf', e: 'wr', f: 'dg', g: 'fh', h: 'gj', i: 'uo', j: 'hk', k: 'jl', l: 'k',
  m: 'n', n: 'bm', o: 'ip', p: 'o', q: 'w', r: 'et', s: 'ad', t: 'ry', u: 'yi', v: 'cb', w: 'qe', x: 'zc', y: 'tu', z: 'x',
};

/** Positions of letters inside a word: people rarely get the first letter of a name wrong. */
function innerLetters(s: string): number[] {
  const positions: number[] = [];
  for (let i = 1; i < s.length; i++) {
    if (LATIN_LETTER.test(s[i] as string) && LATIN_LETTER.test(s[i - 1] as string)) positions.push(i);
  }
  return positions;
}

/** Long enough that one wrong letter still leaves the name recognisable. */
const typoable = (s: string | null) => !!s && innerLetters(s).length >= 3;

/** One slip of the keyboard or the ear: substitute, drop, double or swap one letter. */
export function typo(rng: Rng, s: string): string {
  const positions = innerLetters(s);
  if (positions.length < 3) return s;
  for (let attempt = 0; attempt < 8; attempt++) {
    const at = rng.pick(positions);
    const ch = s[at] as string;
    const lower = ch.toLowerCase();
    const matchCase = (c: string) => (ch === lower ? c : c.toUpperCase());
    let out: string;
    switch (rng.int(0, 3)) {
      case 0:
        out = s.slice(0, at) + matchCase(rng.pick((KEYBOARD_NEIGHBOURS[lower] ?? 'e').split(''))) + s.slice(at + 1);
        break;
      case 1:
        out = s.slice(0, at) + s.slice(at + 1);
        break;
      case 2:
        out = s.slice(0, at) + ch + s.slice(at);
        break;
      default: {
        const next = s[at + 1];
        out = next !== undefined && LATIN_LETTER.test(next) ? s.slice(0, at) + next + ch + s.slice(at + 2) : s.slice(0, at) + s.slice(at + 1);
      }
    }
    if (out !== s && /[A-Za-z]/.test(out) && !/ {2}|^ | $/.test(out)) return out;
  }
  return s;
}

const tokens = (s: string | null) => (s ? s.split(' ').filter(Boolean) : []);
const isLatin = (s: string) => /[A-Za-z]/.test(s);

const KIND_WEIGHTS: Record<DuplicateKind, number> = {
  exact_document: 3,
  pinyin_vs_hanzi: 8,
  diacritics_dropped: 8,
  token_order: 2,
  alias: 4,
  typo: 3,
  romanisation_variant: 8,
};

export function passportNumberOf(input: DemoInput): string | null {
  for (const d of input.documents) if (d.type === 'passport' && d.number) return d.number;
  return null;
}

/** Kinds of duplicate that make sense for this person. */
export function eligibleKinds(src: DuplicateSource): DuplicateKind[] {
  const p = src.input;
  const latin = `${p.familyName ?? ''} ${p.givenNames ?? ''}`.trim();
  const kinds: DuplicateKind[] = [];
  if (passportNumberOf(p)) kinds.push('exact_document');
  if (src.nationality === 'CN' && p.nativeName && p.familyName && p.givenNames) kinds.push('pinyin_vs_hanzi');
  if (latin && foldDiacritics(latin) !== latin) kinds.push('diacritics_dropped');
  const given = tokens(p.givenNames);
  if (p.familyName && p.givenNames ? p.familyName !== p.givenNames : new Set(given).size >= 2) kinds.push('token_order');
  if (p.aliases.length > 0) kinds.push('alias');
  if (typoable(p.familyName) || typoable(p.givenNames)) kinds.push('typo');
  if (src.variant) kinds.push('romanisation_variant');
  return kinds;
}

export function chooseKind(rng: Rng, src: DuplicateSource): DuplicateKind | null {
  const kinds = eligibleKinds(src);
  if (kinds.length === 0) return null;
  return new Weighted(kinds.map((k) => [k, KIND_WEIGHTS[k]] as const)).pick(rng);
}

/** The name as the second registration recorded it. */
export function duplicateName(rng: Rng, src: DuplicateSource, kind: DuplicateKind): NameFields {
  const p = src.input;
  const keepNative = (share: number) => (rng.chance(share) ? p.nativeName : null);
  switch (kind) {
    case 'exact_document':
      return { familyName: passportForm(p.familyName), givenNames: passportForm(p.givenNames), nativeName: null, aliases: [] };
    case 'pinyin_vs_hanzi': {
      const family = (p.familyName ?? '').toUpperCase();
      const given = (p.givenNames ?? '').toUpperCase();
      return rng.chance(0.5)
        ? { familyName: null, givenNames: `${given} ${family}`, nativeName: null, aliases: [] }
        : { familyName: given, givenNames: family, nativeName: null, aliases: [] };
    }
    case 'diacritics_dropped':
      return { familyName: passportForm(p.familyName), givenNames: passportForm(p.givenNames), nativeName: null, aliases: [] };
    case 'token_order': {
      if (p.familyName && p.givenNames) {
        return { familyName: p.givenNames, givenNames: p.familyName, nativeName: keepNative(0.3), aliases: [] };
      }
      const t = tokens(p.givenNames);
      return { familyName: null, givenNames: [...t.slice(1), t[0] as string].join(' '), nativeName: keepNative(0.3), aliases: [] };
    }
    case 'alias': {
      const alias = rng.pick(p.aliases);
      return isLatin(alias)
        ? { familyName: null, givenNames: alias, nativeName: null, aliases: [] }
        : { familyName: null, givenNames: null, nativeName: alias, aliases: [] };
    }
    case 'typo': {
      let familyName = p.familyName;
      let givenNames = p.givenNames;
      const inFamily = typoable(familyName) && (!typoable(givenNames) || rng.chance(0.5));
      if (inFamily && familyName) familyName = typo(rng, familyName);
      else if (givenNames) givenNames = typo(rng, givenNames);
      return { familyName, givenNames, nativeName: keepNative(0.5), aliases: [] };
    }
    case 'romanisation_variant': {
      const v = src.variant ?? { familyName: p.familyName, givenNames: p.givenNames };
      return { familyName: v.familyName, givenNames: v.givenNames, nativeName: keepNative(0.4), aliases: [] };
    }
  }
}
