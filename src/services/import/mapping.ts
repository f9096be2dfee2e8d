/**
 * A column mapping: which column of a list fills which intake field, plus the
 * values every row shares that the list itself does not say (the rescue site
 * and date of a militia's handover list, for instance).
 *
 * A mapping is proposed from the headers (./headers), corrected by the
 * coordinator, and may be saved under a name ("DKBA handover lists") for the
 * next list from the same source. A saved mapping finds its columns by header
 * text, so a list with the columns in another order still maps.
 */
import { z } from 'zod';
import { countryCode } from '../../domain/person';
import { foldKey } from './text';
import { IMPORT_FIELDS, mapHeaders, type ImportField } from './headers';

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .optional()
    .transform((s) => (s ? s : null));

export const importMappingSchema = z
  .object({
    /** One entry per column of the list, left to right; field null = not imported. */
    columns: z
      .array(z.object({ header: z.string().max(500), field: z.enum(IMPORT_FIELDS).nullable() }).strict())
      .max(500),
    /** 0-based index, among the file's rows, of the header row (a title line may sit above it). */
    headerRow: z.number().int().min(0).max(50).default(0),
    /** How to split a whole name in one cell. */
    nameOrder: z.enum(['auto', 'family_first', 'given_first']).default('auto'),
    /** Values for every row, used where the row's own cell is empty or there is no such column. */
    defaults: z
      .object({
        rescueDate: z.iso.date({ error: 'The default rescue date must be a date (YYYY-MM-DD).' }).nullable().optional(),
        rescueSite: text(200),
        rescueOperation: text(200),
        rescueGroup: text(200),
        claimedNationality: countryCode.nullable().optional(),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .superRefine((m, ctx) => {
    const seen = new Map<ImportField, number>();
    m.columns.forEach((c, i) => {
      if (!c.field || c.field === 'notes' || c.field === 'aliases') return;
      const first = seen.get(c.field);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['columns', i, 'field'],
          message: `Columns ${first + 1} ("${m.columns[first]?.header}") and ${i + 1} ("${c.header}") both fill ${c.field}. Set one of them to "not imported".`,
        });
      } else seen.set(c.field, i);
    });
    if (!m.columns.some((c) => c.field && NAME_FIELDS.has(c.field))) {
      ctx.addIssue({
        code: 'custom',
        path: ['columns'],
        message: 'No column is mapped to a name. Map the name column (full name, family or given name, or name in native script).',
      });
    }
  });

export type ImportMapping = z.output<typeof importMappingSchema>;
export type ImportMappingInput = z.input<typeof importMappingSchema>;

const NAME_FIELDS = new Set<ImportField>(['fullName', 'familyName', 'givenNames', 'nativeName', 'aliases']);

/** The mapping proposed from a header row. */
export function suggestMapping(header: readonly string[], headerRow = 0): ImportMapping {
  const guess = mapHeaders(header);
  const byColumn = new Map(guess.columns.map((c) => [c.column, c.field]));
  return {
    columns: header.map((h, i) => ({ header: h, field: byColumn.get(i) ?? null })),
    headerRow,
    nameOrder: 'auto',
    defaults: { rescueSite: null, rescueOperation: null, rescueGroup: null },
  };
}

/**
 * A saved mapping laid over a new list's header: each column takes the field
 * the saved mapping gave a column with the same header (compared folded);
 * columns the saved mapping does not know keep the automatic guess, and the
 * saved defaults and name order carry over.
 */
export function adaptMapping(saved: ImportMapping, header: readonly string[], headerRow = saved.headerRow): ImportMapping {
  const known = new Map<string, ImportField | null>();
  for (const c of saved.columns) {
    const key = foldKey(c.header);
    if (key && !known.has(key)) known.set(key, c.field);
  }
  const fresh = suggestMapping(header, headerRow);
  const taken = new Set<ImportField>();
  const columns = header.map((h, i) => {
    const key = foldKey(h);
    const field = known.has(key) ? (known.get(key) ?? null) : (fresh.columns[i]?.field ?? null);
    return { header: h, field };
  });
  // A guessed field must not collide with one the saved mapping placed.
  for (const c of columns) {
    if (!c.field || c.field === 'notes' || c.field === 'aliases') continue;
    if (taken.has(c.field)) c.field = null;
    else taken.add(c.field);
  }
  return { columns, headerRow, nameOrder: saved.nameOrder, defaults: saved.defaults };
}

/** Which header row is likely: the first of the top rows that maps the most columns (title lines above it do not). */
export function guessHeaderRow(rows: readonly (readonly string[])[]): number {
  let best = 0;
  let bestScore = -1;
  for (let i = 0; i < Math.min(rows.length, 10); i++) {
    const row = rows[i] ?? [];
    if (row.every((c) => c.trim() === '')) continue;
    const score = mapHeaders(row).columns.length;
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
    if (score >= 3) break;
  }
  return best;
}
