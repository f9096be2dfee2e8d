import { prepare } from '../db/query';
import type { WriteTx } from '../db/write-tx';

/**
 * Human codes for the office's batches, lists and handovers, e.g.
 * MSO-T-2026-0007: office, series letter, year, number. Numbers come from the
 * same counter table as case numbers (a series of their own), so they may
 * skip after a rolled-back write but never repeat.
 */
export type Series = 'T' | 'H' | 'V';

export function nextSerial(tx: WriteTx, series: Series, year = Number(tx.at.slice(0, 4))): string {
  const { last } = prepare(
    tx.db,
    `INSERT INTO case_counter (office, year, last) VALUES (?, ?, 1)
     ON CONFLICT (office, year) DO UPDATE SET last = last + 1 RETURNING last`,
  ).get(`${tx.office}-${series}`, year) as { last: number };
  return `${tx.office}-${series}-${year}-${String(last).padStart(4, '0')}`;
}
