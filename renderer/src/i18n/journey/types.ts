import type { journey } from '../en-parts/journey';

/** Every language translates every string of the journey screens (the type checker enforces it). */
export type JourneyCatalog = Record<keyof typeof journey, string>;
