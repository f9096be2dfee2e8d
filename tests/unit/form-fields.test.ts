/**
 * Every text field of the screens is marked autocomplete="off" (a passphrase
 * field: new-password or current-password). Chromium
 * keeps the contents of fields without it in its session files (a note typed
 * and not yet saved, a missing person's incident note), in plaintext on disk,
 * when Homeward runs in a browser profile that is kept.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const RENDERER = join(import.meta.dirname, '../../renderer/src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.tsx') ? [join(dir, e.name)] : [],
  );
}

/** The opening tags of <input> and <textarea> elements in JSX, attributes in braces included. */
function fieldTags(text: string): { line: number; tag: string }[] {
  const out: { line: number; tag: string }[] = [];
  for (const m of text.matchAll(/<(input|textarea)\b/g)) {
    let depth = 0;
    let end = m.index + m[0].length;
    for (; end < text.length; end++) {
      const c = text[end];
      if (c === '{') depth++;
      else if (c === '}') depth--;
      else if (c === '>' && depth === 0) break;
    }
    out.push({ line: text.slice(0, m.index).split('\n').length, tag: text.slice(m.index, end + 1) });
  }
  return out;
}

/** Fields that hold no typed text. */
const NOT_TEXT = /\btype=["'{`]+(file|radio|checkbox|hidden|range|color)\b/;

describe('text fields on every screen', () => {
  it('are marked autocomplete="off", so what is typed into them never reaches the browser profile on disk', () => {
    const files = sources(RENDERER);
    const fields = files.flatMap((file) => fieldTags(readFileSync(file, 'utf8')).map((f) => ({ ...f, file: relative(RENDERER, file) })));
    const text = fields.filter((f) => !NOT_TEXT.test(f.tag));
    // The scan itself finds the fields: the intake form alone has a dozen.
    expect(text.length).toBeGreaterThan(40);
    // A passphrase field may say what it is for (a new one, or the current one): Chromium never keeps their contents.
    const marked = (tag: string) => /\bautoComplete=["']off["']/.test(tag) || (/\btype=["']password["']/.test(tag) && /\bautoComplete=["'](new|current)-password["']/.test(tag));
    expect(text.filter((f) => !marked(f.tag)).map((f) => `${f.file}:${f.line}`)).toEqual([]);
  });
});
