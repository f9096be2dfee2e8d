/**
 * Commands for office-to-office sync: peers from key cards, bundles out and
 * in, one pass over a sync folder (for a scheduler), and the conflict queue.
 */
import { basename, resolve } from 'node:path';
import type { ErrorBody } from '../api/contract';
import { dispatchAsync } from '../api/dispatch';
import type { BundleExportView, BundleImportView, ConflictView, FolderPassView, PeerView, SyncStatusView } from '../api/sync-views';
import { emit, openOffice, str, text, UsageError, type Command, type Context } from './context';
import { call, list, readBytes } from './journey';
import { counted } from '../domain/text';

const bool = (ctx: Context, name: string) => ctx.opts[name] === true;

function peerLine(p: PeerView): string {
  return `${p.office.padEnd(8)} ${p.trusted ? 'trusted' : 'removed'}  ${p.name}${p.country ? ` (${p.country})` : ''}\n    age ${p.ageFingerprint ?? '—'}  signing ${p.signingFingerprint ?? '—'}\n    last in ${p.lastIn ? `${p.lastIn.at.slice(0, 16).replace('T', ' ')} (${p.lastIn.bundle})` : 'never'} · last out ${p.lastOut ? `${p.lastOut.at.slice(0, 16).replace('T', ' ')} (${p.lastOut.bundle})` : 'never'}\n`;
}

function exportLine(v: BundleExportView): string {
  if (v.empty) return `Nothing new for ${v.to.join(', ')}: no bundle written.\n`;
  return `Wrote ${v.path ?? v.fileName} for ${v.to.join(', ')}: ${counted(v.changes, 'change')}, ${counted(v.events, 'audit event')}, ${counted(v.attachments, 'attachment')} (${Math.ceil(v.bytes / 1024)} KB).\n`;
}

function conflictsLine(c: BundleImportView['conflicts']): string {
  const parts = [c.identity ? `${c.identity} identity conflict(s) to review` : '', c.stage ? `${c.stage} stage(s) to check` : '', c.clock ? 'a clock far off' : '', c.lost ? `${c.lost} older value(s) recorded` : ''].filter(Boolean);
  return parts.length ? parts.join(', ') : 'no conflicts';
}

function importLine(v: BundleImportView): string {
  if (v.status === 'already-imported') return `${v.fileName ?? v.bundleId}: already imported; nothing changed.\n`;
  return (
    `${v.fileName ?? v.bundleId} from ${v.from}: ${counted(v.changes.applied, 'change')} applied (${v.changes.alreadyHeld} already held${v.changes.parked ? `, ${v.changes.parked} parked for a newer version` : ''}); ` +
    `${counted(v.rows.inserted, 'row')} added, ${v.rows.updated} updated, ${v.rows.deleted} deleted; ${counted(v.people, 'person', 'people')}; ${counted(v.events.added, 'audit event')}; ${counted(v.attachments.added, 'attachment')}; ${conflictsLine(v.conflicts)}.\n` +
    (v.duplicates.queued ? `  ${v.duplicates.queued} likely duplicate(s) of people registered here: see "homeward duplicates list".\n` : '') +
    (v.duplicates.skipped ? '  Too many new people to look for duplicates during the import.\n' : '') +
    (v.clockWarning ? `  Clock far off: ${v.clockWarning}\n` : '')
  );
}

function folderLines(v: FolderPassView): string {
  return [
    `Sync folder ${v.folder}`,
    ...v.imported.map((i) => `  in:  ${importLine(i).trimEnd()}`),
    ...v.written.map((w) => `  out: ${exportLine(w).trimEnd()}`),
    ...v.skipped.map((s) => `  skipped ${s.file}: ${s.reason}`),
    ...v.problems.map((p) => `  NOT IMPORTED ${p.file}: ${p.message}`),
    v.imported.length + v.written.length + v.problems.length === 0 ? '  Nothing to do.' : '',
    '',
  ]
    .filter((l, i, a) => l !== '' || i === a.length - 1)
    .join('\n');
}

function conflictLine(c: ConflictView): string {
  const who = c.caseNumber ? `${c.caseNumber}${c.personName ? ` ${c.personName}` : ''}` : `${c.table} ${c.rowId}`;
  const values = c.field ? `${c.field}: ${JSON.stringify(c.winnerValue)} (${c.winnerOffice ?? '?'}, applied) vs ${JSON.stringify(c.loserValue)} (${c.loserOffice ?? '?'})` : '';
  return `#${c.id} ${c.status === 'open' ? '' : `[${c.status}] `}${c.kind.padEnd(8)} ${who}  ${values}${c.detail ? `\n    ${c.detail}` : ''}\n`;
}

