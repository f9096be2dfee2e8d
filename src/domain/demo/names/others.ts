/**
 * Brazilian names (given names, then the mother's and father's surnames,
 * often with "da", "dos", "de") and Korean names (family name first,
 * 김민준, Kim Min-jun).
 */
import type { NameBuilder, Part, SexedPool } from './types';
import { draft, maybeWorkName } from './types';

const p = (names: string[]) => names.map((n) => [n] as const);

const BRAZILIAN_GIVEN: SexedPool = {
  male: p([
    'João', 'Pedro', 'Lucas', 'Gabriel', 'Matheus', 'Rafael', 'Felipe', 'Gustavo', 'Bruno', 'Thiago', 'Diego',
    'Leonardo', 'Rodrigo', 'Carlos Eduardo', 'José', 'Luiz Fernando', 'Marcos', 'André', 'Vinícius', 'Caio',
    'João Pedro', 'Guilherme', 'Júlio César', 'Renan', 'Igor',
  ]),
  female: p([
    'Ana', 'Maria Eduarda', 'Juliana', 'Fernanda', 'Camila', 'Beatriz', 'Larissa', 'Amanda', 'Letícia', 'Gabriela',
    'Mariana', 'Bruna', 'Luana', 'Jéssica', 'Patrícia', 'Aline', 'Ana Clara', 'Thaís', 'Natália', 'Vitória', 'Débora',
  ]),
};
const BRAZILIAN_SURNAMES = [
  'Silva', 'Santos', 'Oliveira', 'Souza', 'Rodrigues', 'Ferreira', 'Alves', 'Pereira', 'Lima', 'Gomes', 'Costa',
  'Ribeiro', 'Martins', 'Carvalho', 'Almeida', 'Lopes', 'Soares', 'Fernandes', 'Vieira', 'Barbosa', 'Rocha', 'Dias',
  'Nascimento', 'Araújo', 'Moreira', 'Cavalcanti', 'Monteiro', 'Cardoso', 'Teixeira', 'Mendes', 'Conceição', 'Magalhães',
];
const CONNECTOR: Record<string, string> = { Silva: 'da', Santos: 'dos', Conceição: 'da', Souza: 'de', Oliveira: 'de', Nascimento: 'do' };

export const buildBrazilianName: NameBuilder = (rng, sex) => {
  const given = rng.pick(BRAZILIAN_GIVEN[sex])[0];
  const father = rng.pickSkewed(BRAZILIAN_SURNAMES, 1.6);
  let family = father;
  if (rng.chance(0.6)) {
    const mother = rng.pickSkewed(BRAZILIAN_SURNAMES, 1.6);
    if (mother !== father) family = `${mother} ${father}`;
  } else if (CONNECTOR[father] && rng.chance(0.5)) {
    family = `${CONNECTOR[father]} ${father}`;
  }
  return draft(family, given, null, maybeWorkName(rng, sex, 0.04));
};

const KOREAN_FAMILY: readonly Part[] = [
  ['Kim', '김'], ['Lee', '이'], ['Park', '박'], ['Choi', '최'], ['Jung', '정'], ['Kang', '강'], ['Cho', '조'],
  ['Yoon', '윤'], ['Jang', '장'], ['Lim', '임'], ['Han', '한'], ['Oh', '오'], ['Seo', '서'], ['Shin', '신'], ['Kwon', '권'],
];
const KOREAN_GIVEN: SexedPool = {
  male: [
    ['Min-jun', '민준'], ['Ji-hoon', '지훈'], ['Hyun-woo', '현우'], ['Jun-ho', '준호'], ['Dong-hyun', '동현'], ['Sung-min', '성민'],
    ['Tae-yang', '태양'], ['Jae-won', '재원'], ['Seung-hyun', '승현'], ['Woo-jin', '우진'],
  ],
  female: [
    ['Seo-yeon', '서연'], ['Ji-woo', '지우'], ['Su-bin', '수빈'], ['Ye-jin', '예진'], ['Eun-ji', '은지'], ['Ha-eun', '하은'],
    ['Min-seo', '민서'], ['Ji-yeon', '지연'], ['Yu-na', '유나'], ['Da-eun', '다은'],
  ],
};

export const buildKoreanName: NameBuilder = (rng, sex) => {
  const family = rng.pickSkewed(KOREAN_FAMILY, 2.2);
  const given = rng.pick(KOREAN_GIVEN[sex]);
  const upper = rng.chance(0.4);
  return draft(
    upper ? family[0].toUpperCase() : family[0],
    upper ? given[0].replace('-', '').toUpperCase() : given[0],
    rng.chance(0.8) ? `${family[1]}${given[1]}` : null,
  );
};
