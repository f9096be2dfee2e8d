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

/** Middle names: Văn and Thị for many, and a wide choice besides, more so among the young. */
const MIDDLE: SexedPool = {
  male: [
    'Văn', 'Văn', 'Văn', 'Văn', 'Đức', 'Hữu', 'Minh', 'Quang', 'Công', 'Thành', 'Xuân', 'Trọng', 'Quốc', 'Gia', 'Hoàng', 'Anh',
    'Đình', 'Mạnh', 'Tiến', 'Ngọc', 'Bá', 'Duy', 'Khắc', 'Như', 'Thanh', 'Việt', 'Tuấn', 'Nhật', 'Hải', 'Bảo', 'Đăng', 'Phúc',
  ].map((n) => [n] as const),
  female: [
    'Thị', 'Thị', 'Thị', 'Thị', 'Ngọc', 'Thu', 'Thanh', 'Kim', 'Mỹ', 'Phương', 'Bảo', 'Khánh', 'Hồng', 'Thùy', 'Minh', 'Diệu',
    'Hải', 'Mai', 'Quỳnh', 'Bích', 'Cẩm', 'Tuyết', 'Hoài', 'Lan', 'Thảo', 'Ánh', 'Huyền', 'Yến', 'Như', 'Hà', 'Tường', 'Xuân',
  ].map((n) => [n] as const),
};

export const VIETNAMESE_GIVEN_NAMES: SexedPool = {
  male: [
    'An', 'Anh', 'Bình', 'Cường', 'Dũng', 'Hải', 'Hùng', 'Huy', 'Khoa', 'Long', 'Nam', 'Phong', 'Quân', 'Sơn', 'Thắng', 'Tuấn',
    'Việt', 'Hiếu', 'Trung', 'Đạt', 'Tài', 'Lộc', 'Phúc', 'Khánh', 'Tùng', 'Hoàng', 'Duy', 'Kiên', 'Thịnh', 'Toàn', 'Vinh', 'Quý',
    'Nghĩa', 'Lâm', 'Thanh', 'Hưng', 'Tiến', 'Bảo', 'Công', 'Chiến', 'Cảnh', 'Danh', 'Đông', 'Đức', 'Giang', 'Hào', 'Hậu', 'Hiệp',
    'Hòa', 'Học', 'Khải', 'Khang', 'Khôi', 'Lực', 'Luân', 'Mạnh', 'Minh', 'Nhân', 'Ninh', 'Phát', 'Phước', 'Quang', 'Quyết', 'Sang',
    'Tâm', 'Tân', 'Thái', 'Thành', 'Thiện', 'Thọ', 'Thông', 'Tín', 'Trí', 'Trọng', 'Trường', 'Tú', 'Tuệ', 'Vĩnh', 'Vũ',
    'Vương', 'Xuân', 'Yên', 'Đăng', 'Định', 'Điền', 'Hiển', 'Hoan', 'Lượng', 'Nguyên', 'Pháp', 'Sĩ', 'Thuận', 'Triều', 'Tuyên', 'Uy',
  ].map((n) => [n] as const),
  female: [
    'Hoa', 'Hương', 'Lan', 'Linh', 'Mai', 'Nga', 'Nhung', 'Phương', 'Thảo', 'Trang', 'Tuyết', 'Yến', 'Hạnh', 'Hằng', 'Hiền', 'Huyền',
    'Loan', 'Oanh', 'Quyên', 'Vy', 'Thủy', 'Dung', 'Diệp', 'Giang', 'Hà', 'Châu', 'Liên', 'Ánh', 'Trâm', 'Ngân', 'Nhi', 'Tâm',
    'Xuân', 'Uyên', 'My', 'Thư', 'Anh', 'Bích', 'Chi', 'Cúc', 'Diễm', 'Dịu', 'Đào', 'Gấm', 'Hải', 'Hậu', 'Hồng', 'Hợp',
    'Khuê', 'Kiều', 'Lệ', 'Liễu', 'Lụa', 'Ly', 'Mận', 'Minh', 'Mơ', 'Na', 'Nguyệt', 'Nhàn', 'Như', 'Nương', 'Phượng',
    'Quế', 'Quỳnh', 'Sen', 'Tâm', 'Thắm', 'Thanh', 'Thơ', 'Thoa', 'Thu', 'Thúy', 'Tiên', 'Trinh', 'Tú', 'Vân', 'Vi', 'Xoan',
    'Yên', 'Hiên', 'Lam', 'Lành', 'Ngọc', 'Nhạn', 'Phúc', 'Sương', 'Thương', 'Trúc', 'Tuyền', 'Duyên', 'Hòa', 'Khanh', 'Mỹ',
  ].map((n) => [n] as const),
};

/** Household nicknames (birth-order and pet names), used among co-workers. */
const NICKNAMES = ['Tí', 'Tèo', 'Bé', 'Út', 'Tý', 'Bi', 'Cún', 'Mít', 'Su', 'Bống'];

export const buildVietnameseName: NameBuilder = (rng, sex) => {
  const family = rng.pickSkewed(VIETNAMESE_FAMILY_NAMES, 3);
  const middle = rng.pick(MIDDLE[sex])[0];
  const pool = VIETNAMESE_GIVEN_NAMES[sex];
  const given = rng.pickSkewed(pool, 1.5)[0];
  // Some have two given syllables after the middle name (Nguyễn Thị Thu Hà).
  const second = rng.chance(0.12) ? rng.pick(pool)[0] : null;
  const givenNames = second && second !== given && second !== middle ? `${middle} ${second} ${given}` : `${middle} ${given}`;
  const aliases = rng.chance(0.1) ? [rng.pick(NICKNAMES)] : maybeWorkName(rng, sex, 0.06);
  return draft(family, givenNames, `${family} ${givenNames}`, aliases);
};
