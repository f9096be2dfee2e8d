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
  /**
   * A complete case number: looked up directly. NO_CASE_NUMBER when the query
   * holds no searchable text at all (only punctuation, e.g. "%" or "*"): no
   * record has it, so such a search finds nobody instead of listing everyone.
   */
  caseNumber: string | null;
  /** LIKE patterns for terms of three or more characters, answered by the trigram index */
  substrings: string[];
  /** FTS5 MATCH expression of word prefixes, for shorter terms */
  prefixes: string | null;
}

/** Not a case number any record can have (they are OFFICE-YYYY-NNNNNN). */
export const NO_CASE_NUMBER = '-';

const CASE_NUMBER = /^[A-Za-z][A-Za-z0-9]{1,7}-\d{4}-\d{6}$/;

/**
 * Punctuation that may sit inside a stored name or number, between its parts:
 * apostrophes (O'Brien), dashes (Jean-Pierre, 081-234-5678), full stops,
 * slashes (document numbers), plus (phones), the middle dot (约翰·史密斯).
 */
const JOINER = /[\p{Pd}'\u2018\u2019\u201b.\/+\u00b7]/u;
const JOINERS = new RegExp(`${JOINER.source}+`, 'gu');
const EDGE_JOINERS = new RegExp(`^${JOINER.source}+|${JOINER.source}+$`, 'gu');
/**
 * Every other punctuation mark or symbol separates terms, as a space does:
 * the comma of "NGUYEN, VAN", quotes, "*", brackets, LIKE's own "%" and "_".
 * The marks and letters of every script are neither.
 */
const SEPARATOR = /[\p{P}\p{S}]/gu;

/**
 * One term as the LIKE pattern or word prefix it searches for, or null when
 * it holds no letter or digit. Joining punctuation at either end is dropped
 * ("-Zhang", "o'"). In a number ("081-234-5678", "+95-9-420-123-456") the
 * punctuation between the groups of digits is made optional, so the term
 * finds the phone, indexed as digits only, as well as a document or case
 * number written with the dashes; that needs a group of three digits in a
 * row (the trigram index needs three characters), which a whole phone number
 * always has. Inside a name ("O'Brien") punctuation is searched as typed.
 */
function termPattern(term: string): { substring: string } | { prefix: string } | null {
  const t = term.replace(EDGE_JOINERS, '');
  if (t === '') return null;
  const groups = t.split(JOINERS);
  if (groups.length > 1 && groups.every((g) => /^[0-9]+$/.test(g)) && groups.some((g) => g.length >= 3)) return { substring: `%${groups.join('%')}%` };
  return [...t].length >= 3 ? { substring: `%${t}%` } : { prefix: t };
}

/**
 * Every whitespace-separated term must match, in any order. Terms of three or
 * more characters match anywhere (trigram index, via LIKE, which SQLite
 * answers from the index). Punctuation that only separates ("NGUYEN, VAN",
 * quotes, "*") splits terms as a space does; so do LIKE's own wildcards "%"
 * and "_", as an ESCAPE clause would switch the index off. Shorter terms
 * match the start of a word. A query of punctuation alone finds nobody.
 */
export function searchPlan(query: string): SearchPlan | null {
  const trimmed = query.trim();
  if (trimmed === '') return null;
  if (CASE_NUMBER.test(trimmed)) return { caseNumber: trimmed.toUpperCase(), substrings: [], prefixes: null };
  const patterns = foldForSearch(trimmed)
    .replace(SEPARATOR, (c) => (JOINER.test(c) ? c : ' '))
    .split(/\s+/)
    .map(termPattern)
    .filter((p) => p !== null);
  if (patterns.length === 0) return { caseNumber: NO_CASE_NUMBER, substrings: [], prefixes: null };
  const short = patterns.flatMap((p) => ('prefix' in p ? [p.prefix] : []));
  return {
    caseNumber: null,
    substrings: patterns.flatMap((p) => ('substring' in p ? [p.substring] : [])),
    prefixes: short.length ? short.map((t) => `"${t.replace(/"/g, '""')}"*`).join(' AND ') : null,
  };
}
