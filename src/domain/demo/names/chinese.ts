/**
 * Chinese names: family name first (usually one character), given name of one
 * or two characters. Passports write the pinyin in capitals (ZHANG WEI); lists
 * from the Chinese side often carry the characters (张伟). Pinyin here is as a
 * passport writes it (ü as YU: 吕 → LYU), one reading per character.
 */
import type { Rng } from '../random';
import type { BinarySex, NameBuilder, Part, SexedPool } from './types';
import { draft, maybeWorkName } from './types';

/** Ordered roughly by how common they are. */
export const CHINESE_FAMILY_NAMES: readonly Part[] = [
  ['Wang', '王'], ['Li', '李'], ['Zhang', '张'], ['Liu', '刘'], ['Chen', '陈'], ['Yang', '杨'], ['Huang', '黄'],
  ['Zhao', '赵'], ['Wu', '吴'], ['Zhou', '周'], ['Xu', '徐'], ['Sun', '孙'], ['Ma', '马'], ['Zhu', '朱'],
  ['Hu', '胡'], ['Guo', '郭'], ['He', '何'], ['Lin', '林'], ['Gao', '高'], ['Luo', '罗'], ['Zheng', '郑'],
  ['Liang', '梁'], ['Xie', '谢'], ['Song', '宋'], ['Tang', '唐'], ['Xu', '许'], ['Han', '韩'], ['Feng', '冯'],
  ['Deng', '邓'], ['Cao', '曹'], ['Peng', '彭'], ['Zeng', '曾'], ['Xiao', '肖'], ['Tian', '田'], ['Dong', '董'],
  ['Yuan', '袁'], ['Pan', '潘'], ['Yu', '于'], ['Jiang', '蒋'], ['Cai', '蔡'], ['Yu', '余'], ['Du', '杜'],
  ['Ye', '叶'], ['Cheng', '程'], ['Su', '苏'], ['Wei', '魏'], ['Lyu', '吕'], ['Ding', '丁'], ['Ren', '任'],
  ['Shen', '沈'], ['Yao', '姚'], ['Lu', '卢'], ['Jiang', '姜'], ['Cui', '崔'], ['Zhong', '钟'], ['Tan', '谭'],
  ['Lu', '陆'], ['Wang', '汪'], ['Fan', '范'], ['Jin', '金'], ['Shi', '石'], ['Liao', '廖'], ['Jia', '贾'],
  ['Xia', '夏'], ['Wei', '韦'], ['Fu', '付'], ['Fang', '方'], ['Bai', '白'], ['Zou', '邹'], ['Meng', '孟'],
  ['Xiong', '熊'], ['Qin', '秦'], ['Qiu', '邱'], ['Jiang', '江'], ['Yin', '尹'], ['Xue', '薛'], ['Yan', '闫'],
  ['Duan', '段'], ['Lei', '雷'], ['Hou', '侯'], ['Long', '龙'], ['Shi', '史'], ['Tao', '陶'], ['Li', '黎'],
  ['He', '贺'], ['Gu', '顾'], ['Mao', '毛'], ['Hao', '郝'], ['Gong', '龚'], ['Shao', '邵'], ['Wan', '万'],
  ['Qian', '钱'], ['Yan', '严'], ['Wu', '武'], ['Dai', '戴'], ['Mo', '莫'], ['Kong', '孔'], ['Xiang', '向'],
  ['Tang', '汤'], ['Ouyang', '欧阳'], ['Situ', '司徒'],
];

/**
 * Characters of given names, ordered roughly by how often they are used, with
 * the one reading each has in a name. A given name is one or two of them:
 * there are thousands of given names in use, so two people with the same full
 * name are rare except for the commonest (张伟, 王芳), as in life.
 */
