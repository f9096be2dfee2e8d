import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { translator, type Language, type Params, type Translate } from './translate';

export type { Language, Params, Translate } from './translate';

/** Each language's own name, as its readers would look for it. */
export const LANGUAGES: { code: Language; name: string; locale: string }[] = [
  { code: 'en', name: 'English', locale: 'en' },
  { code: 'th', name: 'ไทย', locale: 'th' },
  { code: 'zh', name: '中文', locale: 'zh-Hans' },
  { code: 'my', name: 'မြန်မာ', locale: 'my' },
  { code: 'vi', name: 'Tiếng Việt', locale: 'vi' },
];

const STORAGE_KEY = 'homeward.language';

interface I18n {
  language: Language;
  locale: string;
  setLanguage: (language: Language) => void;
  t: Translate;
  /** translate a key that is built at run time (rule ids, field names); falls back to `fallback` */
  tDynamic: (key: string, params?: Params, fallback?: string) => string;
}

const Context = createContext<I18n | null>(null);

const isLanguage = (code: string | null | undefined): code is Language => LANGUAGES.some((l) => l.code === code);

/** The choice made here before, else the system's language when Homeward speaks it, else English. */
function initialLanguage(): Language {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (isLanguage(saved)) return saved;
  const system = navigator.languages.map((l) => l.slice(0, 2).toLowerCase()).find(isLanguage);
  return system ?? 'en';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  const setLanguage = useCallback((next: Language) => {
    localStorage.setItem(STORAGE_KEY, next);
    setLanguageState(next);
  }, []);
  const value = useMemo<I18n>(() => {
    const locale = LANGUAGES.find((l) => l.code === language)!.locale;
    document.documentElement.lang = locale;
    return { language, locale, setLanguage, ...translator(language) };
  }, [language, setLanguage]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(Context);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
