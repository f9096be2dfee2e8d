/**
 * `homeward import FILE`: the same dry run and apply as the import wizard,
 * printing the same summary. With --dry-run nothing is stored.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import type { ImportFileView, ImportOutcome, ImportProgressView, ImportRowsView, ImportSummaryView } from '../api/views';
import { HomewardError } from '../domain/errors';
import { IMPORT_FIELDS, type ImportField } from '../services/import/headers';
import type { AlreadyImported } from '../services/import/result';
import { foldKey } from '../services/import/text';
import { emit, int, openOffice, send, str, UsageError, type Context } from './context';
import { counted } from '../domain/text';

export const importOptions = {
  'dry-run': { type: 'boolean', default: false },
  mapping: { type: 'string' },
  'save-mapping': { type: 'string' },
  map: { type: 'string', multiple: true },
  encoding: { type: 'string' },
  sheet: { type: 'string' },
  'header-row': { type: 'string' },
  site: { type: 'string' },
  'rescue-date': { type: 'string' },
  operation: { type: 'string' },
  group: { type: 'string' },
  nationality: { type: 'string' },
  'name-order': { type: 'string' },
  errors: { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

/** Rows listed in the report; the error file holds all of them. */
const REPORT_ROWS = 1000;

interface Report {
  dryRun: boolean;
  file: { name: string; sha256: string; format: string; encoding: string | null; sheet: string | null };
  mapping: { name: string | null; columns: { column: number; header: string; field: string | null }[] };
  summary: ImportSummaryView;
  problems: { row: number; problems: { field: string; column: number | null; reason: string }[] }[];
  duplicates: { row: number; stored: { caseNumber: string; score: number; reasons: string[] }[]; inFile: { row: number; score: number; reasons: string[] }[] }[];
  /** with the earlier import that holds each row: its file, sheet and row, and how the row was recognised */
  alreadyImported: { row: number; caseNumber: string; match: AlreadyImported['match'] | null; from: { fileName: string | null; sheet: string | null; row: number } | null }[];
  created: number;
  firstCaseNumber: string | null;
  lastCaseNumber: string | null;
  queued: number;
  batchId: string | null;
  errorFile: string | null;
  savedMapping: string | null;
  /** a saved mapping's fit: the file's new columns it left out, and saved columns the file lacks */
  savedMappingFit: ImportFileView['savedMappingFit'];
}

function unwrap<T>(r: { ok: true; value: unknown } | { ok: false; error: { code: string; message: string; details?: unknown } }): T {
  if (!r.ok) throw new HomewardError(r.error.code as never, r.error.message, r.error.details);
  return r.value as T;
}

/** --map "Passport No=passportNumber", "7=sex", "Remarks=-" */
function applyMapOptions(file: ImportFileView, maps: readonly string[]): ImportFileView['mapping'] {
  const columns = file.mapping.columns.map((c) => ({ ...c }));
  for (const m of maps) {
    const eq = m.lastIndexOf('=');
    if (eq <= 0) throw new UsageError(`--map "${m}": write HEADER=FIELD, e.g. --map "Passport No=passportNumber".`);
    const target = m.slice(0, eq).trim();
    const fieldText = m.slice(eq + 1).trim();
    const field = fieldText === '-' ? null : (IMPORT_FIELDS.find((f) => f.toLowerCase() === fieldText.toLowerCase()) ?? undefined);
    if (field === undefined) throw new UsageError(`--map "${m}": "${fieldText}" is not an import field. Fields: ${IMPORT_FIELDS.join(' ')}, or - to skip.`);
    const index = /^\d+$/.test(target) ? Number(target) - 1 : columns.findIndex((c) => foldKey(c.header) === foldKey(target));
    if (index < 0 || index >= columns.length) {
      throw new UsageError(`--map "${m}": the file has no column "${target}". Its columns: ${columns.map((c, i) => `${i + 1}:"${c.header}"`).join(', ')}.`);
    }
    // The field moves to this column: a column that had it gives it up.
    if (field && field !== 'notes' && field !== 'aliases') for (const c of columns) if (c.field === field) c.field = null;
    columns[index]!.field = field as ImportField | null;
  }
  return { ...file.mapping, columns };
}

