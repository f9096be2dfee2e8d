/**
 * Commands for the rest of the way home: keys and recipients, verification
 * lists, transfer batches, handovers and manifests. Each is one API call (or
 * a few), so an office can script a whole journey.
 */
import { accessSync, chmodSync, constants, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { CallName } from '../api/contract';
import { dispatchAsync } from '../api/dispatch';
import type {
  BatchSummary,
  BatchView,
  ExportFile,
  HandoverSummary,
  HandoverView,
  KeyCardView,
  ManifestCheck,
  MembersOutcome,
  OutcomeImportResult,
  RecipientView,
  VerificationListView,
} from '../api/journey-views';
import { HomewardError } from '../domain/errors';
import { emit, openOffice, str, text, UsageError, type Command, type Context } from './context';
import { counted } from '../domain/text';

export function readBytes(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    throw new HomewardError('FILE_UNREADABLE', `Cannot read ${file}: ${(e as Error).message}`);
  }
}

export function list(ctx: Context, name: string): string[] | undefined {
  const v = str(ctx.opts, name, false);
  return v ? v.split(/[,\s]+/).filter(Boolean) : undefined;
}

/** Unlocks, sends the call (waiting for printing if it prints), then lets `after` write files before printing the result. */
export function call<T>(name: CallName, input: (ctx: Context) => unknown, human: (value: T, ctx: Context) => string, after?: (value: T, ctx: Context) => void): Command['run'] {
  return async (ctx) => {
    const args = input(ctx);
    const opened = await openOffice(ctx);
    if (!opened.ok) return emit(ctx, opened, () => '');
    const result = await dispatchAsync(ctx.session, name, args);
    if (result.ok && after) {
      after(result.value as T, ctx);
      // The file is written; its bytes need not be printed too.
      const { data: _written, ...rest } = result.value as { data?: unknown };
      return emit(ctx, { ok: true, value: rest }, (v: never) => human(v as T, ctx));
    }
    return emit(ctx, result, (v: never) => human(v as T, ctx));
  };
}

/**
 * Checks the output files the command writes after the call, before anything
 * is unlocked: the call records the export, so a file that cannot be written
 * must stop it first.
 */
function needs<T>(ctx: Context, options: readonly string[], input: T): T {
  for (const o of options) writable(str(ctx.opts, o)!);
  return input;
}

function writable(file: string): void {
  const folder = dirname(resolve(file));
  if (!statSync(folder, { throwIfNoEntry: false })?.isDirectory()) {
    throw new HomewardError('FOLDER_NOT_FOUND', `The folder ${folder} does not exist, so ${basename(file)} cannot be written there. Create the folder first, or choose another place. Nothing was written or recorded.`);
  }
  if (statSync(file, { throwIfNoEntry: false })?.isDirectory()) {
    throw new HomewardError('VALIDATION_FAILED', `${file} is a folder. Give the name of a file to write, e.g. ${join(file, 'export.age')}. Nothing was written or recorded.`);
  }
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    throw new HomewardError('VALIDATION_FAILED', `You cannot write to the folder ${folder}. Choose a folder of your own, e.g. in your documents. Nothing was written or recorded.`);
  }
}

/** Writes --out readable by this user only: a printed roster or cards hold names in plain text. */
function writeOut(ctx: Context, bytes: Buffer | string): string {
  const out = str(ctx.opts, 'out')!;
  writeFileSync(out, bytes, { mode: 0o600 });
  // An existing file keeps its mode through writeFileSync.
  chmodSync(out, 0o600);
  return out;
}

const exportPassphrase = (ctx: Context) => ctx.io.env.HOMEWARD_EXPORT_PASSPHRASE || undefined;

const counts = (b: BatchSummary) =>
  `listed ${b.counts.listed} · boarded ${b.counts.boarded} · arrived ${b.counts.arrived} · missing ${b.counts.missing}${b.counts.removed ? ` · removed ${b.counts.removed}` : ''}`;

function batchLine(b: BatchSummary): string {
  return `${b.code}  ${b.status.replace(/_/g, ' ').padEnd(10)}  ${b.plannedDate}  ${b.fromSite} → ${b.crossingPoint} → ${b.toSite}  (${b.counts.total}/${b.capacity}; ${counts(b)})\n`;
}

function membersOutcome(v: MembersOutcome): string {
  const refused = v.refused.map((r) => `  ${r.caseNumber ?? r.ref}: ${r.violations.map((x) => x.message).join(' ')}\n`).join('');
  return `${batchLine(v.batch)}Listed: ${v.added.length ? v.added.join(', ') : 'nobody'}\n${refused ? `Not listed:\n${refused}` : ''}`;
}