export const CHINESE_GIVEN_CHARACTERS: SexedPool = {
  male: [
    ['Wei', '伟'], ['Jun', '军'], ['Qiang', '强'], ['Ming', '明'], ['Jie', '杰'], ['Tao', '涛'], ['Lei', '磊'], ['Yong', '勇'],
    ['Hui', '辉'], ['Jian', '建'], ['Hua', '华'], ['Guo', '国'], ['Zhi', '志'], ['Hai', '海'], ['Xiao', '晓'], ['Long', '龙'],
    ['Peng', '鹏'], ['Hao', '浩'], ['Yu', '宇'], ['Xin', '鑫'], ['Bin', '斌'], ['Bo', '波'], ['Feng', '峰'], ['Kai', '凯'],
    ['Liang', '亮'], ['Fei', '飞'], ['Gang', '刚'], ['Ping', '平'], ['Chao', '超'], ['Yang', '洋'], ['Jia', '家'], ['Hao', '豪'],
    ['Wen', '文'], ['Tian', '天'], ['Zi', '子'], ['Dong', '东'], ['Ran', '然'], ['Xuan', '轩'], ['Hang', '航'], ['Zhen', '振'],
    ['Chen', '晨'], ['Yang', '阳'], ['Li', '立'], ['Xin', '新'], ['Hong', '宏'], ['Yun', '云'], ['Shuai', '帅'], ['De', '德'],
    ['Cheng', '成'], ['Lin', '林'], ['Rong', '荣'], ['Jin', '金'], ['Chun', '春'], ['Guang', '光'], ['Xue', '学'], ['Bing', '兵'],
    ['Zhong', '忠'], ['Qing', '庆'], ['An', '安'], ['Fu', '福'], ['Sheng', '生'], ['Xu', '旭'], ['Hao', '昊'], ['Rui', '睿'],
    ['Ze', '泽'], ['Ming', '铭'], ['Yi', '毅'], ['Hong', '鸿'], ['Feng', '锋'], ['Kun', '坤'], ['Bin', '彬'], ['Rui', '瑞'],
    ['Jia', '嘉'], ['Cheng', '诚'], ['Si', '思'], ['Wei', '卫'], ['Sheng', '胜'], ['Xiang', '祥'], ['Gui', '贵'], ['Shan', '山'],
    ['Quan', '泉'], ['Song', '松'], ['Yan', '岩'], ['Kang', '康'], ['Jing', '景'], ['Heng', '恒'], ['Wu', '武'], ['Bao', '宝'],
    ['Jun', '俊'], ['Yao', '耀'], ['Zhe', '哲'], ['Kai', '楷'], ['Yi', '翼'], ['Fan', '凡'], ['Chuan', '川'], ['Sen', '森'],
  ],
  female: [
    ['Fang', '芳'], ['Li', '丽'], ['Na', '娜'], ['Min', '敏'], ['Jing', '静'], ['Yan', '艳'], ['Juan', '娟'], ['Xia', '霞'],
    ['Ting', '婷'], ['Xue', '雪'], ['Lin', '琳'], ['Dan', '丹'], ['Ping', '萍'], ['Yan', '燕'], ['Ling', '玲'], ['Ying', '颖'],
    ['Xiu', '秀'], ['Ying', '英'], ['Gui', '桂'], ['Yu', '玉'], ['Lan', '兰'], ['Mei', '梅'], ['Hong', '红'], ['Xin', '欣'],
    ['Yi', '怡'], ['Zi', '梓'], ['Han', '涵'], ['Si', '思'], ['Yu', '雨'], ['Jia', '佳'], ['Chun', '春'], ['Xuan', '萱'],
    ['Shi', '诗'], ['Meng', '梦'], ['Qi', '琪'], ['Jia', '嘉'], ['Feng', '凤'], ['Xiao', '晓'], ['Mei', '美'], ['Hui', '慧'],
    ['Ya', '雅'], ['Shu', '淑'], ['Zhen', '珍'], ['Qiao', '巧'], ['Qian', '倩'], ['Jie', '洁'], ['Li', '莉'], ['Lei', '蕾'],
    ['Lu', '璐'], ['Yao', '瑶'], ['Wan', '婉'], ['Jing', '晶'], ['Huan', '欢'], ['Yue', '悦'], ['Yue', '月'], ['Qing', '清'],
    ['Fei', '菲'], ['Wei', '薇'], ['Tong', '彤'], ['Ning', '宁'], ['Yan', '妍'], ['Rong', '蓉'], ['Fen', '芬'], ['Ai', '爱'],
    ['Qing', '青'], ['Qin', '琴'], ['Yun', '云'], ['Hua', '华'], ['Ying', '莹'], ['Jing', '婧'], ['Xin', '馨'], ['Xin', '心'],
    ['Man', '曼'], ['Lian', '莲'], ['Xiang', '香'], ['Cui', '翠'], ['Yun', '芸'], ['Shan', '珊'], ['Lu', '露'], ['Jun', '君'],
    ['Ru', '如'], ['Bei', '贝'], ['Ni', '妮'], ['Xi', '曦'], ['Yan', '岩'], ['Wen', '雯'], ['Zhu', '珠'], ['Ju', '菊'],
  ],
};

/** A given name: one character (a fifth of people) or two, the commoner characters more often. */
function givenName(rng: Rng, sex: BinarySex): Part {
  const pool = CHINESE_GIVEN_CHARACTERS[sex];
  const first = rng.pickSkewed(pool, 1.6);
  if (rng.chance(0.2)) return first;
  let second = rng.pickSkewed(pool, 1.4);
  while (second[1] === first[1]) second = rng.pickSkewed(pool, 1.4);
  return [`${first[0]}${second[0].toLowerCase()}`, `${first[1]}${second[1]}`];
}

export const buildChineseName: NameBuilder = (rng, sex) => {
  const family = rng.pickSkewed(CHINESE_FAMILY_NAMES, 2);
  const given = givenName(rng, sex);
  // Lists copied from passports are in capitals; hand-written intake is mixed case.
  const upper = rng.chance(0.55);
  const f = upper ? family[0].toUpperCase() : family[0];
  const g = upper ? given[0].toUpperCase() : given[0];
  const native = rng.chance(0.88) ? `${family[1]}${given[1]}` : null;
  return draft(f, g, native, maybeWorkName(rng, sex, 0.12));
};
