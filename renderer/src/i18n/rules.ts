import { HOLD_DESCRIPTIONS, type HoldKind, type RuleViolation } from '../../../src/domain/stages';
import { countryName } from '../format';
import type { Params } from './index';

type Dynamic = (key: string, params?: Params, fallback?: string) => string;

/**
 * The transfer, handover and verification-list rules name the case, batch or
 * country they refuse in their English sentence ("MSO-2026-000123 was already
 * handed over (MSO-H-2026-0001)."). These patterns take those names out of
 * the sentence and put them into the reader's language (catalog keys
 * `ruleMsg.*`). A sentence that no pattern knows is left to the caller, which
 * shows the rule's generic sentence or the engine's own words.
 */

const readerLocale = () => (typeof document === 'undefined' ? 'en' : document.documentElement.lang || 'en');
const country = (code: string) => countryName(code, readerLocale());
const words = (s: string) => s.trim().replace(/ /g, '_');

type Pattern = [rule: RegExp, message: RegExp, key: string, params: (m: RegExpExecArray, t: Dynamic) => Params];

const stage = (t: Dynamic, s: string) => t(`stage.${words(s)}`, undefined, s);
const batchStatus = (t: Dynamic, s: string) => t(`batchStatus.${words(s)}`, undefined, s);
const memberStatus = (t: Dynamic, s: string) => t(`memberStatus.${words(s)}`, undefined, s);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const list = (t: Dynamic, s: string, one: (t: Dynamic, s: string) => string) =>
  s
    .split(/,\s*/)
    .map((x) => one(t, x))
    .join(t('ruleMsg.listJoin', undefined, ', '));

const PATTERNS: Pattern[] = [
  [/^batch\.in_transfer_stage$/, /^The case is in (.+?); a transfer batch/, 'ruleMsg.batch.in_transfer_stage', (m, t) => ({ stage: stage(t, m[1]!) })],
  [/^batch\.one_active_batch$/, /already on batch (\S+)\./, 'ruleMsg.batch.one_active_batch', (m) => ({ batch: m[1]! })],
  [/^batch\.same_status$/, /^The batch is already (.+)\.$/, 'ruleMsg.batch.same_status', (m, t) => ({ status: batchStatus(t, m[1]!) })],
  [
    /^batch\.status_not_allowed$/,
    /^A (.+?) batch cannot become (.+?)\. It can become: (.+)\.$/,
    'ruleMsg.batch.status_not_allowed',
    (m, t) => ({ from: batchStatus(t, m[1]!), to: batchStatus(t, m[2]!), next: list(t, m[3]!, batchStatus) }),
  ],
  [/^batch\.status_not_allowed$/, /^A (.+?) batch is final\.$/, 'ruleMsg.batch.final', (m, t) => ({ from: batchStatus(t, m[1]!) })],
  [/^batch\.capacity$/, /^Batch (\S+) is full \((\d+) seats\)/, 'ruleMsg.batch.capacity', (m) => ({ batch: m[1]!, n: m[2]! })],
  [/^(batch|handover)\.person_exists$/, /"(.*)"/, 'ruleMsg.person_exists', (m) => ({ ref: m[1]! })],
  [/^member\.same_mark$/, /^Already marked (\w+)\.$/, 'ruleMsg.member.same_mark', (m, t) => ({ mark: memberStatus(t, m[1]!) })],
  [
    /^member\.mark_not_allowed$/,
    /^On a (.+?) batch a person marked (\w+) can be marked: (.+)\.$/,
    'ruleMsg.member.mark_not_allowed',
    (m, t) => ({ status: batchStatus(t, m[1]!), member: memberStatus(t, m[2]!), marks: list(t, m[3]!, memberStatus) }),
  ],
  [
    /^member\.mark_not_allowed$/,
    /^On a (.+?) batch a person marked (\w+) cannot be marked (\w+)\.$/,
    'ruleMsg.member.mark_never',
    (m, t) => ({ status: batchStatus(t, m[1]!), member: memberStatus(t, m[2]!), mark: memberStatus(t, m[3]!) }),
  ],
  [/^handover\.once$/, /^(\S+) was already handed over \((\S+)\)\.$/, 'ruleMsg.handover.once', (m) => ({ case: m[1]!, code: m[2]! })],
  [/^handover\.arrived$/, /^(\S+) is marked (\w+) on the batch, not arrived\.$/, 'ruleMsg.handover.arrived', (m, t) => ({ case: m[1]!, status: memberStatus(t, m[2]!) })],
  [/^handover\.arrived$/, /^(\S+) is not on this batch\.$/, 'ruleMsg.handover.not_on_batch', (m) => ({ case: m[1]! })],
  [/^handover\.arrived$/, /^The person is on transfer batch (\S+) but is marked (\w+), not arrived\.$/, 'ruleMsg.handover.on_batch_marked', (m, t) => ({ batch: m[1]!, status: memberStatus(t, m[2]!) })],
  [/^handover\.in_transfer_stage$/, /^(\S+) is in (.+), not transfer\.$/, 'ruleMsg.handover.in_transfer_stage', (m, t) => ({ case: m[1]!, stage: stage(t, m[2]!) })],
  [
    /^handover\.country_matches_nationality$/,
    /^(\S+)'s confirmed nationality is ([A-Z]{2}), not ([A-Z]{2})\./,
    'ruleMsg.handover.country',
    (m) => ({ case: m[1]!, confirmed: country(m[2]!), country: country(m[3]!) }),
  ],
  [/^handover\.country_matches_nationality$/, /^(\S+) has no confirmed nationality\./, 'ruleMsg.handover.no_nationality', (m) => ({ case: m[1]! })],
  [/^verification_list\.member$/, /^No person "(.*)"\.$/, 'ruleMsg.person_exists', (m) => ({ ref: m[1]! })],
  [/^verification_list\.member$/, /^(\S+) is in (.+), not verification\.$/, 'ruleMsg.list.not_in_verification', (m, t) => ({ case: m[1]!, stage: stage(t, m[2]!) })],
  [/^verification_list\.member$/, /^(\S+) claims ([A-Z]{2}), not ([A-Z]{2})\.$/, 'ruleMsg.list.other_claim', (m) => ({ case: m[1]!, claimed: country(m[2]!), country: country(m[3]!) })],
  ...holdPatterns(),
];

