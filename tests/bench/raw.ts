/**
 * The benchmarks' baseline: a bare encrypted SQLite file with Homeward's
 * schema and the office file's pragmas (WAL, synchronous = FULL), a random
 * key, and none of the write path.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { migrate } from '../../src/db/migrate';
import { openSqlite } from '../../src/db/open';
import type { Sqlite } from '../../src/db/query';

export function createRawBaseline(dir: string, name = 'raw.db'): { db: Sqlite; path: string; key: Buffer } {
  const path = join(dir, name);
  const key = randomBytes(32);
  const db = openSqlite(path, key, { mustExist: false });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  migrate(db);
  return { db, path, key };
}
