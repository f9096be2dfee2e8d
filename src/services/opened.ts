import type { OfficeStore } from '../db/store';
import { ensureOfficeKeys } from './office-keys';
import { replayParkedChanges } from './sync/apply';

/**
 * What an office needs each time it is opened: its keys (offices made before
 * keys existed get theirs), and sync changes parked for a newer version
 * applied now that an upgrade may understand them.
 */
export function prepareOpenedOffice(store: OfficeStore, actor: string): void {
  ensureOfficeKeys(store, actor);
  replayParkedChanges(store, actor);
}
