/**
 * Lao names: given name then surname (ບຸນມີ ພົມມະຈັນ, Bounmy Phommachanh),
 * romanised in the French-influenced way Lao documents use (ou, ph, -nh).
 */
import type { NameBuilder, Part, SexedPool } from './types';
import { draft, latinOf, nativeOf } from './types';

export const LAO_GIVEN_NAMES: SexedPool = {
  male: [
    ['Bounmy', 'ບຸນມີ'], ['Khamphone', 'ຄຳພອນ'], ['Souksavanh', 'ສຸກສະຫວັນ'], ['Phonsavanh', 'ພອນສະຫວັນ'],
    ['Somphone', 'ສົມພອນ'], ['Vilay', 'ວິໄລ'], ['Thongchanh', 'ທອງຈັນ'], ['Sengphet', 'ແສງເພັດ'],
    ['Khamla', 'ຄຳລາ'], ['Anousone', 'ອານຸສອນ'], ['Sisouk', 'ສີສຸກ'], ['Somsack', 'ສົມສັກ'],
    ['Xaysana', 'ໄຊສະນະ'], ['Thavisack', 'ທະວີສັກ'], ['Khampheng', 'ຄຳແພງ'], ['Bounthavy', 'ບຸນທະວີ'],
    ['Phetsamone', 'ເພັດສະໝອນ'], ['Vongphet', 'ວົງເພັດ'], ['Soulinh', 'ສຸລິນ'], ['Khamsay', 'ຄຳໄຊ'],
  ],
  female: [
    ['Noy', 'ນ້ອຍ'], ['Manivanh', 'ມະນີວັນ'], ['Souphaphone', 'ສຸພາພອນ'], ['Viengkham', 'ວຽງຄຳ'],
    ['Chanthala', 'ຈັນທະລາ'], ['Khamsy', 'ຄຳສີ'], ['Malaythong', 'ມາໄລທອງ'], ['Vanida', 'ວານິດາ'],
    ['Phetsamay', 'ເພັດສະໄໝ'], ['Latsamy', 'ລັດສະໝີ'], ['Douangchanh', 'ດວງຈັນ'], ['Sengdao', 'ແສງດາວ'],
    ['Bouakham', 'ບົວຄຳ'], ['Keo', 'ແກ້ວ'], ['Phonethip', 'ພອນທິບ'], ['Sisavanh', 'ສີສະຫວັນ'],
    ['Vilayphone', 'ວິໄລພອນ'], ['Daovone', 'ດາວວອນ'],
  ],
};

export const LAO_SURNAMES: readonly Part[] = [
  ['Phommachanh', 'ພົມມະຈັນ'], ['Sisavath', 'ສີສະຫວາດ'], ['Vongsa', 'ວົງສາ'], ['Inthavong', 'ອິນທະວົງ'],
  ['Keomany', 'ແກ້ວມະນີ'], ['Souvannavong', 'ສຸວັນນະວົງ'], ['Phanthavong', 'ພັນທະວົງ'], ['Sayavong', 'ໄຊຍະວົງ'],
  ['Chanthavong', 'ຈັນທະວົງ'], ['Douangmala', 'ດວງມາລາ'], ['Sengsouvanh', 'ແສງສຸວັນ'], ['Phetsavong', 'ເພັດສະວົງ'],
  ['Thammavong', 'ທຳມະວົງ'], ['Vilaysack', 'ວິໄລສັກ'], ['Khounthavong', 'ຂຸນທະວົງ'], ['Sengdara', 'ແສງດາຣາ'],
  ['Luangrath', 'ຫຼວງລາດ'], ['Phimmasone', 'ພິມມະສອນ'], ['Keophila', 'ແກ້ວພິລາ'], ['Xayasane', 'ໄຊຍະແສນ'],
];

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
  const surname = rng.pick(LAO_SURNAMES);
  const g = latinOf([given]);
  const f = latinOf([surname]);
  const variant = { givenNames: laoRespelling(g), familyName: laoRespelling(f) };
  const changed = variant.givenNames !== g || variant.familyName !== f;
  return draft(f, g, rng.chance(0.8) ? nativeOf([given, surname]) : null, [], changed ? variant : null);
};
