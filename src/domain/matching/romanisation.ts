/**
 * A conservative phonetic fold for Latin-script name tokens, absorbing the
 * romanisation variants common at the Thai–Myanmar border. The same name is
 * spelled differently by different officials: Thai Somchai / Somchay,
 * Jirawat / Chirawat, Boonmee / Bunmi; Lao Phommachanh / Pommachan,
 * Souksavanh / Suksavan; Burmese Htun / Tun, Minn / Min, Soe / So.
 *
 * Both sides of a comparison are folded the same way, so a rule can only ever
 * make two different names look more alike. Each rule is therefore limited to
 * a variation seen in real documents and written so that it does not collapse
 * distinct pinyin syllables (for example "ou" → "u" only inside a word, so
 * Zhou ≠ Zhu; initial "x" → "s" only before "a", which pinyin never has).
 * Vowel changes that do distinguish names (Sombat / Sombut, Htet / Htat) are
 * left to the fuzzy string comparison in ./score.
 *
 * Tokens that are not plain a–z (Thai, Myanmar script…) are returned as is.
 */
import { memoise } from './memo';

/** A rule, and whether it looks at the end of the word (or what follows a letter), so a slip can switch it on or off. */
type Rule = readonly [pattern: RegExp, replacement: string, why: string, contextual?: 'contextual'];

const RULES: readonly Rule[] = [
  // Lao French-style "x" for s at the start of a word: Xaysana / Saysana.
  [/^xa/, 'sa', 'Lao x/s'],
  // Final j is pronounced t in Thai (Viroj / Wirot); before the ch→j rule below.
  [/j$/, 't', 'Thai final j/t', 'contextual'],
  // Burmese "ht" is an aspirated t, often written plain: Htun / Tun, Htoo / Htu.
  [/^ht/, 't', 'Burmese ht/t'],
  // Aspirated consonants written with or without h: Phichit / Pichit, Thanawat / Tanawat, Khamsuk / Kamsuk.
  [/ph/g, 'p', 'aspirate ph/p'],
  [/th/g, 't', 'aspirate th/t'],
  [/kh/g, 'k', 'aspirate kh/k'],
  // Thai จ/ช written j or ch: Jirawat / Chirawat, Duangjai / Duangchai.
  [/ch/g, 'j', 'Thai ch/j'],
  // ศรี is read "si": Somsri / Somsee, Buasri / Buasi.
  [/sr/g, 's', 'Thai sr/s'],
  [/ck/g, 'k', 'ck/k (Somsack / Somsak)'],
  [/v/g, 'w', 'v/w (Wichai / Vichai, Vongsa / Wongsa)'],
  // Long vowels written doubled or plain: Boonmee / Bunmi, Kyi / Kyee, Teerapat / Thiraphat.
  [/ee/g, 'i', 'ee/i'],
  [/oo/g, 'u', 'oo/u'],
  // Lao "ou" for u inside a word (Bounmy / Bunmy), never at the end (Zhou is not Zhu).
  [/ou(?=[a-z])/g, 'u', 'Lao ou/u'],
  // Burmese final "oe": Soe / So, Myoe / Myo, Moe / Mo.
  [/oe$/, 'o', 'Burmese oe/o', 'contextual'],
  // Thai แ written ae or a, and แก้ว as kaew or kaeo: Saengthong / Sangthong, Kaewkla / Kaeokla.
  [/aew/g, 'aeo', 'Thai aew/aeo'],
  [/ae/g, 'a', 'Thai ae/a'],
  // A silent "r" after a vowel, before a consonant or at the end: Apichart / Apichat, Somporn / Somphon, Zeyar / Zeya.
  [/([aeiou])r(?=[^aeiouy]|$)/g, '$1', 'silent r', 'contextual'],
  // Thai final consonants that sound alike: Wongsawat / Wongsawad, Yodying / Yotying, Kularb / Kulap, Rattanakul / Rattanakun.
  // Not at the start of a word, so a slip there (Dela / Dlea) does not change the first letter.
  [/(?<=[a-z])d(?=[^aeiouy]|$)/g, 't', 'final d/t', 'contextual'],
  [/b$/, 'p', 'final b/p', 'contextual'],
  [/([aeiou])l$/, '$1n', 'final l/n', 'contextual'],
  // Final y for i: Somchay / Somchai, Bounmy / Bunmi.
  [/y$/, 'i', 'final y/i', 'contextual'],
  // Final h: Lao -nh (Phommachanh / Pommachan), Boh / Bo, Chaiwath / Chaiwat.
  [/h$/, '', 'final h', 'contextual'],
  // Doubled letters: Minn / Min, Suppachai / Supachai, Rattana / Ratana.
  [/([a-z])\1+/g, '$1', 'doubled letters'],
];

/**
 * Burmese syllables that documents spell several ways (Thein / Thane, Nay /
 * Ne, Khaing / Khine, Htet / Htat): one spelling for each, by whole token, so
 * no other name that happens to hold the same letters is touched. Spellings
 * that are also common pinyin syllables of names (Lei, Mei) are left out:
 * they would merge different Chinese names (Lei / Lai). Ze is kept: as a
 * whole given name it meets only the rare Zai.
 */
const BURMESE_SPELLINGS: Readonly<Record<string, string>> = {
  ne: 'nay', ze: 'zay', hte: 'htay', ngway: 'ngwe', pyay: 'pyae', pye: 'pyae', thane: 'thein', htane: 'thein', sane: 'sein', shane: 'shein',
  nyain: 'nyein', hain: 'hein', khine: 'khaing', htat: 'htet', wanna: 'wunna', kyel: 'kyal', mun: 'mon', lwam: 'lwan', hmu: 'hmue',
  bone: 'bhone',
};

const PLAIN_LATIN = /^[a-z]+$/;

function fold(token: string, rules: readonly Rule[]): string {
  // An initial (J. Woo) stays the letter it is.
  if (token.length < 2 || !PLAIN_LATIN.test(token)) return token;
  let out = BURMESE_SPELLINGS[token] ?? token;
  for (const [pattern, replacement] of rules) out = out.replace(pattern, replacement);
  // Never fold a name away entirely.
  return out || token;
}

/** The folded form of one normalised token (see ./normalise), for comparison only. */
export const foldRomanisation: (token: string) => string = memoise((token) => fold(token, RULES));

const CONTEXT_FREE = RULES.filter((r) => r[3] !== 'contextual');

/**
 * The fold without the rules that depend on the end of the word or on the
 * letter that follows, for blocking keys: there a typing slip must not change
 * the first letters of the folded token (Rudi / Rud would fold to rudi / rut).
 */
export const foldForBlocking: (token: string) => string = memoise((token) => fold(token, CONTEXT_FREE));

/** The rules, for documentation and tests. */
export const ROMANISATION_RULES: readonly string[] = RULES.map((r) => r[2]);
