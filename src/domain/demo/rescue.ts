/**
 * Where and how people came out: the compounds and crossing points, and the
 * handover operations that bring dozens or hundreds of people across at once
 * ("Myawaddy handover 2026-10-14"). Operations are drawn once per seed and
 * shared by many people; all fall in the ~120 days before "today".
 */
import { fromEpochDay } from './days';
import { Rng, Weighted } from './random';

interface Site {
  name: string;
  weight: number;
  /** names of handover or raid operations from this site */
  operations: readonly string[];
  /** how groups within an operation are labelled; a number is appended */
  groups: readonly string[];
  /** unnumbered group labels */
  fixedGroups?: readonly string[];
}

export const RESCUE_SITES: readonly Site[] = [
  { name: 'KK Park', weight: 18, operations: ['KK Park handover', 'Myawaddy handover', 'Mae Sot charter'], groups: ['BGF batch', 'DKBA batch', 'KK Park block'], fixedGroups: ['DKBA transfer'] },
  { name: 'Shwe Kokko', weight: 14, operations: ['Shwe Kokko handover', 'Myawaddy handover', 'Friendship Bridge transfer'], groups: ['BGF batch', 'Shwe Kokko group'] },
  { name: 'Myawaddy', weight: 16, operations: ['Myawaddy handover', 'Friendship Bridge transfer', 'Mae Sot charter'], groups: ['BGF batch', 'Mae Sot shelter group', 'Bus'], fixedGroups: ['DKBA transfer'] },
  { name: 'Tai Chang', weight: 6, operations: ['Tai Chang transfer', 'Myawaddy handover'], groups: ['DKBA batch', 'Bus'], fixedGroups: ['DKBA transfer'] },
  { name: 'Dongmei', weight: 5, operations: ['Dongmei release', 'Myawaddy handover'], groups: ['KNU handover group', 'Bus'] },
  { name: 'Payathonzu / Three Pagodas Pass', weight: 4, operations: ['Three Pagodas Pass handover', 'Sangkhla Buri transfer'], groups: ['Sangkhla Buri shelter group', 'Truck'] },
  { name: 'Sihanoukville', weight: 10, operations: ['Sihanoukville raid', 'Phnom Penh repatriation'], groups: ['Police bus', 'Immigration detention block'] },
  { name: "O'Smach", weight: 5, operations: ["O'Smach crackdown", 'Chong Chom crossing transfer'], groups: ['Bus', 'Surin shelter group'] },
  { name: 'Poipet', weight: 4, operations: ['Poipet crackdown', 'Khlong Luek crossing transfer'], groups: ['Bus', 'Sa Kaeo shelter group'] },
  { name: 'Bavet', weight: 3, operations: ['Bavet raid', 'Moc Bai crossing handover'], groups: ['Bus'] },
  { name: 'Golden Triangle SEZ', weight: 8, operations: ['Golden Triangle SEZ sweep', 'Chiang Saen handover', 'Bokeo repatriation'], groups: ['Bokeo group', 'Boat'] },
  { name: 'Bamban, Tarlac', weight: 2, operations: ['Bamban raid'], groups: ['PAOCC group'] },
];

export interface Operation {
  site: string;
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
  private readonly table: Weighted<number>;

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
      ops.push({ site: site.name, name, day, groups, weight: Math.pow(rng.next(), 3) * 20 + 1 });
    }
    ops.sort((a, b) => a.day - b.day || (a.name < b.name ? -1 : 1));
    this.operations = ops;
    this.table = new Weighted(ops.map((op, i) => [i, op.weight] as const));
  }

  /** A rescue for one person: the operation's date or a day or two before. */
  pick(rng: Rng): RescueRecord {
    const index = this.table.pick(rng);
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
