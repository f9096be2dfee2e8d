/**
 * How common a name is in the registry. "Same name" is strong evidence for a
 * rare name and weak for Muhammad, Agus or Wang Qian: the more registered
 * people share a name, the more of them a new record could be confused with.
 * And a spelling that nobody else has (Budu, Iljam) one letter away from a
 * known name is more likely a slip than a different name.
 *
 * The counts come from the registry itself, never from a list of names: the
 * store keeps a table of `frequencyTokens(person)` counts, updated on every
 * write (add the new tokens, remove the old ones), and passes a view of it
 * to `matchScore`. `buildNameFrequency` is the in-memory equivalent for tests
 * and batch runs.
 */
import type { PersonNames } from './normalise';
import { NATIONALITY, NO_BIRTH_YEAR, OPERATION, WHOLE_NAME, birthYearOf, hanziOf, preparedNames, type PreparedName, type PreparedPerson } from './prepare';

export { NATIONALITY, NO_BIRTH_YEAR, OPERATION, WHOLE_NAME } from './prepare';

export interface NameFrequency {
  /** how many people are counted */
  readonly total: number;
  /** how many of them have this folded token, or this whole-name key (see frequencyTokens) */
  count(token: string): number;
}

/** What frequencyTokens reads: the name fields, the rescue operation, the nationality and whether a birth year is known. */
export interface FrequencyPerson extends PersonNames {
  rescueOperation?: string | null;
  claimedNationality?: string | null;
  birthDate?: string | null;
  estimatedAge?: number | null;
}

/**
 * What the store counts for one person, each string once: every folded name
 * token of every name form (Latin, native, aliases), each form's whole name
 * (its folded tokens sorted, after "="), a Chinese name's characters (after
 * "="), the rescue operation (after "@"), the claimed nationality (after "#")
 * and the operation per nationality ("@…#VN"), and "#?" for a person with no
 * birth year recorded. Whole names are counted apart
 * from tokens because tokens are not independent: "nguyen", "van" and "an"
 * are each common, and "Nguyen Van An" is more common than their product.
 * The operation's count is its size: two records from one handover of 40
 * people say more than two from one of 2,000; and since compounds hold some
 * nationalities more than others, two Vietnamese sharing an operation are
 * weighed against the Vietnamese registered, and how many of them it brought.
 */
export function frequencyTokens(person: FrequencyPerson): string[] {
  const year = birthYearOf(person) !== null;
  return tokensOf(preparedNames(person), hanziOf(person.nativeName), person.rescueOperation?.trim() || null, person.claimedNationality ?? null, year);
}

/** What frequencyTokens gives for the person a prepared record (or a card, see ./card) describes. */
export const countedTokens = (p: PreparedPerson): string[] => tokensOf(p.names, p.hanzi, p.operation, p.nationality, p.year !== null);

function tokensOf(names: readonly PreparedName[], hanzi: string | null, operation: string | null, nationality: string | null, year: boolean): string[] {
  const out = new Set<string>();
  for (const form of names) {
    for (const t of form.tokens) out.add(t);
    out.add(form.wholeKey);
  }
  // Characters tell apart names that pinyin merges (王倩 / 汪倩 are both Wang Qian).
  if (hanzi) out.add(WHOLE_NAME + hanzi);
  if (operation) out.add(OPERATION + operation);
  if (nationality) {
    out.add(NATIONALITY + nationality);
    if (operation) out.add(OPERATION + operation + NATIONALITY + nationality);
  }
  if (!year) out.add(NO_BIRTH_YEAR);
  return [...out];
}

/** An in-memory count table, kept as the store keeps its own. */
export class NameFrequencyTable implements NameFrequency {
  private readonly counts = new Map<string, number>();
  private people = 0;

  get total(): number {
    return this.people;
  }

  count(token: string): number {
    return this.counts.get(token) ?? 0;
  }

  add(person: FrequencyPerson): void {
    this.people++;
    for (const t of frequencyTokens(person)) this.counts.set(t, (this.counts.get(t) ?? 0) + 1);
  }

  remove(person: FrequencyPerson): void {
    this.people = Math.max(0, this.people - 1);
    for (const t of frequencyTokens(person)) {
      const n = (this.counts.get(t) ?? 0) - 1;
      if (n > 0) this.counts.set(t, n);
      else this.counts.delete(t);
    }
  }
}

export function buildNameFrequency(people: Iterable<FrequencyPerson>): NameFrequencyTable {
  const table = new NameFrequencyTable();
  for (const p of people) table.add(p);
  return table;
}

/**
 * The counts as they will be once these records are registered too. The
 * score reads counts as including both records compared (a name "nobody else
 * has" is one only the two of them have); when one of them is new (intake, an
 * import row, another row of the same file), count it in with this, once
 * per new record rather than per pair.
 */
export function countIncluding(frequency: NameFrequency, people: readonly FrequencyPerson[]): NameFrequency {
  const extra = new Map<string, number>();
  for (const p of people) for (const t of frequencyTokens(p)) extra.set(t, (extra.get(t) ?? 0) + 1);
  return {
    // Read when a score needs it: the registry's total may be costly to count.
    get total() {
      return frequency.total + people.length;
    },
    count: (token) => frequency.count(token) + (extra.get(token) ?? 0),
  };
}
