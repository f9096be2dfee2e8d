import type { ImportFieldName, ImportMappingView } from '../../../../src/api/views';
import type { CallInput } from '../../../../src/api/contract';
import { IMPORT_FIELDS } from '../../../../src/services/import/headers';

export const FIELDS: readonly ImportFieldName[] = IMPORT_FIELDS;

/** Fields more than one column may fill (their cells are joined). */
const REPEATABLE = new Set<ImportFieldName>(['notes', 'aliases']);
const NAME_FIELDS = new Set<ImportFieldName>(['fullName', 'familyName', 'givenNames', 'nativeName', 'aliases']);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What the engine would refuse in a mapping, found here first so it can be said next to the control. */
export interface MappingProblems {
  /** columns whose field another column fills too */
  duplicateColumns: Set<number>;
  noName: boolean;
  badDate: boolean;
  any: boolean;
}

export function mappingProblems(m: ImportMappingView): MappingProblems {
  const byField = new Map<ImportFieldName, number[]>();
  m.columns.forEach((c, i) => {
    if (!c.field || REPEATABLE.has(c.field)) return;
    byField.set(c.field, [...(byField.get(c.field) ?? []), i]);
  });
  const duplicateColumns = new Set<number>();
  for (const columns of byField.values()) if (columns.length > 1) columns.forEach((c) => duplicateColumns.add(c));
  const noName = !m.columns.some((c) => c.field && NAME_FIELDS.has(c.field));
  const date = m.defaults.rescueDate?.trim();
  const badDate = !!date && !ISO_DATE.test(date);
  return { duplicateColumns, noName, badDate, any: duplicateColumns.size > 0 || noName || badDate };
}

const text = (s: string | null | undefined) => (s && s.trim() ? s.trim() : null);

/** The mapping as `import.map` and `import.saveMapping` take it: empty defaults as null. */
export function mappingInput(m: ImportMappingView): CallInput<'import.map'>['mapping'] {
  return {
    columns: m.columns.map((c) => ({ header: c.header, field: c.field })),
    headerRow: m.headerRow,
    nameOrder: m.nameOrder,
    defaults: {
      rescueDate: text(m.defaults.rescueDate),
      rescueSite: text(m.defaults.rescueSite),
      rescueOperation: text(m.defaults.rescueOperation),
      rescueGroup: text(m.defaults.rescueGroup),
      claimedNationality: text(m.defaults.claimedNationality),
    },
  };
}
