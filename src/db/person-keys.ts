/**
 * Keeps `person_key` and `person_key_recent` (blocking keys, as integers: see
 * src/domain/matching/key-hash.ts), `person_card` (what matching compares of
 * each person, see src/domain/matching/card.ts) and `name_token` (how many
 * people carry each name token) in step with person rows, as the search
 * indexes are: all are derived on this computer and can be rebuilt from the
 * rows at any time.
 */
import { cardOf, countedTokens, fromCard, preparePerson, storedHashes, storedWindows, type MatchCard, type MatchPerson } from '../domain/matching';
import { MATCH_COLUMN_NAMES, storedMatchPerson, yearOf, type StoredDocument, type StoredMatchRow } from './match-person';
import { prepare, writeMeta, type Sqlite } from './query';
import type { PersonInHand } from './write-tx';

/**
 * The version of what the index holds for a person (key families, their
 * encoding, the folding of counted tokens). A store whose index was built by
 * another version rebuilds it when opened (see rebuildMatchIndex).
 */
export const MATCH_INDEX_VERSION = '2';
export const MATCH_INDEX_META = 'match_index';

interface Found {
  rowid: number;
  /** null for a record that can be nobody's duplicate */
  person: MatchPerson | null;
  referenceYear: number;
}

type PersonState = StoredMatchRow & { stage: string; deleted: number };

function matchForm(rowid: number, row: PersonState, documents: () => StoredDocument[]): Found {
  const referenceYear = yearOf(row.age_estimated_on);
  const found = { rowid, referenceYear };
  // Merged-away and deleted records are nobody's duplicate any more.
  if (row.deleted || row.stage === 'merged') return { ...found, person: null };
  return { ...found, person: storedMatchPerson(row, documents(), referenceYear) };
}

const STATE_COLUMNS = [...MATCH_COLUMN_NAMES, 'stage', 'deleted'];

/** The match form of a stored person, or null when there is no such row. */
export function storedPerson(db: Sqlite, personId: string): Found | null {
  const row = prepare(db, `SELECT rowid, ${STATE_COLUMNS.join(', ')} FROM person WHERE id = ?`).get(personId) as (PersonState & { rowid: number }) | undefined;
  if (!row) return null;
  return matchForm(row.rowid, row, () => prepare(db, 'SELECT type, number, issuing_country FROM identity_document WHERE person_id = ? AND deleted = 0').all(personId) as StoredDocument[]);
}

/** The match form of a row in hand, or null when the insert left a column to its default (then it is read back). */
function inHandPerson(h: PersonInHand): Found | null {
  for (const c of STATE_COLUMNS) if (h.row[c] === undefined) return null;
  return matchForm(h.rowid, h.row as unknown as PersonState, () => h.documents.filter((d) => !d.deleted) as unknown as StoredDocument[]);
}

/** What the index holds for a person: blocking keys (hashed, see keyHash), the name counts they add to, their card. */
export interface MatchKeys {
  keys: readonly number[];
  tokens: readonly string[];
  card: MatchCard;
}

export function matchKeysOf(person: MatchPerson, referenceYear: number): MatchKeys {
  const prepared = preparePerson(person, { referenceYear });
  return { keys: storedHashes(storedWindows(person, { referenceYear })), tokens: countedTokens(prepared), card: cardOf(prepared) };
}

/** A card as `person_card` keeps it. */
export const readCard = (text: string): MatchCard => JSON.parse(text) as MatchCard;

export interface Reindex {
  /** the person was inserted in this transaction, so there is nothing old to take off */
  fresh?: boolean;
  /** what the index holds for them, already worked out from the same record (an import's dry run) */
  hint?: MatchKeys | undefined;
  /** the row as inserted in this transaction */
  inHand?: PersonInHand | undefined;
}

/**
 * The index work of one transaction. Name counts change by one per person
 * and token, and the people of one write share many tokens (a list of 1,000
 * holds a hundred Nguyens), so the counts are added up here and written once
 * per token in `finish`.
 */
export class PersonKeyIndexer {
  private readonly counts = new Map<string, number>();
  /** the keys of this transaction, as [key, person] */
  private readonly keys: [number, number][] = [];

  constructor(private readonly db: Sqlite) {}

