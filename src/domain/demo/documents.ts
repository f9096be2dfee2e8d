/**
 * Identity documents as they turn up at intake: passports (mostly held by the
 * compound or lost), national ID cards, and the odd emergency travel document
 * issued by an embassy after verification. Number formats follow each
 * country's documents (check digits where the country uses them); every
 * number is invented.
 */
import type { IdentityDocumentInput } from '../person';
import type { DemoNationality } from './names';
import { addYears, fromEpochDay, toEpochDay, yearOf } from './days';
import { Rng, Weighted } from './random';

type BinarySex = 'female' | 'male';

const L = (rng: Rng, n: number) => rng.letters(n);
const D = (rng: Rng, n: number) => rng.digits(n);

/** Passport numbers in each country's format. */
export const PASSPORT_FORMATS: Record<DemoNationality, (rng: Rng) => string> = {
  CN: (r) => (r.chance(0.8) ? `E${D(r, 8)}` : `E${L(r, 1)}${D(r, 7)}`),
  VN: (r) => `${r.pick(['B', 'C', 'C', 'N'])}${D(r, 7)}`,
  ID: (r) => `${r.pick(['B', 'C', 'E', 'X'])}${D(r, 7)}`,
  PH: (r) => `P${D(r, 7)}${L(r, 1)}`,
  TH: (r) => `${r.pick(['AA', 'AB', 'AC', 'AE', 'AF'])}${D(r, 7)}`,
  LA: (r) => `P${D(r, 7)}`,
  KH: (r) => `N${D(r, 8)}`,
  MM: (r) => `M${r.pick(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'])}${D(r, 6)}`,
  IN: (r) => `${r.letters(1, 'ABCJKLMNPRSTUVWZ')}${D(r, 7)}`,
  PK: (r) => `${L(r, 2)}${D(r, 7)}`,
  NP: (r) => (r.chance(0.6) ? `PA${D(r, 7)}` : D(r, 8)),
  LK: (r) => `N${D(r, 7)}`,
  BD: (r) => (r.chance(0.7) ? `A${D(r, 8)}` : `EB${D(r, 7)}`),
  ET: (r) => `EP${D(r, 7)}`,
  ER: (r) => `E${D(r, 7)}`,
  KE: (r) => `AK${D(r, 7)}`,
  UG: (r) => `A${D(r, 8)}`,
  NG: (r) => `A${D(r, 8)}`,
  BR: (r) => `${r.letters(2, 'FGY')}${D(r, 6)}`,
  MY: (r) => `A${D(r, 8)}`,
  KR: (r) => `M${D(r, 8)}`,
};

/** Years a passport is valid for adults. */
const PASSPORT_VALIDITY: Partial<Record<DemoNationality, number>> = { TH: 5, MM: 5, MY: 5, ET: 5, PK: 5, ID: 10 };

export interface DocumentContext {
  nationality: DemoNationality;
  sex: BinarySex;
  /** the person's full birth date as it really is, even when only a year was recorded */
  birth: string;
  minor: boolean;
  /** day number of the reference "today" */
  today: number;
}

function yymmdd(iso: string): string {
  return iso.slice(2, 4) + iso.slice(5, 7) + iso.slice(8, 10);
}
function dayOfYear(iso: string): number {
  return toEpochDay(iso) - toEpochDay(`${iso.slice(0, 4)}-01-01`) + 1;
}

