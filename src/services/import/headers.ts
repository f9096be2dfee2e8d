/**
 * Guessing which column is which from the header row.
 *
 * Each agency names its columns its own way, in its own language: "Name",
 * "ชื่อ-นามสกุล", "姓名", "အမည်". The mapper proposes a mapping with a
 * confidence per column; the coordinator confirms or corrects it in the
 * preview, so a wrong guess costs a click, never a silently wrong import.
 */
import { foldLatinDiacritics } from '../../domain/text';
import { ERROR_COLUMNS } from './error-columns';
import { cleanCell, foldKey } from './text';

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
  familyName: ['family name', 'family names', 'surname', 'surnames', 'last name', 'last names', 'lastname', 'family', 'นามสกุล', 'สกุล', '姓', '姓氏', 'họ', 'မျိုးရိုးအမည်'],
  givenNames: ['given name', 'given names', 'first name', 'first names', 'firstname', 'forename', 'forenames', 'first and middle names', 'ชื่อจริง', 'ชื่อต้น', '名', '名字', 'tên', 'tên gọi'],
  nativeName: ['native name', 'name in native script', 'name native', 'local name', 'name (local script)', 'name in local language', 'ชื่อภาษาท้องถิ่น', '中文名', '中文姓名', 'မြန်မာအမည်', 'မြန်မာလိုအမည်'],
  fullName: [
    'name', 'full name', 'fullname', 'full names', 'names', 'person', 'name surname', 'name and surname', 'complete name', 'english name', 'name in english',
    'victim', 'victim name', 'name of victim', 'name of person', 'passport name',
    'ชื่อ', 'ชื่อ-นามสกุล', 'ชื่อ นามสกุล', 'ชื่อสกุล', 'ชื่อ-สกุล', 'ชื่อและนามสกุล', 'ชื่อผู้เสียหาย',
    '姓名', '全名', '英文名', '英文姓名', '受害人姓名', 'họ tên', 'họ và tên', 'အမည်', 'နာမည်', 'အမည်အပြည့်အစုံ',
  ],
  aliases: ['alias', 'aliases', 'aka', 'a.k.a.', 'nickname', 'nick name', 'other names', 'also known as', 'known as', 'ชื่อเล่น', 'นามแฝง', '别名', '昵称', '绰号', '外号', '小名', 'biệt danh', 'tên gọi khác', 'tên thường gọi', 'အခြားအမည်', 'ငယ်နာမည်'],
  sex: ['sex', 'gender', 'm/f', 'male/female', 'sex (m/f)', 'gender (m/f)', 'เพศ', 'เพศ (ช/ญ)', 'ชาย/หญิง', '性别', '性別', '男/女', 'giới tính', 'nam/nữ', 'ကျား/မ', 'ကျားမ', 'လိင်'],
  birthDate: ['dob', 'd.o.b.', 'date of birth', 'birth date', 'birthdate', 'birthday', 'born', 'year of birth', 'birth year', 'yob', 'วันเกิด', 'วันที่เกิด', 'วันเดือนปีเกิด', 'ว/ด/ป เกิด', 'วดปเกิด', 'ปีเกิด', '出生日期', '生日', '出生年月', '出生年月日', 'ngày sinh', 'năm sinh', 'မွေးနေ့', 'မွေးသက္ကရာဇ်'],
  age: ['age', 'age (years)', 'age (yrs)', 'estimated age', 'approx age', 'อายุ', 'อายุ (ปี)', '年龄', '年齡', '年纪', 'tuổi', 'အသက်'],
  claimedNationality: ['nationality', 'citizenship', 'citizen of', 'country', 'country of origin', 'country of citizenship', 'home country', 'nation', 'สัญชาติ', 'ประเทศ', '国籍', '國籍', '国家', 'quốc tịch', 'နိုင်ငံသား', 'နိုင်ငံ', 'လူမျိုး'],
  languages: ['language', 'languages', 'spoken language', 'languages spoken', 'mother tongue', 'native language', 'first language', 'ภาษา', 'ภาษาที่พูด', 'ภาษาแม่', '语言', '語言', '母语', '母語', 'ngôn ngữ', 'ဘာသာစကား'],
  phone: ['phone', 'phone number', 'phone no', 'tel', 'tel no', 'telephone', 'mobile', 'mobile number', 'mobile no', 'cell', 'cell phone', 'whatsapp', 'contact', 'contact number', 'contact no', 'โทรศัพท์', 'เบอร์โทร', 'เบอร์โทรศัพท์', 'เบอร์ติดต่อ', 'หมายเลขโทรศัพท์', 'มือถือ', '电话', '電話', '手机', '手机号', '联系电话', '联系方式', 'điện thoại', 'số điện thoại', 'sđt', 'ဖုန်း', 'ဖုန်းနံပါတ်'],
  passportNumber: ['passport', 'passport no', 'passport number', 'passport #', 'passport id', 'pp no', 'pp number', 'ppt no', 'เลขหนังสือเดินทาง', 'หนังสือเดินทาง', 'เลขที่หนังสือเดินทาง', 'เลขพาสปอร์ต', 'พาสปอร์ต', '护照号码', '护照号', '护照', '護照號碼', 'số hộ chiếu', 'hộ chiếu', 'ပတ်စပို့', 'ပတ်စပို့နံပါတ်', 'နိုင်ငံကူးလက်မှတ်'],
  documentNumber: ['id', 'id no', 'id number', 'id card', 'id card no', 'identity card', 'national id', 'national id no', 'nrc', 'nrc no', 'document number', 'document no', 'doc no', 'เลขบัตรประชาชน', 'เลขประจำตัว', 'บัตรประชาชน', 'เลขบัตร', '身份证号', '身份证号码', '身份证', '证件号码', 'cccd', 'cmnd', 'số cccd', 'မှတ်ပုံတင်', 'မှတ်ပုံတင်နံပါတ်'],
  rescueDate: ['rescue date', 'date of rescue', 'date rescued', 'rescued on', 'date', 'arrival date', 'date of arrival', 'intake date', 'date of intake', 'date received', 'วันที่ช่วยเหลือ', 'วันที่', 'วันที่รับตัว', '解救日期', '获救日期', '日期', 'ngày giải cứu', 'ကယ်ဆယ်သည့်ရက်'],
  rescueSite: ['rescue site', 'site', 'location', 'place', 'compound', 'rescued from', 'place of rescue', 'rescue location', 'สถานที่', 'สถานที่ช่วยเหลือ', 'จุดที่พบ', '地点', '解救地点', '园区', 'địa điểm', 'နေရာ'],
  rescueOperation: ['operation', 'rescue operation', 'operation name', 'ปฏิบัติการ', '行动', 'chiến dịch'],
  rescueGroup: ['group', 'batch', 'rescue group', 'handed over by', 'agency', 'กลุ่ม', 'หน่วยงาน', '批次', '组', 'nhóm', 'အဖွဲ့'],
  notes: ['notes', 'note', 'remarks', 'remark', 'comments', 'comment', 'observations', 'other information', 'additional information', 'details', 'หมายเหตุ', 'ข้อสังเกต', '备注', '備註', '说明', 'ghi chú', 'မှတ်ချက်'],
};

