import type { ConflictView } from '../../../../src/api/sync-views';
import { identityDocumentSchema, personPatchSchema } from '../../../../src/domain/person';
import { countryLabel } from '../../format';
import type { Translate } from '../../i18n';
import { validationText } from '../../i18n/messages';

/** How a conflict's stored values read for a coordinator: the same words the person page uses. */

const camel = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

type Dynamic = (key: string, params?: Record<string, string | number>, fallback?: string) => string;

/** The field's label; a document's fields say they belong to a document. */
export function fieldLabel(t: Translate, tDynamic: Dynamic, c: Pick<ConflictView, 'table' | 'field' | 'kind'>): string {
  if (!c.field) return t(`conflict.kind.${c.kind}`);
  const label = tDynamic(`field.${camel(c.field)}`, undefined, c.field);
  return c.table === 'identity_document' ? `${t('conflict.document')} · ${label}` : label;
}

const COUNTRY_FIELDS = new Set(['claimed_nationality', 'confirmed_nationality', 'issuing_country']);

/** One stored value as words: countries by name, sex and stage in the reader's language, aliases as a list. */
export function valueText(t: Translate, tDynamic: Dynamic, locale: string, field: string | null, value: unknown): string {
  if (value === null || value === undefined || value === '') return t('conflict.empty');
  if (field && COUNTRY_FIELDS.has(field) && typeof value === 'string') return countryLabel(value, locale);
  if (field === 'sex' && typeof value === 'string') return tDynamic(`sex.${value}`, undefined, value);
  if (field === 'stage' && typeof value === 'string') return tDynamic(`stage.${value}`, undefined, value);
  if (field === 'type' && typeof value === 'string') return tDynamic(`doctype.${value}`, undefined, value);
  if (field === 'aliases') {
    const list = typeof value === 'string' ? safeList(value) : Array.isArray(value) ? value : null;
    if (list) return list.length ? list.join(', ') : t('conflict.empty');
  }
  return typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
}

function safeList(text: string): unknown[] | null {
  try {
    const v = JSON.parse(text) as unknown;
    return Array.isArray(v) ? v : null;
  } catch {
    return null;
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Which of the two values the field holds now: 'winner', 'loser', or null when a later edit changed it again. */
export function appliedSide(c: ConflictView): 'winner' | 'loser' | null {
  if (same(c.currentValue, c.winnerValue)) return 'winner';
  if (same(c.currentValue, c.loserValue)) return 'loser';
  return null;
}

/** When a value was written, to the second: two offices' edits are often minutes apart. */
export function momentText(iso: string, locale: string): string {
  return new Date(iso).toLocaleString(locale, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** What the editor offers for a field: a choice, a country, a number or text. */
export type Editor = 'sex' | 'doctype' | 'country' | 'number' | 'text';

export function editorFor(field: string): Editor {
  if (field === 'sex') return 'sex';
  if (field === 'type') return 'doctype';
  if (COUNTRY_FIELDS.has(field)) return 'country';
  if (field === 'estimated_age') return 'number';
  return 'text';
}

/** The stored value as the editor starts with it. */
export function editorText(field: string, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (field === 'aliases' && typeof value === 'string') return (safeList(value) ?? []).join(', ');
  return String(value);
}

/**
 * A typed value checked by the domain's own schema (the one intake uses),
 * turned into what the column stores. Returns the value, or the reason it
 * cannot be used in the reader's language.
 */
export function parseTyped(t: Translate, table: string, field: string, text: string): { ok: true; value: string | number | null } | { ok: false; message: string } {
  const key = camel(field);
  const raw: unknown =
    field === 'aliases'
      ? text.split(',').map((s) => s.trim()).filter(Boolean)
      : field === 'estimated_age'
        ? text.trim() === ''
          ? null
          : Number(text)
        : text.trim() === ''
          ? null
          : text;
  const check =
    table === 'identity_document'
      ? (identityDocumentSchema.shape as Record<string, { safeParse: (v: unknown) => { success: boolean; data?: unknown; error?: { issues: { message: string; code?: string }[] } } }>)[key]?.safeParse(raw)
      : personPatchSchema.safeParse({ [key]: raw });
  if (!check) return { ok: true, value: raw as string | number | null };
  if (!check.success) {
    const issue = check.error?.issues[0];
    return { ok: false, message: validationText(t, issue?.message ?? '', issue?.code) };
  }
  const parsed = table === 'identity_document' ? check.data : (check.data as Record<string, unknown>)[key];
  // The person table keeps aliases as JSON text.
  if (field === 'aliases') return { ok: true, value: JSON.stringify(parsed ?? []) };
  return { ok: true, value: (parsed ?? null) as string | number | null };
}
