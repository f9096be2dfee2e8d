/**
 * Languages a coordinator may record for a person (ISO 639-1 where one
 * exists, else ISO 639-3). The list covers the people seen in the compounds;
 * names come from the runtime's ICU data in every UI language.
 */
export const LANGUAGE_CODES = [
  'en', 'th', 'my', 'zh', 'yue', 'vi', 'id', 'ms', 'tl', 'ceb', 'km', 'lo', 'shn', 'ksw', 'mnw', 'kac',
  'hi', 'ur', 'bn', 'ne', 'si', 'ta', 'te', 'ml', 'pa', 'ja', 'ko', 'ru', 'uk', 'kk', 'uz', 'tr', 'ar', 'fa',
  'am', 'ti', 'om', 'so', 'sw', 'lg', 'rw', 'yo', 'ha', 'ig', 'fr', 'es', 'pt', 'de',
] as const;

export type LanguageCode = (typeof LANGUAGE_CODES)[number];

const codeSet = new Set<string>(LANGUAGE_CODES);

export function isLanguageCode(code: string): code is LanguageCode {
  return codeSet.has(code);
}

/** Languages ICU has no name for; given as they call themselves and in English. */
const UNNAMED_BY_ICU: Record<string, string> = {
  ksw: "S'gaw Karen",
  mnw: 'Mon',
  kac: 'Kachin',
};

export function languageName(code: string, locale = 'en'): string {
  const name = new Intl.DisplayNames([locale, 'en'], { type: 'language', fallback: 'code' }).of(code);
  return name && name !== code ? name : (UNNAMED_BY_ICU[code] ?? code);
}
