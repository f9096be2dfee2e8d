/**
 * Nationality cells to ISO 3166 alpha-2 codes.
 *
 * Lists say "Chinese", "CHN", "中国", "จีน", "Trung Quốc", "မြန်မာ" or "Burma"
 * for the same thing. Country names in English, Thai, Chinese, Burmese and
 * Vietnamese come from the runtime's ICU data (Intl.DisplayNames), so every
 * country is covered without a translation table of ours; demonyms, old names
 * and the variants people actually type are listed by hand below.
 */
import { COUNTRY_CODES, countryName, isCountryCode } from '../../domain/reference/countries';
import { foldKey } from './text';
import { quote, refuse, type Parsed } from './result';

const NAME_LOCALES = ['en', 'th', 'zh', 'my', 'vi'] as const;

/** ISO 3166-1 alpha-3 for every code in COUNTRY_CODES (passports and police systems write alpha-3), as "alpha-2 alpha-3" pairs. */
const ISO_ALPHA3 =
  'AD AND AE ARE AF AFG AG ATG AI AIA AL ALB AM ARM AO AGO AQ ATA AR ARG AS ASM AT AUT AU AUS AW ABW AX ALA AZ AZE ' +
  'BA BIH BB BRB BD BGD BE BEL BF BFA BG BGR BH BHR BI BDI BJ BEN BL BLM BM BMU BN BRN BO BOL BQ BES BR BRA BS BHS ' +
  'BT BTN BV BVT BW BWA BY BLR BZ BLZ CA CAN CC CCK CD COD CF CAF CG COG CH CHE CI CIV CK COK CL CHL CM CMR CN CHN ' +
  'CO COL CR CRI CU CUB CV CPV CW CUW CX CXR CY CYP CZ CZE DE DEU DJ DJI DK DNK DM DMA DO DOM DZ DZA EC ECU EE EST ' +
  'EG EGY EH ESH ER ERI ES ESP ET ETH FI FIN FJ FJI FK FLK FM FSM FO FRO FR FRA GA GAB GB GBR GD GRD GE GEO GF GUF ' +
  'GG GGY GH GHA GI GIB GL GRL GM GMB GN GIN GP GLP GQ GNQ GR GRC GS SGS GT GTM GU GUM GW GNB GY GUY HK HKG HM HMD ' +
  'HN HND HR HRV HT HTI HU HUN ID IDN IE IRL IL ISR IM IMN IN IND IO IOT IQ IRQ IR IRN IS ISL IT ITA JE JEY JM JAM ' +
  'JO JOR JP JPN KE KEN KG KGZ KH KHM KI KIR KM COM KN KNA KP PRK KR KOR KW KWT KY CYM KZ KAZ LA LAO LB LBN LC LCA ' +
  'LI LIE LK LKA LR LBR LS LSO LT LTU LU LUX LV LVA LY LBY MA MAR MC MCO MD MDA ME MNE MF MAF MG MDG MH MHL MK MKD ' +
  'ML MLI MM MMR MN MNG MO MAC MP MNP MQ MTQ MR MRT MS MSR MT MLT MU MUS MV MDV MW MWI MX MEX MY MYS MZ MOZ NA NAM ' +
  'NC NCL NE NER NF NFK NG NGA NI NIC NL NLD NO NOR NP NPL NR NRU NU NIU NZ NZL OM OMN PA PAN PE PER PF PYF PG PNG ' +
  'PH PHL PK PAK PL POL PM SPM PN PCN PR PRI PS PSE PT PRT PW PLW PY PRY QA QAT RE REU RO ROU RS SRB RU RUS RW RWA ' +
  'SA SAU SB SLB SC SYC SD SDN SE SWE SG SGP SH SHN SI SVN SJ SJM SK SVK SL SLE SM SMR SN SEN SO SOM SR SUR SS SSD ' +
  'ST STP SV SLV SX SXM SY SYR SZ SWZ TC TCA TD TCD TF ATF TG TGO TH THA TJ TJK TK TKL TL TLS TM TKM TN TUN TO TON ' +
  'TR TUR TT TTO TV TUV TW TWN TZ TZA UA UKR UG UGA UM UMI US USA UY URY UZ UZB VA VAT VC VCT VE VEN VG VGB VI VIR ' +
  'VN VNM VU VUT WF WLF WS WSM YE YEM YT MYT ZA ZAF ZM ZMB ZW ZWE';

/**
 * Alpha-3 codes to alpha-2: the ISO table, plus codes still printed on
 * documents in use: BUR on older Burmese passports, the ICAO codes of British
 * passports for other kinds of British nationals, Romania's ROM, East Timor's
 * TMP and Zaire's ZAR.
 */