export const syncCommands: Record<string, Command> = {
  'peer add': {
    options: { card: { type: 'string' }, 'age-fingerprint': { type: 'string' }, 'signing-fingerprint': { type: 'string' }, replace: { type: 'boolean' } },
    positionals: 0,
    run: call<PeerView>(
      'peer.add',
      (ctx) => ({
        card: readBytes(str(ctx.opts, 'card')!).toString('utf8'),
        ageFingerprint: str(ctx.opts, 'age-fingerprint', false),
        signingFingerprint: str(ctx.opts, 'signing-fingerprint', false),
        replace: bool(ctx, 'replace') || undefined,
      }),
      (p) => `Office ${p.office} (${p.name}) is a peer: its bundles are accepted and bundles for it are encrypted to its key.\n${peerLine(p)}`,
    ),
  },
  'peer list': {
    options: {},
    positionals: 0,
    run: call<PeerView[]>('peer.list', () => ({}), (peers) => (peers.length ? peers.map(peerLine).join('') : 'No peer offices yet. Add one with "homeward peer add --card FILE".\n')),
  },
  'peer remove': {
    options: { reason: { type: 'string' } },
    positionals: 1,
    run: call<PeerView>('peer.remove', (ctx) => ({ office: ctx.args[0], reason: text(ctx, 'reason') }), (p) => `Office ${p.office} removed: its bundles are refused from now on.\n`),
  },
  'sync export': {
    options: { to: { type: 'string' }, out: { type: 'string' }, always: { type: 'boolean' } },
    positionals: 0,
    run: call<BundleExportView>(
      'sync.export',
      (ctx) => {
        const to = list(ctx, 'to');
        if (!to?.length) throw new UsageError('"sync export" needs --to OFFICE[,OFFICE…].');
        return { to, folder: resolve(str(ctx.opts, 'out')!), always: bool(ctx, 'always') || undefined };
      },
      exportLine,
    ),
  },
  'sync import': {
    options: { 'allow-deletes': { type: 'boolean' } },
    positionals: -1,
    run: async (ctx) => {
      const files = ctx.args.map((f) => ({ file: f, data: readBytes(f) }));
      const opened = await openOffice(ctx);
      if (!opened.ok) return emit(ctx, opened, () => '');
      const imported: BundleImportView[] = [];
      const refused: { file: string; error: ErrorBody }[] = [];
      for (const { file, data } of files) {
        const result = await dispatchAsync(ctx.session, 'sync.import', { data: data.toString('base64'), fileName: basename(file), allowDeletes: bool(ctx, 'allow-deletes') || undefined });
        if (result.ok) imported.push(result.value as BundleImportView);
        else refused.push({ file, error: result.error });
      }
      const value = { imported, refused };
      if (ctx.json) ctx.io.out(`${JSON.stringify({ ok: refused.length === 0, value }, null, 2)}\n`);
      else {
        ctx.io.out(imported.map(importLine).join(''));
        for (const r of refused) ctx.io.err(`${r.file}: NOT IMPORTED (${r.error.code}). ${r.error.message}\n`);
      }
      return refused.length ? 1 : 0;
    },
  },
  'sync folder': {
    options: { 'allow-deletes': { type: 'boolean' } },
    positionals: 1,
    run: async (ctx) => {
      const opened = await openOffice(ctx);
      if (!opened.ok) return emit(ctx, opened, () => '');
      const result = await dispatchAsync(ctx.session, 'sync.folderPass', { folder: resolve(ctx.args[0]!), allowDeletes: bool(ctx, 'allow-deletes') || undefined });
      const code = emit(ctx, result, folderLines);
      // A scheduler should notice a bundle that needs a person.
      return code === 0 && result.ok && (result.value as FolderPassView).problems.length ? 1 : code;
    },
  },
  'sync status': {
    options: {},
    positionals: 0,
    run: call<SyncStatusView>(
      'sync.status',
      () => ({}),
      (s) =>
        `Office ${s.office} (device ${s.node})${s.folder ? `, sync folder ${s.folder}` : ''}\n${s.peers.map(peerLine).join('') || 'No peers yet.\n'}Open conflicts: ${s.openConflicts} · parked changes: ${s.parked}\n`,
    ),
  },
  'sync conflicts': {
    options: { all: { type: 'boolean' } },
    positionals: 0,
    run: call<ConflictView[]>('sync.conflicts', (ctx) => ({ status: bool(ctx, 'all') ? 'all' : 'open' }), (cs) => (cs.length ? cs.map(conflictLine).join('') : 'No conflicts to review.\n')),
  },
  'sync resolve': {
    options: { choice: { type: 'string' }, value: { type: 'string' }, note: { type: 'string' } },
    positionals: 1,
    run: call<ConflictView>(
      'sync.resolveConflict',
      (ctx) => {
        const id = Number(ctx.args[0]?.replace(/^#/, ''));
        if (!Number.isInteger(id) || id <= 0) throw new UsageError('"sync resolve" needs the conflict number, e.g. 12 (see "sync conflicts").');
        const raw = str(ctx.opts, 'value', false);
        let value: unknown;
        if (raw !== undefined) {
          try {
            value = JSON.parse(raw);
          } catch {
            value = raw;
          }
        }
        return { id, choice: str(ctx.opts, 'choice'), ...(raw !== undefined ? { value } : {}), note: text(ctx, 'note', false) };
      },
      (c) => `Conflict #${c.id} ${c.status}: ${c.resolution}.\n`,
    ),
  },
};
