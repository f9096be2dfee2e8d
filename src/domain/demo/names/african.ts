/**
 * Ethiopian and Eritrean names: given name, father's name, grandfather's name,
 * in that order, with no family name (Abebe Kebede Tesfaye, አበበ ከበደ ተስፋዬ).
 * Kenyan, Ugandan and Nigerian names: given (often Christian or Muslim) name,
 * sometimes an ethnic middle name, and a surname.
 */
import type { NameBuilder, Part, SexedPool } from './types';
import { draft, latinOf, nativeOf } from './types';

const ETHIOPIAN_MALE: readonly Part[] = [
  ['Abebe', 'አበበ'], ['Kebede', 'ከበደ'], ['Tesfaye', 'ተስፋዬ'], ['Girma', 'ግርማ'], ['Haile', 'ኃይሌ'], ['Mulugeta', 'ሙሉጌታ'],
  ['Dawit', 'ዳዊት'], ['Yohannes', 'ዮሐንስ'], ['Solomon', 'ሰለሞን'], ['Tadesse', 'ታደሰ'], ['Bekele', 'በቀለ'],
  ['Getachew', 'ጌታቸው'], ['Alemu', 'አለሙ'], ['Berhanu', 'ብርሃኑ'], ['Mesfin', 'መስፍን'], ['Teshome', 'ተሾመ'],
  ['Wondimu', 'ወንድሙ'], ['Yonas', 'ዮናስ'], ['Biniam', 'ቢንያም'], ['Henok', 'ሄኖክ'], ['Amanuel', 'አማኑኤል'],
  ['Fikru', 'ፍቅሩ'], ['Assefa', 'አሰፋ'], ['Desta', 'ደስታ'], ['Negash', 'ነጋሽ'], ['Worku', 'ወርቁ'], ['Kassa', 'ካሳ'],
  ['Mekonnen', 'መኮንን'], ['Lemma', 'ለማ'], ['Tekle', 'ተክሌ'],
];
const ETHIOPIAN_FEMALE: readonly Part[] = [
  ['Tigist', 'ትዕግስት'], ['Hana', 'ሃና'], ['Selam', 'ሰላም'], ['Meron', 'ሜሮን'], ['Bethlehem', 'ቤተልሔም'], ['Mahlet', 'ማህሌት'],
  ['Saba', 'ሳባ'], ['Tsion', 'ጽዮን'], ['Almaz', 'አልማዝ'], ['Aster', 'አስቴር'], ['Meseret', 'መሰረት'], ['Liya', 'ሊያ'],
  ['Rahel', 'ራሔል'], ['Eden', 'ኤደን'], ['Birtukan', 'ብርቱካን'], ['Yeshi', 'የሺ'], ['Helen', 'ሄለን'], ['Feven', 'ፌቨን'],
];
const ERITREAN_MALE: readonly Part[] = [
  ['Gebremedhin', 'ገብረመድህን'], ['Haftom', 'ሃፍቶም'], ['Tesfamariam', 'ተስፋማርያም'], ['Yemane', 'የማነ'], ['Kidane', 'ኪዳነ'],
  ['Mehari', 'መሓሪ'], ['Berhane', 'ብርሃነ'], ['Tewolde', 'ተወልደ'], ['Habte', 'ሃብተ'], ['Yonas', 'ዮናስ'], ['Dawit', 'ዳዊት'],
  ['Tekle', 'ተክሌ'], ['Amanuel', 'አማኑኤል'], ['Biniam', 'ቢንያም'], ['Solomon', 'ሰለሞን'],
];
const ERITREAN_FEMALE: readonly Part[] = [
  ['Senait', 'ሰናይት'], ['Luwam', 'ሉዋም'], ['Semhar', 'ሰምሃር'], ['Ruth', 'ሩት'], ['Helen', 'ሄለን'], ['Saba', 'ሳባ'],
  ['Selam', 'ሰላም'], ['Feven', 'ፌቨን'], ['Meron', 'ሜሮን'], ['Hana', 'ሃና'],
];

function patronymic(male: readonly Part[], female: readonly Part[], nativeShare: number): NameBuilder {
  return (rng, sex) => {
    const own = rng.pick(sex === 'male' ? male : female);
    let father = rng.pick(male);
    while (father[0] === own[0]) father = rng.pick(male);
    let grandfather = rng.pick(male);
    while (grandfather[0] === father[0] || grandfather[0] === own[0]) grandfather = rng.pick(male);
    // Some lists stop at the father's name.
    const parts = rng.chance(0.8) ? [own, father, grandfather] : [own, father];
    return draft(null, latinOf(parts), rng.chance(nativeShare) ? nativeOf(parts) : null);
  };
}

export const buildEthiopianName = patronymic(ETHIOPIAN_MALE, ETHIOPIAN_FEMALE, 0.5);
export const buildEritreanName = patronymic(ERITREAN_MALE, ERITREAN_FEMALE, 0.5);