export const ALPHA3: Readonly<Record<string, string>> = (() => {
  const out: Record<string, string> = {};
  const pairs = ISO_ALPHA3.split(' ');
  for (let i = 0; i < pairs.length; i += 2) out[pairs[i + 1]!] = pairs[i]!;
  Object.assign(out, { BUR: 'MM', GBD: 'GB', GBN: 'GB', GBO: 'GB', GBP: 'GB', GBS: 'GB', ROM: 'RO', TMP: 'TL', ZAR: 'CD' });
  return out;
})();

/**
 * Demonyms and variants: what people type rather than the country's official
 * name. A demonym shared by two countries ("Congolese", "Dominican") is left
 * out on purpose: the coordinator must say which.
 */
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
  KR: ['Korean', 'South Korean', 'Korea', 'ROK', 'Republic of Korea', 'Korea, South', '韩国', '南韩', 'เกาหลีใต้', 'Nam Hàn'],
  KP: ['North Korean', 'DPRK', 'Korea, North', "Democratic People's Republic of Korea", '北韩', '北朝鲜', '朝鲜人', 'Bắc Triều Tiên', 'Bắc Hàn'],
  JP: ['Japanese', '日本'],
  SG: ['Singaporean'],
  US: ['American', 'USA', 'U.S.A.', 'United States of America', 'อเมริกา', 'อเมริกัน'],
  GB: ['British', 'UK', 'English', 'Scottish', 'Welsh', 'Britain', 'Great Britain', 'อังกฤษ'],
  RU: ['Russian', 'Russian Federation'],
  UZ: ['Uzbek', 'Uzbekistani'],
  KZ: ['Kazakh', 'Kazakhstani'],
  KG: ['Kyrgyz', 'Kyrgyzstani', 'Kirghiz', 'Kirgiz', 'Kyrgyz Republic'],
  TJ: ['Tajik', 'Tajikistani'],
  TM: ['Turkmen', 'Turkmenistani'],
  TL: ['Timorese', 'East Timorese', 'East Timor', 'Timor Leste'],
  // English demonyms for the rest of the world, as lists and passports write them.
  AF: ['Afghan', 'Afghani'], AL: ['Albanian'], DZ: ['Algerian'], AS: ['American Samoan'], AD: ['Andorran'], AO: ['Angolan'],
  AI: ['Anguillan'], AG: ['Antiguan', 'Barbudan'], AR: ['Argentine', 'Argentinian', 'Argentinean'], AM: ['Armenian'], AW: ['Aruban'],
  AU: ['Australian', 'Aussie'], AT: ['Austrian'], AZ: ['Azerbaijani', 'Azeri'], BS: ['Bahamian'], BH: ['Bahraini'],
  BB: ['Barbadian', 'Bajan'], BY: ['Belarusian', 'Belarussian', 'Byelorussian'], BE: ['Belgian'], BZ: ['Belizean'], BJ: ['Beninese'],
  BM: ['Bermudian'], BT: ['Bhutanese'], BO: ['Bolivian'], BA: ['Bosnian', 'Herzegovinian'], BW: ['Botswanan', 'Motswana', 'Batswana'],
  BN: ['Bruneian', 'Brunei'], BG: ['Bulgarian'], BF: ['Burkinabe', 'Burkinabè'], BI: ['Burundian'], CV: ['Cape Verdean', 'Cabo Verdean'],
  CM: ['Cameroonian'], CA: ['Canadian'], KY: ['Caymanian'], CF: ['Central African'], TD: ['Chadian'], CL: ['Chilean'],
  CO: ['Colombian'], KM: ['Comoran', 'Comorian'], CD: ['DR Congolese', 'DRC', 'Democratic Republic of Congo', 'Congo-Kinshasa', 'Zaire'],
  CG: ['Congo-Brazzaville', 'Republic of Congo'], CR: ['Costa Rican'], CI: ['Ivorian', 'Ivory Coast', "Cote d'Ivoire"], HR: ['Croatian', 'Croat'],
  CU: ['Cuban'], CY: ['Cypriot'], CZ: ['Czech', 'Czech Republic'], DK: ['Danish', 'Dane'], DJ: ['Djiboutian'],
  EC: ['Ecuadorian', 'Ecuadorean'], EG: ['Egyptian'], SV: ['Salvadoran', 'Salvadorean'], GQ: ['Equatorial Guinean', 'Equatoguinean'],
  EE: ['Estonian'], SZ: ['Swazi', 'Swaziland', 'Liswati'], FJ: ['Fijian'], FI: ['Finnish', 'Finn'], FR: ['French'], GA: ['Gabonese'],
  GM: ['Gambian'], GE: ['Georgian'], DE: ['German'], GI: ['Gibraltarian'], GR: ['Greek'], GL: ['Greenlandic', 'Greenlander'],
  GD: ['Grenadian'], GU: ['Guamanian'], GT: ['Guatemalan'], GN: ['Guinean'], GW: ['Bissau-Guinean'], GY: ['Guyanese'],
  HT: ['Haitian'], HN: ['Honduran'], HU: ['Hungarian'], IS: ['Icelandic', 'Icelander'], IR: ['Iranian', 'Persian'], IQ: ['Iraqi'],
  IE: ['Irish'], IL: ['Israeli'], IT: ['Italian'], JM: ['Jamaican'], JO: ['Jordanian'], KI: ['I-Kiribati'], KW: ['Kuwaiti'],
  LV: ['Latvian'], LB: ['Lebanese'], LS: ['Basotho', 'Mosotho'], LR: ['Liberian'], LY: ['Libyan'], LI: ['Liechtensteiner'],
  LT: ['Lithuanian'], LU: ['Luxembourgish', 'Luxembourger'], MO: ['Macanese', 'Macau'], MG: ['Malagasy'], MW: ['Malawian'],
  MV: ['Maldivian'], ML: ['Malian'], MT: ['Maltese'], MH: ['Marshallese'], MR: ['Mauritanian'], MU: ['Mauritian'], MX: ['Mexican'],
  FM: ['Micronesian'], MD: ['Moldovan'], MC: ['Monegasque', 'Monacan'], MN: ['Mongolian'], ME: ['Montenegrin'], MA: ['Moroccan'],
  MZ: ['Mozambican'], NA: ['Namibian'], NR: ['Nauruan'], NL: ['Dutch', 'Holland', 'Netherlander'], NZ: ['New Zealander', 'Kiwi'],
  NI: ['Nicaraguan'], NE: ['Nigerien'], MK: ['Macedonian', 'North Macedonian', 'Macedonia'], NO: ['Norwegian'], OM: ['Omani'],
  PW: ['Palauan'], PS: ['Palestinian', 'Palestine'], PA: ['Panamanian'], PG: ['Papua New Guinean'], PY: ['Paraguayan'],
  PE: ['Peruvian'], PL: ['Polish', 'Pole'], PT: ['Portuguese'], PR: ['Puerto Rican'], QA: ['Qatari'], RO: ['Romanian'],
  RW: ['Rwandan'], KN: ['Kittitian', 'Nevisian'], LC: ['Saint Lucian', 'St Lucian'], VC: ['Vincentian'], WS: ['Samoan'],
  SM: ['Sammarinese'], ST: ['Santomean', 'Sao Tomean'], SA: ['Saudi', 'Saudi Arabian'], SN: ['Senegalese'], RS: ['Serbian', 'Serb'],
  SC: ['Seychellois'], SL: ['Sierra Leonean'], SK: ['Slovak', 'Slovakian'], SI: ['Slovenian', 'Slovene'], SB: ['Solomon Islander'],
  SO: ['Somali', 'Somalian'], ZA: ['South African'], SS: ['South Sudanese'], ES: ['Spanish', 'Spaniard'], SD: ['Sudanese'],
  SR: ['Surinamese'], SE: ['Swedish', 'Swede'], CH: ['Swiss'], SY: ['Syrian'], TG: ['Togolese'], TO: ['Tongan'],
  TT: ['Trinidadian', 'Tobagonian', 'Trinidad'], TN: ['Tunisian'], TR: ['Turkish', 'Turk', 'Turkey', 'Türkiye'], TV: ['Tuvaluan'],
  UA: ['Ukrainian'], AE: ['Emirati', 'UAE', 'United Arab Emirates'], UY: ['Uruguayan'], VU: ['Ni-Vanuatu', 'Vanuatuan'],
  VA: ['Vatican'], VE: ['Venezuelan'], YE: ['Yemeni', 'Yemenite'], ZM: ['Zambian'], ZW: ['Zimbabwean'], EH: ['Sahrawi'],
  FO: ['Faroese'], PF: ['French Polynesian', 'Tahitian'], NC: ['New Caledonian'],
};

/** Words that name more than one country: refused with the choices, never guessed. */
const AMBIGUOUS: Record<string, string[]> = {
  congolese: ['CD', 'CG'],
  congo: ['CD', 'CG'],
  dominican: ['DO', 'DM'],
  virginislands: ['VG', 'VI'],
  virginislander: ['VG', 'VI'],
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
  const choices = AMBIGUOUS[key];
  if (choices) {
    return refuse(
      `${quote(raw)} could mean ${choices.map((c) => countryName(c)).join(' or ')}. Write which one, or its two-letter code (${choices.join(' or ')}).`,
    );
  }
  return refuse(
    `${quote(raw)} is not a nationality Homeward recognises. Write the country in English (Myanmar, China, Vietnam) or as a two-letter code (MM, CN, VN).`,
  );
}
