/** An import session as the API shows it. */
import type { DuplicateHitView, ImportFileView, ImportRowView, ImportRowsView } from '../../api/views';
import { todayIso } from '../../domain/dates';
import { prepare } from '../../db/query';
import type { ImportBatchTable, PersonTable } from '../../db/schema';
import type { OfficeStore } from '../../db/store';
import { summary } from '../person-record';
import { listMappings } from './saved-mappings';
import type { ImportRow, ImportSession } from './session';

/** How many of the file's first rows the mapping step shows. */
const TOP_ROWS = 12;

export function importFileView(store: OfficeStore, s: ImportSession): ImportFileView {
  // Another sheet of the same workbook is another list.
  const previous = prepare(store.db, 'SELECT * FROM import_batch WHERE file_sha256 = ? AND sheet IS ? AND deleted = 0 ORDER BY imported_at').all(s.sha256, s.table.sheet) as ImportBatchTable[];
  return {
    importId: s.id,
    fileName: s.fileName,
    sha256: s.sha256,
    format: s.table.format,
    encoding: s.table.encoding,
    encodingGuess: s.table.guess ? { encoding: s.table.guess.encoding, confidence: s.table.guess.confidence } : null,
    delimiter: s.table.delimiter,
    sheets: s.table.sheets,
    sheet: s.table.sheet,
    dataRows: s.dataRows,
    top: s.table.rows.slice(0, TOP_ROWS),
    header: s.header(),
    mapping: s.mapping,
    mappingName: s.mappingName,
    savedMappings: listMappings(store).map((m) => m.name),
    savedMappingFit: s.savedMappingFit,
    previousImports: previous.map((b) => ({ batchId: b.id, importedAt: b.imported_at, importedBy: b.imported_by, created: b.created })),
    issues: s.table.issues,
  };
}

export type RowFilter = 'all' | 'valid' | 'invalid' | 'flagged' | 'already_imported';

const matches = (r: ImportRow, filter: RowFilter) =>
  filter === 'all' ||
  (filter === 'flagged' ? r.status === 'valid' && (r.stored.length > 0 || r.inFile.length > 0) : r.status === filter);

export function importRowsView(store: OfficeStore, s: ImportSession, filter: RowFilter, offset: number, limit: number): ImportRowsView {
  const rows = s.rows().filter((r) => matches(r, filter));
  const today = todayIso();
  const personStmt = prepare(store.db, 'SELECT * FROM person WHERE id = ?');
  const hit = (h: ImportRow['stored'][number]): DuplicateHitView => ({ ...h, person: summary(personStmt.get(h.personId) as PersonTable, today) });
  return {
    total: rows.length,
    rows: rows.slice(offset, offset + limit).map(
      (r): ImportRowView => ({
        row: r.row,
        status: r.status,
        person: r.data
          ? {
              familyName: r.data.familyName,
              givenNames: r.data.givenNames,
              nativeName: r.data.nativeName,
              aliases: r.data.aliases,
              sex: r.data.sex,
              birthDate: r.data.birthDate,
              estimatedAge: r.data.estimatedAge,
              claimedNationality: r.data.claimedNationality,
              phone: r.data.phone,
              documents: r.data.documents.map((d) => ({ type: d.type, number: d.number })),
              rescueDate: r.data.rescueDate,
              rescueSite: r.data.rescueSite,
            }
          : null,
        cells: r.status === 'invalid' ? r.cells : null,
        problems: r.problems,
        remarks: r.remarks,
        stored: r.stored.map(hit),
        inFile: r.inFile,
        // With the earlier import's file and row, and how the row was recognised (an AlreadyImported, ./result).
        existing: r.existing,
      }),
    ),
  };
}
