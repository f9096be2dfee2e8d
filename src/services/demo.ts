import { iteratePeople } from '../domain/demo';
import { readyForTransfer, readyForVerification } from '../domain/stages';
import type { OfficeStore } from '../db/store';
import { moveStage } from './cases';
import { caseFacts, personRow } from './person-record';
import { parsePersonInput, registerPerson } from './people';
import { recordVerificationIn } from './verification';

const CHUNK = 1000;

/** A number in [0, 1) fixed by seed and index, so a demo database is reproducible. */
function chance(seed: number, index: number, salt: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35) ^ Math.imul(salt, 0x27d4eb2f);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  h = Math.imul(h ^ (h >>> 12), 0x297a2d39);
  return ((h ^ (h >>> 15)) >>> 0) / 2 ** 32;
}

/**
 * Registers generated synthetic people through the same write path and rules
 * as real intake, in transactions of a thousand. About half of those whose
 * intake is complete move on to verification, and some of those are confirmed
 * and moved to transfer, so the demo shows every working stage.
 */
export function generateDemoPeople(store: OfficeStore, actor: string, options: { count: number; seed: number }): { created: number; first: string | null; last: string | null } {
  let created = 0;
  let first: string | null = null;
  let last: string | null = null;
  const people = iteratePeople({ count: options.count, seed: options.seed });
  let done = false;
  while (!done) {
    store.write(actor, (tx) => {
      for (let n = 0; n < CHUNK; n++) {
        const next = people.next();
        if (next.done) {
          done = true;
          return;
        }
        const index = created;
        const { id, caseNumber } = registerPerson(tx, parsePersonInput(next.value.input));
        first ??= caseNumber;
        last = caseNumber;
        created++;
        if (chance(options.seed, index, 1) < 0.5) continue;
        let facts = caseFacts(tx.db, personRow(tx.db, id));
        if (readyForVerification(facts).length) continue;
        moveStage(tx, id, 'verification', 'Intake complete (demo data)');
        if (chance(options.seed, index, 2) < 0.4 || !facts.claimedNationality) continue;
        recordVerificationIn(tx, id, {
          method: 'embassy_list',
          authority: `Embassy of ${facts.claimedNationality}`,
          country: facts.claimedNationality,
          outcome: 'confirmed',
          reference: `EL-${options.seed}-${index}`,
        });
        facts = caseFacts(tx.db, personRow(tx.db, id));
        if (readyForTransfer(facts).length === 0 && chance(options.seed, index, 3) < 0.6) {
          moveStage(tx, id, 'transfer', 'Nationality confirmed (demo data)');
        }
      }
    });
  }
  return { created, first, last };
}
