// Loaded with `node --import` into the real `homeward sync import` process by
// tests/crash/sync-import-crash.test.ts. It changes nothing the program does:
// it only writes marker lines to stderr (synchronously, so a line written is
// in the pipe before the next statement runs, and survives a SIGKILL) as the
// import reaches its steps, so the test can tell where each kill landed.
//
//   HOMEWARD-CRASH-MARK begin      the import transaction is open: first statement of applyBundle's write
//   HOMEWARD-CRASH-MARK changes N  N changes of the bundle written to the change log so far (every 250)
//   HOMEWARD-CRASH-MARK record     the bundle's sync_bundle row is about to be written: the last step before COMMIT
//
// The statements are recognised by their SQL, as src/services/sync/apply.ts prepares them.
import { writeSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const Database = require('better-sqlite3-multiple-ciphers');

const mark = (what) => writeSync(2, `HOMEWARD-CRASH-MARK ${what}\n`);
const original = Database.prototype.prepare;
let changes = 0;

Database.prototype.prepare = function prepare(sql, ...rest) {
  const stmt = original.call(this, sql, ...rest);
  if (typeof sql !== 'string') return stmt;
  if (sql.startsWith('INSERT INTO attachment_blob (sha256, size, bytes) VALUES (?, ?, ?) ON CONFLICT')) mark('begin');
  else if (sql.startsWith('INSERT INTO change (hlc, rows, flagged)')) {
    const run = stmt.run;
    stmt.run = function counted(...args) {
      const result = run.apply(this, args);
      changes++;
      if (changes % 250 === 0) mark(`changes ${changes}`);
      return result;
    };
  } else if (sql.includes('INSERT INTO sync_bundle') && sql.includes("'in'")) mark('record');
  return stmt;
};
