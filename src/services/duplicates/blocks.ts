/**
 * People by blocking key, kept by name so that a probe reads the year window
 * it asks for under a name in one go (see probeOf in
 * src/domain/matching/key-hash.ts). `Blocks` holds them in memory (the rows
 * of a list being checked); `StoredBlocks` reads them from `person_key` and
 * `person_key_recent` as probes need them, each range once.
 */
import { KEY_SPAN, MAX_BLOCK, splitHash, type Probe } from '../../domain/matching';
import { prepare, type Sqlite } from '../../db/query';

export class Blocks {
  /** name → year code → people */
  protected readonly byName = new Map<number, Map<number, number[]>>();

  add(hash: number, id: number): void {
    const [base, code] = splitHash(hash);
    let codes = this.byName.get(base);
    if (!codes) {
      codes = new Map();
      this.byName.set(base, codes);
    }
    const block = codes.get(code);
    if (block) block.push(id);
    else codes.set(code, [id]);
  }

  /** Calls `met` with everyone the probe meets (once per key it meets them by). */
  meet(probe: Probe, met: (id: number, byDocument: boolean) => void): void {
    for (const h of probe.plain) {
      const [base, code] = splitHash(h);
      const block = this.byName.get(base)?.get(code);
      if (block && block.length <= MAX_BLOCK) for (const id of block) met(id, probe.documents.includes(h));
    }
    for (const base of probe.names) {
      const codes = this.byName.get(base);
      if (!codes) continue;
      for (const [code, block] of codes) if (probe.codes[code] && block.length <= MAX_BLOCK) for (const id of block) met(id, false);
    }
  }
}

/** What of a name's span has been read: its year codes from `from` to `to`, and the two codes apart (0: no year in the key; 1: none recorded). */
interface Read {
  from: number;
  to: number;
  plain: boolean;
  noYear: boolean;
}

export class StoredBlocks extends Blocks {
  private readonly read = new Map<number, Read>();

  /** `noYearRecords`: whether anyone registered has no birth year recorded (when nobody has, none is looked for) */
  constructor(
    private readonly db: Sqlite,
    private readonly noYearRecords: () => boolean,
  ) {
    super();
  }

  /** Reads, in one query, what this probe asks for and was not read before. */
  lookUp(probe: Probe): void {
    this.lookUpAll([probe]);
  }

  /**
   * Reads, in one query, what these probes ask for and was not read before:
   * an import looks up the rows of a list a few hundred at a time, since a
   * query per row costs more than the few keys it reads.
   */
  lookUpAll(probes: readonly Probe[]): void {
    const ranges: [number, number][] = [];
    for (const probe of probes) this.rangesOf(probe, ranges);
    if (ranges.length === 0) return;
    // In key order, so the query reads the index front to back.
    ranges.sort((a, b) => a[0] - b[0]);
    // Keys live in person_key, and the latest in person_key_recent (see src/db/person-keys.ts).
    const query = prepare(
      this.db,
      `SELECT k.key, k.person FROM json_each(?) AS r JOIN person_key AS k ON k.key BETWEEN r.value ->> 0 AND r.value ->> 1
       UNION ALL SELECT k.key, k.person FROM json_each(?) AS r JOIN person_key_recent AS k ON k.key BETWEEN r.value ->> 0 AND r.value ->> 1`,
    );
    const json = JSON.stringify(ranges);
    for (const [key, person] of query.raw().iterate(json, json) as Iterable<[number, number]>) this.add(key, person);
  }

  /** Adds to `ranges` what the probe asks for and was not read (nor asked for) before. */
  private rangesOf(probe: Probe, ranges: [number, number][]): void {
    for (const h of probe.plain) {
      const [base] = splitHash(h);
      const r = this.readOf(base);
      if (!r.plain) ranges.push([h, h]);
      r.plain = true;
    }
    for (const base of probe.names) {
      const r = this.readOf(base);
      if (probe.codes[1] && !r.noYear && this.noYearRecords()) ranges.push([base + 1, base + 1]);
      r.noYear ||= probe.codes[1] === 1;
      if (probe.from > probe.to) continue;
      // Widen what was read to cover this window: below it, above it, or all of it.
      if (r.from > r.to) ranges.push([base + probe.from, base + probe.to]);
      else {
        if (probe.from < r.from) ranges.push([base + probe.from, base + r.from - 1]);
        if (probe.to > r.to) ranges.push([base + r.to + 1, base + probe.to]);
      }
      r.from = Math.min(r.from, probe.from);
      r.to = Math.max(r.to, probe.to);
    }
  }

  private readOf(base: number): Read {
    let r = this.read.get(base);
    if (!r) {
      r = { from: KEY_SPAN, to: 0, plain: false, noYear: false };
      this.read.set(base, r);
    }
    return r;
  }
}
