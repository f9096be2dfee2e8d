/**
 * Nationality cells to ISO 3166 alpha-2 codes.
 *
 * Lists say "Chinese", "CHN", "中国", "จีน", "Trung Quốc", "မြန်မာ" or "Burma"
 * for the same thing. Country names in English, Thai, Chinese, Burmese and
 * Vietnamese come from the runtime's ICU data (Intl.DisplayNames), so every
 * country is covered without a translation table of ours; demonyms, old names
 * and the variants people actually type are listed by hand below.
 */
import { COUNTRY_CODES, isCountryCode } from '../../domain/reference/countries';
import { foldKey } from './text';
import { quote, refuse, type Parsed } from './result';

const NAME_LOCALES = ['en', 'th', 'zh', 'my', 'vi'] as const;

/**
 * Alpha-3 codes for the nationalities seen among the rescued and their
 * neighbours (passports and police systems use alpha-3). BUR is the code on
 * older Burmese passports. Not all 249: others arrive as names.
 */
const ALPHA3: Record<string, string> = {
  CHN: 'CN', VNM: 'VN', MMR: 'MM', BUR: 'MM', THA: 'TH', LAO: 'LA', KHM: 'KH', IDN: 'ID', PHL: 'PH', MYS: 'MY',
  SGP: 'SG', IND: 'IN', PAK: 'PK', NPL: 'NP', LKA: 'LK', BGD: 'BD', ETH: 'ET', ERI: 'ER', KEN: 'KE', UGA: 'UG',
  TZA: 'TZ', NGA: 'NG', GHA: 'GH', BRA: 'BR', TWN: 'TW', HKG: 'HK', MAC: 'MO', KOR: 'KR', PRK: 'KP', JPN: 'JP',
  MNG: 'MN', KAZ: 'KZ', UZB: 'UZ', KGZ: 'KG', TJK: 'TJ', RUS: 'RU', UKR: 'UA', TUR: 'TR', EGY: 'EG', MAR: 'MA',
  TUN: 'TN', CMR: 'CM', RWA: 'RW', BDI: 'BI', ZAF: 'ZA', USA: 'US', CAN: 'CA', GBR: 'GB', AUS: 'AU', NZL: 'NZ',
  FRA: 'FR', DEU: 'DE', ITA: 'IT', ESP: 'ES', PRT: 'PT', TLS: 'TL', BTN: 'BT', MDV: 'MV', AFG: 'AF', IRN: 'IR',
  ARG: 'AR', COL: 'CO', PER: 'PE', MEX: 'MX', CHL: 'CL',
};

/** Demonyms and variants: what people type rather than the country's official name. */
const VARIANTS: Record<string, string[]> = {
  CN: ['Chinese', 'PRC', 'Mainland China', "People's Republic of China", 'จีน', 'ชาวจีน', '中国', '中國', '中国人', '大陆', 'Trung Quốc', 'Trung Hoa', 'người Trung Quốc', 'တရုတ်'],
  VN: ['Vietnamese', 'Viet Nam', 'Việt Nam', 'người Việt', 'Việt', 'เวียดนาม', 'ญวน', '越南', '越南人', 'ဗီယက်နမ်'],
  MM: ['Burmese', 'Burma', 'Myanmar', 'Myanma', 'Myanmese', 'พม่า', 'เมียนมา', 'เมียนมาร์', 'ชาวพม่า', '缅甸', '緬甸', '缅甸人', 'Miến Điện', 'မြန်မာ', 'မြန်မာနိုင်ငံ', 'ဗမာ'],
  TH: ['Thai', 'Siam', 'ไทย', 'คนไทย', 'ประเทศไทย', '泰国', '泰國', '泰国人', 'Thái', 'Thái Lan', 'ထိုင်း'],
  LA: ['Lao', 'Laotian', 'Laos', 'Lao PDR', 'ลาว', '老挝', '寮國', 'Lào', 'လာအို'],
  KH: ['Cambodian', 'Khmer', 'Kampuchea', 'กัมพูชา', 'เขมร', '柬埔寨', 'Campuchia', 'ကမ္ဘောဒီးယား'],
  ID: ['Indonesian', 'Indo', 'อินโดนีเซีย', '印尼', '印度尼西亚', 'Indonesia'],
  PH: ['Filipino', 'Filipina', 'Philippine', 'Pilipino', 'Pinoy', 'ฟิลิปปินส์', '菲律宾', 'Phi-líp-pin', 'Philippines'],
  MY: ['Malaysian', 'มาเลเซีย', '马来西亚'],
  IN: ['Indian', 'อินเดีย', '印度', 'Ấn Độ', 'အိန္ဒိယ'],
  PK: ['Pakistani', 'ปากีสถาน', '巴基斯坦'],
  NP: ['Nepali', 'Nepalese', 'เนปาล', '尼泊尔'],
  LK: ['Sri Lankan', 'Srilankan', 'Ceylon', 'ศรีลังกา', '斯里兰卡'],
  BD: ['Bangladeshi', 'Bengali', 'บังกลาเทศ', 'บังคลาเทศ', '孟加拉', '孟加拉国'],
  ET: ['Ethiopian', 'เอธิโอเปีย', '埃塞俄比亚'],
  ER: ['Eritrean'],
  KE: ['Kenyan', 'เคนยา', '肯尼亚'],
  UG: ['Ugandan', 'ยูกันดา', '乌干达'],
  TZ: ['Tanzanian'],
  NG: ['Nigerian'],
  GH: ['Ghanaian'],
  BR: ['Brazilian', 'Brasil', 'Brasileiro', 'Brasileira', 'บราซิล', '巴西'],
  TW: ['Taiwanese', '台湾', '台灣', 'ไต้หวัน'],
  HK: ['Hong Konger', 'Hongkong', '香港', 'ฮ่องกง'],
  KR: ['Korean', 'South Korean', 'Korea', '韩国', 'เกาหลีใต้'],
  JP: ['Japanese', '日本'],
  SG: ['Singaporean'],
  US: ['American', 'USA', 'United States of America'],
  GB: ['British', 'UK', 'English'],
  RU: ['Russian'],
  UZ: ['Uzbek'],
  KZ: ['Kazakh'],
  TL: ['Timorese', 'East Timor'],
};