/** Words that, inside a longer header, point at a field ("Passport No. (if any)", "Nationality claimed"). First match wins. */
const KEYWORDS: [string, ImportField][] = [
  // "Name as in passport" is a name: only a passport *number* header counts here.
  ['passport no', 'passportNumber'], ['passport number', 'passportNumber'], ['เลขหนังสือเดินทาง', 'passportNumber'], ['护照号', 'passportNumber'], ['số hộ chiếu', 'passportNumber'],
  ['id card', 'documentNumber'], ['nrc', 'documentNumber'], ['เลขบัตร', 'documentNumber'], ['身份证', 'documentNumber'], ['မှတ်ပုံတင်', 'documentNumber'],
  ['birth', 'birthDate'], ['dob', 'birthDate'], ['เกิด', 'birthDate'], ['出生', 'birthDate'], ['ngày sinh', 'birthDate'], ['မွေး', 'birthDate'],
  ['nationality', 'claimedNationality'], ['citizenship', 'claimedNationality'], ['สัญชาติ', 'claimedNationality'], ['国籍', 'claimedNationality'], ['quốc tịch', 'claimedNationality'], ['နိုင်ငံသား', 'claimedNationality'],
  ['phone', 'phone'], ['mobile', 'phone'], ['tel', 'phone'], ['whatsapp', 'phone'], ['โทร', 'phone'], ['电话', 'phone'], ['手机', 'phone'], ['điện thoại', 'phone'], ['ဖုန်း', 'phone'],
  ['sex', 'sex'], ['gender', 'sex'], ['เพศ', 'sex'], ['性别', 'sex'], ['giới tính', 'sex'],
  ['alias', 'aliases'], ['nickname', 'aliases'], ['ชื่อเล่น', 'aliases'],
  ['surname', 'familyName'], ['นามสกุล', 'familyName'], ['family', 'familyName'],
  ['given', 'givenNames'], ['first name', 'givenNames'],
  ['remark', 'notes'], ['note', 'notes'], ['comment', 'notes'], ['หมายเหตุ', 'notes'], ['备注', 'notes'],
  ['age', 'age'], ['อายุ', 'age'], ['年龄', 'age'], ['tuổi', 'age'], ['အသက်', 'age'],
  ['name', 'fullName'], ['ชื่อ', 'fullName'], ['姓名', 'fullName'], ['အမည်', 'fullName'], ['နာမည်', 'fullName'], ['họ tên', 'fullName'],
  // After the names: "ชื่อภาษาอังกฤษ" (name in English) is a name, not a language.
  ['language', 'languages'], ['ภาษา', 'languages'], ['语言', 'languages'], ['ngôn ngữ', 'languages'],
];

