/**
 * Indonesian, Filipino and Malaysian names (Latin script).
 * - Indonesian: often a single name (Sutrisno); two-part names are personal
 *   names, not a given name plus family name, except clan names (Batak, Minahasa).
 * - Filipino: given, middle (the mother's maiden name), surname.
 * - Malay: personal name with a patronym (bin / binti), no family name.
 */
import type { NameBuilder, SexedPool } from './types';
import { draft, maybeWorkName } from './types';

const p = (names: string[]) => names.map((n) => [n] as const);

const INDONESIAN: SexedPool = {
  male: p([
    'Sutrisno', 'Wahyudi', 'Slamet', 'Agus', 'Budi', 'Joko', 'Eko', 'Bambang', 'Hendra', 'Rudi', 'Ahmad', 'Muhammad',
    'Rizki', 'Dedi', 'Andi', 'Yusuf', 'Fajar', 'Arif', 'Dwi', 'Teguh', 'Hadi', 'Supriyadi', 'Suharto', 'Heru',
    'Irfan', 'Bayu', 'Dimas', 'Aditya', 'Reza', 'Ilham', 'Fauzi', 'Nur', 'Taufik', 'Gilang', 'Rahmat',
  ]),
  female: p([
    'Suharti', 'Sri', 'Dewi', 'Siti', 'Rina', 'Putri', 'Ani', 'Wati', 'Lestari', 'Yuni', 'Ratna', 'Indah', 'Fitri',
    'Nur', 'Aminah', 'Wulan', 'Dian', 'Maya', 'Ayu', 'Novi', 'Eka', 'Rahmawati', 'Sulastri', 'Kartika', 'Mega',
    'Nurhayati', 'Intan', 'Wahyuni', 'Sari', 'Anisa', 'Nabila', 'Rizka',
  ]),
};
const INDONESIAN_SECOND: SexedPool = {
  male: p(['Prasetyo', 'Hartono', 'Santoso', 'Saputra', 'Setiawan', 'Nugroho', 'Wibowo', 'Kurniawan', 'Hidayat', 'Firmansyah', 'Pratama', 'Gunawan', 'Susanto', 'Ramadhan']),
  female: p(['Wahyuni', 'Lestari', 'Rahayu', 'Handayani', 'Susanti', 'Puspita', 'Permata', 'Anggraini', 'Kusuma', 'Safitri', 'Maharani', 'Utami', 'Aminah']),
};
const INDONESIAN_CLANS = ['Simanjuntak', 'Siregar', 'Nainggolan', 'Lubis', 'Sitompul', 'Pasaribu', 'Hutapea', 'Manurung', 'Sinaga', 'Tambunan', 'Wuisan', 'Rumengan'];

export const buildIndonesianName: NameBuilder = (rng, sex) => {
  const first = rng.pick(INDONESIAN[sex])[0];
  const r = rng.next();
  if (r < 0.45) return draft(null, first, null, maybeWorkName(rng, sex, 0.05));
  if (r < 0.88) {
    let second = rng.pick(INDONESIAN_SECOND[sex])[0];
    if (second === first) second = rng.pick(INDONESIAN_SECOND[sex])[0];
    return draft(null, `${first} ${second}`, null, maybeWorkName(rng, sex, 0.05));
  }
  return draft(rng.pick(INDONESIAN_CLANS), first, null, maybeWorkName(rng, sex, 0.05));
};

const FILIPINO_GIVEN: SexedPool = {
  male: p([
    'Juan', 'Jose', 'Mark Anthony', 'John Paul', 'Christian', 'Jerome', 'Rommel', 'Rodel', 'Jayson', 'Ronaldo', 'Arnel',
    'Michael', 'Kevin', 'Carlo', 'Renato', 'Ariel', 'Noel', 'Marvin', 'Joel', 'Jericho', 'Angelo', 'Jomar', 'Raymart',
    'John Lloyd', 'Reynaldo', 'Emmanuel', 'Dexter', 'Romeo',
  ]),
  female: p([
    'Maria Cristina', 'Mary Joy', 'Rowena', 'Jennifer', 'Liza', 'Kristine', 'Angelica', 'Rosalie', 'Marites', 'Maricel',
    'Lovely', 'Princess', 'Jocelyn', 'Jonalyn', 'Aileen', 'Sheila Mae', 'Ma. Theresa', 'Rhea', 'Jasmine', 'Charmaine',
    'Jessa', 'Kimberly', 'Arlene', 'Gemma', 'Mary Grace', 'Analyn',
  ]),
};
const FILIPINO_SURNAMES = [
  'Santos', 'Reyes', 'Cruz', 'Bautista', 'Ocampo', 'Garcia', 'Mendoza', 'Torres', 'Tomas', 'Andrada', 'Castillo',
  'Flores', 'Villanueva', 'Ramos', 'Castro', 'Rivera', 'Aquino', 'Navarro', 'Salazar', 'Mercado', 'Dela Cruz',
  'De Leon', 'Del Rosario', 'Gonzales', 'Lopez', 'Aguilar', 'Pascual', 'Manalo', 'Domingo', 'Soriano', 'Macaraeg',
  'Dizon', 'Panganiban', 'Magbanua', 'Dumalagan', 'Cabrera', 'Fernandez', 'Villareal', 'Buenaventura', 'Sison',
];
const FILIPINO_NICKNAMES = { male: ['Jun', 'Bong', 'Jun-Jun', 'Tonton', 'Boyet', 'Dodong', 'Jojo', 'Ramram'], female: ['Joy', 'Tin', 'Cha', 'Lyn', 'Bing', 'Nene', 'Mae', 'Kaye'] };

export const buildFilipinoName: NameBuilder = (rng, sex) => {
  const given = rng.pick(FILIPINO_GIVEN[sex])[0];
  const surname = rng.pick(FILIPINO_SURNAMES);
  let middle = rng.pick(FILIPINO_SURNAMES);
  if (middle === surname) middle = rng.pick(FILIPINO_SURNAMES);
  const givenNames = rng.chance(0.85) && middle !== surname ? `${given} ${middle}` : given;
  const aliases = rng.chance(0.3) ? [rng.pick(FILIPINO_NICKNAMES[sex])] : maybeWorkName(rng, sex, 0.05);
  return draft(surname, givenNames, null, aliases);
};

const MALAY_GIVEN: SexedPool = {
  male: p(['Muhammad Hafiz', 'Ahmad Faizal', 'Mohd Firdaus', 'Amirul Hakim', 'Muhammad Aiman', 'Syafiq', 'Azlan', 'Khairul Anuar', 'Hafizuddin', 'Nazri', 'Zulkifli', 'Izzat']),
  female: p(['Nurul Aina', 'Nur Syafiqah', 'Siti Aisyah', 'Farah Nabila', 'Nurul Izzah', 'Aisyah', 'Noraini', 'Nur Amirah', 'Zarina', 'Syuhada', 'Hidayah', 'Nadia']),
};
const MALAY_FATHERS = ['Abdullah', 'Ismail', 'Hassan', 'Ibrahim', 'Osman', 'Yusof', 'Rahman', 'Aziz', 'Ahmad', 'Razak', 'Kamal', 'Salleh', 'Hamid', 'Jamil'];

export const buildMalayName: NameBuilder = (rng, sex) => {
  const given = rng.pick(MALAY_GIVEN[sex])[0];
  const father = rng.pick(MALAY_FATHERS);
  return draft(null, `${given} ${sex === 'male' ? 'bin' : 'binti'} ${father}`, null, maybeWorkName(rng, sex, 0.05));
};
