/**
 * Thai names: given name then surname (สมชาย ใจดี, Somchai Jaidee). Everyone
 * has a short nickname used in daily life; romanisation varies between
 * documents and people (Somchai / Somchay, Jaidee / Chaidee).
 */
import type { Rng } from '../random';
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
    ['Anucha', 'อนุชา', 'Anuchar'], ['Chaiyaphon', 'ชัยพล', 'Chaiyapol'], ['Ekkachai', 'เอกชัย', 'Ekachai'],
    ['Kriangsak', 'เกรียงศักดิ์', 'Kriengsak'], ['Manop', 'มานพ', 'Manob'], ['Pairoj', 'ไพโรจน์', 'Phairot'],
    ['Prasit', 'ประสิทธิ์', 'Prasith'], ['Sakda', 'ศักดา', 'Sakdar'], ['Samart', 'สามารถ', 'Samat'], ['Sanan', 'สนั่น', 'Sanun'],
    ['Sarawut', 'ศราวุธ', 'Sarawoot'], ['Seksan', 'เสกสรร', 'Seksun'], ['Thawatchai', 'ธวัชชัย', 'Tawatchai'],
    ['Thanakorn', 'ธนากร', 'Tanakorn'], ['Wanchai', 'วันชัย', 'Wanchay'], ['Worawut', 'วรวุฒิ', 'Vorawut'],
    ['Yutthana', 'ยุทธนา', 'Yuttana'], ['Adisak', 'อดิศักดิ์', 'Adisuk'], ['Jakkrit', 'จักรกฤษณ์', 'Chakkrit'],
    ['Kittipong', 'กิตติพงษ์', 'Kittiphong'], ['Nopparat', 'นพรัตน์', 'Nopharat'], ['Panya', 'ปัญญา', 'Punya'],
    ['Rattapong', 'รัฐพงษ์', 'Ratthaphong'], ['Sirichai', 'ศิริชัย', 'Sirichay'], ['Somboon', 'สมบูรณ์', 'Sombun'],
    ['Thawee', 'ทวี', 'Tawee'], ['Wirat', 'วิรัตน์', 'Virat'], ['Yongyut', 'ยงยุทธ', 'Yongyuth'], ['Narong', 'ณรงค์', 'Narongk'],
    ['Udom', 'อุดม', 'Oudom'], ['Chatri', 'ชาตรี', 'Chatree'], ['Banchong', 'บรรจง', 'Banjong'],
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
    ['Achara', 'อัจฉรา', 'Atchara'], ['Busaba', 'บุษบา', 'Butsaba'], ['Daranee', 'ดารณี', 'Darani'],
    ['Jiraporn', 'จิราพร', 'Chiraphon'], ['Kanya', 'กัญญา', 'Kunya'], ['Lamai', 'ละไม', 'Lamay'], ['Mayuree', 'มยุรี', 'Mayuri'],
    ['Naree', 'นารี', 'Nari'], ['Onanong', 'อรอนงค์', 'Ornanong'], ['Panida', 'พนิดา', 'Phanida'], ['Patcharee', 'พัชรี', 'Phatcharee'],
    ['Ratchanee', 'รัชนี', 'Rachani'], ['Saowanee', 'เสาวนีย์', 'Saowani'], ['Sudarat', 'สุดารัตน์', 'Sudarath'],
    ['Supattra', 'สุภัทรา', 'Suphattra'], ['Tassanee', 'ทัศนีย์', 'Thatsanee'], ['Urai', 'อุไร', 'Uray'],
    ['Wipawee', 'วิภาวี', 'Vipawee'], ['Yupin', 'ยุพิน', 'Yuphin'], ['Benjawan', 'เบญจวรรณ', 'Benchawan'],
    ['Kamonwan', 'กมลวรรณ', 'Kamolwan'], ['Napaporn', 'นภาพร', 'Naphaphon'], ['Orawan', 'อรวรรณ', 'Orawun'],
    ['Pornpimol', 'พรพิมล', 'Phonphimon'], ['Thanyarat', 'ธันยรัตน์', 'Tanyarat'], ['Wanpen', 'วันเพ็ญ', 'Wanphen'],
    ['Chanida', 'ชนิดา', 'Chanidar'], ['Anong', 'อนงค์', 'Anongk'], ['Sukanya', 'สุกัญญา', 'Sukunya'], ['Prapai', 'ประไพ', 'Praphai'],
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

/**
 * Surnames are many in Thailand (each family registered its own), most of
 * them two words of good omen joined (ศรี + สุข, แก้ว + ประเสริฐ). Built here
 * from such parts: [romanisation, Thai script, another romanisation].
 */