// ── headers about someone else ──
//
// Lists carry columns about people other than the one listed: "Father's name",
// "ชื่อบิดา", "Name of officer", "Emergency contact phone". A loose keyword
// would pour them into the person's own fields (the father's name into the
// native name), so such a header fills none of the person's fields.

/** Fields that describe the listed person; a header about someone else fills none of them. */
const PERSON_FIELDS = new Set<ImportField>([
  'familyName', 'givenNames', 'nativeName', 'fullName', 'aliases', 'sex', 'birthDate', 'age', 'claimedNationality', 'languages', 'phone', 'passportNumber', 'documentNumber',
]);
const NAME_FIELDS = new Set<ImportField>(['familyName', 'givenNames', 'nativeName', 'fullName', 'aliases']);

/** "Mother tongue" is the person's own language, not their mother. */
const MOTHER_TONGUE = /mother'?s? tongue|ภาษาแม่|母语|母語|မိခင်ဘာသာ(?:စကား)?/gu;

/** Relatives, officials, employers and go-betweens, as whole English or Vietnamese words (possessive and plural too). */
const SOMEONE_ELSE_WORDS =
  /(?<![\p{L}])(?:father|mother|parent|dad|mum|mom|spouse|husband|wife|wive|guardian|officer|staff|company|companie|employer|boss|broker|agent|recruiter|emergency|kin|relative|sibling|brother|sister|son|daughter|interpreter|translator|witness|informant|interviewer|sponsor|driver|friend|cha|mẹ|bố|chồng|vợ|giám hộ|cán bộ|công ty|người thân|người bảo lãnh)(?:'s|s'|s|es)?(?![\p{L}])|(?<![\p{L}])[sdwc] ?\/ ?o(?![\p{L}/])|(?:recorded|entered|reported|checked|verified|interviewed|registered|filled in) by|in charge/u;
/** The same in Thai, Chinese and Burmese, which do not space their words. */
const SOMEONE_ELSE_SCRIPT = new RegExp(
  [
    'บิดา', 'มารดา', 'พ่อ', 'แม่', 'สามี', 'ภรรยา', 'ภริยา', 'คู่สมรส', 'ผู้ปกครอง', 'เจ้าหน้าที่', 'บริษัท', 'นายจ้าง', 'นายหน้า', 'ญาติ', 'ล่าม', 'พยาน', 'ผู้แจ้ง', 'ผู้ติดต่อ', 'ฉุกเฉิน', 'ผู้รับผิดชอบ', 'ผู้บันทึก',
    '父', '母', '爸', '妈', '媽', '丈夫', '妻', '配偶', '监护人', '監護人', '警官', '民警', '公司', '联系人', '聯絡人', '联络人', '紧急', '緊急', '雇主', '老板', '老闆', '中介', '经办人', '經辦人', '负责人', '負責人', '家属', '家屬', '亲属', '親屬', '翻译', '翻譯', '证人', '證人',
    // အဖ is father, but အဖွဲ့ is a group.
    'အဖေ', 'အမေ', 'ဖခင်', 'မိခင်', 'အဘ', 'အဖ(?!\u103d)', 'ခင်ပွန်း', 'ဇနီး', 'အုပ်ထိန်းသူ', 'အရာရှိ', 'ဝန်ထမ်း', 'ကုမ္ပဏီ', 'အေးဂျင့်', 'ပွဲစား', 'ဆွေမျိုး', 'စကားပြန်',
  ]
    .join('|')
    .normalize('NFKC'),
  'u',
);

