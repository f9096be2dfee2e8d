import { MIGRATIONS, type Migration } from '../../migrations/index';
import { HomewardError } from '../domain/errors';
import type { Sqlite } from './query';

export const SCHEMA_VERSION = MIGRATIONS.length;

export function schemaVersion(db: Sqlite): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Refuses a database written by a newer Homeward before anything is changed. */
export function assertNotNewer(db: Sqlite, known: number = SCHEMA_VERSION): void {
  const found = schemaVersion(db);
  if (found > known) {
    throw new HomewardError(
      'SCHEMA_TOO_NEW',
      `This database was written by a newer version of Homeward (schema ${found}; this version knows up to ${known}). ` +
        'Install the newer version to open it. Nothing was changed.',
      { found, known },
    );
  }
}

/** Applies every pending migration in one transaction; returns the versions applied. */
export function migrate(db: Sqlite, migrations: readonly Migration[] = MIGRATIONS): number[] {
  assertNotNewer(db, migrations.length);
  const current = schemaVersion(db);
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return [];
  db.transaction(() => {
    for (const m of pending) db.exec(m.sql);
    // user_version is written with the migrations, so a crash leaves neither.
    db.pragma(`user_version = ${pending[pending.length - 1]!.version}`);
  }).immediate();
  return pending.map((m) => m.version);
}
