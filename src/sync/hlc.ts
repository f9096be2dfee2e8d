/**
 * Hybrid logical clock for per-field last-writer-wins across offices.
 *
 * Stamps are text so that the database, bundles and merge code can compare
 * them as plain strings: every part before the node is fixed-width, so string
 * order is (millis, counter, node) order. Anything that would break that
 * (years outside 1970–9999, counters above 0xffff, uppercase hex) is refused
 * rather than written.
 */

/** A timestamp as text that sorts lexicographically in causal order:
 *  `${iso millis, e.g. 2026-11-21T22:26:38.123Z}-${counter as 4 hex digits}-${node}` where node is `${officeCode}.${deviceId}` (officeCode 2–8 chars A-Z0-9, deviceId 8–16 lowercase hex). */
export type Hlc = string;

export interface HlcParts {
  millis: number;
  counter: number;
  node: string;
}

export type HlcErrorCode = 'HLC_INVALID' | 'HLC_COUNTER_OVERFLOW';

export class HlcError extends Error {
  readonly code: HlcErrorCode;
  constructor(code: HlcErrorCode, message: string) {
    super(message);
    this.name = 'HlcError';
    this.code = code;
  }
}

export interface ClockState {
  millis: number;
  counter: number;
}

export interface ReceiveResult {
  flagged: boolean;
  /** why, when flagged, e.g. 'remote clock 3 days ahead of this device' */
  reason: string | null;
}

export const MAX_COUNTER = 0xffff;
/** 9999-12-31T23:59:59.999Z: the last instant toISOString() writes with a 4-digit year. */
export const MAX_MILLIS = 253_402_300_799_999;
const DEFAULT_MAX_DRIFT_MS = 10 * 60_000;

const NODE = /^[A-Z0-9]{2,8}\.[0-9a-f]{8,16}$/;
// Lowercase hex only: mixing cases would make string order disagree with numeric order.
const STAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)-([0-9a-f]{4})-(.*)$/s;

export function isValidNode(node: string): boolean {
  return typeof node === 'string' && NODE.test(node);
}

function invalid(message: string): HlcError {
  return new HlcError('HLC_INVALID', message);
}

function checkParts({ millis, counter, node }: HlcParts): void {
  if (!Number.isSafeInteger(millis) || millis < 0 || millis > MAX_MILLIS) {
    throw invalid(`HLC millis out of range: ${millis}`);
  }
  if (!Number.isSafeInteger(counter) || counter < 0 || counter > MAX_COUNTER) {
    throw invalid(`HLC counter out of range: ${counter}`);
  }
  if (!isValidNode(node)) throw invalid(`HLC node malformed: ${JSON.stringify(node)}`);
}

export function formatHlc(parts: HlcParts): Hlc {
  checkParts(parts);
  const iso = new Date(parts.millis).toISOString();
  return `${iso}-${parts.counter.toString(16).padStart(4, '0')}-${parts.node}`;
}

export function parseHlc(text: string): HlcParts {
  const m = typeof text === 'string' ? STAMP.exec(text) : null;
  if (!m) throw invalid(`HLC malformed: ${JSON.stringify(text)}`);
  const [, iso = '', hex = '', node = ''] = m;
  const millis = Date.parse(iso);
  // Date.parse quietly rolls over impossible dates (Feb 30, 24:00); only the
  // canonical spelling round-trips, and only that one sorts correctly.
  if (!Number.isFinite(millis) || new Date(millis).toISOString() !== iso) {
    throw invalid(`HLC date invalid: ${JSON.stringify(iso)}`);
  }
  const parts = { millis, counter: parseInt(hex, 16), node };
  checkParts(parts);
  return parts;
}

/** True for a stamp parseHlc accepts: what a bundle's stamps are checked with before anything of it is applied. */
export function isValidHlc(text: unknown): text is Hlc {
  try {
    parseHlc(text as string);
    return true;
  } catch {
    return false;
  }
}

/** Plain string order, which by construction is causal order for valid stamps. */
export function compareHlc(a: Hlc, b: Hlc): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function describeSpan(ms: number): string {
  const units: [string, number][] = [
    ['day', 86_400_000],
    ['hour', 3_600_000],
    ['minute', 60_000],
    ['second', 1_000],
  ];
  for (const [unit, size] of units) {
    if (ms >= size) {
      const n = Math.floor(ms / size);
      return `${n} ${unit}${n === 1 ? '' : 's'}`;
    }
  }
  return `${ms} ms`;
}

