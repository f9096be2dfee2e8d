/**
 * Vietnamese names: family name, middle name, given name (Nguyễn Văn An).
 * Recorded with their diacritics; passports drop them (NGUYEN VAN AN), which
 * the duplicate planter uses.
 */
import type { NameBuilder, SexedPool } from './types';
import { draft, maybeWorkName } from './types';

/** Ordered by frequency: Nguyễn alone is about a third of the population. */
export const VIETNAMESE_FAMILY_NAMES: readonly string[] = [
  'Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô',
  'Dương', 'Lý', 'Đinh', 'Trương', 'Lâm', 'Mai', 'Cao', 'Tô', 'Hà', 'Đào', 'Lương', 'Trịnh', 'Kiều', 'Đoàn',
  'Vương', 'Tạ', 'Châu', 'Quách', 'Thái', 'Lưu',
];

const MIDDLE: SexedPool = {
  male: [['Văn'], ['Văn'], ['Văn'], ['Đức'], ['Hữu'], ['Minh'], ['Quang'], ['Công'], ['Thành'], ['Xuân'], ['Trọng'], ['Quốc'], ['Gia']],
  female: [['Thị'], ['Thị'], ['Thị'], ['Ngọc'], ['Thu'], ['Thanh'], ['Kim'], ['Mỹ'], ['Phương'], ['Bảo'], ['Khánh']],
};

export const VIETNAMESE_GIVEN_NAMES: SexedPool = {
  male: [
    'An', 'Anh', 'Bình', 'Cường', 'Dũng', 'Hải', 'Hùng', 'Huy', 'Khoa', 'Long', 'Nam', 'Phong', 'Quân', 'Sơn',
    'Thắng', 'Tuấn', 'Việt', 'Hiếu', 'Trung', 'Đạt', 'Tài', 'Lộc', 'Phúc', 'Khánh', 'Tùng', 'Hoàng', 'Duy',
    'Kiên', 'Thịnh', 'Toàn', 'Vinh', 'Quý', 'Nghĩa', 'Lâm', 'Thanh', 'Hưng', 'Tiến', 'Bảo',
  ].map((n) => [n] as const),
  female: [
    'Hoa', 'Hương', 'Lan', 'Linh', 'Mai', 'Nga', 'Nhung', 'Phương', 'Thảo', 'Trang', 'Tuyết', 'Yến', 'Hạnh',
    'Hằng', 'Hiền', 'Huyền', 'Loan', 'Oanh', 'Quyên', 'Vy', 'Thủy', 'Dung', 'Diệp', 'Giang', 'Hà', 'Châu',
    'Liên', 'Ánh', 'Trâm', 'Ngân', 'Nhi', 'Tâm', 'Xuân', 'Uyên', 'My', 'Thư',
  ].map((n) => [n] as const),
};

/** Household nicknames (birth-order and pet names), used among co-workers. */
const NICKNAMES = ['Tí', 'Tèo', 'Bé', 'Út', 'Tý', 'Bi', 'Cún', 'Mít', 'Su', 'Bống'];

export const buildVietnameseName: NameBuilder = (rng, sex) => {
  const family = rng.pickSkewed(VIETNAMESE_FAMILY_NAMES, 3);
  const middle = rng.pick(MIDDLE[sex])[0];
  const given = rng.pick(VIETNAMESE_GIVEN_NAMES[sex])[0];
  const givenNames = `${middle} ${given}`;
  const aliases = rng.chance(0.1) ? [rng.pick(NICKNAMES)] : maybeWorkName(rng, sex, 0.06);
  return draft(family, givenNames, `${family} ${givenNames}`, aliases);
};
