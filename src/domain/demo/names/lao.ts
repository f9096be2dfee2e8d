/**
 * Lao names: given name then surname (ບຸນມີ ພົມມະຈັນ, Bounmy Phommachanh),
 * romanised in the French-influenced way Lao documents use (ou, ph, -nh).
 */
import type { Rng } from '../random';
import type { NameBuilder, Part, SexedPool } from './types';
import { draft, latinOf, nativeOf } from './types';

export const LAO_GIVEN_NAMES: SexedPool = {
  male: [
    ['Bounmy', 'ບຸນມີ'], ['Khamphone', 'ຄຳພອນ'], ['Souksavanh', 'ສຸກສະຫວັນ'], ['Phonsavanh', 'ພອນສະຫວັນ'],
    ['Somphone', 'ສົມພອນ'], ['Vilay', 'ວິໄລ'], ['Thongchanh', 'ທອງຈັນ'], ['Sengphet', 'ແສງເພັດ'],
    ['Khamla', 'ຄຳລາ'], ['Anousone', 'ອານຸສອນ'], ['Sisouk', 'ສີສຸກ'], ['Somsack', 'ສົມສັກ'],
    ['Xaysana', 'ໄຊສະນະ'], ['Thavisack', 'ທະວີສັກ'], ['Khampheng', 'ຄຳແພງ'], ['Bounthavy', 'ບຸນທະວີ'],
    ['Phetsamone', 'ເພັດສະໝອນ'], ['Vongphet', 'ວົງເພັດ'], ['Soulinh', 'ສຸລິນ'], ['Khamsay', 'ຄຳໄຊ'],
    ['Khamsing', 'ຄຳສິງ'], ['Bounchanh', 'ບຸນຈັນ'], ['Phouthone', 'ພູທອນ'], ['Sengdeuane', 'ແສງເດືອນ'], ['Vanxay', 'ວັນໄຊ'],
    ['Khamphanh', 'ຄຳພັນ'], ['Souvanh', 'ສຸວັນ'], ['Bounheuang', 'ບຸນເຮືອງ'], ['Somphet', 'ສົມເພັດ'], ['Thongsavanh', 'ທອງສະຫວັນ'],
    ['Kongkeo', 'ກອງແກ້ວ'], ['Phoutthasone', 'ພຸດທະສອນ'], ['Sithong', 'ສີທອງ'], ['Vixay', 'ວິໄຊ'], ['Bounlap', 'ບຸນລາບ'],
  ],
  female: [
    ['Noy', 'ນ້ອຍ'], ['Manivanh', 'ມະນີວັນ'], ['Souphaphone', 'ສຸພາພອນ'], ['Viengkham', 'ວຽງຄຳ'],
    ['Chanthala', 'ຈັນທະລາ'], ['Khamsy', 'ຄຳສີ'], ['Malaythong', 'ມາໄລທອງ'], ['Vanida', 'ວານິດາ'],
    ['Phetsamay', 'ເພັດສະໄໝ'], ['Latsamy', 'ລັດສະໝີ'], ['Douangchanh', 'ດວງຈັນ'], ['Sengdao', 'ແສງດາວ'],
    ['Bouakham', 'ບົວຄຳ'], ['Keo', 'ແກ້ວ'], ['Phonethip', 'ພອນທິບ'], ['Sisavanh', 'ສີສະຫວັນ'],
    ['Vilayphone', 'ວິໄລພອນ'], ['Daovone', 'ດາວວອນ'], ['Noukham', 'ນຸຄຳ'], ['Chansouk', 'ຈັນສຸກ'], ['Somchith', 'ສົມຈິດ'],
    ['Khamphoui', 'ຄຳພຸຍ'], ['Bouavanh', 'ບົວວັນ'], ['Vanhdy', 'ວັນດີ'], ['Inthavanh', 'ອິນທະວັນ'], ['Kesone', 'ເກສອນ'],
    ['Souksakhone', 'ສຸກສາຄອນ'], ['Thipphavanh', 'ທິບພະວັນ'], ['Mouknida', 'ມຸກນິດາ'], ['Nalinthone', 'ນາລິນທອນ'], ['Saykham', 'ສາຍຄຳ'],
  ],
};

