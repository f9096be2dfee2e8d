/**
 * Thai names: given name then surname (สมชาย ใจดี, Somchai Jaidee). Everyone
 * has a short nickname used in daily life; romanisation varies between
 * documents and people (Somchai / Somchay, Jaidee / Chaidee).
 */
import type { NameBuilder } from './types';
import { draft } from './types';

/** [common romanisation, Thai script, another romanisation seen on documents] */
type ThaiPart = readonly [latin: string, thai: string, variant: string];

export const THAI_GIVEN_NAMES: { male: readonly ThaiPart[]; female: readonly ThaiPart[] } = {
  male: [
    ['Somchai', 'สมชาย', 'Somchay'], ['Somsak', 'สมศักดิ์', 'Somsack'], ['Sombat', 'สมบัติ', 'Sombut'],
    ['Somporn', 'สมพร', 'Somphon'], ['Prasert', 'ประเสริฐ', 'Prasoet'], ['Suchart', 'สุชาติ', 'Suchat'],
    ['Wichai', 'วิชัย', 'Vichai'], ['Anan', 'อนันต์', 'Anant'], ['Niran', 'นิรันดร์', 'Nirun'],
    ['Kittisak', 'กิตติศักดิ์', 'Kittisuk'], ['Thanawat', 'ธนวัฒน์', 'Tanawat'], ['Chaiwat', 'ชัยวัฒน์', 'Chaiwath'],
    ['Wirot', 'วิโรจน์', 'Viroj'], ['Pichit', 'พิชิต', 'Phichit'], ['Supachai', 'ศุภชัย', 'Suppachai'],
    ['Apichat', 'อภิชาติ', 'Apichart'], ['Nattapong', 'ณัฐพงศ์', 'Natthaphong'], ['Teerapat', 'ธีรภัทร', 'Thiraphat'],
    ['Sakchai', 'ศักดิ์ชัย', 'Sakchay'], ['Weerapong', 'วีระพงษ์', 'Wiraphong'], ['Boonmee', 'บุญมี', 'Bunmi'],
    ['Chatchai', 'ฉัตรชัย', 'Chatchay'], ['Surachai', 'สุรชัย', 'Surachay'], ['Wuttichai', 'วุฒิชัย', 'Wutthichai'],
    ['Phongsak', 'พงศ์ศักดิ์', 'Pongsak'], ['Thongchai', 'ธงชัย', 'Tongchai'], ['Jirawat', 'จิรวัฒน์', 'Chirawat'],
  ],
  female: [
    ['Somsri', 'สมศรี', 'Somsee'], ['Malee', 'มาลี', 'Mali'], ['Siriporn', 'ศิริพร', 'Siriphon'],
    ['Sunisa', 'สุนิสา', 'Sunissa'], ['Kanokwan', 'กนกวรรณ', 'Kanokwun'], ['Pranee', 'ปราณี', 'Prani'],
    ['Wanida', 'วนิดา', 'Vanida'], ['Rattana', 'รัตนา', 'Ratana'], ['Nittaya', 'นิตยา', 'Nitaya'],
    ['Jintana', 'จินตนา', 'Chintana'], ['Pimchanok', 'พิมพ์ชนก', 'Phimchanok'], ['Supaporn', 'สุภาพร', 'Suphaphon'],
    ['Duangjai', 'ดวงใจ', 'Duangchai'], ['Orathai', 'อรทัย', 'Orathay'], ['Kularb', 'กุหลาบ', 'Kulap'],
    ['Wilaiwan', 'วิไลวรรณ', 'Vilaiwan'], ['Thida', 'ธิดา', 'Tida'], ['Chutima', 'ชุติมา', 'Chuthima'],
    ['Kannika', 'กรรณิการ์', 'Kannikar'], ['Pornthip', 'พรทิพย์', 'Phonthip'], ['Sasithorn', 'ศศิธร', 'Sasitorn'],
    ['Waraporn', 'วราภรณ์', 'Waraphon'], ['Arunee', 'อรุณี', 'Aruni'], ['Nongluck', 'นงลักษณ์', 'Nongluk'],
  ],
};