function batchDetail(b: BatchView): string {
  const members = b.members.map(
    (m) =>
      `  ${m.caseNumber}  ${m.status.padEnd(8)}  ${[m.familyName?.toUpperCase(), m.givenNames].filter(Boolean).join(' ') || m.nativeName || ''}${m.incident ? `  — ${m.incident}` : ''}\n`,
  );
  const next = b.nextStatuses.map((s) => `  → ${s.to.replace(/_/g, ' ')}: ${s.allowed ? 'allowed' : s.violations.map((v) => v.message).join(' ')}\n`);
  return `${batchLine(b)}${members.join('')}${next.length ? `Next:\n${next.join('')}` : ''}`;
}

function handoverLine(h: HandoverSummary): string {
  return `${h.code}  ${h.handedAt.slice(0, 16).replace('T', ' ')}  to ${h.agency} (${h.receivingCountry}), ${counted(h.people, 'person', 'people')}${h.acknowledged ? ', acknowledged' : ''}  manifest sha256 ${h.manifestSha256}\n`;
}

const exported = (v: ExportFile, ctx: Context) => `Wrote ${str(ctx.opts, 'out')} (sha256 ${v.sha256}), encrypted to ${v.encryptedTo.join(' and ')}.\n`;

export const journeyCommands: Record<string, Command> = {
  'keys show': {
    options: { card: { type: 'string' } },
    positionals: 0,
    run: call<KeyCardView>(
      'keys.show',
      () => ({}),
      (k, ctx) =>
        [
          `Office ${k.office} (${k.name})`,
          `age recipient:      ${k.ageRecipient}`,
          `  fingerprint:      ${k.ageFingerprint}`,
          `minisign key:       ${k.signingPublicKey}`,
          `  key id:           ${k.signingKeyId}`,
          `  fingerprint:      ${k.signingFingerprint}`,
          ...(str(ctx.opts, 'card', false) ? [`Key card written to ${str(ctx.opts, 'card')}.`] : []),
          '',
        ].join('\n'),
      (k, ctx) => {
        const card = str(ctx.opts, 'card', false);
        if (card) writeFileSync(card, k.card);
      },
    ),
  },
  'recipient add': {
    options: { name: { type: 'string' }, country: { type: 'string' }, agency: { type: 'string' }, key: { type: 'string' }, fingerprint: { type: 'string' }, 'signing-key': { type: 'string' }, note: { type: 'string' } },
    positionals: 0,
    run: call<RecipientView>(
      'recipient.add',
      (ctx) => ({
        name: str(ctx.opts, 'name'),
        country: str(ctx.opts, 'country', false) ?? null,
        agency: str(ctx.opts, 'agency', false) ?? null,
        ageRecipient: str(ctx.opts, 'key', false) ?? null,
        fingerprint: str(ctx.opts, 'fingerprint', false) ?? null,
        signingPublicKey: str(ctx.opts, 'signing-key', false) ?? null,
        note: text(ctx, 'note', false) ?? null,
      }),
      (r) => `Added ${r.name} (${r.kind === 'x25519' ? `age key, fingerprint ${r.fingerprint}` : 'by passphrase'}).\n`,
    ),
  },
  'recipient list': {
    options: {},
    positionals: 0,
    run: call<RecipientView[]>('recipient.list', () => ({}), (rs) =>
      rs.length ? rs.map((r) => `${r.name}  ${r.country ?? '--'}  ${r.kind === 'x25519' ? `key ${r.fingerprint}` : 'passphrase'}\n`).join('') : 'No recipients yet.\n',
    ),
  },
  'recipient remove': {
    options: { reason: { type: 'string' } },
    positionals: 1,
    run: call('recipient.remove', (ctx) => ({ ref: ctx.args[0], reason: text(ctx, 'reason', false) ?? null }), () => 'Recipient removed.\n'),
  },
  'verification-list create': {
    options: { country: { type: 'string' }, authority: { type: 'string' }, recipient: { type: 'string' }, people: { type: 'string' } },
    positionals: 0,
    run: call<VerificationListView>(
      'verificationList.create',
      (ctx) => ({ country: str(ctx.opts, 'country'), authority: str(ctx.opts, 'authority'), recipient: str(ctx.opts, 'recipient', false), people: list(ctx, 'people') }),
      (l) => `Created list ${l.code}: ${counted(l.people, 'person', 'people')} claiming ${l.country}, to ${l.authority}.\n`,
    ),
  },
  'verification-list export': {
    options: { out: { type: 'string' }, recipient: { type: 'string' } },
    positionals: 1,
    run: call<ExportFile>(
      'verificationList.export',
      (ctx) => needs(ctx, ['out'], { ref: ctx.args[0], recipient: str(ctx.opts, 'recipient', false), passphrase: exportPassphrase(ctx) }),
      exported,
      (v, ctx) => writeOut(ctx, Buffer.from(v.data, 'base64')),
    ),
  },
  'verification-list outcomes': {
    options: { 'dry-run': { type: 'boolean', default: false } },
    positionals: 2,
    run: call<OutcomeImportResult>(
      'verificationList.importOutcomes',
      (ctx) => ({ ref: ctx.args[0], fileName: basename(ctx.args[1]!), data: readBytes(ctx.args[1]!).toString('base64'), dryRun: ctx.opts['dry-run'] === true }),
      (r) =>
        `${r.dryRun ? 'Checked (nothing recorded)' : 'Recorded'}: ${r.dryRun ? r.rows.filter((x) => x.status === 'ready').length : r.recorded} answers, ${r.unchanged} unchanged, ${r.invalid} invalid.\n` +
        r.rows
          .filter((x) => x.status === 'invalid')
          .map((x) => `  row ${x.row} ${x.caseNumber ?? ''}: ${x.problems.join(' ')}\n`)
          .join(''),
    ),
  },
  'batch create': {
    options: {
      from: { type: 'string' },
      crossing: { type: 'string' },
      to: { type: 'string' },
      date: { type: 'string' },
      capacity: { type: 'string' },
      vehicle: { type: 'string' },
      escort: { type: 'string' },
      note: { type: 'string' },
      people: { type: 'string' },
    },
    positionals: 0,
    run: call<MembersOutcome>(
      'batch.create',
      (ctx) => {
        const capacity = str(ctx.opts, 'capacity')!;
        if (!/^\d+$/.test(capacity)) throw new UsageError(`--capacity must be a whole number, not "${capacity}".`);
        return {
          batch: {
            fromSite: str(ctx.opts, 'from'),
            crossingPoint: str(ctx.opts, 'crossing'),
            toSite: str(ctx.opts, 'to'),
            plannedDate: str(ctx.opts, 'date'),
            capacity: Number(capacity),
            vehicle: str(ctx.opts, 'vehicle', false) ?? null,
            escort: str(ctx.opts, 'escort', false) ?? null,
            note: text(ctx, 'note', false) ?? null,
          },
          people: list(ctx, 'people') ?? [],
        };
      },
      membersOutcome,
    ),
  },
  'batch add': {
    options: { people: { type: 'string' } },
    positionals: 1,
    run: call<MembersOutcome>('batch.addMembers', (ctx) => ({ batch: ctx.args[0], people: list(ctx, 'people') ?? [] }), membersOutcome),
  },
  'batch list': {
    options: { status: { type: 'string' } },
    positionals: 0,
    run: call<BatchSummary[]>('batch.list', (ctx) => (str(ctx.opts, 'status', false) ? { status: str(ctx.opts, 'status') } : {}), (bs) =>
      bs.length ? bs.map(batchLine).join('') : 'No transfer batches.\n',
    ),
  },
  'batch show': { options: {}, positionals: 1, run: call<BatchView>('batch.get', (ctx) => ({ batch: ctx.args[0] }), batchDetail) },
  'batch mark': {
    options: { mark: { type: 'string' }, note: { type: 'string' } },
    positionals: 2,
    run: call<{ batch: BatchView; member: { caseNumber: string; status: string } }>(
      'batch.mark',
      (ctx) => ({ batch: ctx.args[0], person: ctx.args[1], mark: str(ctx.opts, 'mark'), note: text(ctx, 'note', false) ?? null }),
      (v) => `${v.member.caseNumber} ${v.member.status}. ${counts(v.batch)}\n`,
    ),
  },
  'batch status': {
    options: { to: { type: 'string' }, reason: { type: 'string' } },
    positionals: 1,
    run: call<BatchView>('batch.setStatus', (ctx) => ({ batch: ctx.args[0], to: str(ctx.opts, 'to'), reason: text(ctx, 'reason', false) ?? null }), batchLine),
  },
  'batch print': {
    options: { what: { type: 'string' }, out: { type: 'string' } },
    positionals: 1,
    run: call<{ fileName: string; data: string }>(
      'batch.print',
      (ctx) => needs(ctx, ['out'], { batch: ctx.args[0], what: str(ctx.opts, 'what', false) ?? 'roster' }),
      (_v, ctx) => `Wrote ${str(ctx.opts, 'out')}. It holds names and photos: print it, then delete the file.\n`,
      (v, ctx) => writeOut(ctx, Buffer.from(v.data, 'base64')),
    ),
  },
  'handover create': {
    options: {
      batch: { type: 'string' },
      country: { type: 'string' },
      agency: { type: 'string' },
      official: { type: 'string' },
      'official-id': { type: 'string' },
      place: { type: 'string' },
      at: { type: 'string' },
      people: { type: 'string' },
      recipient: { type: 'string' },
    },
    positionals: 0,
    run: call<HandoverView>(
      'handover.create',
      (ctx) => ({
        batch: str(ctx.opts, 'batch'),
        receivingCountry: str(ctx.opts, 'country'),
        agency: str(ctx.opts, 'agency'),
        officialName: text(ctx, 'official'),
        officialId: str(ctx.opts, 'official-id'),
        place: str(ctx.opts, 'place'),
        handedAt: str(ctx.opts, 'at', false),
        people: list(ctx, 'people'),
        recipient: str(ctx.opts, 'recipient', false),
      }),
      (h) => `Handover ${h.code}: ${counted(h.people, 'person', 'people')} to ${h.agency} (${h.receivingCountry}). Manifest signed, sha256 ${h.manifestSha256}.\n`,
    ),
  },
  'handover list': { options: {}, positionals: 0, run: call<HandoverSummary[]>('handover.list', () => ({}), (hs) => (hs.length ? hs.map(handoverLine).join('') : 'No handovers.\n')) },
  'handover show': {
    options: {},
    positionals: 1,
    run: call<HandoverView>('handover.get', (ctx) => ({ handover: ctx.args[0] }), (h) =>
      handoverLine(h) + h.members.map((m) => `  ${m.caseNumber}  ${[m.familyName?.toUpperCase(), m.givenNames].filter(Boolean).join(' ')}  ${m.stage}\n`).join(''),
    ),
  },
  'handover acknowledge': {
    options: { countersignature: { type: 'string' }, scan: { type: 'string' }, 'signer-key': { type: 'string' }, note: { type: 'string' } },
    positionals: 1,
    run: call<HandoverView>(
      'handover.acknowledge',
      (ctx) => {
        const sig = str(ctx.opts, 'countersignature', false);
        const scan = str(ctx.opts, 'scan', false);
        if (!sig === !scan) throw new UsageError('Give either --countersignature FILE or --scan FILE.');
        const file = (sig ?? scan)!;
        return {
          handover: ctx.args[0],
          kind: sig ? 'countersignature' : 'scan',
          fileName: basename(file),
          data: readBytes(file).toString('base64'),
          signerKey: str(ctx.opts, 'signer-key', false) ?? null,
          note: text(ctx, 'note', false) ?? null,
        };
      },
      (h) => `Handover ${h.code} acknowledged; ${h.people} cases closed.\n`,
    ),
  },
  'manifest export': {
    options: { out: { type: 'string' }, recipient: { type: 'string' } },
    positionals: 1,
    run: call<ExportFile>(
      'handover.export',
      (ctx) => needs(ctx, ['out'], { handover: ctx.args[0], recipient: str(ctx.opts, 'recipient', false), passphrase: exportPassphrase(ctx) }),
      exported,
      (v, ctx) => writeOut(ctx, Buffer.from(v.data, 'base64')),
    ),
  },
  'manifest verify': {
    options: { identity: { type: 'string' }, 'public-key': { type: 'string' } },
    positionals: 1,
    run: async (ctx) => {
      const input = {
        data: readBytes(ctx.args[0]!).toString('base64'),
        passphrase: exportPassphrase(ctx),
        identity: str(ctx.opts, 'identity', false) ? readBytes(str(ctx.opts, 'identity')!).toString('utf8').split(/\r?\n/).find((l) => l.startsWith('AGE-SECRET-KEY-')) : undefined,
        publicKey: str(ctx.opts, 'public-key', false),
      };
      const opened = await openOffice(ctx);
      if (!opened.ok) return emit(ctx, opened, () => '');
      const result = await dispatchAsync(ctx.session, 'manifest.verify', input);
      const code = emit(ctx, result, (v: ManifestCheck) =>
        `${v.ok ? 'VALID' : 'NOT VALID'}: ${ctx.args[0]}${v.handover ? ` (handover ${v.handover} from ${v.office}, ${counted(v.people ?? 0, 'person', 'people')})` : ''}\n` +
        v.checks.map((c) => `  ${c.ok ? 'ok  ' : 'FAIL'}  ${c.name}: ${c.detail}\n`).join(''),
      );
      return code === 0 && result.ok && !(result.value as ManifestCheck).ok ? 1 : code;
    },
  },
  'htcds export': {
    options: { people: { type: 'string' }, out: { type: 'string' }, recipient: { type: 'string' } },
    positionals: 0,
    run: call<ExportFile & { records: number }>(
      'htcds.export',
      (ctx) => needs(ctx, ['out'], { people: list(ctx, 'people') ?? [], recipient: str(ctx.opts, 'recipient', false), passphrase: exportPassphrase(ctx) }),
      (v, ctx) => `Wrote ${counted(v.records, 'case')} in HTCDS fields (cases.json and cases.csv) to ${str(ctx.opts, 'out')}, encrypted to ${v.encryptedTo.join(' and ')}.\n`,
      (v, ctx) => writeOut(ctx, Buffer.from(v.data, 'base64')),
    ),
  },
};
