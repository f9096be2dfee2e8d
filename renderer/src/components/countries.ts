import { useMemo } from 'react';
import { COUNTRY_CODES } from '../../../src/domain/reference/countries';
import { countryName } from '../format';
import type { Option } from './Picker';

/** Every country for a Picker, named in the reader's language and findable by its English name or code. */
export function useCountryOptions(locale: string): Option[] {
  return useMemo(
    () =>
      [...COUNTRY_CODES]
        .map((c) => ({ value: c, label: countryName(c, locale), keywords: `${countryName(c, 'en')} ${c}` }))
        .sort((a, b) => a.label.localeCompare(b.label, locale)),
    [locale],
  );
}
