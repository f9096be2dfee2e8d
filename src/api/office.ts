import { HomewardError } from '../domain/errors';
import type { OfficeStore } from '../db/store';
import type { Session } from './dispatch';

/** The session's open office, or the refusal every office call gives when it is locked. */
export function office(session: Session): OfficeStore {
  if (!session.store) throw new HomewardError('LOCKED', 'No office database is open. Unlock one first.');
  return session.store;
}