const SURNAME_HEADS: readonly ThaiPart[] = [
  ['Sri', 'ศรี', 'Si'], ['Wong', 'วงศ์', 'Vong'], ['Kaew', 'แก้ว', 'Kaeo'], ['Thong', 'ทอง', 'Tong'], ['Suk', 'สุข', 'Sook'],
  ['Chai', 'ชัย', 'Chay'], ['Rattana', 'รัตน', 'Ratana'], ['Boon', 'บุญ', 'Bun'], ['Saeng', 'แสง', 'Sang'], ['Phrom', 'พรหม', 'Prom'],
  ['Siri', 'ศิริ', 'Sirri'], ['Nak', 'นาค', 'Nark'], ['Chan', 'จันทร์', 'Jan'], ['In', 'อินทร์', 'Inn'], ['Phet', 'เพชร', 'Pet'],
  ['Thamma', 'ธรรม', 'Tamma'], ['Suwan', 'สุวรรณ', 'Suvan'], ['Kong', 'คง', 'Khong'], ['Yot', 'ยอด', 'Yod'], ['Mee', 'มี', 'Mi'],
  ['Phong', 'พงษ์', 'Pong'], ['Nil', 'นิล', 'Nin'], ['Rung', 'รุ่ง', 'Roong'], ['Charoen', 'เจริญ', 'Jaroen'], ['Kiat', 'เกียรติ', 'Kiad'],
  ['Ngam', 'งาม', 'Ngarm'], ['Sombat', 'สมบัติ', 'Sombut'], ['Mongkol', 'มงคล', 'Mongkon'], ['Thep', 'เทพ', 'Tep'], ['Wiset', 'วิเศษ', 'Viset'],
  ['Chok', 'โชค', 'Chock'], ['Loet', 'เลิศ', 'Lert'], ['Sathit', 'สถิตย์', 'Satit'], ['Buan', 'บัว', 'Bua'], ['Khiao', 'เขียว', 'Kiew'],
];
const SURNAME_TAILS: readonly ThaiPart[] = [
  ['dee', 'ดี', 'di'], ['suk', 'สุข', 'sook'], ['sawat', 'สวัสดิ์', 'sawad'], ['kul', 'กุล', 'kun'], ['wong', 'วงศ์', 'vong'],
  ['thong', 'ทอง', 'tong'], ['sri', 'ศรี', 'si'], ['prasert', 'ประเสริฐ', 'prasoet'], ['chai', 'ชัย', 'chay'], ['rat', 'รัตน์', 'rath'],
  ['phan', 'พันธ์', 'pan'], ['wat', 'วัฒน์', 'wath'], ['mongkol', 'มงคล', 'mongkon'], ['charoen', 'เจริญ', 'jaroen'], ['sakul', 'สกุล', 'sakun'],
  ['pradit', 'ประดิษฐ์', 'pradith'], ['phon', 'พล', 'pol'], ['kaew', 'แก้ว', 'kaeo'], ['ngam', 'งาม', 'ngarm'], ['rak', 'รักษ์', 'ruk'],
  ['saen', 'แสน', 'san'], ['porn', 'พร', 'phon'], ['thip', 'ทิพย์', 'tip'], ['yot', 'ยศ', 'yod'], ['sombat', 'สมบัติ', 'sombut'],
  ['kiat', 'เกียรติ', 'kiad'], ['chot', 'โชติ', 'choti'], ['mee', 'มี', 'mi'], ['boon', 'บุญ', 'bun'], ['siri', 'ศิริ', 'sirri'],
  ['sit', 'สิทธิ์', 'sith'], ['wan', 'วรรณ', 'van'], ['det', 'เดช', 'dech'], ['rit', 'ฤทธิ์', 'rith'], ['wiset', 'วิเศษ', 'viset'],
];

/** A surname: now and then one of the common ones above, mostly a joined one; its other romanisation respells one part. */
function thaiSurname(rng: Rng): ThaiPart {
  if (rng.chance(0.25)) return rng.pick(THAI_SURNAMES);
  const head = rng.pick(SURNAME_HEADS);
  let tail = rng.pick(SURNAME_TAILS);
  while (tail[0] === head[0].toLowerCase()) tail = rng.pick(SURNAME_TAILS);
  const variant = rng.chance(0.5) ? `${head[2]}${tail[0]}` : `${head[0]}${tail[2]}`;
  return [`${head[0]}${tail[0]}`, `${head[1]}${tail[1]}`, variant];
}

/** Nicknames (chue len), in the Latin form people use on chat apps, or in Thai. */
const NICKNAMES: { male: readonly (readonly [string, string])[]; female: readonly (readonly [string, string])[] } = {
  male: [['Lek', 'เล็ก'], ['Ton', 'ต้น'], ['Bank', 'แบงก์'], ['Golf', 'กอล์ฟ'], ['Beer', 'เบียร์'], ['Boy', 'บอย'], ['Ball', 'บอล'], ['Tee', 'ตี๋'], ['Nut', 'นัท'], ['Oat', 'โอ๊ต'], ['Game', 'เกม'], ['Arm', 'อาร์ม']],
  female: [['Noi', 'น้อย'], ['Nok', 'นก'], ['Pim', 'พิม'], ['Fon', 'ฝน'], ['Mint', 'มิ้นท์'], ['Ploy', 'พลอย'], ['Aom', 'ออม'], ['Jeab', 'เจี๊ยบ'], ['Gift', 'กิ๊ฟ'], ['Pla', 'ปลา'], ['Dao', 'ดาว'], ['Lek', 'เล็ก']],
};

export const buildThaiName: NameBuilder = (rng, sex) => {
  const given = rng.pickSkewed(THAI_GIVEN_NAMES[sex], 1.3);
  const surname = thaiSurname(rng);
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
