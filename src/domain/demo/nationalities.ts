/**
 * Who is among the rescued, in what proportion, which languages they speak and
 * what their phone numbers look like. Proportions follow the field notes:
 * Chinese the largest group, then the Mekong countries and Indonesia and the
 * Philippines, then South Asia, East Africa, Brazil and others.
 */
import type { LanguageCode } from '../reference/languages';
import type { DemoNationality } from './names';
import { Rng, Weighted } from './random';

export interface NationalityProfile {
  weight: number;
  /** first languages, weighted */
  primary: readonly (readonly [LanguageCode, number])[];
  /** further languages and the share of people who speak each */
  extra: readonly (readonly [LanguageCode, number])[];
  phone: (rng: Rng) => string;
}

const d = (rng: Rng, n: number) => rng.digits(n);

export const NATIONALITIES: Record<DemoNationality, NationalityProfile> = {
  CN: { weight: 35, primary: [['zh', 95], ['yue', 5]], extra: [['en', 0.12]], phone: (r) => `+86 1${r.pick(['3', '5', '8', '9'])}${d(r, 1)} ${d(r, 4)} ${d(r, 4)}` },
  VN: { weight: 12, primary: [['vi', 1]], extra: [['en', 0.1], ['zh', 0.03]], phone: (r) => `+84 ${r.pick(['9', '8', '3', '7'])}${d(r, 2)} ${d(r, 3)} ${d(r, 3)}` },
  ID: { weight: 9, primary: [['id', 1]], extra: [['en', 0.15], ['ms', 0.05]], phone: (r) => `+62 8${d(r, 2)}-${d(r, 4)}-${d(r, 4)}` },
  PH: { weight: 7, primary: [['tl', 80], ['ceb', 20]], extra: [['en', 0.85]], phone: (r) => `+63 9${d(r, 2)} ${d(r, 3)} ${d(r, 4)}` },
  TH: { weight: 6, primary: [['th', 1]], extra: [['en', 0.15], ['lo', 0.05]], phone: (r) => `+66 ${r.pick(['8', '9', '6'])}${d(r, 1)} ${d(r, 3)} ${d(r, 4)}` },
  MM: { weight: 5, primary: [['my', 80], ['shn', 8], ['ksw', 6], ['mnw', 3], ['kac', 3]], extra: [['my', 0.9], ['th', 0.1], ['zh', 0.05]], phone: (r) => `+95 9 ${d(r, 3)} ${d(r, 3)} ${d(r, 3)}` },
  IN: { weight: 5, primary: [['hi', 55], ['ta', 10], ['te', 8], ['ml', 8], ['pa', 10], ['bn', 9]], extra: [['en', 0.7], ['hi', 0.3]], phone: (r) => `+91 ${r.pick(['9', '8', '7'])}${d(r, 4)} ${d(r, 5)}` },
  LA: { weight: 3, primary: [['lo', 1]], extra: [['th', 0.5]], phone: (r) => `+856 20 ${r.pick(['5', '7', '9'])}${d(r, 3)} ${d(r, 4)}` },
  KH: { weight: 3, primary: [['km', 1]], extra: [['en', 0.1], ['th', 0.08]], phone: (r) => `+855 ${r.pick(['12', '17', '77', '96'])} ${d(r, 3)} ${d(r, 3)}` },
  ET: { weight: 3, primary: [['am', 70], ['om', 20], ['ti', 10]], extra: [['en', 0.5], ['am', 0.3]], phone: (r) => `+251 9${d(r, 1)} ${d(r, 3)} ${d(r, 4)}` },
  PK: { weight: 2, primary: [['ur', 70], ['pa', 30]], extra: [['en', 0.5], ['ur', 0.5]], phone: (r) => `+92 3${d(r, 2)} ${d(r, 7)}` },
  NP: { weight: 2, primary: [['ne', 1]], extra: [['en', 0.4], ['hi', 0.2]], phone: (r) => `+977 98${d(r, 1)}-${d(r, 7)}` },
  LK: { weight: 2, primary: [['si', 80], ['ta', 20]], extra: [['en', 0.5]], phone: (r) => `+94 7${r.pick(['0', '1', '2', '5', '6', '7', '8'])} ${d(r, 3)} ${d(r, 4)}` },
  BD: { weight: 2, primary: [['bn', 1]], extra: [['en', 0.3]], phone: (r) => `+880 1${r.pick(['3', '7', '8', '9'])}${d(r, 2)}-${d(r, 6)}` },
  KE: { weight: 2, primary: [['sw', 60], ['en', 40]], extra: [['en', 0.8], ['sw', 0.6]], phone: (r) => `+254 7${d(r, 2)} ${d(r, 6)}` },
  UG: { weight: 1.5, primary: [['lg', 60], ['en', 40]], extra: [['en', 0.8], ['sw', 0.2]], phone: (r) => `+256 7${r.pick(['0', '5', '7', '8'])}${d(r, 1)} ${d(r, 6)}` },
  BR: { weight: 1, primary: [['pt', 1]], extra: [['en', 0.35], ['es', 0.15]], phone: (r) => `+55 ${r.pick(['11', '21', '31', '41', '71', '81'])} 9${d(r, 4)}-${d(r, 4)}` },
  MY: { weight: 1, primary: [['ms', 1]], extra: [['en', 0.6], ['zh', 0.1]], phone: (r) => `+60 1${d(r, 1)}-${d(r, 3)} ${d(r, 4)}` },
  ER: { weight: 0.5, primary: [['ti', 1]], extra: [['ar', 0.2], ['en', 0.3], ['am', 0.1]], phone: (r) => `+291 7 ${d(r, 6)}` },
  NG: { weight: 0.5, primary: [['en', 40], ['yo', 25], ['ig', 20], ['ha', 15]], extra: [['en', 0.9]], phone: (r) => `+234 80${d(r, 1)} ${d(r, 3)} ${d(r, 4)}` },
  KR: { weight: 0.5, primary: [['ko', 1]], extra: [['en', 0.4]], phone: (r) => `+82 10-${d(r, 4)}-${d(r, 4)}` },
};

export const NATIONALITY_TABLE = new Weighted(
  (Object.keys(NATIONALITIES) as DemoNationality[]).map((code) => [code, NATIONALITIES[code].weight] as const),
);

const primaryTables = new Map<DemoNationality, Weighted<LanguageCode>>(
  (Object.keys(NATIONALITIES) as DemoNationality[]).map((code) => [code, new Weighted(NATIONALITIES[code].primary)]),
);

/** Languages a person speaks, first language first. */
export function pickLanguages(rng: Rng, nationality: DemoNationality): LanguageCode[] {
  const profile = NATIONALITIES[nationality];
  const first = (primaryTables.get(nationality) as Weighted<LanguageCode>).pick(rng);
  const out: LanguageCode[] = [first];
  for (const [code, share] of profile.extra) {
    if (code !== first && rng.chance(share)) out.push(code);
  }
  return out;
}