/**
 * An open hold refuses a transfer or a handover with the hold's own reason in
 * the sentence ("…has a medical hold (treatment or fitness to travel) (Dengue
 * fever). Lift…"). The hold's description is cut off by its known words, so a
 * reason with brackets in it stays whole.
 */
function holdPatterns(): Pattern[] {
  return (Object.keys(HOLD_DESCRIPTIONS) as HoldKind[]).flatMap((kind): Pattern[] => {
    const described = escape(HOLD_DESCRIPTIONS[kind]);
    const hold = (t: Dynamic) => t(`hold.${kind}`, undefined, kind);
    return [
      [
        new RegExp(`^transfer\\.hold\\.${kind}$`),
        kind === 'minor_without_guardian'
          ? /^A minor without a guardian cannot be transferred \(hold: ([\s\S]*)\)\. Lift the hold once/
          : new RegExp(`^The case has ${described} \\(([\\s\\S]*)\\)\\. Lift the hold before transfer\\.$`),
        kind === 'minor_without_guardian' ? 'ruleMsg.transfer.hold_minor' : 'ruleMsg.transfer.hold',
        (m, t) => ({ hold: hold(t), reason: m[1]! }),
      ],
      [
        new RegExp(`^handover\\.hold\\.${kind}$`),
        new RegExp(`^(\\S+) has ${described} \\(([\\s\\S]*)\\)\\. Lift it or leave`),
        'ruleMsg.handover.hold',
        (m, t) => ({ case: m[1]!, hold: hold(t), reason: m[2]! }),
      ],
    ];
  });
}

/**
 * One of the journey's rule sentences in the reader's language, or null when
 * no pattern knows it. `inner` translates a rule nested in a batch rule
 * ("MSO-…: <transfer rule> Or remove them from the batch.").
 */
export function journeyViolationText(t: Dynamic, v: RuleViolation, inner: (v: RuleViolation) => string): string | null {
  const member = /^batch\.member\.(.+)$/.exec(v.rule);
  if (member) {
    const m = /^(\S+): ([\s\S]*) Or remove them from the batch\.$/.exec(v.message);
    if (!m) return null;
    return t('ruleMsg.batch.member', { case: m[1]!, reason: inner({ rule: member[1]!, message: m[2]! }) });
  }
  for (const [rule, message, key, params] of PATTERNS) {
    if (!rule.test(v.rule)) continue;
    const m = message.exec(v.message);
    if (!m) continue;
    return t(key, params(m, t));
  }
  return null;
}

/** The problems the engine finds in a row of an embassy's returned list. */
const PROBLEMS: [RegExp, string, (m: RegExpExecArray, t: Dynamic) => Params][] = [
  [/^Row (\d+)(?: \(".*"\))? has no case number\. Delete rows/, 'outcomeProblem.noCase', (m) => ({ row: m[1]! })],
  [/^Row (\d+): "(.*)" is not a case number\. Delete rows/, 'outcomeProblem.notCase', (m) => ({ row: m[1]!, value: m[2]! })],
  [/^(\S+) is not on list (\S+)\.$/, 'outcomeProblem.notOnList', (m) => ({ case: m[1]!, list: m[2]! })],
  [/^Outcome "(.*)" is not one of/, 'outcomeProblem.outcome', (m) => ({ value: m[1]! })],
  [/^Already answered \((.+)\)\.$/, 'outcomeProblem.answered', (m, t) => ({ outcome: t(`outcome.${words(m[1]!)}`, undefined, m[1]!) })],
  [/^Decided on: give the full date/, 'outcomeProblem.fullDate', () => ({})],
];

export function outcomeProblemText(t: Dynamic, problem: string): { text: string; translated: boolean } {
  for (const [pattern, key, params] of PROBLEMS) {
    const m = pattern.exec(problem);
    if (m) return { text: t(key, params(m, t)), translated: true };
  }
  return { text: problem, translated: false };
}
