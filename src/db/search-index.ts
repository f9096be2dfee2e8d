import type { Sqlite } from './query';
import { prepare } from './query';
import type { PersonTable } from './schema';

/**
 * The person search index: one FTS5 trigram row per person holding every name
 * in every script, aliases, the case number, document numbers and phone. The
 * trigram tokenizer folds case and Latin diacritics; we fold what it does not
 * (Vietnamese đ) the same way on both sides.
 */

export function foldForSearch(text: string): string {
  return text.normalize('NFC').replace(/[đĐ]/g, 'd');
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

export interface SearchClause {
  /** FTS5 MATCH expression, or null when every term is too short for trigrams */
  match: string | null;
  /** LIKE patterns for terms under three characters (e.g. a two-character Chinese name) */
  likes: string[];
}

/**
 * Every whitespace-separated term must appear, in any order. Terms of three
 * or more characters use the trigram index; shorter ones fall back to LIKE.
 */
export function searchClause(query: string): SearchClause | null {
  const terms = foldForSearch(query)
    .trim()
    .split(/\s+/)
    .filter((t) => t.length > 0);
  if (terms.length === 0) return null;
  const long = terms.filter((t) => [...t].length >= 3);
  const short = terms.filter((t) => [...t].length < 3);
  return {
    match: long.length ? long.map((t) => `"${t.replace(/"/g, '""')}"`).join(' AND ') : null,
    likes: short.map((t) => `%${t.replace(/[\\%_]/g, (c) => `\\${c}`)}%`),
  };
}
