import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import type { Session } from '../api/dispatch';
import { HomewardError, type ErrorBody } from '../domain/errors';
import { common, defaultIo, emit, int, newPassphrase, officeCall, openOffice, readJsonFile, send, str, text, UsageError, type Command, type Io, type Options } from './context';
import { formatAudit, formatDuplicates, formatError, formatPerson, formatPersonList, formatTimeline } from './format';
import { importOptions, runImport } from './import';
import { journeyCommands } from './journey';
import { syncCommands } from './sync';
import { lazyChromiumPrinter } from '../services/print/lazy-printer';

const USAGE = `homeward — case management for bringing rescued people home

Usage: homeward COMMAND [options]     (add --json for machine-readable output)

  init --db FILE --office CODE --office-name NAME [--country CC]
  person add --db FILE --file PERSON.json|-
  person list --db FILE [--stage S] [--nationality CC] [--site SITE] [--hold KIND|any]
                        [--search TEXT] [--sort case_number|name|updated|age] [--limit N] [--offset N]
  person show --db FILE ID-or-CASE-NUMBER
  person update --db FILE ID-or-CASE-NUMBER --file PATCH.json|- [--reason TEXT]
  advance --db FILE ID-or-CASE-NUMBER --to STAGE --reason TEXT
  hold add|lift --db FILE ID-or-CASE-NUMBER --kind KIND --reason TEXT
  verify --db FILE ID-or-CASE-NUMBER --authority NAME --country CC --outcome OUTCOME
         [--method document|interview|embassy_list] [--other-nationality CC] [--reference REF] [--decided-at YYYY-MM-DD] [--note TEXT]
  note add --db FILE ID-or-CASE-NUMBER --text TEXT
  import FILE --db FILE [--dry-run] [--mapping NAME] [--save-mapping NAME] [--map "HEADER=FIELD"]…
         [--encoding utf-8|utf-16le|utf-16be|windows-874|gb18030] [--sheet NAME|N] [--header-row N]
         [--site SITE] [--rescue-date YYYY-MM-DD] [--operation NAME] [--group NAME] [--nationality CC]
         [--name-order auto|family_first|given_first] [--errors FILE]
  mapping list --db FILE
  mapping delete --db FILE NAME
  duplicates list --db FILE [--status open|merged|different] [--limit N]
  duplicates different --db FILE PAIR-ID [--note TEXT]
  merge --db FILE KEEP-CASE OTHER-CASE [--take FIELD,FIELD…] [--reason TEXT]
  merge undo --db FILE MERGE-ID [--reason TEXT]
  keys show --db FILE [--card FILE]
  recipient add --db FILE --name NAME [--country CC] [--agency NAME] [--key age1… --fingerprint FP] [--signing-key RW…]
  recipient list --db FILE
  recipient remove --db FILE NAME-or-ID [--reason TEXT]
  verification-list create --db FILE --country CC --authority NAME [--recipient NAME] [--people CASE,CASE…]
  verification-list export --db FILE LIST-CODE --out FILE.age [--recipient NAME]
  verification-list outcomes --db FILE LIST-CODE RETURNED.csv|xlsx [--dry-run]
  batch create --db FILE --from SITE --crossing POINT --to SITE --date YYYY-MM-DD --capacity N
               [--vehicle TEXT] [--escort TEXT] [--people CASE,CASE…]
  batch add --db FILE BATCH-CODE --people CASE,CASE…
  batch list --db FILE [--status planned|boarding|in_transit|arrived|cancelled|active]
  batch show --db FILE BATCH-CODE
  batch mark --db FILE BATCH-CODE CASE --mark boarded|arrived|missing|removed [--note TEXT]
  batch status --db FILE BATCH-CODE --to boarding|in_transit|arrived|planned|cancelled [--reason TEXT]
  batch print --db FILE BATCH-CODE --what roster|cards --out FILE.pdf
  handover create --db FILE --batch CODE --country CC --agency NAME --official NAME --official-id ID
                  --place PLACE [--at ISO-TIME] [--people CASE,CASE…] [--recipient NAME]
  handover list --db FILE
  handover show --db FILE HANDOVER-CODE
  handover acknowledge --db FILE HANDOVER-CODE (--countersignature FILE.minisig [--signer-key RW… (only for a receiver added without a signing key)] | --scan FILE) [--note TEXT]
  manifest export --db FILE HANDOVER-CODE --out FILE.age [--recipient NAME]
  manifest verify --db FILE PACKAGE.age|.zip [--identity KEY.txt] [--public-key RW…]
  htcds export --db FILE --people CASE,CASE… --out FILE.age [--recipient NAME]
  peer add --db FILE --card CARD.json --age-fingerprint FP --signing-fingerprint FP [--replace]
  peer list --db FILE
  peer remove --db FILE OFFICE --reason TEXT
  sync export --db FILE --to OFFICE[,OFFICE…] --out DIR [--always]
  sync import --db FILE BUNDLE.hwsync… [--allow-deletes]
  sync folder DIR --db FILE [--allow-deletes]
  sync status --db FILE
  sync conflicts --db FILE [--all]
  sync resolve --db FILE CONFLICT-ID --choice keep|other|value|reviewed [--value JSON] [--note TEXT]
  audit verify --db FILE
  demo --db FILE --people N --seed S
  passphrase change --db FILE

Exports to a passphrase recipient, and checking such a package, take the export passphrase
from HOMEWARD_EXPORT_PASSPHRASE (it is never stored).
The passphrase comes from HOMEWARD_PASSPHRASE or a prompt; HOMEWARD_RECOVERY_KEY
unlocks with the recovery key instead. The acting person is --actor, HOMEWARD_ACTOR
or the system user name.
Stages: intake verification transfer handover closed absconded deceased remains_in_country
Holds: medical minor_without_guardian legal protection
Import fields (for --map): familyName givenNames nativeName fullName aliases sex birthDate age
  claimedNationality languages phone passportNumber documentNumber rescueDate rescueSite
  rescueOperation rescueGroup notes, or "-" to skip a column.
Merge fields (for --take, taken from OTHER-CASE): familyName givenNames nativeName sex birth
  claimedNationality phone rescueDate rescueSite rescueOperation rescueGroup consent
Exit status: 0 done, 1 refused or invalid request, 2 bad usage.
`;

