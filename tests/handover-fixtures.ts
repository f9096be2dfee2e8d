/**
 * A handover as tests need it: one person with a confirmed Vietnamese
 * nationality, moved through a transfer batch that arrived, and handed over.
 */
import type { HandoverView } from '../src/api/journey-views';
import type { OfficeStore } from '../src/db/store';
import { advanceCase } from '../src/services/cases';
import { createHandover } from '../src/services/handover/handovers';
import { addPerson } from '../src/services/people';
import { createBatch, markMember, setBatchStatus } from '../src/services/transfer/batches';
import { recordVerification } from '../src/services/verification';
import { ACTOR, completePerson } from './helpers';

export const ROUTE = { fromSite: 'Mae Sot shelter', crossingPoint: 'Friendship Bridge 2', toSite: 'Myawaddy reception', plannedDate: '2026-11-20', capacity: 30 };
export const HANDOVER = { receivingCountry: 'VN', agency: 'Immigration Department', officialName: 'Trần Văn Bình', officialId: 'MPS-44817', place: 'Myawaddy reception centre' };
export const EMBASSY = 'Embassy of Viet Nam, Bangkok';

/** Registers one person and takes them all the way to a handover (to `recipient`, a recipient's id or name, when given). */
export function handOverOnePerson(store: OfficeStore, recipient?: string): { handover: HandoverView; caseNumber: string } {
  const p = addPerson(store, ACTOR, completePerson());
  advanceCase(store, ACTOR, p.caseNumber, 'verification', 'Intake complete');
  recordVerification(store, ACTOR, p.caseNumber, { method: 'interview', authority: EMBASSY, country: 'VN', outcome: 'confirmed', reference: 'VN/BKK/1' });
  advanceCase(store, ACTOR, p.caseNumber, 'transfer', 'Nationality confirmed');
  const { batch } = createBatch(store, ACTOR, ROUTE, [p.caseNumber]);
  setBatchStatus(store, ACTOR, batch.code, 'boarding', null);
  markMember(store, ACTOR, batch.code, p.caseNumber, 'boarded', null);
  setBatchStatus(store, ACTOR, batch.code, 'in_transit', null);
  markMember(store, ACTOR, batch.code, p.caseNumber, 'arrived', null);
  setBatchStatus(store, ACTOR, batch.code, 'arrived', null);
  return { handover: createHandover(store, ACTOR, { batch: batch.code, ...HANDOVER, recipient }), caseNumber: p.caseNumber };
}
