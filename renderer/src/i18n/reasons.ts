import type { MessageKey } from './en';
import type { Params, Translate } from './translate';

/**
 * The matcher explains a likely duplicate in short English phrases
 * (src/domain/matching/score.ts): "same birth date", "name 0.93 similar, one
 * letter different (budu / budi)". These patterns turn the known phrases into
 * the reader's language; an unknown phrase is shown as the engine wrote it.
 */
const PATTERNS: [RegExp, MessageKey, (m: RegExpMatchArray) => Params][] = [
  [/^same passport number$/, 'reason.samePassport', () => ({})],
  [/^same national ID number$/, 'reason.sameNationalId', () => ({})],
  [/^same document number$/, 'reason.sameDocument', () => ({})],
  [/^different passport numbers$/, 'reason.differentPassports', () => ({})],
  [/^different national ID numbers$/, 'reason.differentNationalIds', () => ({})],
  [/^same phone number$/, 'reason.samePhone', () => ({})],
  [/^same name$/, 'reason.sameName', () => ({})],
  [/^same alias$/, 'reason.sameAlias', () => ({})],
  [/^name ([\d.]+) similar$/, 'reason.nameSimilar', (m) => ({ percent: percent(m[1]) })],
  [/^alias ([\d.]+) similar$/, 'reason.aliasSimilar', (m) => ({ percent: percent(m[1]) })],
  [/^common name: (\d+) (?:other )?(?:person|people)/, 'reason.commonName', (m) => ({ n: m[1]! })],
  [/^nobody else in the registry has this name$/, 'reason.uniqueName', () => ({})],
  [/^nobody else in the registry has this alias$/, 'reason.uniqueAlias', () => ({})],
  [/^common alias: (\d+) (?:other )?(?:person|people)/, 'reason.commonAlias', (m) => ({ n: m[1]! })],
  [/^different Chinese characters \((.*)\)$/, 'reason.differentHanzi', (m) => ({ pair: m[1]! })],
  [/^same birth date$/, 'reason.sameBirthDate', () => ({})],
  [/^same birth date, day and month swapped$/, 'reason.swappedBirthDate', () => ({})],
  [/^different birth dates$/, 'reason.differentBirthDates', () => ({})],
  [/^same birthday, year (\d+) years? apart$/, 'reason.sameBirthday', (m) => ({ n: m[1]! })],
  [/^same birth year \(age estimated\)$/, 'reason.sameBirthYearEstimated', () => ({})],
  [/^same birth year$/, 'reason.sameBirthYear', () => ({})],
  [/^born within (\d+) years? \(age estimated\)$/, 'reason.bornWithinEstimated', (m) => ({ n: m[1]! })],
  [/^born within (\d+) years?$/, 'reason.bornWithin', (m) => ({ n: m[1]! })],
  [/^born (\d+) years? apart$/, 'reason.bornApart', (m) => ({ n: m[1]! })],
  [/^same birth year and month$/, 'reason.sameBirthMonth', () => ({})],
  [/^same birth month, year (\d+) years? apart$/, 'reason.sameBirthMonthApart', (m) => ({ n: m[1]! })],
  [/^different rescue operations$/, 'reason.differentOperations', () => ({})],
  [/^no language in common \((.*)\)$/, 'reason.noCommonLanguage', (m) => ({ languages: m[1]! })],
  [/^different phone numbers$/, 'reason.differentPhones', () => ({})],
  [/^same nationality$/, 'reason.sameNationality', () => ({})],
  [/^different nationality$/, 'reason.differentNationality', () => ({})],
  [/^different sex$/, 'reason.differentSex', () => ({})],
  [/^same rescue operation$/, 'reason.sameOperation', () => ({})],
  [/^same rescue operation \((\d+) (?:[A-Z]{2} )?people registered from it\)$/, 'reason.sameOperationSized', (m) => ({ n: m[1]! })],
  [/^rescued at the same site within 2 days$/, 'reason.sameSiteAndDay', () => ({})],
];

const percent = (s: string | undefined) => Math.round(Number(s) * 100);

export interface ReasonText {
  text: string;
  /** false when the engine's English phrase is shown as it came */
  translated: boolean;
}

/** Phrases the matcher appends to another: "…, one letter different (budu / budi)". */
const SUFFIXES: [RegExp, MessageKey, (m: RegExpMatchArray) => Params][] = [
  [/^(.*), one letter different \((.*)\)$/, 'reason.oneLetter', (m) => ({ pair: m[2]! })],
  [/^(.*); only the alias (.*) in common$/, 'reason.onlyAlias', (m) => ({ alias: m[2]! })],
  [/^(.*), different birth dates$/, 'reason.differentBirthDates', () => ({})],
];

/** One reason in the reader's language. */
export function reasonText(t: Translate, reason: string): ReasonText {
  for (const [pattern, key, params] of PATTERNS) {
    const m = reason.match(pattern);
    if (m) return { text: t(key, params(m)), translated: true };
  }
  for (const [pattern, key, params] of SUFFIXES) {
    const m = reason.match(pattern);
    if (!m) continue;
    const head = reasonText(t, m[1]!);
    return head.translated ? { text: `${head.text}${t('reason.join')}${t(key, params(m))}`, translated: true } : { text: reason, translated: false };
  }
  return { text: reason, translated: false };
}

/** A score between 0 and 1 as a whole percentage. */
export const scorePercent = (score: number): number => Math.round(score * 100);
