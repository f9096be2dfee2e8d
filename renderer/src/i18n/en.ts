import { common } from './en/common';
import { detail } from './en/detail';
import { domain } from './en/domain';
import { intake } from './en/intake';
import { list } from './en/list';

/** English: the source catalog. Every other language must translate every key (the type checker enforces it). */
export const en = { ...common, ...list, ...intake, ...detail, ...domain } as const;
export type MessageKey = keyof typeof en;
export type Catalog = Record<MessageKey, string>;