/** China resident identity card: region, birth date, sequence (odd for men), ISO 7064 check. */
export function chineseIdNumber(rng: Rng, birth: string, sex: BinarySex): string {
  const region = rng.pick(['110101', '310104', '440106', '450102', '530102', '510104', '350203', '430102', '360102', '420102', '520102', '330106', '371002', '410105', '230103']);
  const seq2 = D(rng, 2);
  const last = rng.int(0, 4) * 2 + (sex === 'male' ? 1 : 0);
  const body = `${region}${birth.replace(/-/g, '')}${seq2}${last}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * (weights[i] as number);
  return body + ('10X98765432'[sum % 11] as string);
}

/** Thai citizen ID: 13 digits, mod-11 check digit. */
export function thaiIdNumber(rng: Rng): string {
  const body = `${rng.pick(['1', '1', '3'])}${D(rng, 11)}`;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(body[i]) * (13 - i);
  return body + String((11 - (sum % 11)) % 10);
}

/** Brazilian CPF with its two check digits. */
export function brazilianCpf(rng: Rng): string {
  const digits = D(rng, 9).split('').map(Number);
  for (const len of [9, 10]) {
    let sum = 0;
    for (let i = 0; i < len; i++) sum += (digits[i] as number) * (len + 1 - i);
    const r = sum % 11;
    digits.push(r < 2 ? 0 : 11 - r);
  }
  const s = digits.join('');
  return `${s.slice(0, 3)}.${s.slice(3, 6)}.${s.slice(6, 9)}-${s.slice(9)}`;
}

const NATIONAL_ID_FORMATS: Partial<Record<DemoNationality, (rng: Rng, c: DocumentContext) => string>> = {
  CN: (r, c) => chineseIdNumber(r, c.birth, c.sex),
  TH: (r) => thaiIdNumber(r),
  BR: (r) => brazilianCpf(r),
  VN: (r, c) => {
    const century = yearOf(c.birth) >= 2000 ? 2 : 0;
    return `${r.pick(['001', '079', '038', '040', '042', '044', '036', '034', '031', '048'])}${century + (c.sex === 'female' ? 1 : 0)}${c.birth.slice(2, 4)}${D(r, 6)}`;
  },
  ID: (r, c) => {
    const day = Number(c.birth.slice(8, 10)) + (c.sex === 'female' ? 40 : 0);
    const region = r.pick(['317101', '327301', '357801', '330101', '517101', '737101', '120101', '357301', '320401']);
    return `${region}${String(day).padStart(2, '0')}${c.birth.slice(5, 7)}${c.birth.slice(2, 4)}${String(r.int(1, 2999)).padStart(4, '0')}`;
  },
  PH: (r) => `${D(r, 4)}-${D(r, 4)}-${D(r, 4)}-${D(r, 4)}`,
  MM: (r) => {
    const [state, town] = r.pick([
      ['12', 'BAHANA'], ['12', 'KAMAYA'], ['12', 'DAGANA'], ['9', 'MAHAMA'], ['9', 'AMAZA'], ['13', 'TAGANA'],
      ['10', 'MALAMA'], ['3', 'BAAHNA'], ['7', 'PAKHANA'], ['5', 'MAYANA'],
    ] as const);
    return `${state}/${town}(N)${D(r, 6)}`;
  },
  KH: (r) => D(r, 9),
  IN: (r) => `${r.int(2, 9)}${D(r, 3)} ${D(r, 4)} ${D(r, 4)}`,
  PK: (r, c) => `${r.pick(['35202', '42101', '61101', '37405', '17301'])}-${D(r, 7)}-${r.int(0, 4) * 2 + (c.sex === 'male' ? 1 : 0)}`,
  NP: (r) => `${D(r, 2)}-${D(r, 2)}-${D(r, 2)}-${D(r, 5)}`,
  LK: (r, c) => `${c.birth.slice(0, 4)}${String(dayOfYear(c.birth) + (c.sex === 'female' ? 500 : 0)).padStart(3, '0')}${D(r, 5)}`,
  BD: (r) => D(r, 10),
  ET: (r) => `${D(r, 4)} ${D(r, 4)} ${D(r, 4)}`,
  KE: (r) => String(r.int(20_000_000, 39_999_999)),
  UG: (r, c) => `C${c.sex === 'male' ? 'M' : 'F'}${c.birth.slice(2, 4)}${D(r, 7)}${L(r, 3)}`,
  NG: (r) => D(r, 11),
  MY: (r, c) => `${yymmdd(c.birth)}-${r.pick(['01', '08', '10', '14', '12', '13'])}-${D(r, 3)}${r.int(0, 4) * 2 + (c.sex === 'male' ? 1 : 0)}`,
  KR: (r, c) => `${yymmdd(c.birth)}-${(yearOf(c.birth) >= 2000 ? 3 : 1) + (c.sex === 'female' ? 1 : 0)}${D(r, 6)}`,
};

const PASSPORT_HOLDERS = new Weighted([
  ['compound', 50],
  ['lost', 20],
  ['authority', 15],
  ['person', 12],
  ['unknown', 3],
] as const);

const PASSPORT_NOTES: Record<'compound' | 'lost' | 'authority' | 'person' | 'unknown', readonly string[]> = {
  compound: ['Taken on arrival by compound management', 'Held by the compound "HR" office', 'Taken by the agent at the border', 'Kept in the company safe'],
  lost: ['Destroyed by compound guards', 'Lost during the escape', 'Left behind in the dormitory', 'Burnt by the boss'],
  authority: ['Held by Thai immigration, Mae Sot', 'Passed to the embassy for verification', 'Held by BGF at handover', 'With the police case file'],
  person: ['Photo of data page on phone', 'Hid it during the raid', 'Copy only; original unknown'],
  unknown: ['Person is not sure who has it'],
};

const ID_HOLDERS = new Weighted([
  ['person', 40],
  ['compound', 30],
  ['lost', 20],
  ['unknown', 10],
] as const);

/** Documents the person has, or had, for a new intake record. */
export function buildDocuments(rng: Rng, c: DocumentContext): IdentityDocumentInput[] {
  const docs: IdentityDocumentInput[] = [];
  const passportShare = c.nationality === 'TH' || c.nationality === 'MM' || c.nationality === 'LA' ? 0.6 : 0.86;
  if (rng.chance(passportShare)) {
    const holder = PASSPORT_HOLDERS.pick(rng);
    let expiry: string | null = null;
    if (rng.chance(0.7)) {
      const validity = c.minor ? 5 : (PASSPORT_VALIDITY[c.nationality] ?? 10);
      const issued = fromEpochDay(c.today - rng.int(60, Math.max(90, (validity - 1) * 365 + 300)));
      expiry = addYears(issued, validity);
    }
    docs.push({
      type: 'passport',
      number: rng.chance(0.88) ? PASSPORT_FORMATS[c.nationality](rng) : null,
      issuingCountry: c.nationality,
      expiry,
      holder,
      note: rng.chance(0.3) ? rng.pick(PASSPORT_NOTES[holder]) : null,
    });
  }
  const idFormat = NATIONAL_ID_FORMATS[c.nationality];
  const idShare = c.nationality === 'TH' ? 0.6 : c.nationality === 'CN' || c.nationality === 'MM' ? 0.35 : 0.22;
  if (idFormat && rng.chance(idShare)) {
    docs.push({ type: 'national_id', number: idFormat(rng, c), issuingCountry: c.nationality, expiry: null, holder: ID_HOLDERS.pick(rng), note: null });
  }
  if (c.nationality === 'LA' && rng.chance(0.2)) {
    docs.push({ type: 'household_registration', number: D(rng, 8), issuingCountry: 'LA', expiry: null, holder: 'person', note: 'Family book, photo on phone' });
  }
  if (rng.chance(0.06)) docs.push(emergencyTravelDocument(rng, c.nationality, c.today));
  return docs;
}

/** A travel document the embassy issues once it has verified the person. */
export function emergencyTravelDocument(rng: Rng, nationality: DemoNationality, today: number): IdentityDocumentInput {
  return {
    type: 'emergency_travel_document',
    number: `${nationality}${D(rng, 7)}`,
    issuingCountry: nationality,
    expiry: fromEpochDay(today + rng.int(30, 90)),
    holder: rng.chance(0.7) ? 'authority' : 'person',
    note: 'Issued by the embassy after verification',
  };
}

/**
 * The documents a second registration of the same person records. Most
 * carry none (the passport is still with the compound); some the same
 * document as the first (read off it again), an emergency travel document
 * issued since, or, rarely, a new passport.
 */
export function laterDocuments(rng: Rng, earlier: readonly IdentityDocumentInput[], nationality: DemoNationality, today: number): IdentityDocumentInput[] {
  const withNumber = earlier.filter((d) => d.number);
  const r = rng.next();
  if (r < 0.15 && withNumber.length > 0) return [{ ...rng.pick(withNumber), note: null }];
  if (r < 0.23) return [emergencyTravelDocument(rng, nationality, today)];
  if (r < 0.245) return [{ type: 'passport', number: PASSPORT_FORMATS[nationality](rng), issuingCountry: nationality, expiry: null, holder: 'person', note: 'Renewed passport' }];
  return [];
}
