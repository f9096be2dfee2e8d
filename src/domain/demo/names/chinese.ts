/**
 * Chinese names: family name first (usually one character), given name of one
 * or two characters. Passports write the pinyin in capitals (ZHANG WEI); lists
 * from the Chinese side often carry the characters (张伟). Pinyin here is as a
 * passport writes it (ü as YU: 吕 → LYU), one reading per character.
 */
import type { NameBuilder, Part, SexedPool } from './types';
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

export const CHINESE_GIVEN_NAMES: SexedPool = {
  male: [
    ['Wei', '伟'], ['Qiang', '强'], ['Lei', '磊'], ['Jun', '军'], ['Yang', '洋'], ['Yong', '勇'], ['Jie', '杰'],
    ['Tao', '涛'], ['Ming', '明'], ['Chao', '超'], ['Gang', '刚'], ['Ping', '平'], ['Hui', '辉'], ['Peng', '鹏'],
    ['Hao', '浩'], ['Yu', '宇'], ['Xin', '鑫'], ['Bin', '斌'], ['Bo', '波'], ['Feng', '峰'], ['Kai', '凯'],
    ['Liang', '亮'], ['Fei', '飞'], ['Jianhua', '建华'], ['Jianguo', '建国'], ['Zhiqiang', '志强'],
    ['Zhiyong', '志勇'], ['Haitao', '海涛'], ['Guoqiang', '国强'], ['Xiaolong', '小龙'], ['Jiahao', '家豪'],
    ['Bowen', '博文'], ['Tianyu', '天宇'], ['Zihao', '子豪'], ['Junjie', '俊杰'], ['Minghui', '明辉'],
    ['Xiaodong', '晓东'], ['Xiaoming', '晓明'], ['Haoran', '浩然'], ['Zixuan', '子轩'], ['Yuhang', '宇航'],
    ['Wenbo', '文博'], ['Jianjun', '建军'], ['Yonggang', '永刚'], ['Zhenyu', '振宇'], ['Pengfei', '鹏飞'],
    ['Chenyang', '晨阳'], ['Haibo', '海波'], ['Lixin', '立新'], ['Wenjie', '文杰'], ['Hongwei', '宏伟'],
    ['Yunpeng', '云鹏'], ['Junfeng', '俊峰'], ['Shuai', '帅'], ['Long', '龙'], ['Wenhao', '文豪'],
  ],
  female: [
    ['Fang', '芳'], ['Na', '娜'], ['Min', '敏'], ['Jing', '静'], ['Li', '丽'], ['Yan', '艳'], ['Juan', '娟'],
    ['Xia', '霞'], ['Ting', '婷'], ['Xue', '雪'], ['Lin', '琳'], ['Dan', '丹'], ['Ping', '萍'], ['Yan', '燕'],
    ['Ling', '玲'], ['Ying', '颖'], ['Xiuying', '秀英'], ['Guiying', '桂英'], ['Yulan', '玉兰'], ['Haiyan', '海燕'],
    ['Hongmei', '红梅'], ['Xinyi', '欣怡'], ['Zihan', '梓涵'], ['Siyu', '思雨'], ['Jiayi', '佳怡'],
    ['Lijuan', '丽娟'], ['Chunmei', '春梅'], ['Yuxuan', '雨萱'], ['Shihan', '诗涵'], ['Mengqi', '梦琪'],
    ['Jiaxin', '嘉欣'], ['Jinfeng', '金凤'], ['Xiulan', '秀兰'], ['Yumei', '玉梅'], ['Xiaoyan', '晓燕'],
    ['Meiling', '美玲'], ['Huimin', '慧敏'], ['Yating', '雅婷'], ['Xiaoli', '晓丽'], ['Lihua', '丽华'],
    ['Shuzhen', '淑珍'], ['Qiaoling', '巧玲'], ['Fengying', '凤英'], ['Xiaohong', '小红'], ['Wenjing', '文静'],
    ['Wanting', '婉婷'], ['Qian', '倩'], ['Jie', '洁'], ['Hui', '慧'], ['Yuting', '雨婷'],
  ],
};

export const buildChineseName: NameBuilder = (rng, sex) => {
  const family = rng.pickSkewed(CHINESE_FAMILY_NAMES, 2);
  const given = rng.pick(CHINESE_GIVEN_NAMES[sex]);
  // Lists copied from passports are in capitals; hand-written intake is mixed case.
  const upper = rng.chance(0.55);
  const f = upper ? family[0].toUpperCase() : family[0];
  const g = upper ? given[0].toUpperCase() : given[0];
  const native = rng.chance(0.88) ? `${family[1]}${given[1]}` : null;
  return draft(f, g, native, maybeWorkName(rng, sex, 0.12));
};
