/** Duplicate detection building blocks: normalise names, fold romanisations, block, score. */
export { nameTokens, personNameKeys, personNameForms, nameForms, hanToPinyin, foldLatin, sortedKey } from './normalise';
export type { PersonNames, NameTokenOptions, NameForm } from './normalise';
export { foldRomanisation, ROMANISATION_RULES } from './romanisation';
export { blockingKeys, birthYearOf, yearBuckets, normaliseDocumentNumber, normalisePhone } from './blocking';
export type { BlockingPerson, YearOptions } from './blocking';
export { matchScore, isLikelyDuplicate, LIKELY_DUPLICATE, nameSimilarity, formSimilarity, foldedForms } from './score';
export type { MatchPerson, MatchResult } from './score';
export { jaroWinkler, tokenCover } from './similarity';
export { candidatePairs } from './candidates';