const personSummaryLine = (p: { caseNumber: string; stage: string }) => `${p.caseNumber}  ${p.stage}\n`;

const commands: Record<string, Command> = {
  init: {
    options: { office: { type: 'string' }, 'office-name': { type: 'string' }, country: { type: 'string' } },
    positionals: 0,
    run: async (ctx) => {
      const input = {
        path: str(ctx.opts, 'db'),
        officeCode: str(ctx.opts, 'office'),
        officeName: str(ctx.opts, 'office-name'),
        country: str(ctx.opts, 'country', false) ?? null,
        passphrase: await newPassphrase(ctx.io, 'HOMEWARD_PASSPHRASE'),
        ...(ctx.io.env.HOMEWARD_KDF_LOGN ? { kdfLogN: Number(ctx.io.env.HOMEWARD_KDF_LOGN) } : {}),
      };
      return emit(ctx, send(ctx, 'office.create', input), (v: { code: string; name: string; path: string; recoveryKey: string }) =>
        [
          `Created office ${v.code} (${v.name}) in ${v.path}, encrypted.`,
          '',
          'RECOVERY KEY — shown only now. Write it on paper and keep it apart from the laptop:',
          '',
          `    ${v.recoveryKey}`,
          '',
          'It opens this database if the passphrase is lost (HOMEWARD_RECOVERY_KEY=… homeward passphrase change).',
          '',
        ].join('\n'),
      );
    },
  },
  'person add': {
    options: { file: { type: 'string' } },
    positionals: 0,
    run: officeCall('person.add', (ctx) => readJsonFile(ctx.io, str(ctx.opts, 'file')!), (p: { caseNumber: string; stage: string }) => `Registered ${personSummaryLine(p)}`),
  },
  'person list': {
    options: {
      stage: { type: 'string' },
      nationality: { type: 'string' },
      site: { type: 'string' },
      hold: { type: 'string' },
      search: { type: 'string' },
      sort: { type: 'string' },
      limit: { type: 'string' },
      offset: { type: 'string' },
    },
    positionals: 0,
    run: officeCall(
      'person.list',
      (ctx) =>
        Object.fromEntries(
          Object.entries({
            stage: str(ctx.opts, 'stage', false),
            nationality: str(ctx.opts, 'nationality', false),
            site: str(ctx.opts, 'site', false),
            hold: str(ctx.opts, 'hold', false),
            search: text(ctx, 'search', false),
            sort: str(ctx.opts, 'sort', false),
            limit: int(ctx.opts, 'limit', false),
            offset: int(ctx.opts, 'offset', false),
          }).filter(([, v]) => v !== undefined),
        ),
      formatPersonList,
    ),
  },
  'person show': {
    options: {},
    positionals: 1,
    run: async (ctx) => {
      const opened = await openOffice(ctx);
      if (!opened.ok) return emit(ctx, opened, () => '');
      const person = send(ctx, 'person.get', { ref: ctx.args[0] });
      if (!person.ok) return emit(ctx, person, () => '');
      const timeline = send(ctx, 'person.timeline', { ref: ctx.args[0] });
      if (!timeline.ok) return emit(ctx, timeline, () => '');
      return emit(ctx, { ok: true, value: { person: person.value, timeline: timeline.value } }, (v: { person: never; timeline: never }) =>
        formatPerson(v.person) + formatTimeline(v.timeline),
      );
    },
  },
  'person update': {
    options: { file: { type: 'string' }, reason: { type: 'string' } },
    positionals: 1,
    run: officeCall(
      'person.update',
      (ctx) => ({ ref: ctx.args[0], patch: readJsonFile(ctx.io, str(ctx.opts, 'file')!), reason: text(ctx, 'reason', false) }),
      (p: { caseNumber: string; stage: string }) => `Updated ${personSummaryLine(p)}`,
    ),
  },
  advance: {
    options: { to: { type: 'string' }, reason: { type: 'string' } },
    positionals: 1,
    run: officeCall(
      'person.advance',
      (ctx) => ({ ref: ctx.args[0], to: str(ctx.opts, 'to'), reason: text(ctx, 'reason') }),
      (p: { caseNumber: string; stage: string }) => `Moved ${personSummaryLine(p)}`,
    ),
  },
  'hold add': {
    options: { kind: { type: 'string' }, reason: { type: 'string' } },
    positionals: 1,
    run: officeCall(
      'hold.add',
      (ctx) => ({ ref: ctx.args[0], kind: str(ctx.opts, 'kind'), reason: text(ctx, 'reason') }),
      (p: { caseNumber: string; openHolds: string[] }) => `${p.caseNumber}: open holds ${p.openHolds.join(', ')}\n`,
    ),
  },
  'hold lift': {
    options: { kind: { type: 'string' }, reason: { type: 'string' } },
    positionals: 1,
    run: officeCall(
      'hold.lift',
      (ctx) => ({ ref: ctx.args[0], kind: str(ctx.opts, 'kind'), reason: text(ctx, 'reason') }),
      (p: { caseNumber: string; openHolds: string[] }) => `${p.caseNumber}: open holds ${p.openHolds.join(', ') || 'none'}\n`,
    ),
  },
  verify: {
    options: {
      method: { type: 'string' },
      authority: { type: 'string' },
      country: { type: 'string' },
      outcome: { type: 'string' },
      'other-nationality': { type: 'string' },
      reference: { type: 'string' },
      'decided-at': { type: 'string' },
      note: { type: 'string' },
    },
    positionals: 1,
    run: officeCall(
      'verification.record',
      (ctx) => ({
        ref: ctx.args[0],
        verification: {
          method: str(ctx.opts, 'method', false) ?? 'embassy_list',
          authority: str(ctx.opts, 'authority'),
          country: str(ctx.opts, 'country'),
          outcome: str(ctx.opts, 'outcome'),
          otherNationality: str(ctx.opts, 'other-nationality', false) ?? null,
          reference: str(ctx.opts, 'reference', false) ?? null,
          decidedAt: str(ctx.opts, 'decided-at', false) ?? null,
          note: text(ctx, 'note', false) ?? null,
        },
      }),
      (p: { caseNumber: string; claimedNationality: string | null; confirmedNationality: string | null }) =>
        `${p.caseNumber}: claimed ${p.claimedNationality ?? '—'}, confirmed ${p.confirmedNationality ?? '—'}\n`,
    ),
  },
  'note add': {
    options: { text: { type: 'string' } },
    positionals: 1,
    run: officeCall('note.add', (ctx) => ({ ref: ctx.args[0], body: text(ctx, 'text') }), (v: { recordedOn: { caseNumber: string } }) => `Note added to ${v.recordedOn.caseNumber}.\n`),
  },
  import: { options: importOptions, positionals: 1, run: runImport },
  'mapping list': {
    options: {},
    positionals: 0,
    run: officeCall('import.mappings', () => ({}), (list: { name: string; updatedAt: string; createdBy: string }[]) =>
      list.length ? `${list.map((m) => `${m.name}  (saved ${m.updatedAt.slice(0, 10)} by ${m.createdBy})`).join('\n')}\n` : 'No saved mappings.\n',
    ),
  },
  'mapping delete': {
    options: {},
    positionals: 1,
    run: officeCall('import.deleteMapping', (ctx) => ({ name: ctx.args[0] }), () => 'Mapping deleted.\n'),
  },
  'duplicates list': {
    options: { status: { type: 'string' }, limit: { type: 'string' } },
    positionals: 0,
    run: officeCall(
      'duplicate.list',
      (ctx) => ({ status: str(ctx.opts, 'status', false) ?? 'open', limit: int(ctx.opts, 'limit', false) ?? 100 }),
      formatDuplicates,
    ),
  },
  'duplicates different': {
    options: { note: { type: 'string' } },
    positionals: 1,
    run: officeCall(
      'duplicate.different',
      (ctx) => ({ id: ctx.args[0], note: text(ctx, 'note', false) ?? null }),
      (v: { candidate: { a: { caseNumber: string }; b: { caseNumber: string } } }) =>
        `Recorded: ${v.candidate.a.caseNumber} and ${v.candidate.b.caseNumber} are different people. This pair will not be suggested again.\n`,
    ),
  },
  merge: {
    options: { take: { type: 'string' }, reason: { type: 'string' } },
    positionals: 2,
    run: officeCall(
      'duplicate.merge',
      (ctx) => ({
        survivor: ctx.args[0],
        merged: ctx.args[1],
        choose: Object.fromEntries(
          (str(ctx.opts, 'take', false) ?? '')
            .split(',')
            .map((f) => f.trim())
            .filter(Boolean)
            .map((f) => [f, 'merged']),
        ),
        reason: text(ctx, 'reason', false) ?? null,
      }),
      (v: { mergeId: string; survivor: { caseNumber: string; mergedFrom: { caseNumber: string }[] } }) =>
        `Merged ${v.survivor.mergedFrom.map((m) => m.caseNumber).join(', ')} into ${v.survivor.caseNumber}. Undo with: homeward merge undo ${v.mergeId}\n`,
    ),
  },
  'merge undo': {
    options: { reason: { type: 'string' } },
    positionals: 1,
    run: officeCall(
      'merge.undo',
      (ctx) => ({ mergeId: ctx.args[0], reason: text(ctx, 'reason', false) ?? null }),
      (v: { survivor: { caseNumber: string }; merged: { caseNumber: string }; keptSinceMerge: string[] }) =>
        `Undone: ${v.merged.caseNumber} and ${v.survivor.caseNumber} are separate cases again.` +
        (v.keptSinceMerge.length ? ` Changed since the merge and left as they are: ${v.keptSinceMerge.join(', ')}.` : '') +
        '\n',
    ),
  },
  'audit verify': {
    options: {},
    positionals: 0,
    run: async (ctx) => {
      const opened = await openOffice(ctx);
      if (!opened.ok) return emit(ctx, opened, () => '');
      const result = send(ctx, 'audit.verify', {});
      const code = emit(ctx, result, formatAudit);
      return code === 0 && !(result.ok && (result.value as { ok: boolean }).ok) ? 1 : code;
    },
  },
  ...journeyCommands,
  ...syncCommands,
  demo: {
    options: { people: { type: 'string' }, seed: { type: 'string' } },
    positionals: 0,
    run: officeCall(
      'demo.generate',
      (ctx) => ({ people: int(ctx.opts, 'people'), seed: int(ctx.opts, 'seed') }),
      (v: { created: number; first: string | null; last: string | null }) => `Added ${v.created} synthetic people (${v.first} … ${v.last}).\n`,
    ),
  },
  'passphrase change': {
    options: {},
    positionals: 0,
    run: async (ctx) => {
      const opened = await openOffice(ctx);
      if (!opened.ok) return emit(ctx, opened, () => '');
      const passphrase = await newPassphrase(ctx.io, 'HOMEWARD_NEW_PASSPHRASE');
      return emit(ctx, send(ctx, 'office.changePassphrase', { newPassphrase: passphrase }), () => 'Passphrase changed. The recovery key still works.\n');
    },
  },
};

