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
import { ERROR_COLUMNS } from './error-columns';
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

/** Fields more than one column may fill. */
const MULTI_FIELDS = new Set<ImportField>(['notes', 'aliases']);

export interface AdaptedMapping {
  mapping: ImportMapping;
  /** 0-based index of the header row found in this file (also in mapping.headerRow). */
  headerRow: number;
  /**
   * Columns of this file that the saved mapping does not name and that take no
   * field: they are not imported, and the coordinator should be told (a new
   * column may hold something that matters). Blank headers and the columns
   * Homeward adds to its error files are not listed.
   */
  unmatched: { column: number; header: string }[];
  /** Columns the saved mapping does not name that took a guessed field still free: worth a look in the preview. */
  guessed: { column: number; header: string; field: ImportField }[];
  /** Saved columns with a field that this file does not have (renamed or dropped): their fields stay empty. */
  missing: { header: string; field: ImportField }[];
}

/**
 * A saved mapping laid over a new list's header. A column whose header the
 * saved mapping names (compared folded) takes the saved field, whatever its
 * position: saved "Pax → full name" stays on Pax when a "Name of officer"
 * column appears before it. A new column takes its guessed field only when
 * that field is still free (never a name when the saved mapping already has
 * the name); otherwise it takes nothing and is listed as unmatched. The saved
 * defaults and name order carry over.
 */
export function adaptMapping(saved: ImportMapping, header: readonly string[], headerRow = saved.headerRow): ImportMapping {
  return layOver(saved, header, headerRow).mapping;
}

/**
 * A saved mapping for a new file, header row included: the saved header row
 * is kept only when it holds the saved headers in this file; otherwise the
 * row holding most of them is taken (a title line added or removed above the
 * header), and failing that the row the headers suggest. An explicit
 * `headerRow` (the coordinator chose it) wins.
 */
export function adaptSavedMapping(saved: ImportMapping, rows: readonly (readonly string[])[], headerRow?: number): AdaptedMapping {
  const row = headerRow ?? findSavedHeaderRow(saved, rows);
  return layOver(saved, headerCells(rows, row), row);
}

/** The mapping a file opens with: the saved one laid over it, or one proposed from its headers. */
export function proposeMapping(rows: readonly (readonly string[])[], saved?: ImportMapping | null, headerRow?: number): AdaptedMapping {
  if (saved) return adaptSavedMapping(saved, rows, headerRow);
  const row = headerRow ?? guessHeaderRow(rows);
  return { mapping: suggestMapping(headerCells(rows, row), row), headerRow: row, unmatched: [], guessed: [], missing: [] };
}

/** The header row's cells, as many as the widest row so every column can be mapped (as the import session reads it). */
function headerCells(rows: readonly (readonly string[])[], headerRow: number): string[] {
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  const row = rows[headerRow] ?? [];
  return Array.from({ length: width }, (_, i) => row[i] ?? '');
}

/** The row (among the first 51, as the mapping allows) holding most saved headers; the saved row on a tie. */
function findSavedHeaderRow(saved: ImportMapping, rows: readonly (readonly string[])[]): number {
  const wanted = new Map<string, number>();
  for (const c of saved.columns) {
    const key = foldKey(c.header);
    if (key) wanted.set(key, (wanted.get(key) ?? 0) + 1);
  }
  const score = (i: number) => {
    const left = new Map(wanted);
    let found = 0;
    for (const cell of rows[i] ?? []) {
      const key = foldKey(cell);
      const n = left.get(key) ?? 0;
      if (n > 0) {
        left.set(key, n - 1);
        found++;
      }
    }
    return found;
  };
  let best = saved.headerRow;
  let bestScore = score(best);
  for (let i = 0; i < Math.min(rows.length, 51); i++) {
    const s = score(i);
    if (s > bestScore) {
      best = i;
      bestScore = s;
    }
  }
  return bestScore > 0 ? best : guessHeaderRow(rows);
}

function layOver(saved: ImportMapping, header: readonly string[], headerRow: number): AdaptedMapping {
  // Saved columns by folded header, in column order, so two "Phone" columns keep their own fields.
  const byHeader = new Map<string, number[]>();
  saved.columns.forEach((c, s) => {
    const key = foldKey(c.header);
    if (key) byHeader.set(key, [...(byHeader.get(key) ?? []), s]);
  });
  const fields: (ImportField | null)[] = header.map(() => null);
  const known: boolean[] = header.map(() => false);
  const used = new Set<number>();
  const taken = new Set<ImportField>();
  header.forEach((h, i) => {
    const s = byHeader.get(foldKey(h))?.shift();
    if (s === undefined) return;
    used.add(s);
    known[i] = true;
    const field = saved.columns[s]?.field ?? null;
    if (field && !MULTI_FIELDS.has(field)) {
      if (taken.has(field)) return;
      taken.add(field);
    }
    fields[i] = field;
  });

  // Guesses for the new columns only: a column the saved mapping leaves out stays out.
  const hasName = fields.some((f) => f !== null && NAME_FIELDS.has(f));
  const guess = mapHeaders(header.map((h, i) => (known[i] ? '' : h)));
  const guessed: AdaptedMapping['guessed'] = [];
  const unmatched: AdaptedMapping['unmatched'] = [];
  header.forEach((h, i) => {
    if (known[i]) return;
    const g = guess.columns.find((c) => c.column === i);
    const field = g?.field ?? null;
    // The saved mapping knows where the name is: a new "… name" column is someone else's until the coordinator says otherwise.
    const nameClash = hasName && field !== null && NAME_FIELDS.has(field) && !((field === 'nativeName' || field === 'aliases') && g?.confidence === 1);
    const free = field !== null && (MULTI_FIELDS.has(field) || !taken.has(field)) && !nameClash;
    if (field && free) {
      fields[i] = field;
      if (!MULTI_FIELDS.has(field)) taken.add(field);
      guessed.push({ column: i, header: h, field });
    } else if (foldKey(h) !== '' && !ERROR_FILE_COLUMNS.has(foldKey(h))) {
      unmatched.push({ column: i, header: h });
    }
  });

  // A saved column this file lacks, whose field no other column fills now.
  const missing: AdaptedMapping['missing'] = [];
  saved.columns.forEach((c, s) => {
    if (c.field && !used.has(s) && (MULTI_FIELDS.has(c.field) || !taken.has(c.field))) missing.push({ header: c.header, field: c.field });
  });

  return {
    mapping: {
      columns: header.map((h, i) => ({ header: h, field: fields[i] ?? null })),
      headerRow,
      nameOrder: saved.nameOrder,
      defaults: saved.defaults,
    },
    headerRow,
    unmatched,
    guessed,
    missing,
  };
}

/** Columns Homeward adds to its error files ("Row in original file", "Problem to fix"): expected, never a person field. */
const ERROR_FILE_COLUMNS = new Set(Object.values(ERROR_COLUMNS).map(foldKey));

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
