/**
 * Khmer names: family name first, then given name (សុខ ដារ៉ា, Sok Dara).
 */
import type { NameBuilder, Part, SexedPool } from './types';
import { draft, nativeOf } from './types';

export const KHMER_FAMILY_NAMES: readonly Part[] = [
  ['Sok', 'សុខ'], ['Chan', 'ចាន់'], ['Kim', 'គីម'], ['Heng', 'ហេង'], ['Chea', 'ជា'], ['Keo', 'កែវ'],
  ['Lim', 'លឹម'], ['Ly', 'លី'], ['Meas', 'មាស'], ['Pich', 'ពេជ្រ'], ['Prak', 'ប្រាក់'], ['Seng', 'សេង'],
  ['Sim', 'ស៊ឹម'], ['Touch', 'ទូច'], ['Vann', 'វណ្ណ'], ['Nhem', 'ញឹម'], ['Long', 'ឡុង'], ['Mao', 'ម៉ៅ'],
  ['Yim', 'យឹម'], ['Khieu', 'ខៀវ'], ['Ouk', 'អ៊ុក'], ['Chhim', 'ឈឹម'], ['Tep', 'ទេព'], ['Ros', 'រស់'],
  ['Nuon', 'នួន'], ['Em', 'អ៊ឹម'], ['Phan', 'ផាន'], ['Sam', 'សំ'],
];

export const KHMER_GIVEN_NAMES: SexedPool = {
  male: [
    ['Dara', 'ដារ៉ា'], ['Sophal', 'សុផល'], ['Vichea', 'វិជ្ជា'], ['Rithy', 'រិទ្ធី'], ['Sokha', 'សុខា'],
    ['Visal', 'វិសាល'], ['Bunthoeun', 'ប៊ុនធឿន'], ['Samnang', 'សំណាង'], ['Piseth', 'ពិសិដ្ឋ'], ['Vannak', 'វណ្ណៈ'],
    ['Chanthou', 'ចាន់ធូ'], ['Sovann', 'សុវណ្ណ'], ['Kosal', 'កុសល'], ['Ratha', 'រដ្ឋា'], ['Veasna', 'វាសនា'],
    ['Pheakdey', 'ភក្តី'], ['Sopheak', 'សុភ័ក្រ'], ['Makara', 'មករា'], ['Chamroeun', 'ចំរើន'], ['Sothy', 'សុធី'],
    ['Bora', 'បូរ៉ា'], ['Chanthy', 'ចាន់ធី'], ['Dararith', 'ដារារិទ្ធ'], ['Kimsan', 'គឹមសាន'], ['Mony', 'មុន្នី'], ['Narith', 'ណារិទ្ធ'],
    ['Phalla', 'ផល្លា'], ['Samady', 'សាម៉ាឌី'], ['Seyha', 'សីហា'], ['Sophy', 'សុភី'], ['Sovannara', 'សុវណ្ណារ៉ា'], ['Thearith', 'ធារិទ្ធ'],
    ['Vuthy', 'វុទ្ធី'], ['Chhay', 'ឆាយ'], ['Phearum', 'ភារម្យ'], ['Sambath', 'សម្បត្តិ'], ['Visoth', 'វិសុទ្ធ'], ['Rathana', 'រតនា'],
  ],
  female: [
    ['Sreymom', 'ស្រីមុំ'], ['Sophea', 'សោភា'], ['Chenda', 'ចិន្តា'], ['Bopha', 'បុប្ផា'], ['Kanha', 'កញ្ញា'],
    ['Sreyneang', 'ស្រីនាង'], ['Dalin', 'ដាលីន'], ['Channary', 'ចាន់ណារី'], ['Sokunthea', 'សុគន្ធា'],
    ['Thida', 'ធីតា'], ['Pisey', 'ពិសី'], ['Raksmey', 'រស្មី'], ['Sreypov', 'ស្រីពៅ'], ['Leakhena', 'លក្ខិណា'],
    ['Sothea', 'សុធា'], ['Sokhom', 'សុខុម'], ['Vanna', 'វណ្ណា'], ['Malis', 'ម្លិះ'], ['Chantrea', 'ចន្ទ្រា'], ['Davy', 'ដាវី'],
    ['Kalyan', 'កល្យាណ'], ['Kolab', 'កុលាប'], ['Lina', 'លីណា'], ['Monika', 'មុនីកា'], ['Navy', 'ណាវី'], ['Nary', 'ណារី'],
    ['Phally', 'ផល្លី'], ['Sokunthy', 'សុគន្ធី'], ['Sreyroth', 'ស្រីរ័ត្ន'], ['Thavy', 'ថាវី'], ['Theary', 'ធារី'], ['Vicheka', 'វិច្ឆិកា'],
    ['Kunthea', 'គន្ធា'], ['Sopheap', 'សុភាព'], ['Rachana', 'រចនា'], ['Channy', 'ចាន់នី'],
  ],
};

export const buildKhmerName: NameBuilder = (rng, sex) => {
  const family = rng.pick(KHMER_FAMILY_NAMES);
  const given = rng.pick(KHMER_GIVEN_NAMES[sex]);
  return draft(family[0], given[0], rng.chance(0.8) ? nativeOf([family, given]) : null);
};
