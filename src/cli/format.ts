import type { DuplicateList, NoteView, PersonList, PersonView, TimelineEntry } from '../api/views';
import type { AuditVerification } from '../db/audit-chain';
import type { ErrorBody } from '../domain/errors';
import { countryName } from '../domain/reference/countries';
import type { RuleViolation } from '../domain/stages';
import { counted } from '../domain/text';

/** Human-readable output of the CLI; --json prints the API results instead. */

const dash = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '—' : String(v));

export function displayName(p: { familyName: string | null; givenNames: string | null; nativeName: string | null }): string {
  const latin = [p.familyName, p.givenNames].filter(Boolean).join(', ');
  if (latin && p.nativeName) return `${latin} (${p.nativeName})`;
  return latin || p.nativeName || '—';
}

function pad(text: string, width: number): string {
  // Wide (CJK) characters take two columns in a terminal.
  const cols = [...text].reduce((n, ch) => n + (/[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/.test(ch) ? 2 : 1), 0);
  return text + ' '.repeat(Math.max(1, width - cols));
}

export function formatPersonList(list: PersonList): string {
  const counts = Object.entries(list.stageCounts)
    .map(([stage, n]) => `${stage} ${n}`)
    .join(' · ');
  const lines = list.people.map(
    (p) =>
      pad(p.caseNumber, 17) +
      pad(displayName(p), 42) +
      pad(p.sex === 'unknown' ? '?' : p.sex[0]!.toUpperCase(), 3) +
      pad(dash(p.age), 5) +
      pad(dash(p.confirmedNationality ?? p.claimedNationality), 4) +
      pad(p.stage, 14) +
      (p.openHolds.length ? `hold: ${p.openHolds.join(', ')}` : ''),
  );
  return [`${counted(list.total, 'person', 'people')}${counts ? ` (${counts})` : ''}`, ...lines, ''].join('\n');
}

export function formatViolations(violations: readonly RuleViolation[]): string {
  return violations.map((v) => `  - [${v.rule}] ${v.message}`).join('\n');
}

export function formatPerson(p: PersonView): string {
  const rows: [string, string][] = [
    ['Case', `${p.caseNumber}  (${p.id})`],
    ['Name', displayName(p)],
    ['Aliases', p.aliases.join(', ') || '—'],
    ['Sex', p.sex],
    ['Age', p.birthDate ? `${dash(p.age)} (born ${p.birthDate})` : p.estimatedAge !== null ? `${dash(p.age)} (estimated on ${p.ageEstimatedOn})` : '—'],
    ['Nationality', `claimed ${p.claimedNationality ? `${p.claimedNationality} ${countryName(p.claimedNationality)}` : '—'}; confirmed ${dash(p.confirmedNationality)}`],
    ['Languages', p.languages.join(', ') || '—'],
    ['Phone', dash(p.phone)],
    ['Rescue', `${dash(p.rescueDate)} at ${dash(p.rescueSite)}${p.rescueOperation ? `, ${p.rescueOperation}` : ''}`],
    ['Consent', p.consent ? `${p.consent.status}${p.consent.reason ? ` — ${p.consent.reason}` : ''}` : 'not recorded'],
    ['Stage', `${p.stage} since ${p.stageChangedAt}`],
    ['Indicators', p.indicators.join(', ') || '—'],
    ['Vulnerable', p.vulnerabilities.join(', ') || '—'],
  ];
  const out = rows.map(([k, v]) => `${pad(k, 13)}${v}`);
  for (const d of p.documents) out.push(`${pad('Document', 13)}${d.type} ${dash(d.number)} (${dash(d.issuingCountry)}), held by ${d.holder}`);
  for (const h of p.holds) out.push(`${pad('Hold', 13)}${h.kind}: ${h.reason}${h.liftedAt ? ` — lifted ${h.liftedAt} by ${h.liftedBy}: ${h.liftReason}` : ' — OPEN'}`);
  for (const v of p.verifications) out.push(`${pad('Verification', 13)}${v.authority} (${v.country}): ${v.outcome}${v.reference ? ` ref ${v.reference}` : ''}`);
  out.push('', 'Next steps:');
  for (const s of p.nextSteps) out.push(s.allowed ? `  ✓ ${s.to}` : `  ✗ ${s.to}\n${formatViolations(s.violations).replace(/^/gm, '  ')}`);
  if (p.notes.length) out.push('', 'Notes:', ...p.notes.map((n: NoteView) => `  ${n.createdAt} ${n.author}: ${n.body}`));
  return out.join('\n') + '\n';
}

export function formatTimeline(entries: TimelineEntry[]): string {
  return ['', 'Timeline:', ...entries.map((e) => `  ${e.at}  ${e.actor}  ${e.action}${e.mergedRecord ? ` (on ${e.mergedRecord})` : ''}${e.reason ? ` — ${e.reason}` : ''}`), ''].join('\n');
}

export function formatAudit(v: AuditVerification): string {
  if (v.ok) return `Audit chain intact: ${v.events} events in ${v.chains.length} chain(s).\n`;
  return `AUDIT CHAIN BROKEN. ${v.firstBreak?.message ?? ''}\nChecked ${v.events} events.\n`;
}

export function formatError(error: ErrorBody): string {
  const violations = (error.details as { violations?: RuleViolation[] } | undefined)?.violations;
  // The message already carries each violation's sentence; add the rule ids to look up.
  return `error [${error.code}]: ${error.message}\n${violations?.length ? `rules: ${violations.map((v) => v.rule).join(', ')}\n` : ''}`;
}

export function formatDuplicates(list: DuplicateList): string {
  if (list.total === 0) return 'No pairs waiting for review.\n';
  const lines = list.candidates.map(
    (c) => `${c.id}\n  ${c.score.toFixed(2)}  ${c.a.caseNumber} ${displayName(c.a)}  ~  ${c.b.caseNumber} ${displayName(c.b)}\n  ${c.reasons.join('; ')}`,
  );
  return `${lines.join('\n')}\n${list.total} pair${list.total === 1 ? '' : 's'}.\n`;
}