/** Words around the name that say "nationality" or "person of": สัญชาติจีน, ชาวลาว, người Việt, 中国籍. */
const PREFIXES = ['nationality', 'citizen of', 'สัญชาติ', 'ชาว', 'คน', 'ประเทศ', 'người', 'quốc tịch', 'nước'];
const SUFFIXES = ['national', 'citizen', 'nationality', '籍', '人', '国籍', 'လူမျိုး', 'နိုင်ငံသား', 'နိုင်ငံ'];

let table: Map<string, string> | null = null;

function buildTable(): Map<string, string> {
  const map = new Map<string, string>();
  const clash = new Set<string>();
  const put = (name: string, code: string) => {
    const key = foldKey(name);
    if (key === '' || clash.has(key)) return;
    const had = map.get(key);
    // A name that means two countries in different languages is not a name we can trust.
    if (had !== undefined && had !== code) {
      map.delete(key);
      clash.add(key);
      return;
    }
    map.set(key, code);
  };
  // Hand-written variants first: they win over a clash below.
  for (const [code, names] of Object.entries(VARIANTS)) for (const n of names) put(n, code);
  for (const locale of NAME_LOCALES) {
    const names = new Intl.DisplayNames([locale], { type: 'region', fallback: 'none' });
    for (const code of COUNTRY_CODES) {
      const name = names.of(code);
      if (!name) continue;
      put(name, code);
      // "Myanmar (Burma)", "เมียนมา (พม่า)": each part alone is a name too.
      const paren = /^(.*?)\s*\((.*)\)\s*$/.exec(name);
      if (paren) {
        put(paren[1]!, code);
        put(paren[2]!, code);
      }
    }
  }
  return map;
}

function lookup(key: string): string | undefined {
  table ??= buildTable();
  return table.get(key);
}

export function parseNationality(input: string): Parsed<string | null> {
  const raw = input.trim();
  if (raw === '') return { ok: true, value: null };

  // Codes: two or three Latin letters, any case ("mm", "MMR").
  const letters = raw.replace(/[\s.]/g, '').toUpperCase();
  if (/^[A-Z]{2}$/.test(letters) && isCountryCode(letters)) return { ok: true, value: letters };
  if (/^[A-Z]{3}$/.test(letters) && ALPHA3[letters]) return { ok: true, value: ALPHA3[letters] };

  const key = foldKey(raw);
  const direct = lookup(key);
  if (direct) return { ok: true, value: direct };
  for (const p of PREFIXES.map(foldKey)) {
    if (key.startsWith(p) && key.length > p.length) {
      const hit = lookup(key.slice(p.length));
      if (hit) return { ok: true, value: hit };
    }
  }
  for (const s of SUFFIXES.map(foldKey)) {
    if (key.endsWith(s) && key.length > s.length) {
      const hit = lookup(key.slice(0, -s.length));
      if (hit) return { ok: true, value: hit };
    }
  }
  return refuse(
    `${quote(raw)} is not a nationality Homeward recognises. Write the country in English (Myanmar, China, Vietnam) or as a two-letter code (MM, CN, VN).`,
  );
}