export const THAI_SURNAMES: readonly ThaiPart[] = [
  ['Jaidee', 'ใจดี', 'Chaidee'], ['Srisuk', 'ศรีสุข', 'Srisook'], ['Saetang', 'แซ่ตั้ง', 'Sae-tang'],
  ['Sukjai', 'สุขใจ', 'Sookjai'], ['Rattanakul', 'รัตนกุล', 'Rattanakun'], ['Wongsawat', 'วงศ์สวัสดิ์', 'Wongsawad'],
  ['Boonmee', 'บุญมี', 'Bunmee'], ['Kaewkla', 'แก้วกล้า', 'Kaeokla'], ['Phromma', 'พรหมมา', 'Promma'],
  ['Srisawat', 'ศรีสวัสดิ์', 'Srisawad'], ['Suwannarat', 'สุวรรณรัตน์', 'Suwanarat'], ['Khamsuk', 'คำสุข', 'Kamsuk'],
  ['Thongdee', 'ทองดี', 'Tongdee'], ['Saelim', 'แซ่ลิ้ม', 'Sae-lim'], ['Siriwat', 'ศิริวัฒน์', 'Siriwath'],
  ['Phothong', 'โพธิ์ทอง', 'Pothong'], ['Meesuk', 'มีสุข', 'Meesook'], ['Nakprasert', 'นาคประเสริฐ', 'Nakprasoet'],
  ['Yodying', 'ยอดยิ่ง', 'Yotying'], ['Kongkaew', 'คงแก้ว', 'Khongkaeo'], ['Buasri', 'บัวศรี', 'Buasi'],
  ['Chantarasri', 'จันทรศรี', 'Chantharasi'], ['Sangthong', 'แสงทอง', 'Saengthong'], ['Inthong', 'อินทอง', 'Intong'],
  ['Wongsa', 'วงษา', 'Vongsa'], ['Pattanapong', 'พัฒนพงษ์', 'Phatthanaphong'], ['Chaiyasit', 'ชัยสิทธิ์', 'Chaiyasith'],
  ['Sukprasert', 'สุขประเสริฐ', 'Sookprasert'], ['Thammawong', 'ธรรมวงศ์', 'Tammawong'],
  ['Kaewmanee', 'แก้วมณี', 'Kaeomani'], ['Phuangmalai', 'พวงมาลัย', 'Puangmalai'],
];

/** Nicknames (chue len), in the Latin form people use on chat apps, or in Thai. */
const NICKNAMES: { male: readonly (readonly [string, string])[]; female: readonly (readonly [string, string])[] } = {
  male: [['Lek', 'เล็ก'], ['Ton', 'ต้น'], ['Bank', 'แบงก์'], ['Golf', 'กอล์ฟ'], ['Beer', 'เบียร์'], ['Boy', 'บอย'], ['Ball', 'บอล'], ['Tee', 'ตี๋'], ['Nut', 'นัท'], ['Oat', 'โอ๊ต'], ['Game', 'เกม'], ['Arm', 'อาร์ม']],
  female: [['Noi', 'น้อย'], ['Nok', 'นก'], ['Pim', 'พิม'], ['Fon', 'ฝน'], ['Mint', 'มิ้นท์'], ['Ploy', 'พลอย'], ['Aom', 'ออม'], ['Jeab', 'เจี๊ยบ'], ['Gift', 'กิ๊ฟ'], ['Pla', 'ปลา'], ['Dao', 'ดาว'], ['Lek', 'เล็ก']],
};

export const buildThaiName: NameBuilder = (rng, sex) => {
  const given = rng.pick(THAI_GIVEN_NAMES[sex]);
  const surname = rng.pick(THAI_SURNAMES);
  const aliases: string[] = [];
  if (rng.chance(0.55)) {
    const nick = rng.pick(NICKNAMES[sex]);
    aliases.push(rng.chance(0.7) ? nick[0] : nick[1]);
  }
  // Vary one or both parts for the other romanisation.
  const changeGiven = rng.chance(0.7) || surname[2] === surname[0];
  const variant = {
    givenNames: changeGiven ? given[2] : given[0],
    familyName: !changeGiven || rng.chance(0.3) ? surname[2] : surname[0],
  };
  return draft(surname[0], given[0], `${given[1]} ${surname[1]}`, aliases, variant);
};
