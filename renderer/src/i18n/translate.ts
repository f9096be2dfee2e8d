import { en, type MessageKey } from './en';
import { my } from './my';
import { EN_ONE } from './plural';
import { th } from './th';
import { vi } from './vi';
import { zh } from './zh';

export type Language = 'en' | 'th' | 'zh' | 'my' | 'vi';

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

const CATALOGS: Record<Language, Record<MessageKey, string>> = { en, th, zh, my, vi };

function interpolate(text: string, params?: Params): string {
  return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text;
}

/** The text of a key in one language: English's singular form when the count it names is 1 (see ./plural). */
function textOf(language: Language, key: MessageKey, params?: Params): string {
  if (language === 'en') {
    const one = EN_ONE[key];
    if (one && params && String(params[one[0]]) === '1') return one[1];
  }
  return CATALOGS[language][key] ?? en[key];
}

/**
 * The translation functions of one language: `t` for the catalog's keys,
 * `tDynamic` for a key built at run time (rule ids, field names), which falls
 * back to `fallback` when no catalog has it.
 */
export function translator(language: Language): { t: Translate; tDynamic: (key: string, params?: Params, fallback?: string) => string } {
  const catalog = CATALOGS[language] as Record<string, string>;
  return {
    t: (key, params) => interpolate(textOf(language, key, params), params),
    tDynamic: (key, params, fallback) => {
      const text = key in en ? textOf(language, key as MessageKey, params) : catalog[key];
      return text === undefined ? (fallback ?? key) : interpolate(text, params);
    },
  };
}