export const LAO_SURNAMES: readonly Part[] = [
  ['Phommachanh', 'ພົມມະຈັນ'], ['Sisavath', 'ສີສະຫວາດ'], ['Vongsa', 'ວົງສາ'], ['Inthavong', 'ອິນທະວົງ'],
  ['Keomany', 'ແກ້ວມະນີ'], ['Souvannavong', 'ສຸວັນນະວົງ'], ['Phanthavong', 'ພັນທະວົງ'], ['Sayavong', 'ໄຊຍະວົງ'],
  ['Chanthavong', 'ຈັນທະວົງ'], ['Douangmala', 'ດວງມາລາ'], ['Sengsouvanh', 'ແສງສຸວັນ'], ['Phetsavong', 'ເພັດສະວົງ'],
  ['Thammavong', 'ທຳມະວົງ'], ['Vilaysack', 'ວິໄລສັກ'], ['Khounthavong', 'ຂຸນທະວົງ'], ['Sengdara', 'ແສງດາຣາ'],
  ['Luangrath', 'ຫຼວງລາດ'], ['Phimmasone', 'ພິມມະສອນ'], ['Keophila', 'ແກ້ວພິລາ'], ['Xayasane', 'ໄຊຍະແສນ'],
];

/**
 * Most Lao surnames are two parts joined (ພົມມະ + ຈັນ, Phomma + chanh), and
 * there are thousands of them: built here from such parts, besides the
 * common ones above.
 */
const SURNAME_HEADS: readonly Part[] = [
  ['Phomma', 'ພົມມະ'], ['Sisa', 'ສີສະ'], ['Vong', 'ວົງ'], ['Intha', 'ອິນທະ'], ['Keo', 'ແກ້ວ'], ['Souvanna', 'ສຸວັນນະ'], ['Phan', 'ພັນ'],
  ['Saya', 'ໄຊຍະ'], ['Chantha', 'ຈັນທະ'], ['Douang', 'ດວງ'], ['Seng', 'ແສງ'], ['Phet', 'ເພັດ'], ['Thamma', 'ທຳມະ'], ['Vilay', 'ວິໄລ'],
  ['Khoun', 'ຂຸນ'], ['Luang', 'ຫຼວງ'], ['Phimma', 'ພິມມະ'], ['Boun', 'ບຸນ'], ['Kham', 'ຄຳ'], ['Sou', 'ສຸ'], ['Thong', 'ທອງ'],
  ['Sinh', 'ສິງ'], ['Noua', 'ນົວ'], ['Latsa', 'ລັດສະ'], ['Phou', 'ພູ'],
];
const SURNAME_TAILS: readonly Part[] = [
  ['chanh', 'ຈັນ'], ['vath', 'ຫວາດ'], ['vong', 'ວົງ'], ['sa', 'ສາ'], ['many', 'ມະນີ'], ['thavong', 'ທະວົງ'], ['mala', 'ມາລາ'],
  ['souvanh', 'ສຸວັນ'], ['savong', 'ສະວົງ'], ['sack', 'ສັກ'], ['dara', 'ດາຣາ'], ['rath', 'ລາດ'], ['sone', 'ສອນ'], ['phila', 'ພິລາ'],
  ['sane', 'ແສນ'], ['kham', 'ຄຳ'], ['phanh', 'ພັນ'], ['thong', 'ທອງ'], ['phet', 'ເພັດ'], ['sy', 'ສີ'], ['thip', 'ທິບ'],
  ['xay', 'ໄຊ'], ['souk', 'ສຸກ'], ['vanh', 'ວັນ'], ['phone', 'ພອນ'],
];

function laoSurname(rng: Rng): Part {
  if (rng.chance(0.25)) return rng.pick(LAO_SURNAMES);
  const head = rng.pick(SURNAME_HEADS);
  const tail = rng.pick(SURNAME_TAILS);
  return [`${head[0]}${tail[0]}`, `${head[1]}${tail[1]}`];
}

/** Another common spelling: ou → u, ph → p, final nh → n, x → s. */
export function laoRespelling(latin: string): string {
  return latin
    .replace(/ou/g, 'u')
    .replace(/Ou/g, 'U')
    .replace(/ph/g, 'p')
    .replace(/^Ph/, 'P')
    .replace(/nh\b/g, 'n')
    .replace(/^X/, 'S');
}

export const buildLaoName: NameBuilder = (rng, sex) => {
  const given = rng.pick(LAO_GIVEN_NAMES[sex]);
  const surname = laoSurname(rng);
  const g = latinOf([given]);
  const f = latinOf([surname]);
  const variant = { givenNames: laoRespelling(g), familyName: laoRespelling(f) };
  const changed = variant.givenNames !== g || variant.familyName !== f;
  return draft(f, g, rng.chance(0.8) ? nativeOf([given, surname]) : null, [], changed ? variant : null);
};
