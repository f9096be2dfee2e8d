import { createHash } from 'node:crypto';
import { canonicalJson } from '../crypto/canonical-json';
import type { AuditEventTable } from './schema';
import type { Sqlite } from './query';
import type { AuditBreak, AuditVerification } from '../api/views';

/**
 * The audit trail is a hash chain per writing device: each event's hash
 * covers its content and the previous event's hash, so altering, removing or
 * reordering any event breaks every link after it. The head of each chain is
 * also kept in `meta`, so cutting events off the end is caught too.
 */

export const GENESIS_HASH = '0'.repeat(64);

export type AuditContent = Omit<AuditEventTable, 'seq' | 'hash'>;

export function auditHash(event: AuditContent): string {
  return createHash('sha256')
    .update(
      canonicalJson([
        event.prev_hash,
        event.id,
        event.chain,
        event.chain_index,
        event.at,
        event.hlc,
        event.office,
        event.actor,
        event.action,
        event.entity_type,
        event.entity_id,
        event.person_id,
        event.before,
        event.after,
        event.reason,
      ]),
    )
    .digest('hex');
}

export interface ChainHead {
  index: number;
  hash: string;
}

export function chainHeadKey(chain: string): string {
  return `audit_head:${chain}`;
}

export type { AuditBreak, AuditVerification } from '../api/views';

/** Walks every chain from its start; reports the first broken link found. */
export function verifyAuditChain(db: Sqlite): AuditVerification {
  const chains = db.prepare('SELECT chain, count(*) AS n FROM audit_event GROUP BY chain ORDER BY chain').all() as { chain: string; n: number }[];
  const heads = new Map<string, ChainHead>(
    (db.prepare(`SELECT key, value FROM meta WHERE key LIKE 'audit_head:%'`).all() as { key: string; value: string }[]).map((r) => [
      r.key.slice('audit_head:'.length),
      JSON.parse(r.value) as ChainHead,
    ]),
  );
  const summary: AuditVerification['chains'] = [];
  let total = 0;
  let firstBreak: AuditBreak | null = null;
  const stmt = db.prepare('SELECT * FROM audit_event WHERE chain = ? ORDER BY chain_index');

  for (const { chain } of chains) {
    let prev = GENESIS_HASH;
    let expected = 0;
    let brokenHere: AuditBreak | null = null;
    for (const row of stmt.iterate(chain) as Iterable<AuditEventTable>) {
      total++;
      if (brokenHere) continue;
      if (row.chain_index !== expected) {
        brokenHere = {
          chain,
          index: expected,
          eventId: row.id,
          problem: 'missing',
          message: `Audit chain ${chain}: event ${expected} is missing (the next one found is ${row.chain_index}).`,
        };
      } else if (row.prev_hash !== prev) {
        brokenHere = {
          chain,
          index: expected,
          eventId: row.id,
          problem: 'out_of_order',
          message: `Audit chain ${chain}: event ${expected} does not follow the event before it (an event before it was altered or removed).`,
        };
      } else if (auditHash(row) !== row.hash) {
        brokenHere = {
          chain,
          index: expected,
          eventId: row.id,
          problem: 'altered',
          message: `Audit chain ${chain}: event ${expected} (${row.action} on ${row.entity_type} ${row.entity_id}) was altered after it was written.`,
        };
      }
      prev = row.hash;
      expected++;
    }
    const head = heads.get(chain);
    if (!brokenHere && head && (head.index !== expected - 1 || head.hash !== prev)) {
      brokenHere = {
        chain,
        index: expected,
        eventId: null,
        problem: 'truncated',
        message: `Audit chain ${chain}: ${head.index + 1 - expected} event(s) at its end were removed (the chain head says ${head.index + 1}, found ${expected}).`,
      };
    }
    if (brokenHere && !firstBreak) firstBreak = brokenHere;
    summary.push({ chain, events: expected, head: prev });
  }
  for (const [chain, head] of heads) {
    if (!firstBreak && !chains.some((c) => c.chain === chain)) {
      firstBreak = {
        chain,
        index: 0,
        eventId: null,
        problem: 'truncated',
        message: `Audit chain ${chain}: all ${head.index + 1} event(s) were removed.`,
      };
    }
  }
  return { ok: firstBreak === null, events: total, chains: summary, firstBreak };
}
