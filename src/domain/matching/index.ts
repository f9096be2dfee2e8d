/** Duplicate detection building blocks: normalise names, fold romanisations, block, count, score. */
export { nameTokens, personNameKeys, personNameForms, nameForms, hanToPinyin, foldLatin, sortedKey } from './normalise';
export type { PersonNames, NameTokenOptions, NameForm } from './normalise';
export { foldRomanisation, foldForBlocking, ROMANISATION_RULES } from './romanisation';
export { preparePerson, preparedNames, birthYearOf, normaliseDocumentNumber, normalisePhone } from './prepare';
export type { BlockingPerson, MatchPerson, PreparedPerson, PreparedName, PreparedDocument, YearOptions } from './prepare';
export { storedKeys, probeKeys, yearBuckets, YEAR_BUCKET, PROBE_YEARS } from './blocking';
export { frequencyTokens, buildNameFrequency, countIncluding, NameFrequencyTable, WHOLE_NAME, OPERATION } from './frequency';
export type { NameFrequency, FrequencyPerson } from './frequency';
export { bestNameMatch, namesakes } from './name-match';
export type { NameMatch } from './name-match';
export { matchScore, matchPrepared, matchPoints, isLikelyDuplicate, LIKELY_DUPLICATE, nameSimilarity, formSimilarity, foldedForms, WEIGHTS } from './score';
export type { MatchOptions, MatchResult } from './score';
export { jaroWinkler, tokenCover, oneEditApart } from './similarity';
export type { TokenSimilarity } from './similarity';
export { candidatePairs, indexStoredKeys } from './candidates';
export type { CandidateOptions } from './candidates';
