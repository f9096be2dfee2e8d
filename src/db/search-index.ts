import { foldLatinDiacritics } from '../domain/text';
import type { PersonInHand } from './write-tx';
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

export const foldForSearch = foldLatinDiacritics;

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

const CJK_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/gu;

/**
 * The word index also gets every Chinese character and every pair of
 * neighbouring characters on its own: Chinese names have no spaces, so "伟",
 * "伟明" and "张伟" must each be a word start.
 */
export function wordIndexText(text: string): string {
  const extra: string[] = [];
  for (const run of text.match(CJK_RUN) ?? []) {
    const chars = [...run];
    chars.forEach((c, i) => {
      extra.push(c);
      if (i + 1 < chars.length) extra.push(c + chars[i + 1]);
    });
  }
  return extra.length ? `${text} ${extra.join(' ')}` : text;
}

/**
 * `inHand`: the row as this transaction inserted it, with its documents, so
 * they need not be read back, and nothing indexed before to take off.
 */
export function reindexPerson(db: Sqlite, personId: string, inHand?: PersonInHand): void {
  const fresh = inHand && searchableInHand(inHand);
  const person = fresh ?? storedSearchable(db, personId);
  if (!person) return;
  if (!fresh) {
    prepare(db, 'DELETE FROM person_search WHERE rowid = ?').run(person.rowid);
    prepare(db, 'DELETE FROM person_words WHERE rowid = ?').run(person.rowid);
  }
  if (person.deleted) return;
  // Case numbers of records merged into this one stay searchable here.
  const merged = prepare(db, "SELECT case_number FROM person WHERE merged_into = ? AND stage = 'merged' AND deleted = 0").all(personId) as { case_number: string }[];
  const text = [personSearchText(person, person.documents), ...merged.map((m) => m.case_number)].join(' ');
  prepare(db, 'INSERT INTO person_search (rowid, text) VALUES (?, ?)').run(person.rowid, text);
  prepare(db, 'INSERT INTO person_words (rowid, text) VALUES (?, ?)').run(person.rowid, wordIndexText(text));
}

type Indexed = Searchable & { rowid: number; deleted: number; documents: readonly (string | null)[] };

const SEARCHABLE = ['case_number', 'family_name', 'given_names', 'native_name', 'aliases', 'phone', 'deleted'] as const;

function storedSearchable(db: Sqlite, personId: string): Indexed | null {
  const person = prepare(db, `SELECT rowid, ${SEARCHABLE.join(', ')} FROM person WHERE id = ?`).get(personId) as (Searchable & { rowid: number; deleted: number }) | undefined;
  if (!person) return null;
  const docs = person.deleted ? [] : (prepare(db, 'SELECT number FROM identity_document WHERE person_id = ? AND deleted = 0').all(personId) as { number: string | null }[]);
  return { ...person, documents: docs.map((d) => d.number) };
}

function searchableInHand({ rowid, row, documents }: PersonInHand): Indexed | null {
  // A column the insert left to its default is read back.
  if (SEARCHABLE.some((c) => row[c] === undefined)) return null;
  const docs = documents.filter((d) => !d.deleted).map((d) => (d.number ?? null) as string | null);
  return { ...(row as unknown as Searchable & { deleted: number }), rowid, documents: docs };
}

export interface SearchPlan {
  /** a complete case number: looked up directly */
  caseNumber: string | null;
  /** LIKE patterns for terms of three or more characters, answered by the trigram index */
  substrings: string[];
  /** FTS5 MATCH expression of word prefixes, for shorter terms */
  prefixes: string | null;
}

const CASE_NUMBER = /^[A-Za-z][A-Za-z0-9]{1,7}-\d{4}-\d{6}$/;

/**
 * Every whitespace-separated term must match, in any order. Terms of three or
 * more characters match anywhere (trigram index, via LIKE, which SQLite
 * answers from the index: LIKE's own wildcards in a query are turned into
 * spaces, since an ESCAPE clause would switch the index off). Shorter terms
 * match the start of a word.
 */
export function searchPlan(query: string): SearchPlan | null {
  const trimmed = query.trim();
  if (CASE_NUMBER.test(trimmed)) return { caseNumber: trimmed.toUpperCase(), substrings: [], prefixes: null };
  const terms = foldForSearch(trimmed)
    .replace(/[%_]/g, ' ')
    .split(/\s+/)
    .filter((t) => t.length > 0);
  if (terms.length === 0) return null;
  const long = terms.filter((t) => [...t].length >= 3);
  const short = terms.filter((t) => [...t].length < 3);
  return {
    caseNumber: null,
    substrings: long.map((t) => `%${t}%`),
    prefixes: short.length ? short.map((t) => `"${t.replace(/"/g, '""')}"*`).join(' AND ') : null,
  };
}