export async function runImport(ctx: Context): Promise<number> {
  const path = ctx.args[0]!;
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new HomewardError('FILE_UNREADABLE', `Cannot read ${path}: ${(e as Error).message}`);
  }
  const dryRun = ctx.opts['dry-run'] === true;
  const maps = (ctx.opts.map as unknown as string[] | undefined) ?? [];
  const sheetText = str(ctx.opts, 'sheet', false);
  const opened = await openOffice(ctx);
  if (!opened.ok) return emit(ctx, opened, () => '');

  const result = (() => {
    let file = unwrap<ImportFileView>(
      send(ctx, 'import.open', {
        fileName: basename(path),
        data: bytes.toString('base64'),
        encoding: str(ctx.opts, 'encoding', false),
        sheet: sheetText === undefined ? undefined : /^\d+$/.test(sheetText) ? Number(sheetText) : sheetText,
        headerRow: ctx.opts['header-row'] === undefined ? undefined : int(ctx.opts, 'header-row')! - 1,
        mappingName: str(ctx.opts, 'mapping', false),
      }),
    );
    const defaults = {
      ...file.mapping.defaults,
      ...(str(ctx.opts, 'site', false) ? { rescueSite: str(ctx.opts, 'site') } : {}),
      ...(str(ctx.opts, 'rescue-date', false) ? { rescueDate: str(ctx.opts, 'rescue-date') } : {}),
      ...(str(ctx.opts, 'operation', false) ? { rescueOperation: str(ctx.opts, 'operation') } : {}),
      ...(str(ctx.opts, 'group', false) ? { rescueGroup: str(ctx.opts, 'group') } : {}),
      ...(str(ctx.opts, 'nationality', false) ? { claimedNationality: str(ctx.opts, 'nationality')!.toUpperCase() } : {}),
    };
    const nameOrder = str(ctx.opts, 'name-order', false) ?? file.mapping.nameOrder;
    if (maps.length || JSON.stringify(defaults) !== JSON.stringify(file.mapping.defaults) || nameOrder !== file.mapping.nameOrder) {
      file = unwrap<ImportFileView>(
        send(ctx, 'import.map', { importId: file.importId, mapping: { ...applyMapOptions(file, maps), defaults, nameOrder }, mappingName: file.mappingName }),
      );
    }
    let progress: ImportProgressView;
    do progress = unwrap<ImportProgressView>(send(ctx, 'import.check', { importId: file.importId }));
    while (!progress.done);

    const rows = (filter: string) => unwrap<ImportRowsView>(send(ctx, 'import.rows', { importId: file.importId, filter, limit: REPORT_ROWS }));
    const report: Report = {
      dryRun,
      file: { name: file.fileName, sha256: file.sha256, format: file.format, encoding: file.encoding, sheet: file.sheet },
      mapping: { name: file.mappingName, columns: file.mapping.columns.map((c, i) => ({ column: i + 1, header: c.header, field: c.field })) },
      summary: progress.summary!,
      problems: rows('invalid').rows.map((r) => ({ row: r.row, problems: r.problems })),
      duplicates: rows('flagged').rows.map((r) => ({
        row: r.row,
        stored: r.stored.map((h) => ({ caseNumber: h.caseNumber, score: h.score, reasons: h.reasons })),
        inFile: r.inFile,
      })),
      alreadyImported: rows('already_imported').rows.map((r) => {
        // import.rows sends the whole AlreadyImported (src/services/import/views.ts).
        const e = r.existing as AlreadyImported | null;
        return { row: r.row, caseNumber: e?.caseNumber ?? '', match: e?.match ?? null, from: e ? { fileName: e.fileName, sheet: e.sheet, row: e.row } : null };
      }),
      created: 0,
      firstCaseNumber: null,
      lastCaseNumber: null,
      queued: 0,
      batchId: null,
      errorFile: null,
      savedMapping: null,
      savedMappingFit: file.savedMappingFit,
    };
    const errorPath = (name: string) => str(ctx.opts, 'errors', false) ?? join(dirname(path), name);
    if (dryRun) {
      if (str(ctx.opts, 'errors', false) && report.summary.invalid) {
        const file2 = unwrap<{ fileName: string; data: string } | null>(send(ctx, 'import.errorFile', { importId: file.importId }));
        if (file2) writeFileSync((report.errorFile = errorPath(file2.fileName)), Buffer.from(file2.data, 'base64'), { mode: 0o600 });
      }
      send(ctx, 'import.close', { importId: file.importId });
    } else {
      const outcome = unwrap<ImportOutcome>(send(ctx, 'import.apply', { importId: file.importId }));
      Object.assign(report, {
        summary: outcome.summary,
        created: outcome.created,
        firstCaseNumber: outcome.firstCaseNumber,
        lastCaseNumber: outcome.lastCaseNumber,
        queued: outcome.queued,
        batchId: outcome.batchId,
      });
      if (outcome.errorFile) writeFileSync((report.errorFile = errorPath(outcome.errorFile.fileName)), Buffer.from(outcome.errorFile.data, 'base64'), { mode: 0o600 });
    }
    const save = str(ctx.opts, 'save-mapping', false);
    if (save) {
      unwrap(send(ctx, 'import.saveMapping', { name: save, mapping: file.mapping }));
      report.savedMapping = save;
    }
    return report;
  })();
  return emit(ctx, { ok: true, value: result }, formatReport);
}

