import type { sync } from './en';

/** Every language translates every string of the sync screens (the type checker enforces it). */
export type SyncCatalog = Record<keyof typeof sync, string>;
