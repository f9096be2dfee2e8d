/**
 * The fonts every printed document carries: Noto Sans for Latin (with
 * Vietnamese, Cyrillic, Greek, Devanagari) and Noto Sans Thai, Myanmar, Khmer,
 * Lao and SC, taken from the app's own @fontsource packages — never from the
 * system, so a PDF looks the same on every machine and in the packaged app.
 *
 * Each package is split into unicode-range subsets (Chinese into ~100); the
 * @font-face rules declare them all and Chromium fetches only the subsets the
 * text uses. Files are served from memory, either by URL (a print host answers
 * requests under FONT_BASE_URL with readFontFile) or inlined as data: URLs
 * for just the subsets a given text needs.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { HomewardError } from '../../domain/errors';

/** Where documents ask for fonts; `.invalid` can never reach a real network. */
export const FONT_BASE_URL = 'https://fonts.homeward.invalid/';

export type FontWeight = 400 | 700;
export const FONT_WEIGHTS: readonly FontWeight[] = [400, 700];

interface FontPackage {
  id: string;
  family: string;
  /** which subsets of unicode.json to use; the script packages' Latin subsets duplicate Noto Sans */
  subsets: (name: string) => boolean;
  /** used when installed, skipped when not: scripts beyond the six the PDFs must carry */
  optional?: boolean;
}

const SHARED_SUBSETS = /^(latin|latin-ext|cyrillic|cyrillic-ext|greek|greek-ext|vietnamese)$/;
const scriptOnly = (s: string) => !SHARED_SUBSETS.test(s);

/** In fallback order: Latin first, so digits and punctuation stay in Noto Sans; SC before KR, so Han is Chinese. */
const PACKAGES: readonly FontPackage[] = [
  { id: 'noto-sans', family: 'Noto Sans', subsets: () => true },
  { id: 'noto-sans-thai', family: 'Noto Sans Thai', subsets: (s) => s === 'thai' },
  { id: 'noto-sans-myanmar', family: 'Noto Sans Myanmar', subsets: (s) => s === 'myanmar' },
  { id: 'noto-sans-khmer', family: 'Noto Sans Khmer', subsets: (s) => s === 'khmer' },
  { id: 'noto-sans-lao', family: 'Noto Sans Lao', subsets: (s) => s === 'lao' },
  // The numbered subsets ("[4]", "[5]", …) hold the Han characters and CJK punctuation.
  { id: 'noto-sans-sc', family: 'Noto Sans SC', subsets: (s) => /^\[\d+\]$/.test(s) },
  // Names of Bangladeshi, Sri Lankan, Ethiopian, Pakistani and Korean people:
  // carried when these packages are added to package.json; until then such
  // names fall back to the system's fonts.
  { id: 'noto-sans-bengali', family: 'Noto Sans Bengali', subsets: scriptOnly, optional: true },
  { id: 'noto-sans-sinhala', family: 'Noto Sans Sinhala', subsets: scriptOnly, optional: true },
  { id: 'noto-sans-ethiopic', family: 'Noto Sans Ethiopic', subsets: scriptOnly, optional: true },
  { id: 'noto-sans-arabic', family: 'Noto Sans Arabic', subsets: scriptOnly, optional: true },
  { id: 'noto-sans-kr', family: 'Noto Sans KR', subsets: scriptOnly, optional: true },
];

export interface FontFace {
  family: string;
  weight: FontWeight;
  /** woff2 file name, also the last segment of its URL */
  file: string;
  /** CSS unicode-range value */
  unicodeRange: string;
  /** the same, parsed: sorted [first, last] code point pairs */
  ranges: readonly (readonly [number, number])[];
}

interface Catalogue {
  /** font families found, in fallback order */
  families: readonly string[];
  faces: readonly FontFace[];
  paths: ReadonlyMap<string, string>;
}

let catalogue: Catalogue | undefined;

function parseRanges(unicodeRange: string): [number, number][] {
  const out: [number, number][] = [];
  for (const part of unicodeRange.split(',')) {
    const m = /^\s*U\+([0-9a-f]+)(?:-([0-9a-f]+))?\s*$/i.exec(part);
    if (!m) continue;
    const first = parseInt(m[1]!, 16);
    out.push([first, m[2] ? parseInt(m[2], 16) : first]);
  }
  return out.sort((a, b) => a[0] - b[0]);
}

function fontsMissing(pkg: string, cause: unknown): HomewardError {
  return new HomewardError(
    'INTERNAL',
    `The print fonts are missing (${pkg} could not be read), so documents cannot be printed. Reinstall Homeward, or run "npm install" in a source checkout.`,
    { package: pkg, cause: cause instanceof Error ? cause.message : String(cause) },
  );
}

