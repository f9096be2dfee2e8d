/**
 * What happened to the person and what they need: means of control
 * (indicators), vulnerabilities, and the state of their consent to data
 * processing and referral.
 */
import type { Consent } from '../person';
import type { ControlIndicator, Vulnerability } from '../reference/indicators';
import type { Rng } from './random';
import { Weighted } from './random';

type BinarySex = 'female' | 'male';

/** How often each means of control is reported by people from the compounds. */
const INDICATOR_WEIGHTS: readonly (readonly [ControlIndicator, number])[] = [
  ['withholds_documents', 80],
  ['false_promises', 75],
  ['restricts_movement', 60],
  ['debt_bondage', 55],
  ['physical_abuse', 40],
  ['threats', 35],
  ['excessive_working_hours', 35],
  ['takes_earnings', 20],
  ['psychological_abuse', 20],
  ['withholds_necessities', 12],
  ['restricts_financial_access', 10],
  ['threat_of_law_enforcement', 8],
  ['restricts_medical_care', 6],
  ['sexual_abuse', 4],
  ['psychoactive_substances', 3],
  ['other', 2],
  ['uses_children', 1],
];

const INDICATOR_COUNT = new Weighted([
  [0, 3], [1, 7], [2, 22], [3, 27], [4, 22], [5, 13], [6, 4], [7, 2],
] as const);

const CODES = INDICATOR_WEIGHTS.map(([code]) => code);
const BASE_WEIGHTS = INDICATOR_WEIGHTS.map(([, w]) => w);
const SEXUAL_ABUSE = CODES.indexOf('sexual_abuse');
const USES_CHILDREN = CODES.indexOf('uses_children');

/** `n` distinct means of control, drawn by weight without replacement. */
export function pickIndicators(rng: Rng, sex: BinarySex, minor: boolean): ControlIndicator[] {
  const n = INDICATOR_COUNT.pick(rng);
  if (n === 0) return [];
  const w = BASE_WEIGHTS.slice();
  if (sex === 'female') w[SEXUAL_ABUSE] = 12;
  if (minor) w[USES_CHILDREN] = 30;
  let total = 0;
  for (const x of w) total += x;
  const out: ControlIndicator[] = [];
  for (let k = 0; k < n; k++) {
    let x = rng.next() * total;
    let i = 0;
    while (i < w.length - 1 && x >= (w[i] as number)) x -= w[i++] as number;
    // Guard against rounding landing on an already drawn (zero-weight) entry.
    while ((w[i] as number) === 0) i = (i + 1) % w.length;
    out.push(CODES[i] as ControlIndicator);
    total -= w[i] as number;
    w[i] = 0;
  }
  return out;
}

export function pickVulnerabilities(rng: Rng, p: { sex: BinarySex; minor: boolean; age: number; indicators: readonly ControlIndicator[] }): Vulnerability[] {
  const out: Vulnerability[] = [];
  if (p.minor) {
    out.push('minor');
    if (rng.chance(0.6)) out.push('unaccompanied');
  }
  if (rng.chance(p.indicators.includes('physical_abuse') ? 0.18 : 0.05)) out.push('injured');
  if (rng.chance(0.1)) out.push('medical');
  if (rng.chance(0.06)) out.push('mental_health');
  if (rng.chance(0.01)) out.push('disability');
  if (p.sex === 'female' && p.age >= 18 && p.age <= 42 && rng.chance(0.05)) out.push('pregnant');
  return out;
}

const OVERRIDE_REASONS = [
  'Vital interest: urgent medical referral before consent could be asked',
  'Legal obligation: embassy nationality verification requested by the authorities',
  'Person unable to consent (injured, sedated at hospital); supervisor approved',
  'Child protection: best-interest determination by case supervisor',
];
const MINOR_OVERRIDE = 'Minor without guardian present: best-interest determination by child protection officer';

export function pickConsent(rng: Rng, minor: boolean): Consent | null {
  const r = rng.next();
  if (minor && r < 0.3) return { status: 'overridden', reason: MINOR_OVERRIDE };
  if (r < 0.8) return { status: 'given', reason: null };
  if (r < 0.92) return null; // not yet recorded
  if (r < 0.96) return { status: 'refused', reason: rng.chance(0.3) ? 'Does not want details shared with the home embassy' : null };
  return { status: 'overridden', reason: rng.pick(OVERRIDE_REASONS) };
}
