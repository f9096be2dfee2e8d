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

/** Personal names: Javanese, Sundanese and Muslim names, roughly commonest first. */
const INDONESIAN: SexedPool = {
  male: p([
    'Agus', 'Budi', 'Muhammad', 'Ahmad', 'Eko', 'Joko', 'Slamet', 'Bambang', 'Hendra', 'Rudi', 'Sutrisno', 'Wahyudi', 'Dedi', 'Andi',
    'Yusuf', 'Fajar', 'Arif', 'Dwi', 'Teguh', 'Hadi', 'Supriyadi', 'Suharto', 'Heru', 'Irfan', 'Bayu', 'Dimas', 'Aditya', 'Reza',
    'Ilham', 'Fauzi', 'Nur', 'Taufik', 'Gilang', 'Rahmat', 'Rizki', 'Sugiarto', 'Sugeng', 'Suparman', 'Sumarno', 'Sudirman', 'Suryadi',
    'Sutarno', 'Subagyo', 'Sukirman', 'Suyanto', 'Purnomo', 'Widodo', 'Hartono', 'Haryanto', 'Susilo', 'Wibowo', 'Yanto', 'Wawan',
    'Asep', 'Ujang', 'Dadang', 'Cecep', 'Iwan', 'Yudi', 'Andri', 'Doni', 'Rian', 'Fikri', 'Hafiz', 'Rafi', 'Zaki', 'Imam', 'Ridwan',
    'Firman', 'Hasan', 'Husein', 'Ismail', 'Ibrahim', 'Fahmi', 'Lukman', 'Hakim', 'Syaiful', 'Anwar', 'Zainal', 'Edy', 'Aris',
    'Anton', 'Tono', 'Tri', 'Adi', 'Angga', 'Galih', 'Yoga', 'Bagus', 'Indra', 'Dani', 'Kurnia', 'Robby', 'Yogi', 'Wisnu', 'Krisna',
    'Danu', 'Gatot', 'Darmawan', 'Setyo', 'Mulyadi', 'Kusnadi', 'Suwarno', 'Sarwono', 'Karyono', 'Triyono', 'Sugianto', 'Ramli',
    'Jamal', 'Mahmud', 'Rusdi', 'Sholeh', 'Junaedi', 'Wahid', 'Nanang', 'Ade', 'Alfian', 'Bima', 'Erwin', 'Ferry', 'Hery', 'Yayan',
  ]),
  female: p([
    'Sri', 'Siti', 'Dewi', 'Nur', 'Rina', 'Putri', 'Ani', 'Wati', 'Lestari', 'Yuni', 'Ratna', 'Indah', 'Fitri', 'Aminah', 'Wulan',
    'Dian', 'Maya', 'Ayu', 'Novi', 'Eka', 'Suharti', 'Rahmawati', 'Sulastri', 'Kartika', 'Mega', 'Nurhayati', 'Intan', 'Wahyuni',
    'Sari', 'Anisa', 'Nabila', 'Rizka', 'Suryani', 'Sumiati', 'Sukarni', 'Marni', 'Parmi', 'Tuminah', 'Sutinah', 'Wartini', 'Endang',
    'Yanti', 'Susanti', 'Erna', 'Eni', 'Tini', 'Tuti', 'Yuli', 'Yulia', 'Nining', 'Neneng', 'Euis', 'Iis', 'Imas', 'Lilis', 'Desi',
    'Devi', 'Dina', 'Dini', 'Dita', 'Fitria', 'Hani', 'Irma', 'Lina', 'Lia', 'Mira', 'Nia', 'Nina', 'Nurul', 'Ika', 'Rini', 'Rika',
    'Sinta', 'Tika', 'Vina', 'Yeni', 'Zahra', 'Aisyah', 'Khadijah', 'Fatimah', 'Halimah', 'Salma', 'Laila', 'Rosita', 'Ratih',
    'Retno', 'Sekar', 'Puspa', 'Melati', 'Kurniasih', 'Handayani', 'Rahayu', 'Purwanti', 'Ningsih', 'Widyawati', 'Hartati',
    'Suprapti', 'Sundari', 'Murni', 'Ningrum', 'Pratiwi', 'Astuti', 'Utami', 'Safitri', 'Anggraeni', 'Sumarni', 'Jumiati', 'Karsih',
  ]),
};
/** Second personal names (Agus Santoso, Sri Wahyuni). */
const INDONESIAN_SECOND: SexedPool = {
  male: p([
    'Prasetyo', 'Hartono', 'Santoso', 'Saputra', 'Setiawan', 'Nugroho', 'Wibowo', 'Kurniawan', 'Hidayat', 'Firmansyah', 'Pratama',
    'Gunawan', 'Susanto', 'Ramadhan', 'Hermawan', 'Wijaya', 'Purnama', 'Syahputra', 'Maulana', 'Hakim', 'Rahman', 'Hidayatullah',
    'Prabowo', 'Sulistyo', 'Utomo', 'Wicaksono', 'Permana', 'Darmawan', 'Sanjaya', 'Suryana', 'Iskandar', 'Fadilah', 'Nugraha',
    'Saputro', 'Budiman', 'Kusuma', 'Irawan', 'Effendi', 'Rosyid', 'Sidik',
  ]),
  female: p([
    'Wahyuni', 'Lestari', 'Rahayu', 'Handayani', 'Susanti', 'Puspita', 'Permata', 'Anggraini', 'Kusuma', 'Safitri', 'Maharani', 'Utami',
    'Aminah', 'Purnamasari', 'Wulandari', 'Kurniawati', 'Setyowati', 'Rahmawati', 'Hidayati', 'Fitriani', 'Oktaviani', 'Novitasari',
    'Ramadhani', 'Pertiwi', 'Sulistyowati', 'Nuraini', 'Yuliani', 'Agustina', 'Damayanti', 'Indriani', 'Kartini', 'Mulyani',
    'Suryani', 'Andriani', 'Febriani', 'Astuti', 'Hapsari', 'Nurjanah', 'Sholihah', 'Zahara',
  ]),
};
const INDONESIAN_CLANS = ['Simanjuntak', 'Siregar', 'Nainggolan', 'Lubis', 'Sitompul', 'Pasaribu', 'Hutapea', 'Manurung', 'Sinaga', 'Tambunan', 'Wuisan', 'Rumengan'];

