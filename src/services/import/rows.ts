/**
 * One row of a list, through its column mapping, to an intake record — or to
 * the reasons it cannot be one. Every value goes through the same parsers the
 * preview shows, and the finished record through the same schema as the intake
 * form, so an imported person is held to the rules of a typed one.
 */
import { languageName, LANGUAGE_CODES } from '../../domain/reference/languages';
import { personInputSchema, type IdentityDocumentInput, type PersonData, type PersonInput } from '../../domain/person';
import { stripNeutralisingQuote } from './formula';
import type { ImportField } from './headers';
import type { ImportMapping } from './mapping';
import { splitFullName } from './names';
import { quote } from './result';
import { cleanCell, foldKey } from './text';
import { parseAge, parseDate, parseDocumentNumber, parseNationality, parsePhone, parseSex } from './values';

export interface RowProblem {
  /** the field whose value is wrong; 'name' when the row has no name at all */
  field: ImportField | 'name' | 'row';
  /** 0-based column of the cell, when one cell is to blame */
  column: number | null;
  reason: string;
}

export interface MappedRow {
  /** the validated record, or null when the row has a problem */
  data: PersonData | null;
  /** the text of the notes column(s), to become a case note */
  note: string | null;
  problems: RowProblem[];
  /** conversions worth showing beside the value ("converted from BE 2568") */
  remarks: string[];
}

const NATIVE = /[\p{Script=Thai}\p{Script=Han}\p{Script=Myanmar}\p{Script=Khmer}\p{Script=Lao}\p{Script=Hangul}]/u;

/** Person fields of the intake schema to the import field a problem is reported on. */
const SCHEMA_FIELD: Record<string, ImportField | 'name'> = {
  familyName: 'familyName',
  givenNames: 'name',
  nativeName: 'nativeName',
  aliases: 'aliases',
  sex: 'sex',
  birthDate: 'birthDate',
  estimatedAge: 'age',
  claimedNationality: 'claimedNationality',
  languages: 'languages',
  phone: 'phone',
  documents: 'passportNumber',
  rescueDate: 'rescueDate',
  rescueSite: 'rescueSite',
  rescueOperation: 'rescueOperation',
  rescueGroup: 'rescueGroup',
};

/** Column indexes per field (notes and aliases may come from several columns). */
export type FieldColumns = Partial<Record<ImportField, number[]>>;

export function fieldColumns(mapping: ImportMapping): FieldColumns {
  const out: FieldColumns = {};
  mapping.columns.forEach((c, i) => {
    if (c.field) (out[c.field] ??= []).push(i);
  });
  return out;
}

export function mapRow(cells: readonly string[], mapping: ImportMapping, columns: FieldColumns = fieldColumns(mapping)): MappedRow {
  const problems: RowProblem[] = [];
  const remarks: string[] = [];
  const cellOf = (field: ImportField): { value: string; column: number | null } => {
    for (const c of columns[field] ?? []) {
      const value = stripNeutralisingQuote(cells[c] ?? '').trim();
      if (value !== '') return { value, column: c };
    }
    return { value: '', column: null };
  };
  const all = (field: ImportField) =>
    (columns[field] ?? []).map((c) => stripNeutralisingQuote(cells[c] ?? '').trim()).filter((v) => v !== '');
  function parsed<T>(field: ImportField, parse: (s: string) => { ok: true; value: T; note?: string } | { ok: false; reason: string }): T | null {
    const { value, column } = cellOf(field);
    if (value === '') return null;
    const r = parse(value);
    if (!r.ok) {
      problems.push({ field, column, reason: r.reason });
      return null;
    }
    if (r.note) remarks.push(`${field}: ${r.note}`);
    return r.value;
  }

  const nationality = parsed('claimedNationality', parseNationality) ?? mapping.defaults.claimedNationality ?? null;

  // Names: separate columns win; a whole-name column fills what they leave empty.
  let familyName: string | null = text(cellOf('familyName').value);
  let givenNames: string | null = text(cellOf('givenNames').value);
  let nativeName: string | null = text(cellOf('nativeName').value);
  const full = cellOf('fullName').value;
  if (full) {
    const split = splitFullName(full, nationality, mapping.nameOrder);
    if (!familyName && !givenNames) {
      familyName = split.familyName;
      givenNames = split.givenNames;
      if (split.note && (split.familyName || split.givenNames)) remarks.push(`name: ${split.note}`);
    }
    if (!nativeName) nativeName = split.nativeName;
  }
  // A name in its own script typed into a Latin-name column belongs in the native-name field.
  for (const which of ['family', 'given'] as const) {
    const value = which === 'family' ? familyName : givenNames;
    if (value && NATIVE.test(value) && !/\p{Script=Latin}/u.test(value)) {
      nativeName = nativeName ? `${nativeName} ${value}` : value;
      if (which === 'family') familyName = null;
      else givenNames = null;
    }
  }
  const aliases = all('aliases').flatMap((v) => v.split(/\s*[,;/、，；]\s*/)).filter(Boolean);

  const sex = parsed('sex', parseSex) ?? 'unknown';
  const birthDate = parsed('birthDate', (s) => {
    const r = parseDate(s, 'birthDate');
    return r.ok && r.value && r.buddhistEraYear ? { ...r, note: r.note ?? `converted from Buddhist Era ${r.buddhistEraYear}` } : r;
  });
  let estimatedAge = parsed('age', parseAge);
  if (birthDate && estimatedAge !== null) {
    remarks.push(`age: ${estimatedAge} not kept, the birth date is`);
    estimatedAge = null;
  }

  const documents: IdentityDocumentInput[] = [];
  const passport = parsed('passportNumber', parseDocumentNumber);
  if (passport) documents.push({ type: 'passport', number: passport, issuingCountry: nationality, holder: 'unknown' });
  const idNumber = parsed('documentNumber', parseDocumentNumber);
  if (idNumber) documents.push({ type: 'national_id', number: idNumber, issuingCountry: nationality, holder: 'unknown' });

  const rescueDate =
    parsed('rescueDate', (s) => {
      const r = parseDate(s, 'rescueDate');
      if (r.ok && r.value && r.value.length !== 10) return { ok: false as const, reason: `${quote(s)}: a rescue date needs the day, month and year.` };
      return r;
    }) ??
    mapping.defaults.rescueDate ??
    null;
  const languages = parsed('languages', parseLanguages) ?? [];

  const input: PersonInput = {
    familyName,
    givenNames,
    nativeName,
    aliases,
    sex,
    birthDate,
    estimatedAge,
    claimedNationality: nationality,
    languages,
    phone: parsed('phone', parsePhone),
    documents,
    rescueDate,
    rescueSite: text(cellOf('rescueSite').value) ?? mapping.defaults.rescueSite ?? null,
    rescueOperation: text(cellOf('rescueOperation').value) ?? mapping.defaults.rescueOperation ?? null,
    rescueGroup: text(cellOf('rescueGroup').value) ?? mapping.defaults.rescueGroup ?? null,
  };
  const notes = all('notes');
  const note = notes.length ? notes.join('\n') : null;
  if (problems.length) return { data: null, note, problems, remarks };

  const result = personInputSchema.safeParse(input);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const key = String(issue.path[0] ?? '');
      const field = SCHEMA_FIELD[key] ?? 'row';
      const column = field === 'name' || field === 'row' ? null : (cellOf(field).column ?? null);
      problems.push({ field, column, reason: issue.message });
    }
    return { data: null, note, problems, remarks };
  }
  return { data: result.data, note, problems, remarks };
}

