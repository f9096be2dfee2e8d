import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BundleImportView, FolderPassView } from '../../api/sync-views';
import { HomewardError } from '../../domain/errors';
import { prepare } from '../../db/query';
import type { OfficeStore } from '../../db/store';
import { BUNDLE_EXTENSION, refusalOf } from '../../sync/bundle';
import { applyBundle, readBundle } from './apply';
import { exportBundle } from './export';

/**
 * One pass over a sync folder (Syncthing, a network share, a USB stick):
 * write this office's outgoing bundle for its peers, then import every
 * bundle there addressed to this office that it has not imported.
 *
 * Safe to run from a scheduler and while the folder is being filled: only
 * `*.hwsync` files are read (Syncthing and Homeward write under other names
 * and rename when complete), a file cut short is left for the next pass, and
 * nothing is ever deleted or judged by its name or time — a file's name only
 * lets a pass skip bundles plainly meant for others without decrypting them.
 * A bundle that is refused (or fails) is listed with its reason, and the pass
 * goes on with the others and with what this office sends.
 */

const OFFICE_CODE = /^[A-Z0-9]{2,8}$/;

/** From the name `MSO-to-MYW+BKK-<id>.hwsync`: sender, receivers, bundle id (a hint only; the signed header decides). */
export function parseBundleName(name: string): { from: string; to: string[]; id: string } | null {
  if (!name.endsWith(BUNDLE_EXTENSION) || name.startsWith('.')) return null;
  const m = /^([A-Z0-9]{2,8})-to-([A-Z0-9+]+)-([0-9a-f-]{36})$/.exec(name.slice(0, -BUNDLE_EXTENSION.length));
  if (!m) return null;
  const to = m[2]!.split('+');
  if (!to.every((c) => OFFICE_CODE.test(c))) return null;
  return { from: m[1]!, to, id: m[3]! };
}

export interface FolderPassOptions {
  /** peers to write for; default every trusted peer */
  to?: string[] | undefined;
  /** apply bundles that delete more than the set share of records */
  allowDeletes?: boolean | undefined;
}

export function syncFolderPass(store: OfficeStore, actor: string, dir: string, options: FolderPassOptions = {}): FolderPassView {
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) throw new HomewardError('FOLDER_NOT_FOUND', `The sync folder ${dir} does not exist or is not a folder. Create it (or mount the shared drive) and run again.`);
  const view: FolderPassView = { folder: dir, written: [], imported: [], skipped: [], problems: [] };

  const peers = options.to ?? (prepare(store.db, `SELECT code FROM office WHERE is_self = 0 AND trust = 'trusted' AND age_recipient IS NOT NULL ORDER BY code`).all() as { code: string }[]).map((r) => r.code);

  // Import first, so what we write next already tells peers what we now hold.
  const handled = new Set((prepare(store.db, 'SELECT id FROM sync_bundle').all() as { id: string }[]).map((r) => r.id));
  const names = readdirSync(dir).sort();
  for (const name of names) {
    const hint = parseBundleName(name);
    if (!hint) continue;
    if (hint.from === store.office) continue;
    if (!hint.to.includes(store.office)) {
      view.skipped.push({ file: name, reason: `addressed to ${hint.to.join(', ')}` });
      continue;
    }
    if (handled.has(hint.id)) continue;
    const path = join(dir, name);
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (e) {
      view.skipped.push({ file: name, reason: `cannot be read yet (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` });
      continue;
    }
    let imported: BundleImportView;
    try {
      const bundle = readBundle(store, bytes);
      imported = applyBundle(store, actor, bundle, { fileName: name, allowDeletes: options.allowDeletes });
    } catch (e) {
      const refusal = refusalOf(e);
      // A copy still arriving and a damaged one look alike (the last chunk does not authenticate): leave it, try again next pass.
      if (refusal === 'incomplete' || refusal === 'damaged') {
        view.skipped.push({ file: name, reason: `still being copied, or damaged: ${(e as Error).message} The next pass tries again.` });
        continue;
      }
      if (refusal === 'not-for-this-office') {
        view.skipped.push({ file: name, reason: 'not encrypted for this office' });
        continue;
      }
      // Refused, or failed where nothing could be foreseen: either way rolled back. It is reported and the pass goes on,
      // so one bad file never holds up the other offices' bundles or what this office sends.
      view.problems.push(
        e instanceof HomewardError
          ? { file: name, code: e.code, message: e.message }
          : { file: name, code: 'INTERNAL', message: `Importing this bundle failed (${(e as Error).message}); nothing of it was applied, and the other bundles were handled. Keep the file and report it with this message.` },
      );
      continue;
    }
    view.imported.push(imported);
  }

  for (const peer of peers) {
    const out = exportBundle(store, actor, [peer], { outDir: dir, onlyNews: true });
    if (!out.view.empty) view.written.push(out.view);
  }
  return view;
}
