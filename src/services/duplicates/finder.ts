/**
 * Likely duplicates of a record among the people already registered: the
 * people sharing a blocking key with it (indexed ranges of the key tables,
 * see ./blocks), each read from their match card (`person_card`) and scored,
 * strongest first. Never a scan of the registry.
 */
import { countIncluding, fromCard, likelyDuplicate, NO_BIRTH_YEAR, preparePerson, probeOf, probeWindows, withDocuments, type MatchPerson, type NameFrequency, type PreparedPerson, type Probe } from '../../domain/matching';
import { matchDocuments, type StoredDocument } from '../../db/match-person';
import { readCard } from '../../db/person-keys';
import { prepare, type Sqlite } from '../../db/query';
import { StoredBlocks } from './blocks';

export interface StoredHit {
  personId: string;
  caseNumber: string;
  score: number;
  reasons: string[];
}

/** A registered person as the matcher holds them: prepared once, documents read only when a pair comes close. */
interface Candidate {
  rowid: number;
  prepared: PreparedPerson;
  complete: PreparedPerson | null;
}

/**
 * One matcher per import or intake: it caches the blocks it looks up, the
 * people it loads and the name counts it reads, since the rows of a list
 * share keys and candidates.
 */
export class StoredMatcher {
  private readonly people = new Map<number, Candidate | null>();
  private readonly blocks: StoredBlocks;
  private readonly tokenCounts = new Map<string, number>();
  private readonly met = new RowSet();
  readonly frequency: NameFrequency;

  constructor(
    private readonly db: Sqlite,
    readonly referenceYear: number,
  ) {
    let noYear: boolean | null = null;
    this.blocks = new StoredBlocks(db, () => (noYear ??= this.frequency.count(NO_BIRTH_YEAR) > 0));
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
  find(
    person: MatchPerson,
    exclude?: string,
    frequency: NameFrequency = countIncluding(this.frequency, [person]),
    probe: Probe = probeOf(probeWindows(person, { referenceYear: this.referenceYear })),
  ): StoredHit[] {
    this.blocks.lookUp(probe);
    const rowids = this.met.start();
    // A candidate met through a document number is completed (documents read) before it is screened.
    const byDocument = new Set<number>();
    this.blocks.meet(probe, (rowid, document) => {
      this.met.add(rowid);
      if (document) byDocument.add(rowid);
    });
    this.load(rowids);
    const options = { referenceYear: this.referenceYear, frequency };
    const probed = preparePerson(person, options);
    const excluded = exclude === undefined ? undefined : (prepare(this.db, 'SELECT rowid FROM person WHERE id = ?').pluck().get(exclude) as number | undefined);
    const hits: StoredHit[] = [];
    for (const rowid of rowids) {
      const c = this.people.get(rowid);
      if (!c || rowid === excluded) continue;
      const r = byDocument.has(rowid) ? likelyDuplicate(probed, this.complete(c), options) : likelyDuplicate(probed, c.prepared, options, () => this.complete(c));
      if (!r) continue;
      const { id, case_number } = prepare(this.db, 'SELECT id, case_number FROM person WHERE rowid = ?').get(rowid) as { id: string; case_number: string };
      hits.push({ personId: id, caseNumber: case_number, score: round(r.score), reasons: r.reasons });
    }
    return hits.sort((a, b) => b.score - a.score || a.caseNumber.localeCompare(b.caseNumber));
  }

  /**
   * Reads ahead what `find` will need for these probes (the rows of a list,
   * a few hundred at a time): their blocks, and the cards of the people in
   * them, each in one query instead of one per probe.
   */
  prefetch(probes: readonly Probe[]): void {
    this.blocks.lookUpAll(probes);
    const rowids = this.met.start();
    for (const probe of probes) this.blocks.meet(probe, (rowid) => this.met.add(rowid));
    this.load(rowids);
  }

  /** The people not loaded yet, from their cards (see person_card), in one query: prepared without their documents. */
  private load(rowids: readonly number[]): void {
    const missing = rowids.filter((r) => !this.people.has(r));
    if (missing.length === 0) return;
    for (const r of missing) this.people.set(r, null);
    // Merged-away and deleted records have no card.
    const query = prepare(this.db, 'SELECT person, card FROM person_card WHERE person IN (SELECT value FROM json_each(?))');
    for (const [rowid, text] of query.raw().iterate(JSON.stringify(missing)) as Iterable<[number, string]>) {
      this.people.set(rowid, { rowid, prepared: fromCard(readCard(text)), complete: null });
    }
  }

  private complete(c: Candidate): PreparedPerson {
    if (!c.complete) {
      const docs = prepare(
        this.db,
        'SELECT type, number, issuing_country FROM identity_document WHERE person_id = (SELECT id FROM person WHERE rowid = ?) AND deleted = 0',
      ).all(c.rowid) as StoredDocument[];
      c.complete = withDocuments(c.prepared, matchDocuments(docs));
    }
    return c.complete;
  }
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/**
 * The rowids one probe meets, each once. The blocks of a probe overlap (the
 * same people under several keys) and an import probes thousands of times, so
 * rows are marked in an array by rowid rather than kept in a set.
 */
class RowSet {
  private marks = new Uint32Array(1024);
  private round = 0;
  private rows: number[] = [];
  /** rowids beyond what an array should hold (never, for rowids SQLite assigns in order) */
  private readonly far = new Set<number>();

  /** Empties the set; returns the list that add() fills. */
  start(): readonly number[] {
    this.round++;
    this.rows = [];
    this.far.clear();
    return this.rows;
  }

  add(rowid: number): void {
    if (rowid >= FAR) {
      if (!this.far.has(rowid)) {
        this.far.add(rowid);
        this.rows.push(rowid);
      }
      return;
    }
    if (rowid >= this.marks.length) {
      const grown = new Uint32Array(Math.max(rowid + 1, this.marks.length * 2));
      grown.set(this.marks);
      this.marks = grown;
    }
    if (this.marks[rowid] !== this.round) {
      this.marks[rowid] = this.round;
      this.rows.push(rowid);
    }
  }
}

const FAR = 1 << 26;