export class HybridClock {
  readonly node: string;
  private readonly now: () => number;
  private readonly maxDriftMs: number;
  /** Highest (millis, counter) this clock has issued or accepted. */
  private millis: number;
  private counter: number;

  constructor(
    node: string,
    options: { now?: () => number; maxDriftMs?: number; state?: ClockState } = {},
  ) {
    if (!isValidNode(node)) throw invalid(`HLC node malformed: ${JSON.stringify(node)}`);
    const maxDriftMs = options.maxDriftMs ?? DEFAULT_MAX_DRIFT_MS;
    if (!Number.isFinite(maxDriftMs) || maxDriftMs < 0) {
      throw new RangeError(`maxDriftMs must be a non-negative number, got ${maxDriftMs}`);
    }
    this.node = node;
    this.now = options.now ?? Date.now;
    this.maxDriftMs = maxDriftMs;
    // A persisted state is data that may be corrupt; validate it like a stamp.
    const state = options.state ?? { millis: 0, counter: 0 };
    checkParts({ ...state, node });
    this.millis = state.millis;
    this.counter = state.counter;
  }

  /** Next timestamp for a local event: strictly greater than every timestamp this clock issued or accepted. */
  tick(): Hlc {
    const physical = this.physicalNow();
    if (physical > this.millis) {
      this.millis = physical;
      this.counter = 0;
    } else {
      // Physical time stalled or went backwards: keep our own millis, which
      // is at most maxDriftMs ahead of some office's real clock.
      this.bump();
    }
    return formatHlc({ millis: this.millis, counter: this.counter, node: this.node });
  }

  /**
   * Merge a remote timestamp. Far-future stamps are accepted (the data is
   * still stored) but not followed: if we advanced past them, one office with
   * a wrong clock would drag every later write into its future and make its
   * values unbeatable under last-writer-wins.
   */
  receive(remote: Hlc): ReceiveResult {
    const r = parseHlc(remote);
    const far = this.farAhead(r);
    if (far.flagged) return far;
    // Remember the higher of the two; tick() then steps strictly past it, so
    // a same-(millis, counter) tie is broken by the counter, not left to node order.
    if (r.millis > this.millis || (r.millis === this.millis && r.counter > this.counter)) {
      this.millis = r.millis;
      this.counter = r.counter;
    }
    return { flagged: false, reason: null };
  }

  /**
   * Whether a remote stamp is far ahead of this device, judged as receive()
   * judges it, without taking it in: for stamps that only claim something
   * (a peer's watermarks), which this clock must not follow.
   */
  judge(remote: Hlc): ReceiveResult {
    return this.farAhead(parseHlc(remote));
  }

  /**
   * Step past a remote stamp even when it is far ahead. Sync does this after
   * storing a flagged change: a local edit must stay newer than every value it
   * replaces, or the other offices would keep the far-future value while this
   * one shows the edit. The cost is that this office's stamps run ahead too
   * until real time catches up; the flag tells people to fix the clock.
   */
  follow(remote: Hlc): void {
    const r = parseHlc(remote);
    if (r.millis > this.millis || (r.millis === this.millis && r.counter > this.counter)) {
      this.millis = r.millis;
      this.counter = r.counter;
    }
  }

  /** State to persist so a restarted process continues monotonically. */
  state(): ClockState {
    return { millis: this.millis, counter: this.counter };
  }

  private farAhead(r: HlcParts): ReceiveResult {
    const ahead = r.millis - this.physicalNow();
    if (ahead <= this.maxDriftMs) return { flagged: false, reason: null };
    return { flagged: true, reason: `remote clock ${describeSpan(ahead)} ahead of this device (${r.node})` };
  }

  private bump(): void {
    if (this.counter < MAX_COUNTER) {
      this.counter += 1;
      return;
    }
    // Counter exhausted within one millisecond: borrow the next millisecond
    // rather than widen the counter (which would break fixed-width sorting).
    // Physical time catches up after at most a few ms of sustained load.
    if (this.millis >= MAX_MILLIS) {
      throw new HlcError('HLC_COUNTER_OVERFLOW', 'HLC exhausted: no timestamps left after 9999-12-31');
    }
    this.millis += 1;
    this.counter = 0;
  }

  /** Garbage from the injected clock counts as "no progress" rather than a crash or an unsortable stamp. */
  private physicalNow(): number {
    const t = Math.floor(this.now());
    if (!Number.isSafeInteger(t) || t < 0) return 0;
    return Math.min(t, MAX_MILLIS);
  }
}
