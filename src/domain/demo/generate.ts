/**
 * Seeded generator of synthetic people as a coordinator would register them at
 * intake after a handover: names as they are really written, partial birth
 * dates, confiscated passports, shared rescue operations, and a small share of
 * planted near-duplicates for the matcher to find. Same seed, same people.
 * Every person is invented; no real individual's name is paired with a real
 * document.
 */
import { ADULT_AGE } from '../dates';
import { makeBirth, recordBirth, recordedAge } from './birth';
import { addYears, civilOf, toEpochDay, yearsBetween, type Civil } from './days';
import { buildDocuments, laterDocuments } from './documents';
import { chooseKind, duplicateName, passportNumberOf, type DuplicateSource } from './duplicates';
import { NAME_BUILDERS, type DemoNationality, type NameDraft } from './names';
import { NATIONALITY_TABLE, NATIONALITIES, pickLanguages } from './nationalities';
import { Rng } from './random';
import { RescueCalendar } from './rescue';
import { DEFAULT_DUPLICATE_RATE, DEFAULT_TODAY, type DemoInput, type GenerateOptions, type GeneratedPerson } from './types';
import { pickConsent, pickIndicators, pickVulnerabilities } from './welfare';

/** Earlier people kept as candidates to duplicate; bounded so streaming stays small. */
const SOURCE_POOL_SIZE = 4096;

interface Source extends DuplicateSource {
  birth: string;
  minor: boolean;
  operation: number;
}

interface Context {
  rng: Rng;
  today: number;
  todayCivil: Civil;
  calendar: RescueCalendar;
}

function checkOptions(options: GenerateOptions): Required<GenerateOptions> {
  const { count, seed } = options;
  const today = options.today ?? DEFAULT_TODAY;
  const duplicateRate = options.duplicateRate ?? DEFAULT_DUPLICATE_RATE;
  if (!Number.isInteger(count) || count < 0) throw new RangeError('count must be a whole number, 0 or more.');
  if (!Number.isFinite(seed)) throw new RangeError('seed must be a finite number.');
  if (!(duplicateRate >= 0 && duplicateRate <= 1)) throw new RangeError('duplicateRate must be between 0 and 1.');
  toEpochDay(today); // throws on a malformed date
  return { count, seed, today, duplicateRate };
}

function newPerson(ctx: Context, index: number): { person: GeneratedPerson; source: Source } {
  const { rng, today, todayCivil } = ctx;
  const nationality: DemoNationality = NATIONALITY_TABLE.pick(rng);
  const sex = rng.chance(0.4) ? 'female' : 'male';
  const name: NameDraft = NAME_BUILDERS[nationality](rng, sex);
  const birth = makeBirth(rng, today, todayCivil);
  const rescue = ctx.calendar.pick(rng, nationality);
  const indicators = pickIndicators(rng, sex, birth.minor);
  const input: DemoInput = {
    familyName: name.familyName,
    givenNames: name.givenNames,
    nativeName: name.nativeName,
    aliases: name.aliases,
    sex,
    birthDate: birth.birthDate,
    estimatedAge: birth.estimatedAge,
    // A few people have not said (or will not say) where they are from.
    claimedNationality: rng.chance(0.01) ? null : nationality,
    languages: pickLanguages(rng, nationality),
    phone: rng.chance(0.35) ? NATIONALITIES[nationality].phone(rng) : null,
    documents: buildDocuments(rng, { nationality, sex, birth: birth.date, minor: birth.minor, today }),
    rescueDate: rescue.rescueDate,
    rescueSite: rescue.rescueSite,
    rescueOperation: rescue.rescueOperation,
    rescueGroup: rescue.rescueGroup,
    indicators,
    vulnerabilities: pickVulnerabilities(rng, { sex, minor: birth.minor, age: birth.age, indicators }),
    consent: pickConsent(rng, birth.minor),
  };
  return {
    person: { input, duplicateOf: null, duplicateKind: null },
    source: { index, input, variant: name.variant, nationality, birth: birth.date, minor: birth.minor, operation: rescue.operation },
  };
}

