/** Display helpers shared by the screens. */

export function latinName(p: { familyName: string | null; givenNames: string | null }): string {
  return [p.familyName, p.givenNames].filter(Boolean).join(' ');
}

export function displayName(p: { familyName: string | null; givenNames: string | null; nativeName: string | null }): string {
  return latinName(p) || p.nativeName || '—';
}

const regionNames = new Map<string, Intl.DisplayNames>();

/** The country's name in the reader's language; '—' when there is none. */
export function countryLabel(code: string | null, locale: string): string {
  return code ? countryName(code, locale) : '—';
}

export function countryName(code: string, locale: string): string {
  let names = regionNames.get(locale);
  if (!names) {
    names = new Intl.DisplayNames([locale, 'en'], { type: 'region', fallback: 'code' });
    regionNames.set(locale, names);
  }
  return names.of(code) ?? code;
}

export function languageLabel(code: string, locale: string): string {
  try {
    const name = new Intl.DisplayNames([locale, 'en'], { type: 'language', fallback: 'code' }).of(code);
    return name ?? code;
  } catch {
    return code;
  }
}

export function formatDate(iso: string | null, locale: string): string {
  if (!iso) return '—';
  if (iso.length <= 7) return iso;
  return new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso).toLocaleDateString(locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
}

/** A moment's calendar day where the reader is, compact enough for a table cell. */
export function formatDay(iso: string, locale: string): string {
  return new Date(iso).toLocaleDateString(locale, { year: '2-digit', month: '2-digit', day: '2-digit' });
}

export function formatDateTime(iso: string, locale: string): string {
  return new Date(iso).toLocaleString(locale, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}