export const buildIndonesianName: NameBuilder = (rng, sex) => {
  const first = rng.pickSkewed(INDONESIAN[sex], 1.5)[0];
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
    'John Lloyd', 'Reynaldo', 'Emmanuel', 'Dexter', 'Romeo', 'Alvin', 'Benjie', 'Danilo', 'Edgar', 'Ferdinand', 'Gilbert', 'Honorio',
    'Jeffrey', 'Jonathan', 'Julius', 'Leonardo', 'Manuel', 'Nestor', 'Orlando', 'Patrick', 'Ramil', 'Roberto', 'Rolando', 'Rey',
    'Ricardo', 'Ronnie', 'Sonny', 'Vincent', 'Wilfredo', 'Allan', 'Bryan', 'Elmer', 'Francis', 'Jun Mark', 'Kenneth', 'Marlon',
  ]),
  female: p([
    'Maria Cristina', 'Mary Joy', 'Rowena', 'Jennifer', 'Liza', 'Kristine', 'Angelica', 'Rosalie', 'Marites', 'Maricel',
    'Lovely', 'Princess', 'Jocelyn', 'Jonalyn', 'Aileen', 'Sheila Mae', 'Ma. Theresa', 'Rhea', 'Jasmine', 'Charmaine',
    'Jessa', 'Kimberly', 'Arlene', 'Gemma', 'Mary Grace', 'Analyn', 'Abigail', 'Bernadette', 'Catherine', 'Cristina', 'Divina',
    'Elena', 'Erlinda', 'Evelyn', 'Geraldine', 'Grace', 'Imelda', 'Janet', 'Josephine', 'Leah', 'Lorna', 'Lourdes', 'Marilou',
    'Marissa', 'Michelle', 'Nerissa', 'Norma', 'Rachelle', 'Rosemarie', 'Ruby', 'Sarah Jane', 'Teresita', 'Vilma', 'Wilma',
  ]),
};
const FILIPINO_SURNAMES = [
  'Santos', 'Reyes', 'Cruz', 'Bautista', 'Ocampo', 'Garcia', 'Mendoza', 'Torres', 'Tomas', 'Andrada', 'Castillo',
  'Flores', 'Villanueva', 'Ramos', 'Castro', 'Rivera', 'Aquino', 'Navarro', 'Salazar', 'Mercado', 'Dela Cruz',
  'De Leon', 'Del Rosario', 'Gonzales', 'Lopez', 'Aguilar', 'Pascual', 'Manalo', 'Domingo', 'Soriano', 'Macaraeg',
  'Dizon', 'Panganiban', 'Magbanua', 'Dumalagan', 'Cabrera', 'Fernandez', 'Villareal', 'Buenaventura', 'Sison', 'Abad', 'Agustin',
  'Alcantara', 'Alvarez', 'Bernardo', 'Cajucom', 'Calderon', 'Cortez', 'David', 'De Guzman', 'De la Pena', 'Enriquez', 'Espiritu',
  'Estrada', 'Evangelista', 'Francisco', 'Galang', 'Gutierrez', 'Hernandez', 'Ignacio', 'Jimenez', 'Lacson', 'Lim', 'Lozada',
  'Mangubat', 'Marquez', 'Medina', 'Miranda', 'Morales', 'Nepomuceno', 'Padilla', 'Perez', 'Quiambao', 'Quizon', 'Roxas',
  'Samson', 'Santiago', 'Sarmiento', 'Tan', 'Tolentino', 'Valdez', 'Velasco', 'Yap', 'Zamora', 'Bagasao', 'Dimaculangan',
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
