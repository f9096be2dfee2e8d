/**
 * Where and how people came out: the compounds and crossing points, and the
 * handover operations that bring dozens or hundreds of people across at once
 * ("Myawaddy handover 2026-10-14"). Operations are drawn once per seed and
 * shared by many people; all fall in the ~120 days before "today".
 */
import { fromEpochDay } from './days';
import type { DemoNationality } from './names';
import { Rng, Weighted } from './random';

/** Where people of a nationality were held, relative to the Chinese (the largest group everywhere): 1 when not said. */
type Affinity = Partial<Record<DemoNationality, number>>;

/** Compounds of the Myawaddy area recruit across Asia and Africa; their Burmese staff are local. */
const MYAWADDY: Affinity = {
  ID: 1.2, PH: 1.2, VN: 0.7, MM: 1.5, IN: 1.5, PK: 1.5, NP: 1.5, LK: 1.5, BD: 1.5, ET: 2, ER: 2, KE: 2, UG: 2, NG: 2, BR: 1.5, KR: 0.8, LA: 0.3, KH: 0.3,
};
const CAMBODIA: Affinity = { VN: 1.8, TH: 1.5, ID: 1.3, MY: 1.5, PH: 0.8, KR: 1.5, KH: 2.5, MM: 0.3, LA: 0.5, IN: 0.6, PK: 0.4, NP: 0.4, LK: 0.4, BD: 0.4, ET: 0.3, ER: 0.3, KE: 0.3, UG: 0.3, NG: 0.3, BR: 0.4 };
const GOLDEN_TRIANGLE: Affinity = { LA: 4, MM: 2.5, TH: 1.5, ID: 0.3, PH: 0.3, IN: 0.3, PK: 0.3, NP: 0.3, LK: 0.3, BD: 0.3, ET: 0.3, ER: 0.3, KE: 0.3, UG: 0.3, NG: 0.3, BR: 0.3, KR: 0.3, KH: 0.3, MY: 0.3 };
const PHILIPPINES: Affinity = { VN: 1.5, PH: 3, MY: 1.5, ID: 1.5, TH: 0.3, MM: 0.3, LA: 0.3, KH: 0.3, IN: 0.3, PK: 0.3, NP: 0.3, LK: 0.3, BD: 0.3, ET: 0.3, ER: 0.3, KE: 0.3, UG: 0.3, NG: 0.3, BR: 0.3, KR: 0.3 };

interface Site {
  name: string;
  weight: number;
  /** who is held there (see Affinity) */
  people: Affinity;
  /** names of handover or raid operations from this site */
  operations: readonly string[];
  /** how groups within an operation are labelled; a number is appended */
  groups: readonly string[];
  /** unnumbered group labels */
  fixedGroups?: readonly string[];
}

export const RESCUE_SITES: readonly Site[] = [
  { name: 'KK Park', people: MYAWADDY, weight: 18, operations: ['KK Park handover', 'Myawaddy handover', 'Mae Sot charter'], groups: ['BGF batch', 'DKBA batch', 'KK Park block'], fixedGroups: ['DKBA transfer'] },
  { name: 'Shwe Kokko', people: MYAWADDY, weight: 14, operations: ['Shwe Kokko handover', 'Myawaddy handover', 'Friendship Bridge transfer'], groups: ['BGF batch', 'Shwe Kokko group'] },
  { name: 'Myawaddy', people: MYAWADDY, weight: 16, operations: ['Myawaddy handover', 'Friendship Bridge transfer', 'Mae Sot charter'], groups: ['BGF batch', 'Mae Sot shelter group', 'Bus'], fixedGroups: ['DKBA transfer'] },
  { name: 'Tai Chang', people: MYAWADDY, weight: 6, operations: ['Tai Chang transfer', 'Myawaddy handover'], groups: ['DKBA batch', 'Bus'], fixedGroups: ['DKBA transfer'] },
  { name: 'Dongmei', people: MYAWADDY, weight: 5, operations: ['Dongmei release', 'Myawaddy handover'], groups: ['KNU handover group', 'Bus'] },
  { name: 'Payathonzu / Three Pagodas Pass', people: MYAWADDY, weight: 4, operations: ['Three Pagodas Pass handover', 'Sangkhla Buri transfer'], groups: ['Sangkhla Buri shelter group', 'Truck'] },
  { name: 'Sihanoukville', people: CAMBODIA, weight: 10, operations: ['Sihanoukville raid', 'Phnom Penh repatriation'], groups: ['Police bus', 'Immigration detention block'] },
  { name: "O'Smach", people: CAMBODIA, weight: 5, operations: ["O'Smach crackdown", 'Chong Chom crossing transfer'], groups: ['Bus', 'Surin shelter group'] },
  { name: 'Poipet', people: CAMBODIA, weight: 4, operations: ['Poipet crackdown', 'Khlong Luek crossing transfer'], groups: ['Bus', 'Sa Kaeo shelter group'] },
  { name: 'Bavet', people: CAMBODIA, weight: 3, operations: ['Bavet raid', 'Moc Bai crossing handover'], groups: ['Bus'] },
  { name: 'Golden Triangle SEZ', people: GOLDEN_TRIANGLE, weight: 8, operations: ['Golden Triangle SEZ sweep', 'Chiang Saen handover', 'Bokeo repatriation'], groups: ['Bokeo group', 'Boat'] },
  { name: 'Bamban, Tarlac', people: PHILIPPINES, weight: 2, operations: ['Bamban raid'], groups: ['PAOCC group'] },
];

