/**
 * Burmese names: no family name, one to four syllables (Aung Kyaw Moe,
 * အောင်ကျော်မိုး). The Myanmar-script name is built from the same syllables
 * as the Latin one, written without spaces as people write them. Honorifics
 * (U, Daw, Ko, Ma, Maung) are not part of the name; they appear in aliases.
 */
import type { NameBuilder } from './types';
import { draft } from './types';

/** [romanisation, Myanmar script, another romanisation seen on documents] */
type Syllable = readonly [latin: string, myanmar: string, variant: string];

const BOTH: readonly Syllable[] = [
  ['Aung', 'အောင်', 'Aung'], ['Kyaw', 'ကျော်', 'Kyaw'], ['Min', 'မင်း', 'Minn'], ['Thant', 'သန့်', 'Thant'],
  ['Htun', 'ထွန်း', 'Tun'], ['Htet', 'ထက်', 'Htat'], ['Naing', 'နိုင်', 'Naing'], ['Zaw', 'ဇော်', 'Zaw'],
  ['Win', 'ဝင်း', 'Winn'], ['Myint', 'မြင့်', 'Myint'], ['Thein', 'သိန်း', 'Thane'], ['Soe', 'စိုး', 'So'],
  ['Hlaing', 'လှိုင်', 'Hlaing'], ['Ko', 'ကို', 'Ko'], ['Phyo', 'ဖြိုး', 'Pyo'], ['Wai', 'ဝေ', 'Wai'],
  ['Yan', 'ရန်', 'Yann'], ['Lin', 'လင်း', 'Linn'], ['Nyein', 'ငြိမ်း', 'Nyain'], ['Hein', 'ဟိန်း', 'Hain'],
  ['Khant', 'ခန့်', 'Khant'], ['Paing', 'ပိုင်', 'Paing'], ['Thu', 'သူ', 'Thu'], ['Zin', 'ဇင်', 'Zinn'],
  ['Myo', 'မျိုး', 'Myoe'], ['Kyi', 'ကြည်', 'Kyee'], ['Lwin', 'လွင်', 'Lwinn'], ['Swe', 'ဆွေ', 'Swe'],
  ['Tin', 'တင်', 'Tinn'], ['Nay', 'နေ', 'Ne'], ['Pyae', 'ပြည့်', 'Pyay'], ['Kaung', 'ကောင်း', 'Kaung'],
  ['Htoo', 'ထူး', 'Htu'], ['Thet', 'သက်', 'Thett'], ['Naung', 'နောင်', 'Naung'], ['Shwe', 'ရွှေ', 'Shwe'],
  ['Oo', 'ဦး', 'U'], ['Ye', 'ရဲ', 'Ye'], ['Wunna', 'ဝဏ္ဏ', 'Wanna'], ['Zeyar', 'ဇေယျာ', 'Zeya'],
  ['Moe', 'မိုး', 'Mo'], ['Myat', 'မြတ်', 'Myatt'], ['Thura', 'သူရ', 'Thurah'], ['Nyi', 'ညီ', 'Nyee'], ['Zay', 'ဇေ', 'Ze'],
  ['Htay', 'ထေ', 'Hte'], ['Than', 'သန်း', 'Thann'], ['Maw', 'မော်', 'Maw'], ['Thiha', 'သီဟ', 'Thihah'], ['Khaing', 'ခိုင်', 'Khine'],
  ['Ohn', 'အုန်း', 'Ohn'], ['Pan', 'ပန်း', 'Pann'], ['Ngwe', 'ငွေ', 'Ngway'], ['Sein', 'စိန်', 'Sane'], ['Tint', 'တင့်', 'Tint'],
  ['Thwin', 'သွင်', 'Thwin'], ['Latt', 'လတ်', 'Lat'], ['Kyal', 'ကြယ်', 'Kyel'], ['Hmue', 'မှူး', 'Hmu'], ['Wut', 'ဝတ်', 'Wutt'],
  ['Yee', 'ရည်', 'Yi'], ['Hla', 'လှ', 'Hlar'], ['Mon', 'မွန်', 'Mun'], ['Phoo', 'ဖူး', 'Phu'], ['Kyawt', 'ကျော့', 'Kyawt'],
  ['Nanda', 'နန္ဒ', 'Nandar'], ['Lwan', 'လွမ်း', 'Lwam'], ['Waing', 'ဝိုင်း', 'Waing'],
];

const MALE_ONLY: readonly Syllable[] = [
  ['Bo', 'ဗိုလ်', 'Boh'], ['Sithu', 'စည်သူ', 'Situ'], ['Hlwan', 'လွန်း', 'Hlwan'], ['Chan', 'ချမ်း', 'Chann'],
  ['Sai', 'စိုင်း', 'Sai'], ['Tayza', 'တေဇ', 'Tayzar'], ['Arkar', 'အာကာ', 'Aka'], ['Zarni', 'ဇာနည်', 'Zarnee'],
  ['Nyunt', 'ညွန့်', 'Nyunt'], ['Shein', 'ရှိန်း', 'Shane'], ['Lay', 'လေး', 'Lei'], ['Saung', 'ဆောင်', 'Saung'], ['Bhone', 'ဘုန်း', 'Bone'],
];

