/**
 * What a bundle's header, changes and audit events must look like before any
 * of it is applied.
 *
 * A signature proves which office wrote a bundle, not that its Homeward
 * wrote it right: a bug, or an altered copy at a trusted peer, can sign
 * anything. A bundle that passes these checks can be applied without a stamp
 * this version cannot order or a value SQLite cannot bind; one that fails is
 * refused whole when it is opened, before anything is changed.
 */
import { z } from 'zod';
import { isValidHlc, isValidNode, parseHlc } from './hlc';

const OFFICE_CODE = /^[A-Z0-9]{2,8}$/;
const BUNDLE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SHA256 = /^[0-9a-f]{64}$/;
/** Table and column names as Homeward's schema spells them: they are written into SQL (quoted). */
const SQL_NAME = /^[a-z][a-z0-9_]*$/;

const stamp = z.string().refine(isValidHlc, 'not a change stamp Homeward writes (time-counter-office.device)');
const node = z.string().refine(isValidNode, 'not a writing device (OFFICE.device)');
const office = z.string().regex(OFFICE_CODE, 'not an office code');
const count = z.number().int().nonnegative();
const sha256 = z.string().regex(SHA256, 'not a SHA-256');

/** Per device, the stamp of one of that device's own changes. */
const watermarks = z.record(node, stamp).superRefine((marks, ctx) => {
  for (const [device, mark] of Object.entries(marks)) {
    if (isValidHlc(mark) && parseHlc(mark).node !== device) ctx.addIssue({ code: 'custom', path: [device], message: `a stamp of another device (${mark})` });
  }
});

/** The header's fields past format and version (openBundle reads those first, to tell a newer format apart). */
export const bundleHeaderShape = z.object({
  id: z.string().regex(BUNDLE_ID, 'not a bundle id'),
  from: office,
  to: z.array(office).min(1),
  createdAt: z.iso.datetime(),
  schemaVersion: count,
  watermarks,
  base: watermarks,
  counts: z.object({ changes: count, events: count, blobs: count }),
  sha256: z.object({ changes: sha256, events: sha256, blobs: sha256 }),
  blobs: z.array(z.tuple([sha256, count])),
});

/** Column names already found well-formed: a first sync repeats a few dozen of them millions of times. */
const columnNames = new Set<string>();
const isColumnName = (name: string): boolean => {
  if (columnNames.has(name)) return true;
  if (!SQL_NAME.test(name)) return false;
  if (columnNames.size < 1000) columnNames.add(name);
  return true;
};

/**
 * Columns and their values. A column holds text, a number or null (what
 * SQLite binds); anything else JSON can say (true, {…}, […]) is not a value
 * Homeward writes. A row keeps its id on every office: a change never sets
 * it. Checked in one pass rather than a schema per value, which would take
 * seconds for the millions of values of a first sync.
 */
const columns = z.custom<Record<string, unknown>>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), 'not a set of columns').superRefine((fields, ctx) => {
  for (const name in fields) {
    const wrong = columnProblem(name, fields[name]);
    if (wrong) ctx.addIssue({ code: 'custom', path: [name], message: wrong });
  }
});

function columnProblem(name: string, value: unknown): string | null {
  if (!isColumnName(name)) return 'not a column name';
  if (name === 'id') return 'a change may not set a row id';
  if (value !== null && typeof value !== 'string' && typeof value !== 'number') return 'not a value a column holds (text, a number or null)';
  return null;
}

const changedRow = z.object({
  table: z.string().regex(SQL_NAME, 'not a table name'),
  id: z.string().min(1),
  op: z.enum(['insert', 'update', 'delete']),
  fields: columns,
  prev: columns.optional(),
});

export const bundleChangeShape = z.object({ hlc: stamp, rows: z.array(changedRow) });

const nullableText = z.string().nullable();

export const bundleEventShape = z
  .object({
    id: z.string().min(1),
    chain: node,
    chain_index: count,
    at: z.string().min(1),
    hlc: stamp,
    office,
    actor: z.string(),
    action: z.string().min(1),
    entity_type: z.string().min(1),
    entity_id: z.string(),
    person_id: nullableText,
    before: nullableText,
    after: nullableText,
    reason: nullableText,
    prev_hash: sha256,
    hash: sha256,
  })
  .refine((e) => !isValidHlc(e.hlc) || parseHlc(e.hlc).node === e.chain, { message: 'an event stamped by another device than its chain', path: ['hlc'] });

/** The first thing wrong with a value, as "where: what" (e.g. `rows.0.fields.estimated_age: …`), for a refusal message. */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0]!;
  const where = issue.path.map(String).join('.');
  return where ? `${where}: ${issue.message}` : issue.message;
}