/** The same person registered again, differently. Null when nothing sensible can be planted. */
function duplicateOf(ctx: Context, src: Source): GeneratedPerson | null {
  const { rng, todayCivil } = ctx;
  const kind = chooseKind(rng, src);
  if (kind === null) return null;
  const orig = src.input;
  const name = duplicateName(rng, src, kind);

  // Birth: the same real date, recorded as this registration records it (an estimated age is a guess, see
  // recordBirth); a written year is now and then one off, a slip or a Buddhist Era year converted wrongly.
  const slip = rng.chance(0.12) ? (rng.chance(0.5) ? 1 : -1) : 0;
  let birth = recordBirth(rng, civilOf(addYears(src.birth, slip)), src.minor, todayCivil);
  if ((recordedAge(birth, todayCivil) ?? 0) < ADULT_AGE !== src.minor) birth = { birthDate: orig.birthDate, estimatedAge: orig.estimatedAge };

  const rescue = src.operation >= 0 && rng.chance(0.65) ? ctx.calendar.record(rng, src.operation) : ctx.calendar.pick(rng, src.nationality);
  const number = kind === 'exact_document' ? passportNumberOf(orig) : null;
  const documents: DemoInput['documents'] = number
    ? [{ type: 'passport', number, issuingCountry: src.nationality, expiry: null, holder: rng.chance(0.5) ? 'authority' : 'unknown', note: 'Number from the embassy list' }]
    : laterDocuments(rng, orig.documents, src.nationality, ctx.today);
  const indicators = pickIndicators(rng, orig.sex, src.minor);
  const input: DemoInput = {
    ...name,
    sex: orig.sex,
    birthDate: birth.birthDate,
    estimatedAge: birth.estimatedAge,
    claimedNationality: orig.claimedNationality,
    languages: rng.chance(0.5) ? orig.languages.slice() : orig.languages.slice(0, 1),
    // The same phone, or none; sometimes a new number (phones are taken in the compounds and replaced).
    phone: orig.phone && rng.chance(0.4) ? orig.phone : rng.chance(0.1) ? NATIONALITIES[src.nationality].phone(rng) : null,
    documents,
    rescueDate: rescue.rescueDate,
    rescueSite: rescue.rescueSite,
    rescueOperation: rescue.rescueOperation,
    rescueGroup: rescue.rescueGroup,
    indicators,
    vulnerabilities: pickVulnerabilities(rng, { sex: orig.sex, minor: src.minor, age: yearsBetween(civilOf(src.birth), todayCivil), indicators }),
    consent: pickConsent(rng, src.minor),
  };
  return { input, duplicateOf: src.index, duplicateKind: kind };
}

/** Streaming variant for 100,000+ people: yields the same sequence as generatePeople. */
export function* iteratePeople(options: GenerateOptions): Generator<GeneratedPerson> {
  const { count, seed, today: todayIso, duplicateRate } = checkOptions(options);
  const rng = new Rng(seed);
  const today = toEpochDay(todayIso);
  const calendar = new RescueCalendar(rng.fork(0x5e5c0e), today);
  const ctx: Context = { rng, today, todayCivil: civilOf(todayIso), calendar };
  const pool: Source[] = [];

  for (let index = 0; index < count; index++) {
    if (pool.length > 0 && rng.chance(duplicateRate)) {
      const dup = duplicateOf(ctx, rng.pick(pool));
      if (dup) {
        yield dup;
        continue;
      }
    }
    const { person, source } = newPerson(ctx, index);
    if (pool.length < SOURCE_POOL_SIZE) pool.push(source);
    else pool[rng.int(0, SOURCE_POOL_SIZE - 1)] = source;
    yield person;
  }
}

export function generatePeople(options: GenerateOptions): GeneratedPerson[] {
  const out: GeneratedPerson[] = [];
  for (const person of iteratePeople(options)) out.push(person);
  return out;
}