export interface Operation {
  site: string;
  people: Affinity;
  name: string;
  day: number;
  groups: readonly string[];
  /** relative size: a few handovers bring hundreds of people, most a few dozen */
  weight: number;
}

export interface RescueRecord {
  rescueDate: string | null;
  rescueSite: string | null;
  rescueOperation: string | null;
  rescueGroup: string | null;
  /** index of the operation in the calendar, or -1 */
  operation: number;
}

/** The operations of one demo data set. */
export class RescueCalendar {
  readonly operations: readonly Operation[];
  /** per nationality: operations weighted by their size and by who is held at their site */
  private readonly tables = new Map<DemoNationality, Weighted<number>>();

  constructor(rng: Rng, today: number, count = 48, windowDays = 120) {
    const sites = new Weighted(RESCUE_SITES.map((s) => [s, s.weight] as const));
    const ops: Operation[] = [];
    const taken = new Set<string>();
    for (let i = 0; ops.length < count && i < count * 4; i++) {
      const site = sites.pick(rng);
      const day = today - rng.int(3, windowDays - 3);
      const name = `${rng.pick(site.operations)} ${fromEpochDay(day)}`;
      if (taken.has(name)) continue;
      taken.add(name);
      const groups: string[] = [];
      const numbered = rng.pick(site.groups);
      const first = rng.int(1, 40);
      for (let g = 0, n = rng.int(2, 8); g < n; g++) groups.push(`${numbered} ${first + g}`);
      for (const fixed of site.fixedGroups ?? []) groups.push(fixed);
      ops.push({ site: site.name, people: site.people, name, day, groups, weight: Math.pow(rng.next(), 3) * 20 + 1 });
    }
    ops.sort((a, b) => a.day - b.day || (a.name < b.name ? -1 : 1));
    this.operations = ops;
  }

  /** A rescue for one person of this nationality: the operation's date or a day or two before. */
  pick(rng: Rng, nationality: DemoNationality): RescueRecord {
    let table = this.tables.get(nationality);
    if (!table) {
      table = new Weighted(this.operations.map((op, i) => [i, op.weight * (op.people[nationality] ?? 1)] as const));
      this.tables.set(nationality, table);
    }
    const index = table.pick(rng);
    const op = this.operations[index] as Operation;
    if (rng.chance(0.02)) {
      // Walked into a shelter on their own: date known, no site or operation.
      return { rescueDate: fromEpochDay(op.day - rng.int(0, 2)), rescueSite: null, rescueOperation: null, rescueGroup: null, operation: -1 };
    }
    return this.record(rng, index);
  }

  record(rng: Rng, index: number): RescueRecord {
    const op = this.operations[index] as Operation;
    return {
      rescueDate: fromEpochDay(op.day - (rng.chance(0.7) ? 0 : rng.int(1, 2))),
      rescueSite: op.site,
      rescueOperation: op.name,
      rescueGroup: rng.chance(0.6) ? rng.pick(op.groups) : null,
      operation: index,
    };
  }
}