/** Every face of every package, found through Node's resolver so it works from the source tree and from a packaged app. */
export function fontCatalogue(): Catalogue {
  if (catalogue) return catalogue;
  const require = createRequire(import.meta.url);
  const families: string[] = [];
  const faces: FontFace[] = [];
  const paths = new Map<string, string>();
  for (const pkg of PACKAGES) {
    const name = `@fontsource/${pkg.id}`;
    let unicode: Record<string, string>;
    let dir: string;
    try {
      dir = dirname(require.resolve(`${name}/package.json`));
      unicode = JSON.parse(readFileSync(join(dir, 'unicode.json'), 'utf8')) as Record<string, string>;
    } catch (e) {
      if (pkg.optional) continue;
      throw fontsMissing(name, e);
    }
    families.push(pkg.family);
    for (const [subset, unicodeRange] of Object.entries(unicode)) {
      if (!pkg.subsets(subset)) continue;
      const key = subset.replace(/^\[(\d+)\]$/, '$1');
      for (const weight of FONT_WEIGHTS) {
        const file = `${pkg.id}-${key}-${weight}-normal.woff2`;
        faces.push({ family: pkg.family, weight, file, unicodeRange, ranges: parseRanges(unicodeRange) });
        paths.set(file, join(dir, 'files', file));
      }
    }
  }
  catalogue = { families, faces, paths };
  return catalogue;
}

// A small cache: the Latin and script faces plus the Han subsets a batch of
// Chinese names touches. Least recently used files go first.
const CACHE_LIMIT_BYTES = 32 * 1024 * 1024;
const cache = new Map<string, Buffer>();
let cachedBytes = 0;

/** The CSS font-family list for printed documents: every family we carry, in fallback order. */
export function printFontStack(): string {
  return fontCatalogue()
    .families.map((f) => `'${f}'`)
    .join(', ');
}

/** A font file's bytes, or undefined when `file` is not one of ours (so a URL can never name another file on disk). */
export function readFontFile(file: string): Buffer | undefined {
  const hit = cache.get(file);
  if (hit) {
    cache.delete(file);
    cache.set(file, hit);
    return hit;
  }
  const path = fontCatalogue().paths.get(file);
  if (!path) return undefined;
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw fontsMissing(file, e);
  }
  cache.set(file, bytes);
  cachedBytes += bytes.length;
  for (const [k, v] of cache) {
    if (cachedBytes <= CACHE_LIMIT_BYTES || k === file) break;
    cache.delete(k);
    cachedBytes -= v.length;
  }
  return bytes;
}

/** The file a font URL names, when it is under `baseUrl` and one of ours. */
export function fontFileForUrl(url: string, baseUrl = FONT_BASE_URL): string | undefined {
  if (!url.startsWith(baseUrl)) return undefined;
  const file = url.slice(baseUrl.length);
  return fontCatalogue().paths.has(file) ? file : undefined;
}

function covers(face: FontFace, cp: number): boolean {
  const r = face.ranges;
  let lo = 0;
  let hi = r.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [a, b] = r[mid]!;
    if (cp < a) hi = mid - 1;
    else if (cp > b) lo = mid + 1;
    else return true;
  }
  return false;
}

/** The faces whose ranges hold at least one character of `text`. */
export function facesFor(text: string): FontFace[] {
  const points = new Set<number>();
  for (const ch of text) points.add(ch.codePointAt(0)!);
  return fontCatalogue().faces.filter((face) => {
    for (const cp of points) if (covers(face, cp)) return true;
    return false;
  });
}

function rule(face: FontFace, src: string): string {
  return (
    `@font-face{font-family:'${face.family}';font-style:normal;font-weight:${face.weight};font-display:block;` +
    `src:url(${src}) format('woff2');unicode-range:${face.unicodeRange}}`
  );
}

export type FontSource =
  /** every face, by URL: the print host serves them and Chromium fetches only the ones in use */
  | { baseUrl: string }
  /** only the faces `text` needs, inlined as data: URLs (self-contained; for small texts) */
  | { inlineFor: string };

/** @font-face rules for the print font stack. */
export function fontFaceCss(source: FontSource): string {
  if ('baseUrl' in source) return fontCatalogue().faces.map((f) => rule(f, source.baseUrl + f.file)).join('\n');
  return facesFor(source.inlineFor)
    .map((f) => rule(f, `data:font/woff2;base64,${readFontFile(f.file)!.toString('base64')}`))
    .join('\n');
}