const FEMALE_ONLY: readonly Syllable[] = [
  ['Mar', 'မာ', 'Mar'], ['Khin', 'ခင်', 'Khinn'], ['Su', 'စု', 'Su'], ['Hnin', 'နှင်း', 'Hnin'],
  ['Ei', 'အိ', 'Ei'], ['Phyu', 'ဖြူ', 'Phyu'], ['Thiri', 'သီရိ', 'Thiri'], ['Nwe', 'နွယ်', 'Nwe'],
  ['May', 'မေ', 'Mei'], ['Thazin', 'သဇင်', 'Tha Zin'], ['Nandar', 'နန္ဒာ', 'Nanda'],
  ['Aye', 'အေး', 'Aye'], ['Yadanar', 'ရတနာ', 'Yadana'], ['Chit', 'ချစ်', 'Chitt'], ['San', 'စန်း', 'Sann'],
  ['Thida', 'သီတာ', 'Thidar'], ['Htwe', 'ထွေး', 'Htwe'], ['Sandar', 'စန္ဒာ', 'Sanda'], ['Wint', 'ဝင့်', 'Wint'],
  ['Yu', 'ယု', 'Yu'], ['Mya', 'မြ', 'Mya'], ['Thin', 'သင်း', 'Thinn'], ['Nu', 'နု', 'Nu'], ['Khet', 'ခက်', 'Khet'], ['Mi', 'မိ', 'Mee'],
  ['Cho', 'ချို', 'Cho'], ['Nilar', 'နီလာ', 'Nila'], ['Htar', 'ထား', 'Hta'], ['Lei', 'လဲ့', 'Lay'], ['Yamin', 'ယမင်း', 'Yamin'],
  ['Wah', 'ဝါ', 'Wa'], ['Pwint', 'ပွင့်', 'Pwint'], ['Ohmar', 'ဥမ္မာ', 'Ohma'], ['Zun', 'ဇွန်', 'June'], ['Poe', 'ပိုး', 'Po'],
  ['Thawda', 'သော်တာ', 'Thawdar'],
];

const MALE = [...BOTH, ...MALE_ONLY];
const FEMALE = [...BOTH.filter(([l]) => ['Aung', 'Kyaw', 'Min', 'Thant', 'Htun', 'Htet', 'Naing', 'Zaw', 'Win'].indexOf(l) < 0), ...FEMALE_ONLY];

/** Syllables women's names repeat (Su Su, Hnin Hnin, Thin Thin). */
const DOUBLED = new Set(['Moe', 'Su', 'Hnin', 'Thin', 'Yu', 'Khin', 'Ei', 'Mya', 'May', 'Aye', 'San', 'Nwe', 'Htwe']);

const HONORIFIC = { male: ['Ko', 'Maung', 'U'], female: ['Ma', 'Daw'] } as const;

export const buildBurmeseName: NameBuilder = (rng, sex) => {
  const pool = sex === 'male' ? MALE : FEMALE;
  const r = rng.next();
  const length = r < 0.08 ? 1 : r < 0.4 ? 2 : r < 0.93 ? 3 : 4;
  let syllables: Syllable[];
  // The commonest syllables (Aung, Kyaw, Min) begin many names.
  const first = rng.pickSkewed(pool, 1.4);
  if (sex === 'female' && length === 2 && DOUBLED.has(first[0]) && rng.chance(0.6)) {
    syllables = [first, first];
  } else {
    syllables = [first, ...rng.sample(pool.filter((s) => s[0] !== first[0]), length - 1)];
  }
  const latin = syllables.map((s) => s[0]).join(' ');
  const myanmar = syllables.map((s) => s[1]).join('');
  const aliases: string[] = [];
  if (rng.chance(0.25)) {
    // "Ko Htet", "Ma Su Su": the honorific with the last or the whole name.
    const tail = syllables.length > 2 && rng.chance(0.5) ? (syllables[syllables.length - 1] as Syllable)[0] : latin;
    aliases.push(`${rng.pick(HONORIFIC[sex])} ${tail}`);
  }
  // Another romanisation: respell one syllable (Htun / Tun, Kyaw / Kyau).
  const changeable = syllables.map((s, i) => [s, i] as const).filter(([s]) => s[2] !== s[0]);
  let variant: { familyName: string | null; givenNames: string } | null = null;
  if (changeable.length > 0) {
    const [, at] = rng.pick(changeable);
    variant = { familyName: null, givenNames: syllables.map((s, i) => (i === at ? s[2] : s[0])).join(' ') };
  }
  return draft(null, latin, rng.chance(0.85) ? myanmar : null, aliases, variant);
};
