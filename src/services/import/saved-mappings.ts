/** Column mappings saved under a name, for the next list from the same source. */
import { HomewardError } from '../../domain/errors';
import { uuidv7 } from '../../db/ids';
import { prepare } from '../../db/query';
import type { ImportMappingTable } from '../../db/schema';
import type { OfficeStore } from '../../db/store';
import { importMappingSchema, type ImportMapping } from './mapping';

export interface SavedMapping {
  id: string;
  name: string;
  mapping: ImportMapping;
  updatedAt: string;
  createdBy: string;
}

const view = (r: ImportMappingTable): SavedMapping => ({
  id: r.id,
  name: r.name,
  mapping: importMappingSchema.parse(JSON.parse(r.mapping)),
  updatedAt: r.updated_at,
  createdBy: r.created_by,
});

export function listMappings(store: OfficeStore): SavedMapping[] {
  return (prepare(store.db, 'SELECT * FROM import_mapping WHERE deleted = 0 ORDER BY name COLLATE NOCASE').all() as ImportMappingTable[]).map(view);
}

export function findMapping(store: OfficeStore, name: string): SavedMapping | null {
  const row = prepare(store.db, 'SELECT * FROM import_mapping WHERE name = ? AND deleted = 0').get(name.trim()) as ImportMappingTable | undefined;
  return row ? view(row) : null;
}

export function getMapping(store: OfficeStore, name: string): SavedMapping {
  const found = findMapping(store, name);
  if (!found) {
    const names = listMappings(store).map((m) => `"${m.name}"`);
    throw new HomewardError(
      'NOT_FOUND',
      `No saved mapping named "${name}". ${names.length ? `Saved mappings: ${names.join(', ')}.` : 'No mapping has been saved yet: import once without --mapping and save it.'}`,
    );
  }
  return found;
}

/** Saves (or replaces) the mapping under `name`. */
export function saveMapping(store: OfficeStore, actor: string, name: string, mapping: ImportMapping): SavedMapping {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > 100) throw new HomewardError('VALIDATION_FAILED', 'A mapping needs a name of 1 to 100 characters, e.g. the agency the lists come from.');
  const json = JSON.stringify(importMappingSchema.parse(mapping));
  store.write(actor, (tx) => {
    const existing = findMapping(store, trimmed);
    if (existing) {
      tx.update('import_mapping', existing.id, { mapping: json });
      tx.audit({ action: 'import.mapping_saved', entityType: 'import_mapping', entityId: existing.id, after: { name: trimmed } });
    } else {
      const id = uuidv7();
      tx.insert('import_mapping', { id, name: trimmed, mapping: json, created_at: tx.at, created_by: tx.actor, updated_at: tx.at, deleted: 0 });
      tx.audit({ action: 'import.mapping_saved', entityType: 'import_mapping', entityId: id, after: { name: trimmed } });
    }
  });
  return getMapping(store, trimmed);
}

export function deleteMapping(store: OfficeStore, actor: string, name: string): void {
  const existing = getMapping(store, name);
  store.write(actor, (tx) => {
    tx.tombstone('import_mapping', existing.id);
    tx.audit({ action: 'import.mapping_deleted', entityType: 'import_mapping', entityId: existing.id, before: { name: existing.name } });
  });
}
