import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { DummyDriver, Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, type Compilable } from 'kysely';
import type { DB } from './schema';

/**
 * Kysely builds and type-checks our queries; better-sqlite3 runs them
 * synchronously. Synchronous execution lets a whole write (row, change log,
 * audit event, search index) sit inside one better-sqlite3 transaction, and
 * avoids a promise per statement on hot paths such as a 10,000-row import.
 */
export const qb = new Kysely<DB>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});

export type Sqlite = BetterSqlite3.Database;

const statementCache = new WeakMap<Sqlite, Map<string, BetterSqlite3.Statement>>();

export function prepare(db: Sqlite, sql: string): BetterSqlite3.Statement {
  let cache = statementCache.get(db);
  if (!cache) {
    cache = new Map();
    statementCache.set(db, cache);
  }
  let stmt = cache.get(sql);
  if (!stmt) {
    stmt = db.prepare(sql);
    cache.set(sql, stmt);
  }
  return stmt;
}

/** A value in the `meta` table (this database's own settings and bookkeeping). */
export function readMeta(db: Sqlite, key: string): string | undefined {
  return (prepare(db, 'SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
}

/** Sets a `meta` value, or removes it with null. */
export function writeMeta(db: Sqlite, key: string, value: string | null): void {
  if (value === null) prepare(db, 'DELETE FROM meta WHERE key = ?').run(key);
  else prepare(db, 'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

type Row<Q> = Q extends Compilable<infer R> ? R : never;

export function all<Q extends Compilable<unknown>>(db: Sqlite, query: Q): Row<Q>[] {
  const { sql, parameters } = query.compile();
  return prepare(db, sql).all(...(parameters as unknown[])) as Row<Q>[];
}

export function first<Q extends Compilable<unknown>>(db: Sqlite, query: Q): Row<Q> | undefined {
  const { sql, parameters } = query.compile();
  return prepare(db, sql).get(...(parameters as unknown[])) as Row<Q> | undefined;
}

export function run(db: Sqlite, query: Compilable<unknown>): BetterSqlite3.RunResult {
  const { sql, parameters } = query.compile();
  return prepare(db, sql).run(...(parameters as unknown[]));
}