const text = (s: string): string | null => {
  const t = s.replace(/\s+/g, ' ').trim();
  return t === '' ? null : t;
};

let languageTable: Map<string, string> | null = null;

function languageLookup(): Map<string, string> {
  const map = new Map<string, string>();
  const put = (name: string, code: string) => {
    const key = foldKey(name);
    if (key && !map.has(key)) map.set(key, code);
  };
  for (const code of LANGUAGE_CODES) {
    put(code, code);
    for (const locale of ['en', 'th', 'zh', 'vi', code]) put(languageName(code, locale), code);
  }
  // How lists write them besides their names in the UI languages.
  for (const [name, code] of [
    ['burmese', 'my'], ['myanmar', 'my'], ['พม่า', 'my'], ['ภาษาพม่า', 'my'], ['缅甸语', 'my'], ['mandarin', 'zh'], ['chinese', 'zh'], ['จีน', 'zh'],
    ['普通话', 'zh'], ['cantonese', 'yue'], ['thai', 'th'], ['ไทย', 'th'], ['vietnamese', 'vi'], ['เวียดนาม', 'vi'], ['karen', 'ksw'], ['shan', 'shn'],
    ['mon', 'mnw'], ['kachin', 'kac'], ['bahasa', 'id'], ['indonesian', 'id'], ['malay', 'ms'], ['filipino', 'tl'], ['tagalog', 'tl'], ['khmer', 'km'],
    ['cambodian', 'km'], ['lao', 'lo'], ['laotian', 'lo'], ['english', 'en'], ['อังกฤษ', 'en'], ['英语', 'en'],
  ] as const) {
    put(name, code);
  }
  return map;
}

/** "Burmese, Thai" / "缅甸语、泰语" / "my;th" to language codes; an unknown name is refused by name. */
export function parseLanguages(cell: string): { ok: true; value: string[] } | { ok: false; reason: string } {
  languageTable ??= languageLookup();
  const parts = cleanCell(cell)
    .split(/\s*(?:[,;/、，；+&]|\band\b|และ)\s*/)
    .filter(Boolean);
  const codes: string[] = [];
  for (const part of parts) {
    const key = foldKey(part);
    const code = languageTable.get(key) ?? languageTable.get(key.replace(/^(ภาษา|tiếng|tieng)/, '')) ?? languageTable.get(key.replace(/(语|語|文)$/, ''));
    if (!code) return { ok: false, reason: `${quote(part)} is not a language Homeward knows. Write it in English (Burmese, Thai, Chinese) or leave the cell empty.` };
    codes.push(code);
  }
  return { ok: true, value: [...new Set(codes)] };
}