function formatReport(r: Report): string {
  const s = r.summary;
  const lines = [
    `${r.dryRun ? 'Dry run of' : 'Imported'} ${r.file.name} (${r.file.format}${r.file.encoding ? `, ${r.file.encoding}` : ''}${r.file.sheet ? `, sheet "${r.file.sheet}"` : ''})`,
    `Columns: ${r.mapping.columns.map((c) => `${c.header || `#${c.column}`}→${c.field ?? '-'}`).join(', ')}`,
    ...(r.savedMappingFit?.unmatched.length ? [`New columns the saved mapping does not know, left out: ${r.savedMappingFit.unmatched.map((c) => `"${c.header}"`).join(', ')} (map them with --map "Header=field").`] : []),
    ...(r.savedMappingFit?.missing.length ? [`Columns the saved mapping expects but this file lacks: ${r.savedMappingFit.missing.map((c) => `"${c.header}"`).join(', ')}; those fields stay empty.`] : []),
    `Rows ${s.rows}: valid ${s.valid}, invalid ${s.invalid}, already imported ${s.alreadyImported}, blank ${s.blank} skipped`,
    `Likely duplicates: ${counted(s.flagged, 'row')} (${s.duplicatesOfStored} of registered people, ${s.duplicatesInFile} within the file)`,
  ];
  if (!r.dryRun) {
    lines.push(r.created ? `Registered ${counted(r.created, 'person', 'people')} (${r.firstCaseNumber} … ${r.lastCaseNumber}); ${counted(r.queued, 'pair')} sent to the duplicate review queue.` : 'Registered nobody.');
  } else lines.push(`Nothing was stored. Run again without --dry-run to register the ${counted(s.valid, 'valid row')}.`);
  for (const p of r.problems.slice(0, 20)) lines.push(`  row ${p.row}: ${p.problems.map((x) => x.reason).join(' ')}`);
  if (r.problems.length > 20) lines.push(`  … and ${s.invalid - 20} more invalid rows`);
  for (const d of r.duplicates.slice(0, 20)) {
    const what = [...d.stored.map((h) => `${h.caseNumber} (${h.reasons.slice(0, 3).join(', ')})`), ...d.inFile.map((h) => `row ${h.row} (${h.reasons.slice(0, 3).join(', ')})`)];
    lines.push(`  row ${d.row} may be ${what.join('; ')}`);
  }
  // Rows skipped for their details or their original row are worth a look; the same rows of the same list are not.
  const recognised = r.alreadyImported.filter((a) => a.match === 'details' || a.match === 'original');
  for (const a of recognised.slice(0, 20)) {
    const where = a.from ? `row ${a.from.row} of ${a.from.fileName ?? 'an earlier list'}${a.from.sheet ? ` (sheet "${a.from.sheet}")` : ''}` : 'an earlier list';
    lines.push(`  row ${a.row}: already imported as ${a.caseNumber}, ${a.match === 'details' ? `same details as ${where}` : `from ${where}`}`);
  }
  if (recognised.length > 20) lines.push(`  … and ${recognised.length - 20} more rows already imported from other files`);
  if (r.errorFile) lines.push(`Rows to fix: ${r.errorFile} — correct them there and import that file. It holds personal data: delete it when done.`);
  if (r.savedMapping) lines.push(`Mapping saved as "${r.savedMapping}".`);
  return `${lines.join('\n')}\n`;
}
