/**
 * Likely duplicates of a record among the people already registered: the
 * people sharing a blocking key with it (an indexed lookup in `person_key`),
 * scored, strongest first. Never a scan of the registry.
 */
import { countIncluding, isLikelyDuplicate, LIKELY_DUPLICATE, matchPoints, matchScore, probeKeys, type MatchPerson, type NameFrequency } from '../../domain/matching';
import { MATCH_COLUMNS, storedMatchPerson, type StoredDocument, type StoredMatchRow } from '../../db/match-person';
import { keyHash } from '../../db/person-keys';
import { prepare, type Sqlite } from '../../db/query';

export interface StoredHit {
  personId: string;
  caseNumber: string;
  score: number;
  reasons: string[];
}

/** A key shared by more people than this narrows nothing down; the other keys of a true pair still meet. */
const MAX_BLOCK = 400;

interface Loaded {
  id: string;
  person: MatchPerson;
  caseNumber: string;
}

/**
 * One matcher per import or intake: it caches the people it loads and the
 * name counts it reads, since neighbouring rows of a list share candidates.
 */
export class StoredMatcher {
  private readonly people = new Map<number, Loaded | null>();
  private readonly tokenCounts = new Map<string, number>();
  readonly frequency: NameFrequency;

  constructor(
    private readonly db: Sqlite,
    readonly referenceYear: number,
  ) {
    const count = prepare(db, 'SELECT n FROM name_token WHERE token = ?');
    let total: number | null = null;
    const tokenCounts = this.tokenCounts;
    this.frequency = {
      // Counting the registry scans it: done only when a score needs it (an operation's size), once per matcher.
      get total() {
        total ??= (prepare(db, "SELECT count(*) AS n FROM person WHERE deleted = 0 AND stage <> 'merged'").get() as { n: number }).n;
        return total;
      },
      count: (token: string) => {
        let n = tokenCounts.get(token);
        if (n === undefined) {
          n = (count.get(token) as { n: number } | undefined)?.n ?? 0;
          tokenCounts.set(token, n);
        }
        return n;
      },
    };
  }

  /**
   * Registered people likely to be `person`, best first; `exclude` leaves out
   * the record itself. Name counts include the new record (as they will once
   * it is registered) unless the caller passes its own (an import counts its
   * whole file).
   */
  find(person: MatchPerson, exclude?: string, frequency: NameFrequency = countIncluding(this.frequency, [person])): StoredHit[] {
    // Answered from the key index alone: people by rowid, read only when first met.
    const byKey = prepare(this.db, `SELECT person FROM person_key WHERE key = ? LIMIT ${MAX_BLOCK + 1}`).pluck();
    const rowids = new Set<number>();
    for (const key of probeKeys(person, { referenceYear: this.referenceYear })) {
      const rows = byKey.all(keyHash(key)) as number[];
      if (rows.length > MAX_BLOCK) continue;
      for (const r of rows) rowids.add(r);
    }
    const hits: StoredHit[] = [];
    for (const rowid of rowids) {
      const other = this.load(rowid);
      if (!other || other.id === exclude) continue;
      const id = other.id;
      const options = { referenceYear: this.referenceYear, frequency };
      // The cheap score screens; reasons are worded only for pairs worth showing.
      if (matchPoints(person, other.person, options) < LIKELY_DUPLICATE) continue;
      const r = matchScore(person, other.person, options);
      if (isLikelyDuplicate(r.score)) hits.push({ personId: id, caseNumber: other.caseNumber, score: round(r.score), reasons: r.reasons });
    }
    return hits.sort((a, b) => b.score - a.score || a.caseNumber.localeCompare(b.caseNumber));
  }

  private load(rowid: number): Loaded | null {
    let hit = this.people.get(rowid);
    if (hit === undefined) {
      const row = prepare(this.db, `SELECT ${MATCH_COLUMNS}, case_number FROM person WHERE rowid = ? AND deleted = 0 AND stage <> 'merged'`).get(rowid) as
        | (StoredMatchRow & { case_number: string })
        | undefined;
      if (row) {
        const docs = prepare(this.db, 'SELECT type, number, issuing_country FROM identity_document WHERE person_id = ? AND deleted = 0').all(row.id) as StoredDocument[];
        hit = { id: row.id, person: storedMatchPerson(row, docs, this.referenceYear), caseNumber: row.case_number };
      } else hit = null;
      this.people.set(rowid, hit);
    }
    return hit;
  }
}

const round = (n: number) => Math.round(n * 1000) / 1000;
