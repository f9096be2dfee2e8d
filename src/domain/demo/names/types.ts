import type { Rng } from '../random';

export type BinarySex = 'female' | 'male';

/** A name as a coordinator would record it at intake. */
export interface NameDraft {
  familyName: string | null;
  givenNames: string | null;
  /** the name in the person's own script (for Latin-script languages, the name with its diacritics) */
  nativeName: string | null;
  aliases: string[];
  /** the same name in another common romanisation (Somchai / Somchay), when there is one */
  variant: { familyName: string | null; givenNames: string | null } | null;
}

export type NameBuilder = (rng: Rng, sex: BinarySex) => NameDraft;

/** A name element: its Latin form, and its form in the native script when it has one. */
export type Part = readonly [latin: string, native?: string];

export interface SexedPool {
  male: readonly Part[];
  female: readonly Part[];
}

export const latinOf = (parts: readonly Part[]): string => parts.map((p) => p[0]).join(' ');

/** Native-script form of all parts joined, or null when any part has none. */
export function nativeOf(parts: readonly Part[], separator = ' '): string | null {
  const out: string[] = [];
  for (const p of parts) {
    if (p[1] === undefined) return null;
    out.push(p[1]);
  }
  return out.join(separator);
}

/**
 * Assemble a draft. Pools are written in NFC (the form the intake schema
 * stores), so no normalisation is needed here; the tests check the output.
 */
export function draft(
  familyName: string | null,
  givenNames: string | null,
  nativeName: string | null,
  aliases: string[] = [],
  variant: NameDraft['variant'] = null,
): NameDraft {
  return { familyName, givenNames, nativeName, aliases, variant };
}

/**
 * Names people are given, or give themselves, while working in a compound:
 * the English "work names" used in scam chats. Recorded as aliases.
 */
export const WORK_NAMES: SexedPool = {
  male: ['Kevin', 'Jack', 'Tony', 'Leo', 'Eric', 'Jason', 'Alex', 'Sam', 'David', 'Ryan', 'Max', 'Andy', 'Ben', 'Leon', 'Frank', 'Henry'].map(
    (n) => [n] as const,
  ),
  female: ['Lily', 'Anna', 'Cindy', 'Amy', 'Grace', 'Coco', 'Linda', 'Jenny', 'Mia', 'Sophia', 'Emma', 'Nancy', 'Vivian', 'Ruby', 'Sandy', 'Kelly'].map(
    (n) => [n] as const,
  ),
};

export function maybeWorkName(rng: Rng, sex: BinarySex, p: number): string[] {
  return rng.chance(p) ? [rng.pick(WORK_NAMES[sex])[0]] : [];
}