  reindex(personId: string, options: Reindex = {}): void {
    const { db } = this;
    const found = (options.inHand && inHandPerson(options.inHand)) ?? storedPerson(db, personId);
    if (!found) return;
    const { rowid, person, referenceYear } = found;
    if (!options.fresh) {
      // What the old card counted comes off the name counts.
      const old = prepare(db, 'SELECT card FROM person_card WHERE person = ?').pluck().get(rowid) as string | undefined;
      if (old) for (const token of countedTokens(fromCard(readCard(old)))) this.count(token, -1);
      prepare(db, 'DELETE FROM person_card WHERE person = ?').run(rowid);
      prepare(db, 'DELETE FROM person_key WHERE person = ?').run(rowid);
      prepare(db, 'DELETE FROM person_key_recent WHERE person = ?').run(rowid);
    }
    if (!person) return;
    const { keys, tokens, card } = options.fresh && options.hint ? options.hint : matchKeysOf(person, referenceYear);
    for (const key of keys) this.keys.push([key, rowid]);
    for (const token of tokens) this.count(token, 1);
    prepare(db, 'INSERT INTO person_card (person, card) VALUES (?, ?)').run(rowid, JSON.stringify(card));
  }

  /**
   * Writes the keys and the name counts, each in one ordered pass, and moves
   * the recent keys over when enough have gathered; call once, after the last
   * reindex of the transaction. A transaction with many keys (an import)
   * writes them to `person_key` itself: in key order, each of its pages is
   * written once anyway.
   */
  finish(): void {
    const changes = [...this.counts].filter(([, n]) => n !== 0).sort(([a], [b]) => (a < b ? -1 : 1));
    this.counts.clear();
    if (changes.length > 0) {
      // One statement for the lot ("WHERE true" lets SQLite read ON CONFLICT as the upsert's).
      prepare(
        this.db,
        `INSERT INTO name_token (token, n) SELECT value ->> 0, value ->> 1 FROM json_each(?) WHERE true
         ON CONFLICT (token) DO UPDATE SET n = n + excluded.n`,
      ).run(JSON.stringify(changes));
    }
    if (this.keys.length === 0) return;
    const keys = JSON.stringify(this.keys.sort((a, b) => a[0] - b[0] || a[1] - b[1]));
    const added = this.keys.length;
    this.keys.length = 0;
    if (added >= RECENT_KEYS / 4) {
      prepare(this.db, 'INSERT OR IGNORE INTO person_key (key, person) SELECT value ->> 0, value ->> 1 FROM json_each(?)').run(keys);
      return;
    }
    prepare(this.db, 'INSERT OR IGNORE INTO person_key_recent (key, person) SELECT value ->> 0, value ->> 1 FROM json_each(?)').run(keys);
    // How many keys were added lately (deletes are not counted off: it only decides when to move them).
    const recent = prepare(
      this.db,
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + excluded.value RETURNING CAST(value AS INTEGER)',
    ).pluck().get(RECENT_KEYS_META, added) as number;
    if (recent >= RECENT_KEYS) moveRecentKeys(this.db);
  }

  private count(token: string, n: number): void {
    this.counts.set(token, (this.counts.get(token) ?? 0) + n);
  }
}

/**
 * Builds `person_key`, `person_card` and `name_token` again from the person
 * rows, in the caller's transaction, and records the version it built.
 */
export function rebuildMatchIndex(db: Sqlite): void {
  for (const table of ['person_key', 'person_key_recent', 'person_card', 'name_token']) db.prepare(`DELETE FROM ${table}`).run();
  const documents = new Map<string, Record<string, unknown>[]>();
  for (const d of db.prepare('SELECT person_id, type, number, issuing_country, deleted FROM identity_document WHERE deleted = 0').iterate() as Iterable<Record<string, unknown>>) {
    const list = documents.get(d.person_id as string);
    if (list) list.push(d);
    else documents.set(d.person_id as string, [d]);
  }
  const indexer = new PersonKeyIndexer(db);
  for (const row of db.prepare(`SELECT rowid, ${STATE_COLUMNS.join(', ')} FROM person`).all() as (Record<string, unknown> & { rowid: number; id: string })[]) {
    indexer.reindex(row.id, { fresh: true, inHand: { rowid: row.rowid, row, documents: documents.get(row.id) ?? [] } });
  }
  indexer.finish();
  moveRecentKeys(db);
  writeMeta(db, MATCH_INDEX_META, MATCH_INDEX_VERSION);
}

/** Keys gathered in `person_key_recent` before they move to `person_key` (see migration 0004): about 9,000 people's. */
const RECENT_KEYS = 65_536;
const RECENT_KEYS_META = 'person_key_recent';

/** Moves the recent keys to `person_key`, in key order: one pass over its pages instead of one per write. */
function moveRecentKeys(db: Sqlite): void {
  prepare(db, 'INSERT OR IGNORE INTO person_key (key, person) SELECT key, person FROM person_key_recent ORDER BY key').run();
  prepare(db, 'DELETE FROM person_key_recent').run();
  prepare(db, 'INSERT INTO meta (key, value) VALUES (?, 0) ON CONFLICT (key) DO UPDATE SET value = 0').run(RECENT_KEYS_META);
}
