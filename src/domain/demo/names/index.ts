/** Name builders by nationality (ISO 3166 alpha-2). */
import type { NameBuilder } from './types';
import { buildChineseName } from './chinese';
import { buildVietnameseName } from './vietnamese';
import { buildThaiName } from './thai';
import { buildBurmeseName } from './burmese';
import { buildLaoName } from './lao';
import { buildKhmerName } from './khmer';
import { buildFilipinoName, buildIndonesianName, buildMalayName } from './maritime';
import { buildBangladeshiName, buildIndianName, buildNepaliName, buildPakistaniName, buildSriLankanName } from './south-asian';
import { buildEritreanName, buildEthiopianName, buildKenyanName, buildNigerianName, buildUgandanName } from './african';
import { buildBrazilianName, buildKoreanName } from './others';

export type { BinarySex, NameBuilder, NameDraft, Part } from './types';

export const NAME_BUILDERS = {
  CN: buildChineseName,
  VN: buildVietnameseName,
  ID: buildIndonesianName,
  PH: buildFilipinoName,
  TH: buildThaiName,
  LA: buildLaoName,
  KH: buildKhmerName,
  MM: buildBurmeseName,
  IN: buildIndianName,
  PK: buildPakistaniName,
  NP: buildNepaliName,
  LK: buildSriLankanName,
  BD: buildBangladeshiName,
  ET: buildEthiopianName,
  ER: buildEritreanName,
  KE: buildKenyanName,
  UG: buildUgandanName,
  NG: buildNigerianName,
  BR: buildBrazilianName,
  MY: buildMalayName,
  KR: buildKoreanName,
} as const satisfies Record<string, NameBuilder>;

export type DemoNationality = keyof typeof NAME_BUILDERS;
