/**
 * Guessing which column is which from the header row.
 *
 * Each agency names its columns its own way, in its own language: "Name",
 * "ชื่อ-นามสกุล", "姓名", "အမည်". The mapper proposes a mapping with a
 * confidence per column; the coordinator confirms or corrects it in the
 * preview, so a wrong guess costs a click, never a silently wrong import.
 */
import { foldKey } from './text';

/**
 * The intake fields a column can fill. `fullName` is a whole name in one cell,
 * split later; `age` becomes estimatedAge; `passportNumber` and
 * `documentNumber` become documents; `notes` becomes a case note.
 */
export const IMPORT_FIELDS = [
  'familyName',
  'givenNames',
  'nativeName',
  'fullName',
  'aliases',
  'sex',
  'birthDate',
  'age',
  'claimedNationality',
  'languages',
  'phone',
  'passportNumber',
  'documentNumber',
  'rescueDate',
  'rescueSite',
  'rescueOperation',
  'rescueGroup',
  'notes',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Header texts per field, compared after foldKey (case, spaces, punctuation, diacritics ignored). */
const SYNONYMS: Record<ImportField, string[]> = {
  familyName: ['family name', 'surname', 'last name', 'lastname', 'family', 'นามสกุล', 'สกุล', '姓', '姓氏', 'họ', 'မျိုးရိုးအမည်'],
  givenNames: ['given name', 'given names', 'first name', 'firstname', 'forename', 'first and middle names', '名', '名字', 'tên', 'tên gọi'],
  nativeName: ['native name', 'name in native script', 'name native', 'local name', 'name (local script)', 'ชื่อภาษาท้องถิ่น', '中文名', '中文姓名', 'မြန်မာအမည်', 'မြန်မာလိုအမည်'],
  fullName: ['name', 'full name', 'fullname', 'names', 'person', 'name surname', 'name and surname', 'ชื่อ', 'ชื่อ-นามสกุล', 'ชื่อ นามสกุล', 'ชื่อสกุล', 'ชื่อ-สกุล', '姓名', '全名', 'họ tên', 'họ và tên', 'အမည်', 'နာမည်'],
  aliases: ['alias', 'aliases', 'aka', 'a.k.a.', 'nickname', 'other names', 'also known as', 'ชื่อเล่น', 'นามแฝง', '别名', '昵称', '绰号', 'biệt danh', 'tên gọi khác', 'အခြားအမည်'],
  sex: ['sex', 'gender', 'm/f', 'male/female', 'เพศ', '性别', '性別', 'giới tính', 'ကျား/မ', 'ကျားမ', 'လိင်'],
  birthDate: ['dob', 'd.o.b.', 'date of birth', 'birth date', 'birthdate', 'birthday', 'born', 'วันเกิด', 'วันเดือนปีเกิด', 'ว/ด/ป เกิด', 'วดปเกิด', '出生日期', '生日', '出生年月', '出生年月日', 'ngày sinh', 'မွေးနေ့', 'မွေးသက္ကရာဇ်'],
  age: ['age', 'age (years)', 'estimated age', 'approx age', 'อายุ', '年龄', '年齡', 'tuổi', 'အသက်'],
  claimedNationality: ['nationality', 'citizenship', 'country', 'country of origin', 'nation', 'สัญชาติ', 'ประเทศ', '国籍', '國籍', '国家', 'quốc tịch', 'နိုင်ငံသား', 'နိုင်ငံ', 'လူမျိုး'],
  languages: ['language', 'languages', 'spoken language', 'ภาษา', '语言', '語言', 'ngôn ngữ', 'ဘာသာစကား'],
  phone: ['phone', 'phone number', 'phone no', 'tel', 'telephone', 'mobile', 'mobile number', 'contact', 'contact number', 'โทรศัพท์', 'เบอร์โทร', 'เบอร์โทรศัพท์', 'หมายเลขโทรศัพท์', 'มือถือ', '电话', '電話', '手机', '手机号', '联系电话', 'điện thoại', 'số điện thoại', 'ဖုန်း', 'ဖုန်းနံပါတ်'],
  passportNumber: ['passport', 'passport no', 'passport number', 'passport #', 'pp no', 'ppt no', 'เลขหนังสือเดินทาง', 'หนังสือเดินทาง', 'เลขที่หนังสือเดินทาง', 'เลขพาสปอร์ต', 'พาสปอร์ต', '护照号码', '护照号', '护照', '護照號碼', 'số hộ chiếu', 'hộ chiếu', 'ပတ်စပို့', 'ပတ်စပို့နံပါတ်', 'နိုင်ငံကူးလက်မှတ်'],
  documentNumber: ['id', 'id no', 'id number', 'id card', 'national id', 'nrc', 'nrc no', 'document number', 'document no', 'doc no', 'เลขบัตรประชาชน', 'เลขประจำตัว', 'บัตรประชาชน', '身份证号', '身份证号码', '身份证', '证件号码', 'cccd', 'cmnd', 'số cccd', 'မှတ်ပုံတင်', 'မှတ်ပုံတင်နံပါတ်'],
  rescueDate: ['rescue date', 'date of rescue', 'date rescued', 'rescued on', 'date', 'arrival date', 'วันที่ช่วยเหลือ', 'วันที่', 'วันที่รับตัว', '解救日期', '获救日期', '日期', 'ngày giải cứu', 'ကယ်ဆယ်သည့်ရက်'],
  rescueSite: ['rescue site', 'site', 'location', 'place', 'compound', 'rescued from', 'place of rescue', 'สถานที่', 'สถานที่ช่วยเหลือ', 'จุดที่พบ', '地点', '解救地点', '园区', 'địa điểm', 'နေရာ'],
  rescueOperation: ['operation', 'rescue operation', 'operation name', 'ปฏิบัติการ', '行动', 'chiến dịch'],
  rescueGroup: ['group', 'batch', 'rescue group', 'handed over by', 'agency', 'กลุ่ม', 'หน่วยงาน', '批次', '组', 'nhóm', 'အဖွဲ့'],
  notes: ['notes', 'note', 'remarks', 'remark', 'comments', 'comment', 'observations', 'หมายเหตุ', '备注', '備註', 'ghi chú', 'မှတ်ချက်'],
};

/** Words that, inside a longer header, point at a field ("Passport No. (if any)", "Nationality claimed"). */
const KEYWORDS: [string, ImportField][] = [
  // "Name as in passport" is a name: only a passport *number* header counts here.
  ['passport no', 'passportNumber'], ['passport number', 'passportNumber'], ['เลขหนังสือเดินทาง', 'passportNumber'], ['护照号', 'passportNumber'], ['số hộ chiếu', 'passportNumber'],
  ['birth', 'birthDate'], ['dob', 'birthDate'], ['วันเกิด', 'birthDate'], ['出生', 'birthDate'], ['ngày sinh', 'birthDate'], ['မွေး', 'birthDate'],
  ['nationality', 'claimedNationality'], ['สัญชาติ', 'claimedNationality'], ['国籍', 'claimedNationality'], ['quốc tịch', 'claimedNationality'], ['နိုင်ငံသား', 'claimedNationality'],
  ['phone', 'phone'], ['mobile', 'phone'], ['โทร', 'phone'], ['电话', 'phone'], ['ဖုန်း', 'phone'],
  ['gender', 'sex'], ['เพศ', 'sex'], ['性别', 'sex'],
  ['alias', 'aliases'], ['nickname', 'aliases'], ['ชื่อเล่น', 'aliases'],
  ['surname', 'familyName'], ['นามสกุล', 'familyName'], ['family', 'familyName'],
  ['given', 'givenNames'], ['first name', 'givenNames'],
  ['remark', 'notes'], ['note', 'notes'], ['หมายเหตุ', 'notes'], ['备注', 'notes'],
  ['age', 'age'], ['อายุ', 'age'], ['年龄', 'age'],
  ['name', 'fullName'], ['ชื่อ', 'fullName'], ['姓名', 'fullName'], ['အမည်', 'fullName'],
];

export interface ColumnMapping {
  column: number;
  header: string;
  field: ImportField;
  /** 1 for an exact synonym, 0.6 for a keyword inside a longer header. */
  confidence: number;
}

export interface HeaderMapping {
  columns: ColumnMapping[];
  /** Which column fills each mapped field. */
  byField: Partial<Record<ImportField, number>>;
  /** Columns not mapped (unknown header, or a second column for a field already taken). */
  unmapped: { column: number; header: string }[];
}

let exact: Map<string, ImportField> | null = null;

function exactTable(): Map<string, ImportField> {
  const map = new Map<string, ImportField>();
  for (const field of IMPORT_FIELDS) for (const s of SYNONYMS[field]) if (!map.has(foldKey(s))) map.set(foldKey(s), field);
  return map;
}

const foldedKeywords = () => KEYWORDS.map(([k, f]) => [foldKey(k), f] as const);

function guess(header: string): { field: ImportField; confidence: number } | null {
  exact ??= exactTable();
  const key = foldKey(header);
  if (key === '') return null;
  const hit = exact.get(key);
  if (hit) return { field: hit, confidence: 1 };
  // Short Latin keywords ("age", "note") only count as a whole word in Latin headers.
  for (const [k, field] of foldedKeywords()) {
    if (/^[a-z]+$/.test(k) && k.length <= 4) {
      if (new RegExp(`(^|[^a-z])${k}([^a-z]|$)`, 'i').test(header.toLowerCase())) return { field, confidence: 0.6 };
    } else if (key.includes(k)) return { field, confidence: 0.6 };
  }
  return null;
}

export function mapHeaders(headers: readonly string[]): HeaderMapping {
  const guesses = headers.map((h) => guess(h));
  // A lone "ชื่อ" or "Name" is the whole name; next to a family-name column it is the given names.
  const hasFamily = guesses.some((g) => g?.field === 'familyName');
  const columns: ColumnMapping[] = [];
  const byField: Partial<Record<ImportField, number>> = {};
  const unmapped: { column: number; header: string }[] = [];
  // Best guesses claim their field first; on a tie the leftmost column wins.
  const order = headers.map((_, i) => i).sort((a, b) => (guesses[b]?.confidence ?? 0) - (guesses[a]?.confidence ?? 0) || a - b);
  for (const column of order) {
    const header = headers[column] ?? '';
    const g = guesses[column];
    if (!g) {
      unmapped.push({ column, header });
      continue;
    }
    let field = g.field;
    if (field === 'fullName' && hasFamily && /^(name|ชื่อ|အမည်)$/.test(foldKey(header))) field = 'givenNames';
    if (byField[field] !== undefined) {
      unmapped.push({ column, header });
      continue;
    }
    byField[field] = column;
    columns.push({ column, header, field, confidence: g.confidence });
  }
  columns.sort((a, b) => a.column - b.column);
  unmapped.sort((a, b) => a.column - b.column);
  return { columns, byField, unmapped };
}