function findCommand(argv: string[]): { name: string; rest: string[] } | null {
  const two = argv.slice(0, 2).join(' ');
  if (commands[two]) return { name: two, rest: argv.slice(2) };
  if (argv[0] && commands[argv[0]]) return { name: argv[0], rest: argv.slice(1) };
  return null;
}

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.out(USAGE);
    return argv.length === 0 ? 2 : 0;
  }
  const found = findCommand(argv);
  const json = argv.includes('--json');
  if (!found) {
    const message = `Unknown command "${argv.filter((a) => !a.startsWith('-')).slice(0, 2).join(' ')}". See "homeward --help".`;
    if (json) io.out(JSON.stringify({ ok: false, error: { code: 'BAD_USAGE', message } }, null, 2) + '\n');
    else io.err(`${message}\n\n${USAGE}`);
    return 2;
  }
  const command = commands[found.name]!;
  // Started only if a command prints (a PDF), and closed when it is done.
  const printer = lazyChromiumPrinter();
  const session: Session = { store: null, actor: '', printPdf: printer.print };
  try {
    const { values, positionals } = parseArgs({ args: found.rest, options: { ...common, ...command.options }, allowPositionals: true, strict: true });
    if (values.help) {
      io.out(USAGE);
      return 0;
    }
    if (command.positionals === -1 ? positionals.length === 0 : positionals.length !== command.positionals) {
      throw new UsageError(
        command.positionals === -1 ? `"${found.name}" needs one or more files.` : command.positionals ? `"${found.name}" needs ${command.positionals === 1 ? 'one case number or id' : `${command.positionals} arguments`}.` : `"${found.name}" takes no argument "${positionals[0]}".`,
      );
    }
    session.actor = (values.actor as string | undefined)?.trim() || io.env.HOMEWARD_ACTOR?.trim() || `${userInfo().username}@cli`;
    return await command.run({ io, opts: values as Options, args: positionals, session, json });
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      const body: ErrorBody = { code: 'BAD_USAGE', message: `${(e as Error).message} See "homeward --help".` };
      if (json) io.out(JSON.stringify({ ok: false, error: body }, null, 2) + '\n');
      else io.err(`homeward ${found.name}: ${body.message}\n`);
      return 2;
    }
    const body: ErrorBody = e instanceof HomewardError ? e.toBody() : { code: 'INTERNAL', message: (e as Error).message };
    if (json) io.out(JSON.stringify({ ok: false, error: body }, null, 2) + '\n');
    else io.err(formatError(body));
    return 1;
  } finally {
    session.store?.close();
    await printer.close();
  }
}
