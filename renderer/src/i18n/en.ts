import { common } from './en-parts/common';
import { detail } from './en-parts/detail';
import { domain } from './en-parts/domain';
import { duplicates } from './en-parts/duplicates';
import { importWizard } from './en-parts/import';
import { intake } from './en-parts/intake';
import { journey } from './en-parts/journey';
import { list } from './en-parts/list';
import { sync } from './sync/en';

/** English: the source catalog. Every other language must translate every key (the type checker enforces it). */
export const en = { ...common, ...list, ...intake, ...detail, ...domain, ...importWizard, ...duplicates, ...journey, ...sync } as const;
export type MessageKey = keyof typeof en;
export type Catalog = Record<MessageKey, string>;
