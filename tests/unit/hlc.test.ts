import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  HlcError,
  HybridClock,
  MAX_COUNTER,
  MAX_MILLIS,
  compareHlc,
  formatHlc,
  parseHlc,
  type Hlc,
  type HlcParts,
} from '../../src/sync/hlc';

const T = Date.UTC(2026, 10, 21, 22, 26, 38, 123);
const NODE_A = 'BKK.0a1b2c3d';
const NODE_B = 'MNL.ffffffff00';
const NODE_C = 'PP01.0123456789abcdef';
const DAY = 86_400_000;
const MINUTE = 60_000;

function expectHlcError(fn: () => unknown, code: HlcError['code']): void {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(HlcError);
    expect((err as HlcError).code).toBe(code);
    return;
  }
  throw new Error(`expected HlcError ${code}`);
}

/** A wall clock the test moves by hand. */
function manualClock(start: number): { now: () => number; set: (t: number) => void } {
  let t = start;
  return { now: () => t, set: (v) => (t = v) };
}

/** Strictly increasing both as strings and as (millis, counter) pairs. */
function expectStrictlyIncreasing(stamps: Hlc[]): void {
  // One assertion for the whole run: per-pair expect() is slow over 65k stamps.
  const bad: string[] = [];
  for (let i = 1; i < stamps.length; i++) {
    const prev = stamps[i - 1]!;
    const cur = stamps[i]!;
    const p = parseHlc(prev);
    const c = parseHlc(cur);
    const partsIncrease = c.millis > p.millis || (c.millis === p.millis && c.counter > p.counter);
    if (compareHlc(prev, cur) !== -1 || !partsIncrease) bad.push(`${prev} !< ${cur}`);
  }
  expect(bad).toEqual([]);
}

describe('formatHlc / parseHlc', () => {
  it('formats the documented shape', () => {
    expect(formatHlc({ millis: T, counter: 0x2a, node: NODE_A })).toBe(
      '2026-11-21T22:26:38.123Z-002a-BKK.0a1b2c3d',
    );
    expect(parseHlc('2026-11-21T22:26:38.123Z-ffff-MNL.ffffffff00')).toEqual({
      millis: T,
      counter: 0xffff,
      node: NODE_B,
    });
  });

  it.each([
    ['empty', ''],
    ['bad date', '2026-02-30T00:00:00.000Z-0000-BKK.0a1b2c3d'],
    ['bad hour', '2026-11-21T24:00:00.000Z-0000-BKK.0a1b2c3d'],
    ['no millis', '2026-11-21T22:26:38Z-0000-BKK.0a1b2c3d'],
    ['offset instead of Z', '2026-11-21T22:26:38.123+00:00-0000-BKK.0a1b2c3d'],
    ['before 1970', '1969-12-31T23:59:59.999Z-0000-BKK.0a1b2c3d'],
    ['short counter', '2026-11-21T22:26:38.123Z-2a-BKK.0a1b2c3d'],
    ['long counter', '2026-11-21T22:26:38.123Z-0002a-BKK.0a1b2c3d'],
    ['uppercase counter', '2026-11-21T22:26:38.123Z-00AA-BKK.0a1b2c3d'],
    ['no node', '2026-11-21T22:26:38.123Z-0000-'],
    ['node without device', '2026-11-21T22:26:38.123Z-0000-BKK'],
    ['lowercase office', '2026-11-21T22:26:38.123Z-0000-bkk.0a1b2c3d'],
    ['office too short', '2026-11-21T22:26:38.123Z-0000-B.0a1b2c3d'],
    ['office too long', '2026-11-21T22:26:38.123Z-0000-ABCDEFGHI.0a1b2c3d'],
    ['device too short', '2026-11-21T22:26:38.123Z-0000-BKK.0a1b2c3'],
    ['device too long', '2026-11-21T22:26:38.123Z-0000-BKK.0123456789abcdef0'],
    ['uppercase device', '2026-11-21T22:26:38.123Z-0000-BKK.0A1B2C3D'],
    ['trailing newline', '2026-11-21T22:26:38.123Z-0000-BKK.0a1b2c3d\n'],
    ['leading space', ' 2026-11-21T22:26:38.123Z-0000-BKK.0a1b2c3d'],
  ])('rejects %s with HLC_INVALID', (_label, text) => {
    expectHlcError(() => parseHlc(text), 'HLC_INVALID');
  });

  it('rejects non-strings with HLC_INVALID (bundles are untyped JSON)', () => {
    expectHlcError(() => parseHlc(42 as unknown as string), 'HLC_INVALID');
    expectHlcError(() => parseHlc(null as unknown as string), 'HLC_INVALID');
  });

  it.each<[string, HlcParts]>([
    ['negative millis', { millis: -1, counter: 0, node: NODE_A }],
    ['millis past year 9999', { millis: MAX_MILLIS + 1, counter: 0, node: NODE_A }],
    ['fractional millis', { millis: 1.5, counter: 0, node: NODE_A }],
    ['counter overflow', { millis: T, counter: MAX_COUNTER + 1, node: NODE_A }],
    ['negative counter', { millis: T, counter: -1, node: NODE_A }],
    ['bad node', { millis: T, counter: 0, node: 'BKK-0a1b2c3d' }],
  ])('formatHlc refuses %s rather than emit an unsortable stamp', (_label, parts) => {
    expectHlcError(() => formatHlc(parts), 'HLC_INVALID');
  });

  const arbNode = fc
    .tuple(
      fc.stringMatching(/^[A-Z0-9]{2,8}$/),
      fc.stringMatching(/^[0-9a-f]{8,16}$/),
    )
    .map(([office, device]) => `${office}.${device}`);
  const arbParts = fc.record({
    millis: fc.integer({ min: 0, max: MAX_MILLIS }),
    counter: fc.integer({ min: 0, max: MAX_COUNTER }),
    node: arbNode,
  });

  it('round-trips (property)', () => {
    fc.assert(
      fc.property(arbParts, (parts) => {
        const text = formatHlc(parts);
        expect(parseHlc(text)).toEqual(parts);
        expect(formatHlc(parseHlc(text))).toBe(text);
      }),
    );
  });

  it('string order equals (millis, counter, node) order (property)', () => {
    const tupleOrder = (a: HlcParts, b: HlcParts): number =>
      Math.sign(a.millis - b.millis) ||
      Math.sign(a.counter - b.counter) ||
      (a.node < b.node ? -1 : a.node > b.node ? 1 : 0);
    fc.assert(
      fc.property(arbParts, arbParts, (a, b) => {
        expect(compareHlc(formatHlc(a), formatHlc(b))).toBe(tupleOrder(a, b));
      }),
    );
  });
});