/** A name, but not of a person: a place, an organisation, a file ("Company name", "ชื่อหมู่บ้าน", "Contact name"). */
const NOT_A_PERSON_WORDS =
  /(?<![\p{L}])(?:contact|agency|agencie|organi[sz]ation|org|ngo|site|place|location|village|town|city|district|province|state|township|region|address|compound|camp|shelter|school|hospital|operation|group|batch|team|unit|file|sheet|station|boat|vehicle|project|country|street|road|building|địa điểm|địa chỉ|làng|thôn|tỉnh|huyện|tổ chức|nhóm|liên hệ)(?:s|es)?(?![\p{L}])/u;
const NOT_A_PERSON_SCRIPT = new RegExp(
  [
    'หมู่บ้าน', 'สถานที่', 'จังหวัด', 'อำเภอ', 'ตำบล', 'หน่วยงาน', 'ค่าย', 'สถานี', 'โรงเรียน', 'โรงพยาบาล', 'ไฟล์', 'กลุ่ม', 'ปฏิบัติการ', 'ที่อยู่', 'ประเทศ', 'องค์กร', 'ศูนย์',
    '地点', '地點', '地址', '村', '园区', '園區', '单位', '單位', '机构', '機構', '组织', '組織', '行动', '行動', '批次', '文件', '国家', '國家', '省', '县', '縣', '市',
    'နေရာ', 'ရွာ', 'မြို့', 'လိပ်စာ', 'အဖွဲ့', 'ဌာန', 'ဆက်သွယ်ရန်',
  ]
    .join('|')
    .normalize('NFKC'),
  'u',
);

/** "Place of birth", "สถานที่เกิด", "出生地": where, not when. "Birth certificate" is a document; "วันที่เกิดเหตุ" the day of an incident. */
const NOT_A_BIRTH_DATE = new RegExp(
  String.raw`(?<![\p{L}])(?:place|where|town|city|country|province|village|hometown|location|certificate|cert|nơi sinh|quê)(?![\p{L}])|birthplace|สถานที่เกิด|บ้านเกิด|ภูมิลำเนา|เกิดเหตุ|出生地|籍贯|籍貫|出生证|出生證|မွေးရပ်|ဇာတိ`.normalize('NFKC'),
  'u',
);

/** Homeward's own error-file columns: read by the importer itself, never a person field. */
const HOMEWARD_COLUMNS = new Set<string>(Object.values(ERROR_COLUMNS).map(foldKey));

/** The header as words: NFKC, Latin diacritics kept (Vietnamese needs them), lower case, mother tongue taken out. */
const words = (header: string) => cleanCell(header).toLowerCase().replace(MOTHER_TONGUE, ' ');

/** Whether the header may fill the field: not a person field when it is about someone else, and so on. */
function fits(field: ImportField, text: string): boolean {
  if (PERSON_FIELDS.has(field) && (SOMEONE_ELSE_WORDS.test(text) || SOMEONE_ELSE_SCRIPT.test(text))) return false;
  if (NAME_FIELDS.has(field) && (NOT_A_PERSON_WORDS.test(text) || NOT_A_PERSON_SCRIPT.test(text))) return false;
  if (field === 'birthDate' && NOT_A_BIRTH_DATE.test(text)) return false;
  return true;
}

/** Whether the header is about someone other than the listed person (their father, an officer, an employer). */
export function isAboutSomeoneElse(header: string): boolean {
  const text = words(header);
  return SOMEONE_ELSE_WORDS.test(text) || SOMEONE_ELSE_SCRIPT.test(text);
}

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
let keywords: (readonly [string, ImportField])[] | null = null;

function exactTable(): Map<string, ImportField> {
  const map = new Map<string, ImportField>();
  for (const field of IMPORT_FIELDS) for (const s of SYNONYMS[field]) if (!map.has(foldKey(s))) map.set(foldKey(s), field);
  return map;
}

function guess(header: string): { field: ImportField; confidence: number } | null {
  exact ??= exactTable();
  keywords ??= KEYWORDS.map(([k, f]) => [foldKey(k), f] as const);
  const key = foldKey(header);
  if (key === '' || HOMEWARD_COLUMNS.has(key)) return null;
  const text = words(header);
  const hit = exact.get(key);
  if (hit && fits(hit, text)) return { field: hit, confidence: 1 };
  // Short Latin keywords ("age", "note", "tel") only count as a whole word in Latin headers.
  const latin = foldLatinDiacritics(text);
  for (const [k, field] of keywords) {
    const found = /^[a-z]+$/.test(k) && k.length <= 4 ? new RegExp(`(^|[^a-z])${k}([^a-z]|$)`).test(latin) : key.includes(k);
    if (found && fits(field, text)) return { field, confidence: 0.6 };
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