const p = (names: string[]) => names.map((n) => [n] as const);

function givenMiddleSurname(given: SexedPool, middle: SexedPool | null, surnames: readonly string[], middleShare: number): NameBuilder {
  return (rng, sex) => {
    const g = rng.pick(given[sex])[0];
    const m = middle && rng.chance(middleShare) ? rng.pick(middle[sex])[0] : null;
    let s = rng.pick(surnames);
    if (s === m) s = rng.pick(surnames);
    return draft(s, m && m !== s ? `${g} ${m}` : g, null);
  };
}

const KENYAN_GIVEN: SexedPool = {
  male: p(['Brian', 'Kevin', 'Dennis', 'Collins', 'Victor', 'Peter', 'John', 'Joseph', 'Samuel', 'David', 'Daniel', 'Stephen', 'Moses', 'Felix', 'Evans', 'Ian', 'Duncan', 'Kelvin', 'Allan', 'Emmanuel']),
  female: p(['Faith', 'Mercy', 'Grace', 'Esther', 'Ruth', 'Caroline', 'Purity', 'Joy', 'Winnie', 'Diana', 'Sharon', 'Lucy', 'Beatrice', 'Nancy', 'Janet', 'Cynthia', 'Maureen', 'Lilian']),
};
const KENYAN_MIDDLE: SexedPool = {
  male: p(['Otieno', 'Ochieng', 'Kiprop', 'Kamau', 'Mwangi', 'Kipkemboi', 'Wafula', 'Mutua', 'Omondi', 'Kiplagat']),
  female: p(['Wanjiku', 'Achieng', 'Chebet', 'Wanjiru', 'Akinyi', 'Atieno', 'Njeri', 'Nyambura', 'Jepchirchir', 'Mwende']),
};
const KENYAN_SURNAMES = [
  'Otieno', 'Odhiambo', 'Ochieng', 'Onyango', 'Omondi', 'Kamau', 'Mwangi', 'Njoroge', 'Kariuki', 'Kimani', 'Maina',
  'Macharia', 'Gitau', 'Cheruiyot', 'Kiplagat', 'Rotich', 'Mutua', 'Musyoka', 'Wafula', 'Wekesa', 'Barasa', 'Ouma',
  'Njuguna', 'Kirui', 'Langat', 'Mutiso', 'Owino', 'Nyaga',
];
export const buildKenyanName = givenMiddleSurname(KENYAN_GIVEN, KENYAN_MIDDLE, KENYAN_SURNAMES, 0.45);

const UGANDAN_GIVEN: SexedPool = {
  male: p(['Ronald', 'Isaac', 'Joseph', 'Emmanuel', 'Moses', 'Godfrey', 'Patrick', 'Ivan', 'Brian', 'Andrew', 'Henry', 'Denis', 'Julius', 'Robert', 'Fred']),
  female: p(['Sarah', 'Grace', 'Prossy', 'Brenda', 'Esther', 'Florence', 'Harriet', 'Immaculate', 'Annet', 'Doreen', 'Agnes', 'Juliet', 'Shamim', 'Winnie']),
};
const UGANDAN_SURNAMES = [
  'Mukasa', 'Ssempala', 'Kato', 'Wasswa', 'Okello', 'Opio', 'Ochan', 'Tumusiime', 'Byaruhanga', 'Mugisha', 'Asiimwe',
  'Nsubuga', 'Ssekandi', 'Lubega', 'Kizza', 'Musoke', 'Namukasa', 'Atuhaire', 'Kyomuhendo', 'Nakato', 'Babirye',
  'Namusoke', 'Akello', 'Auma', 'Ninsiima', 'Kabuye', 'Ssali', 'Mutebi',
];
export const buildUgandanName = givenMiddleSurname(UGANDAN_GIVEN, null, UGANDAN_SURNAMES, 0);

const NIGERIAN_GIVEN: SexedPool = {
  male: p(['Chinedu', 'Emeka', 'Tunde', 'Oluwaseun', 'Ibrahim', 'Musa', 'Chukwuemeka', 'Ifeanyi', 'Segun', 'Babatunde', 'Kelechi', 'Yusuf', 'Obinna', 'Femi']),
  female: p(['Chioma', 'Ngozi', 'Funmilayo', 'Aisha', 'Blessing', 'Adaeze', 'Yetunde', 'Amaka', 'Folake', 'Zainab', 'Chiamaka', 'Bukola']),
};
const NIGERIAN_SURNAMES = [
  'Okafor', 'Okonkwo', 'Adeyemi', 'Ogunleye', 'Eze', 'Nwosu', 'Bello', 'Abubakar', 'Olawale', 'Ibe', 'Uche', 'Adebayo',
  'Okoro', 'Balogun', 'Mohammed', 'Nnamdi', 'Oyelaran', 'Chukwu', 'Danjuma', 'Akinola',
];
export const buildNigerianName = givenMiddleSurname(NIGERIAN_GIVEN, null, NIGERIAN_SURNAMES, 0);