describe('compareHlc', () => {
  it('returns -1/0/1', () => {
    const a = formatHlc({ millis: T, counter: 1, node: NODE_A });
    const b = formatHlc({ millis: T, counter: 2, node: NODE_A });
    expect(compareHlc(a, b)).toBe(-1);
    expect(compareHlc(b, a)).toBe(1);
    expect(compareHlc(a, a)).toBe(0);
  });
});

describe('HybridClock', () => {
  it('rejects a malformed node', () => {
    expectHlcError(() => new HybridClock('bkk.0a1b2c3d'), 'HLC_INVALID');
  });

  it('rejects a corrupt persisted state', () => {
    expectHlcError(
      () => new HybridClock(NODE_A, { state: { millis: T, counter: 0x10000 } }),
      'HLC_INVALID',
    );
    expectHlcError(() => new HybridClock(NODE_A, { state: { millis: NaN, counter: 0 } }), 'HLC_INVALID');
  });

  it('uses physical time with counter 0 when time moves on', () => {
    const wall = manualClock(T);
    const clock = new HybridClock(NODE_A, { now: wall.now });
    expect(clock.tick()).toBe(formatHlc({ millis: T, counter: 0, node: NODE_A }));
    wall.set(T + 5);
    expect(clock.tick()).toBe(formatHlc({ millis: T + 5, counter: 0, node: NODE_A }));
  });

  it('10,000 ticks in one millisecond are strictly increasing', () => {
    const clock = new HybridClock(NODE_A, { now: () => T });
    const stamps = Array.from({ length: 10_000 }, () => clock.tick());
    expectStrictlyIncreasing(stamps);
    expect(parseHlc(stamps.at(-1)!)).toEqual({ millis: T, counter: 9_999, node: NODE_A });
  });

  it('10,000 ticks on the real clock are strictly increasing', () => {
    const clock = new HybridClock(NODE_A);
    expectStrictlyIncreasing(Array.from({ length: 10_000 }, () => clock.tick()));
  });

  it('never goes backwards when the wall clock does, and follows it again once it recovers', () => {
    const wall = manualClock(T);
    const clock = new HybridClock(NODE_A, { now: wall.now });
    const stamps = [clock.tick()];
    wall.set(T - 60 * MINUTE); // NTP correction, user fiddling with the date, …
    stamps.push(clock.tick(), clock.tick());
    wall.set(T - 1);
    stamps.push(clock.tick());
    expectStrictlyIncreasing(stamps);
    expect(stamps.map((s) => parseHlc(s).millis)).toEqual([T, T, T, T]);

    wall.set(T + 1_000);
    const recovered = clock.tick();
    expectStrictlyIncreasing([...stamps, recovered]);
    expect(parseHlc(recovered)).toMatchObject({ millis: T + 1_000, counter: 0 });
  });

  it('treats a garbage wall clock as no progress', () => {
    let t = T;
    const clock = new HybridClock(NODE_A, { now: () => t });
    const stamps = [clock.tick()];
    t = NaN;
    stamps.push(clock.tick());
    t = -5;
    stamps.push(clock.tick());
    expectStrictlyIncreasing(stamps);
  });

  describe('counter overflow', () => {
    it('rolls millis forward by one and resets the counter, staying strictly monotonic', () => {
      const wall = manualClock(T);
      const clock = new HybridClock(NODE_A, { now: wall.now });
      const stamps = Array.from({ length: MAX_COUNTER + 3 }, () => clock.tick());
      expectStrictlyIncreasing(stamps);
      expect(parseHlc(stamps[MAX_COUNTER]!)).toMatchObject({ millis: T, counter: MAX_COUNTER });
      expect(parseHlc(stamps[MAX_COUNTER + 1]!)).toMatchObject({ millis: T + 1, counter: 0 });
      expect(parseHlc(stamps[MAX_COUNTER + 2]!)).toMatchObject({ millis: T + 1, counter: 1 });

      // Physical time reaching the borrowed millisecond must not reuse it...
      wall.set(T + 1);
      const same = clock.tick();
      expect(parseHlc(same)).toMatchObject({ millis: T + 1, counter: 2 });
      // ...and passing it resynchronises with the wall clock.
      wall.set(T + 2);
      const next = clock.tick();
      expect(parseHlc(next)).toMatchObject({ millis: T + 2, counter: 0 });
      expectStrictlyIncreasing([stamps.at(-1)!, same, next]);
    });

    it('rolls over when an accepted remote stamp has a full counter', () => {
      const clock = new HybridClock(NODE_A, { now: () => T });
      const remote = formatHlc({ millis: T, counter: MAX_COUNTER, node: NODE_B });
      expect(clock.receive(remote).flagged).toBe(false);
      const next = clock.tick();
      expect(compareHlc(remote, next)).toBe(-1);
      expect(parseHlc(next)).toMatchObject({ millis: T + 1, counter: 0 });
    });

    it('throws HLC_COUNTER_OVERFLOW only when there is no next millisecond to roll into', () => {
      const clock = new HybridClock(NODE_A, {
        now: () => MAX_MILLIS,
        state: { millis: MAX_MILLIS, counter: MAX_COUNTER },
      });
      expectHlcError(() => clock.tick(), 'HLC_COUNTER_OVERFLOW');
      expect(clock.state()).toEqual({ millis: MAX_MILLIS, counter: MAX_COUNTER });
    });
  });

  describe('receive', () => {
    it('a remote stamp ahead (within drift) makes the next tick greater than it', () => {
      const clock = new HybridClock(NODE_A, { now: () => T });
      clock.tick();
      const remote = formatHlc({ millis: T + 5 * MINUTE, counter: 7, node: NODE_B });
      expect(clock.receive(remote)).toEqual({ flagged: false, reason: null });
      const next = clock.tick();
      expect(compareHlc(remote, next)).toBe(-1);
      expect(parseHlc(next)).toMatchObject({ millis: T + 5 * MINUTE, counter: 8 });
    });

    it('an older remote stamp changes nothing', () => {
      const clock = new HybridClock(NODE_A, { now: () => T });
      const last = clock.tick();
      const before = clock.state();
      const old = formatHlc({ millis: T - DAY, counter: 0xffff, node: NODE_B });
      expect(clock.receive(old)).toEqual({ flagged: false, reason: null });
      expect(clock.state()).toEqual(before);
      expect(parseHlc(clock.tick())).toEqual({ millis: T, counter: 1, node: NODE_A });
      expect(compareHlc(old, last)).toBe(-1);
    });

    it('resolves same-(millis, counter) ties by node, and the next tick beats both', () => {
      const a = new HybridClock(NODE_A, { now: () => T });
      const b = new HybridClock(NODE_B, { now: () => T });
      const fromA = a.tick();
      const fromB = b.tick();
      expect(fromA.slice(0, 30)).toBe(fromB.slice(0, 30));
      expect(compareHlc(fromA, fromB)).toBe(NODE_A < NODE_B ? -1 : 1);

      a.receive(fromB);
      const next = a.tick();
      expect(compareHlc(fromA, next)).toBe(-1);
      expect(compareHlc(fromB, next)).toBe(-1);
    });

    it('accepts but flags a far-future stamp and is not dragged forward by it', () => {
      const clock = new HybridClock(NODE_A, { now: () => T });
      const before = clock.tick();
      const future = formatHlc({ millis: T + 3 * DAY, counter: 0, node: NODE_B });

      const result = clock.receive(future);
      expect(result.flagged).toBe(true);
      expect(result.reason).toMatch(/^remote clock 3 days ahead of this device/);
      expect(result.reason).toContain(NODE_B);

      const next = clock.tick();
      expect(compareHlc(before, next)).toBe(-1);
      expect(parseHlc(next).millis).toBe(T);
      expect(clock.state().millis).toBe(T);
    });

    it('flags only strictly beyond maxDriftMs', () => {
      const clock = new HybridClock(NODE_A, { now: () => T, maxDriftMs: 1_000 });
      const at = formatHlc({ millis: T + 1_000, counter: 0, node: NODE_B });
      const beyond = formatHlc({ millis: T + 1_001, counter: 0, node: NODE_B });
      expect(clock.receive(beyond)).toMatchObject({ flagged: true, reason: expect.stringMatching(/1 second/) });
      expect(clock.receive(at)).toEqual({ flagged: false, reason: null });
      expect(compareHlc(at, clock.tick())).toBe(-1);
    });

    it('defaults maxDriftMs to 10 minutes', () => {
      const clock = new HybridClock(NODE_A, { now: () => T });
      expect(clock.receive(formatHlc({ millis: T + 10 * MINUTE, counter: 0, node: NODE_B })).flagged).toBe(false);
      expect(clock.receive(formatHlc({ millis: T + 10 * MINUTE + 1, counter: 0, node: NODE_B })).flagged).toBe(true);
    });

    it('measures drift against physical time, not against the clock itself', () => {
      // Clock already ahead (accepted a stamp 9 min ahead); a stamp 15 min
      // ahead of the wall clock is only 6 min ahead of the clock but still suspicious.
      const clock = new HybridClock(NODE_A, { now: () => T });
      clock.receive(formatHlc({ millis: T + 9 * MINUTE, counter: 0, node: NODE_B }));
      expect(clock.receive(formatHlc({ millis: T + 15 * MINUTE, counter: 0, node: NODE_C })).flagged).toBe(true);
    });

    it('throws HLC_INVALID on a malformed remote stamp without touching state', () => {
      const clock = new HybridClock(NODE_A, { now: () => T });
      clock.tick();
      const before = clock.state();
      expectHlcError(() => clock.receive('2026-11-21T22:26:38.123Z-1-BKK.0a1b2c3d'), 'HLC_INVALID');
      expect(clock.state()).toEqual(before);
    });
  });

  describe('state', () => {
    it('returns a copy', () => {
      const clock = new HybridClock(NODE_A, { now: () => T });
      clock.tick();
      const s = clock.state();
      s.millis = 0;
      expect(clock.state().millis).toBe(T);
    });

    it('round-trips: a restarted clock whose wall clock is earlier still issues greater stamps', () => {
      const first = new HybridClock(NODE_A, { now: () => T + 60 * MINUTE });
      const issued = Array.from({ length: 5 }, () => first.tick());
      const saved = JSON.parse(JSON.stringify(first.state())) as ReturnType<HybridClock['state']>;

      const restarted = new HybridClock(NODE_A, { now: () => T, state: saved });
      const after = Array.from({ length: 5 }, () => restarted.tick());
      expectStrictlyIncreasing([...issued, ...after]);
    });

    it('persists accepted remote stamps too', () => {
      const first = new HybridClock(NODE_A, { now: () => T });
      const remote = formatHlc({ millis: T + 5 * MINUTE, counter: 3, node: NODE_B });
      first.receive(remote);
      const restarted = new HybridClock(NODE_A, { now: () => T, state: first.state() });
      expect(compareHlc(remote, restarted.tick())).toBe(-1);
    });
  });

  it('property: interleaved tick/receive over 3 clocks with skewed, backwards-moving wall clocks', () => {
    const nodes = [NODE_A, NODE_B, NODE_C] as const;
    const maxDriftMs = 10 * MINUTE;
    const idx = fc.integer({ min: 0, max: 2 });
    const op = fc.oneof(
      { arbitrary: fc.record({ kind: fc.constant('tick' as const), at: idx }), weight: 4 },
      {
        // Receive a stamp another clock issued (the latest, or an older one).
        arbitrary: fc.record({ kind: fc.constant('receive' as const), at: idx, from: idx, pick: fc.nat() }),
        weight: 3,
      },
      {
        // Wall clocks jitter, jump back, and occasionally leap far ahead.
        arbitrary: fc.record({
          kind: fc.constant('wall' as const),
          at: idx,
          delta: fc.oneof(
            fc.integer({ min: -2_000, max: 2_000 }),
            fc.integer({ min: -20 * MINUTE, max: 20 * MINUTE }),
            fc.constant(3 * DAY),
          ),
        }),
        weight: 2,
      },
      {
        // Restart: rebuild the clock from its persisted state.
        arbitrary: fc.record({ kind: fc.constant('restart' as const), at: idx }),
        weight: 1,
      },
    );
    const initialSkews = fc.tuple(
      ...nodes.map(() => fc.integer({ min: -15 * MINUTE, max: 15 * MINUTE })),
    ) as fc.Arbitrary<[number, number, number]>;

    // Across all runs, make sure both receive paths were exercised.
    const seen = { flagged: 0, accepted: 0 };
    fc.assert(
      fc.property(initialSkews, fc.array(op, { maxLength: 300 }), (skews, ops) => {
        const walls = skews.map((s) => T + s);
        const make = (i: number, state?: ReturnType<HybridClock['state']>) =>
          new HybridClock(nodes[i]!, { now: () => walls[i]!, maxDriftMs, ...(state ? { state } : {}) });
        const clocks = nodes.map((_, i) => make(i));
        const issued: Hlc[][] = nodes.map(() => []);
        /** Highest stamp each clock has accepted unflagged: every later tick must beat it. */
        const mustExceed: (Hlc | null)[] = nodes.map(() => null);

        for (const o of ops) {
          const clock = clocks[o.at]!;
          switch (o.kind) {
            case 'tick': {
              const stamp = clock.tick();
              const mine = issued[o.at]!;
              const prev = mine.at(-1);
              if (prev !== undefined) expect(compareHlc(prev, stamp), `${prev} < ${stamp}`).toBe(-1);
              const floor = mustExceed[o.at];
              if (floor != null) expect(compareHlc(floor, stamp), `${floor} < ${stamp}`).toBe(-1);
              mine.push(stamp);
              break;
            }
            case 'receive': {
              const pool = issued[o.from]!;
              if (pool.length === 0) break;
              const x = pool[o.pick % pool.length]!;
              const result = clock.receive(x);
              const ahead = parseHlc(x).millis - walls[o.at]!;
              expect(result.flagged).toBe(ahead > maxDriftMs);
              if (result.flagged) {
                seen.flagged++;
                expect(result.reason).toMatch(/ahead of this device/);
              } else {
                seen.accepted++;
                expect(result.reason).toBeNull();
                const floor = mustExceed[o.at];
                if (floor == null || compareHlc(floor, x) < 0) mustExceed[o.at] = x;
              }
              break;
            }
            case 'wall':
              walls[o.at] = Math.max(0, walls[o.at]! + o.delta);
              break;
            case 'restart':
              clocks[o.at] = make(o.at, clock.state());
              break;
          }
        }
      }),
      { numRuns: 300 },
    );
    expect(seen.flagged).toBeGreaterThan(0);
    expect(seen.accepted).toBeGreaterThan(0);
  });
});
