import type { Sqlite } from './query';
import { prepare } from './query';
import type { PersonTable } from './schema';

/**
 * The person search index: one FTS5 trigram row per person holding every name
 * in every script, aliases, the case number, document numbers and phone.
 * Index text and queries are folded the same way: Latin diacritics removed
 * (Nguyễn → Nguyen, Đ → D) while the marks of Thai, Burmese, Khmer and Lao,
 * which are letters of those scripts, stay; case is folded by the tokenizer.
 */

export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC')
    .replace(/[đĐ]/g, 'd');
}

type Searchable = Pick<PersonTable, 'case_number' | 'family_name' | 'given_names' | 'native_name' | 'aliases' | 'phone'>;

export function personSearchText(person: Searchable, documentNumbers: readonly (string | null)[]): string {
  const aliases = JSON.parse(person.aliases) as string[];
  const parts = [
    person.case_number,
    person.family_name,
    person.given_names,
    person.native_name,
    ...aliases,
    ...documentNumbers,
    person.phone?.replace(/[^0-9+]/g, ''),
  ];
  return foldForSearch(parts.filter((p): p is string => !!p).join(' \u2502 '));
}

export function reindexPerson(db: Sqlite, personId: string): void {
  const person = prepare(db, 'SELECT rowid, case_number, family_name, given_names, native_name, aliases, phone, deleted FROM person WHERE id = ?').get(
    personId,
  ) as (Searchable & { rowid: number; deleted: number }) | undefined;
  if (!person) return;
  prepare(db, 'DELETE FROM person_search WHERE rowid = ?').run(person.rowid);
  if (person.deleted) return;
  const docs = prepare(db, 'SELECT number FROM identity_document WHERE person_id = ? AND deleted = 0').all(personId) as { number: string | null }[];
  prepare(db, 'INSERT INTO person_search (rowid, text) VALUES (?, ?)').run(person.rowid, personSearchText(person, docs.map((d) => d.number)));
}

/**
 * LIKE patterns, one per whitespace-separated term, all of which must match
 * (in any order). SQLite answers a LIKE on the trigram table from the index
 * when the term has three or more characters, and scans for shorter ones
 * (a two-character Chinese name). LIKE's own wildcards in the query are
 * treated as spaces: an ESCAPE clause would switch the index off.
 */
export function searchPatterns(query: string): string[] {
  return foldForSearch(query)
    .replace(/[%_]/g, ' ')
    .trim()
    .split(/\s+/)
    .filter((t) => t.length > 0)
    .map((t) => `%${t}%`);
}
