import type { ImportFileView, ImportMappingView, ImportOutcome, ImportSummaryView } from '../../../../src/api/views';
import { api } from '../../api/transport';
import { mappingInput } from './mapping';

/** The wizard's steps, in order; the last one confirms and then shows the outcome. */
export const STEPS = ['file', 'reading', 'columns', 'check', 'preview', 'register'] as const;
export type Step = (typeof STEPS)[number];

export type RowFilter = 'all' | 'invalid' | 'flagged' | 'already_imported';

export interface ReadOptions {
  encoding?: string | undefined;
  sheet?: string | undefined;
  headerRow?: number | undefined;
  mappingName?: string | undefined;
}

export interface WizardState {
  step: Step;
  /** the chosen file, kept to read it again with other options (encoding, sheet, header row) */
  source: { fileName: string; data: string } | null;
  options: ReadOptions;
  file: ImportFileView | null;
  /** the mapping as the coordinator edits it */
  mapping: ImportMappingView | null;
  mappingName: string | null;
  summary: ImportSummaryView | null;
  filter: RowFilter;
  outcome: ImportOutcome | null;
  /** a sentence for the top of the step (e.g. "the check was stopped") */
  notice: string | null;
}

export const EMPTY: WizardState = {
  step: 'file',
  source: null,
  options: {},
  file: null,
  mapping: null,
  mappingName: null,
  summary: null,
  filter: 'all',
  outcome: null,
  notice: null,
};

/**
 * The wizard survives leaving the screen (to look at a registered person a
 * row resembles, say) for the rest of the session; locking forgets it.
 */
let kept: WizardState | null = null;

export const keptWizard = (): WizardState | null => kept;
export function keepWizard(state: WizardState | null): void {
  kept = state;
}

/** Forget the open list here and in the engine (the engine also forgets it when the office is locked). */
export function forgetImport(): void {
  const importId = kept?.outcome ? null : kept?.file?.importId;
  kept = null;
  if (importId) void api('import.close', { importId });
}

/** The mapping the engine holds for each open list (as JSON), so an unchanged mapping is not sent again (that restarts the check). */
const engineMappings = new Map<string, string>();
export const engineMapping = (importId: string): string | undefined => engineMappings.get(importId);
export function setEngineMapping(importId: string, json: string): void {
  engineMappings.set(importId, json);
}

/** A mapping and its name as compared with what the engine holds. */
export const mappingJson = (mapping: ImportMappingView, name: string | null): string => JSON.stringify([mappingInput(mapping), name]);
