/**
 * A registered person's match card: what matching compares of them, worked
 * out once when the record is written and kept beside it by the store. An
 * import looks thousands of rows up among the registered, and reading one
 * short card per candidate costs far less than reading the record again and
 * normalising its names (pinyin above all). The card also says what the
 * store counted for the person (see countedTokens), so that it can be taken
 * off again when the record changes.
 *
 * Documents are not on the card: they are read only for the few candidates
 * that come close (see withDocuments).
 */
import { preparedFrom, preparedName, type PreparedFacts, type PreparedPerson } from './prepare';

/**
 * JSON-ready: the name forms ([alias 0/1, tokens as written…]), then the
 * facts in a fixed order. The birth year is the year itself, not an age, so a
 * card reads the same in any later year.
 */
export type MatchCard = [
  forms: [number, ...string[]][],
  hanzi: string | null,
  year: number | null,
  birthDate: string,
  phone: string | null,
  sex: string | null,
  nationality: string | null,
  operation: string | null,
  site: string | null,
  rescueDay: number | null,
  languages: readonly string[],
];

export function cardOf(p: PreparedPerson): MatchCard {
  return [
    p.names.map((f) => [f.alias ? 1 : 0, ...f.raw]),
    p.hanzi,
    p.year,
    p.birthDate,
    p.phone,
    p.sex,
    p.nationality,
    p.operation,
    p.site,
    p.rescueDay,
    p.languages,
  ];
}

/** The prepared person a card describes, without documents. */
export function fromCard(card: MatchCard): PreparedPerson {
  const [forms, hanzi, year, birthDate, phone, sex, nationality, operation, site, rescueDay, languages] = card;
  const facts: PreparedFacts = { hanzi, year, birthDate, phone, sex, nationality, operation, site, rescueDay, languages };
  return preparedFrom(facts, () => forms.map(([alias, ...raw]) => preparedName(raw, alias === 1)));
}
