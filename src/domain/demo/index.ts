/**
 * Demo data: a seeded generator of realistic synthetic people for the demo
 * mode, benchmarks and matcher tests. See ./generate.ts.
 */
export { generatePeople, iteratePeople } from './generate';
export { DUPLICATE_KINDS, DEFAULT_TODAY, DEFAULT_DUPLICATE_RATE } from './types';
export type { DuplicateKind, GeneratedPerson, GenerateOptions } from './types';
export { Rng } from './random';
export { foldDiacritics } from './duplicates';
export { RESCUE_SITES } from './rescue';
export { NATIONALITIES } from './nationalities';
export type { DemoNationality } from './names';
