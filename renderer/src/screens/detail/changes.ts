import type { Params } from '../../i18n';
import { countryLabel, formatDate, languageLabel } from '../../format';

type Dynamic = (key: string, params?: Params, fallback?: string) => string;

/**
 * Turns the audit record of a `person.updated` event into readable rows. The
 * engine records database columns (snake_case); labels come from the
 * `field.<camelCase>` keys the intake form uses.
 */
export interface ChangeRow {
  field: string;
  before: string;
  after: string;
}

const camel = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const LABEL_ALIASES: Record<string, string> = { consentStatus: 'consent' };

export function fieldLabel(tDynamic: Dynamic, column: string): string {
  const name = LABEL_ALIASES[camel(column)] ?? camel(column);
  return tDynamic(`field.${name}`, undefined, tDynamic(`detail.field.${name}`, undefined, column));
}

/** Aliases and languages are stored as JSON text; show them as lists. */
function asList(value: unknown): unknown {
  if (typeof value === 'string' && value.startsWith('[')) {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  }
  return value;
}

function plain(tDynamic: Dynamic, locale: string, column: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length ? value.map((v) => plain(tDynamic, locale, column, v)).join(', ') : '—';
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (column === 'documents' && typeof v.type === 'string') {
      const holder = typeof v.holder === 'string' ? tDynamic(`holder.${v.holder}`, undefined, v.holder) : '';
      return [tDynamic(`doctype.${v.type}`, undefined, v.type), typeof v.number === 'string' ? v.number : null, holder ? `(${holder})` : null].filter(Boolean).join(' ');
    }
    return Object.values(v)
      .filter((x) => x !== null && x !== undefined && x !== '')
      .map(String)
      .join(' ');
  }
  const text = String(value);
  switch (camel(column)) {
    case 'sex':
      return tDynamic(`sex.${text}`, undefined, text);
    case 'consentStatus':
      return tDynamic(`consent.${text}`, undefined, text);
    case 'claimedNationality':
    case 'confirmedNationality':
    case 'issuingCountry':
      return countryLabel(text, locale);
    case 'languages':
      return languageLabel(text, locale);
    case 'indicators':
      return tDynamic(`indicator.${text}`, undefined, text);
    case 'vulnerabilities':
      return tDynamic(`vulnerability.${text}`, undefined, text);
    case 'birthDate':
    case 'rescueDate':
    case 'ageEstimatedOn':
    case 'expiry':
      return formatDate(text, locale);
    default:
      return text;
  }
}

export function changeRows(tDynamic: Dynamic, locale: string, before: unknown, after: unknown): ChangeRow[] {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const columns = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return columns.map((column) => ({
    field: fieldLabel(tDynamic, column),
    before: plain(tDynamic, locale, column, asList(b[column])),
    after: plain(tDynamic, locale, column, asList(a[column])),
  }));
}
