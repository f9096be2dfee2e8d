/**
 * Indian, Nepali, Sri Lankan (Sinhala), Bangladeshi and Pakistani names:
 * given name then surname, with the name in its own script (Devanagari,
 * Sinhala, Bengali, Urdu) when the person wrote it at intake.
 */
import type { NameBuilder, Part, SexedPool } from './types';
import { draft, nativeOf } from './types';

function givenThenSurname(given: SexedPool, surnames: readonly Part[] | SexedPool, nativeShare: number): NameBuilder {
  return (rng, sex) => {
    const g = rng.pick(given[sex]);
    const s = rng.pick('male' in surnames ? surnames[sex] : surnames);
    const native = rng.chance(nativeShare) ? nativeOf([g, s]) : null;
    return draft(s[0], g[0], native);
  };
}

export const INDIAN_GIVEN: SexedPool = {
  male: [
    ['Rahul', 'राहुल'], ['Amit', 'अमित'], ['Vikram', 'विक्रम'], ['Suresh', 'सुरेश'], ['Ramesh', 'रमेश'], ['Rajesh', 'राजेश'],
    ['Sunil', 'सुनील'], ['Anil', 'अनिल'], ['Deepak', 'दीपक'], ['Manoj', 'मनोज'], ['Sanjay', 'संजय'], ['Arjun', 'अर्जुन'],
    ['Rohit', 'रोहित'], ['Ankit', 'अंकित'], ['Vijay', 'विजय'], ['Ajay', 'अजय'], ['Pradeep', 'प्रदीप'], ['Naveen', 'नवीन'],
    ['Gaurav', 'गौरव'], ['Nikhil', 'निखिल'], ['Abhishek', 'अभिषेक'], ['Mohit', 'मोहित'], ['Akash', 'आकाश'], ['Harpreet'],
    ['Gurpreet'], ['Arun'], ['Karthik'], ['Srinivas'], ['Venkatesh'], ['Sandeep', 'संदीप'], ['Aakash', 'आकाश'], ['Aditya', 'आदित्य'],
    ['Ashok', 'अशोक'], ['Dinesh', 'दिनेश'], ['Ganesh', 'गणेश'], ['Hemant', 'हेमंत'], ['Jitendra', 'जितेंद्र'], ['Kamal', 'कमल'],
    ['Lokesh', 'लोकेश'], ['Mahesh', 'महेश'], ['Mukesh', 'मुकेश'], ['Nitin', 'नितिन'], ['Pankaj', 'पंकज'], ['Praveen', 'प्रवीण'],
    ['Rakesh', 'राकेश'], ['Ravi', 'रवि'], ['Sachin', 'सचिन'], ['Shyam', 'श्याम'], ['Tarun', 'तरुण'], ['Umesh', 'उमेश'], ['Varun', 'वरुण'],
    ['Yogesh', 'योगेश'], ['Imran'], ['Faisal'], ['Murugan'], ['Rajkumar'], ['Balaji'], ['Jaspreet'], ['Manpreet'],
  ],
  female: [
    ['Priya', 'प्रिया'], ['Pooja', 'पूजा'], ['Anjali', 'अंजलि'], ['Neha', 'नेहा'], ['Sunita', 'सुनीता'], ['Kavita', 'कविता'],
    ['Rekha', 'रेखा'], ['Divya', 'दिव्या'], ['Sneha', 'स्नेहा'], ['Meena', 'मीना'], ['Asha', 'आशा'], ['Pallavi', 'पल्लवी'],
    ['Shalini', 'शालिनी'], ['Nisha', 'निशा'], ['Ritu', 'रितु'], ['Jyoti', 'ज्योति'], ['Simran'], ['Lakshmi'], ['Deepa'], ['Swati', 'स्वाति'],
    ['Aarti', 'आरती'], ['Anita', 'अनीता'], ['Geeta', 'गीता'], ['Kiran', 'किरण'], ['Manisha', 'मनीषा'], ['Neelam', 'नीलम'],
    ['Poonam', 'पूनम'], ['Preeti', 'प्रीति'], ['Rani', 'रानी'], ['Sapna', 'सपना'], ['Seema', 'सीमा'], ['Shweta', 'श्वेता'],
    ['Sonia', 'सोनिया'], ['Usha', 'उषा'], ['Vandana', 'वंदना'], ['Kavya'], ['Revathi'], ['Fatima'], ['Nazia'], ['Harleen'],
  ],
};
export const INDIAN_SURNAMES: readonly Part[] = [
  ['Sharma', 'शर्मा'], ['Verma', 'वर्मा'], ['Singh', 'सिंह'], ['Kumar', 'कुमार'], ['Yadav', 'यादव'], ['Gupta', 'गुप्ता'],
  ['Patel', 'पटेल'], ['Mishra', 'मिश्रा'], ['Tiwari', 'तिवारी'], ['Pandey', 'पांडे'], ['Chauhan', 'चौहान'], ['Rawat', 'रावत'],
  ['Joshi', 'जोशी'], ['Thakur', 'ठाकुर'], ['Nair'], ['Pillai'], ['Reddy'], ['Naidu'], ['Das', 'दास'], ['Khan', 'ख़ान'],
  ['Ansari', 'अंसारी'], ['Gill'], ['Sandhu'], ['Iyer'], ['Menon'], ['Chaudhary', 'चौधरी'], ['Saxena', 'सक्सेना'],
  ['Agarwal', 'अग्रवाल'], ['Bansal', 'बंसल'], ['Bhatt', 'भट्ट'], ['Dubey', 'दुबे'], ['Garg', 'गर्ग'], ['Jain', 'जैन'], ['Kapoor', 'कपूर'],
  ['Malhotra', 'मल्होत्रा'], ['Mehta', 'मेहता'], ['Pathak', 'पाठक'], ['Rao'], ['Shukla', 'शुक्ला'], ['Srivastava', 'श्रीवास्तव'],
  ['Tripathi', 'त्रिपाठी'], ['Upadhyay', 'उपाध्याय'], ['Dhillon'], ['Grewal'], ['Pillay'], ['Krishnan'], ['Bose'], ['Ghosh'],
];
export const buildIndianName = givenThenSurname(INDIAN_GIVEN, INDIAN_SURNAMES, 0.35);

export const NEPALI_GIVEN: SexedPool = {
  male: [
    ['Ram', 'राम'], ['Hari', 'हरि'], ['Krishna', 'कृष्ण'], ['Bikash', 'बिकास'], ['Suman', 'सुमन'], ['Sagar', 'सागर'],
    ['Prakash', 'प्रकाश'], ['Dipak', 'दीपक'], ['Rajan', 'राजन'], ['Santosh', 'सन्तोष'], ['Bishal', 'बिशाल'], ['Anish', 'अनिश'],
    ['Nabin', 'नबिन'], ['Roshan', 'रोशन'], ['Sujan', 'सुजन'], ['Kiran', 'किरण'], ['Bibek', 'बिबेक'], ['Milan', 'मिलन'],
  ],
  female: [
    ['Sita', 'सीता'], ['Gita', 'गीता'], ['Sunita', 'सुनिता'], ['Anita', 'अनिता'], ['Puja', 'पूजा'], ['Sabina', 'सबिना'],
    ['Rita', 'रिता'], ['Sarita', 'सरिता'], ['Kabita', 'कबिता'], ['Manisha', 'मनिषा'], ['Srijana', 'सृजना'], ['Laxmi', 'लक्ष्मी'],
    ['Bimala', 'बिमला'], ['Asmita', 'अस्मिता'],
  ],
};
export const NEPALI_SURNAMES: readonly Part[] = [
  ['Shrestha', 'श्रेष्ठ'], ['Gurung', 'गुरुङ'], ['Tamang', 'तामाङ'], ['Magar', 'मगर'], ['Rai', 'राई'], ['Limbu', 'लिम्बु'],
  ['Thapa', 'थापा'], ['Adhikari', 'अधिकारी'], ['Karki', 'कार्की'], ['Bhandari', 'भण्डारी'], ['Poudel', 'पौडेल'],
  ['Khadka', 'खड्का'], ['Bhattarai', 'भट्टराई'], ['Sharma', 'शर्मा'], ['Basnet', 'बस्नेत'], ['Tharu', 'थारु'],
  ['Yadav', 'यादव'], ['Lama', 'लामा'], ['Sherpa', 'शेर्पा'], ['Maharjan', 'महर्जन'],
];
export const buildNepaliName = givenThenSurname(NEPALI_GIVEN, NEPALI_SURNAMES, 0.4);

export const SINHALA_GIVEN: SexedPool = {
  male: [
    ['Nuwan', 'නුවන්'], ['Kasun', 'කසුන්'], ['Chaminda', 'චමින්ද'], ['Ruwan', 'රුවන්'], ['Saman', 'සමන්'],
    ['Tharindu', 'තරිඳු'], ['Dilshan', 'දිල්ෂාන්'], ['Lahiru', 'ලහිරු'], ['Chathura', 'චතුර'], ['Isuru', 'ඉසුරු'],
    ['Sampath', 'සම්පත්'], ['Janaka', 'ජනක'], ['Asanka', 'අසංක'], ['Mahesh', 'මහේෂ්'],
  ],
  female: [
    ['Nadeesha', 'නදීෂා'], ['Dilini', 'දිලිනි'], ['Chamari', 'චමරි'], ['Sanduni', 'සඳුනි'], ['Nilmini', 'නිල්මිණි'],
    ['Ishara', 'ඉෂාරා'], ['Kumari', 'කුමාරි'], ['Hasini', 'හසිනි'], ['Sachini', 'සචිනි'], ['Madushani', 'මධුෂානි'],
  ],
};
export const SINHALA_SURNAMES: readonly Part[] = [
  ['Perera', 'පෙරේරා'], ['Fernando'], ['Silva', 'සිල්වා'], ['Jayasinghe', 'ජයසිංහ'], ['Bandara', 'බණ්ඩාර'],
  ['Rathnayake', 'රත්නායක'], ['Herath', 'හේරත්'], ['Dissanayake', 'දිසානායක'], ['Gunawardena', 'ගුණවර්ධන'],
  ['Kumara', 'කුමාර'], ['Senanayake', 'සේනානායක'], ['Wijesinghe', 'විජේසිංහ'], ['Karunaratne', 'කරුණාරත්න'],
  ['Ekanayake', 'ඒකනායක'], ['Liyanage', 'ලියනගේ'],
];
export const buildSriLankanName = givenThenSurname(SINHALA_GIVEN, SINHALA_SURNAMES, 0.4);

export const BENGALI_GIVEN: SexedPool = {
  male: [
    ['Mohammad', 'মোহাম্মদ'], ['Abdul', 'আব্দুল'], ['Rahim', 'রহিম'], ['Karim', 'করিম'], ['Hasan', 'হাসান'],
    ['Rakib', 'রাকিব'], ['Shakil', 'শাকিল'], ['Jahid', 'জাহিদ'], ['Sohel', 'সোহেল'], ['Rubel', 'রুবেল'],
    ['Masud', 'মাসুদ'], ['Arif', 'আরিফ'], ['Tanvir', 'তানভীর'], ['Imran', 'ইমরান'], ['Sabbir', 'সাব্বির'], ['Nayeem', 'নাঈম'],
  ],
  female: [
    ['Fatema', 'ফাতেমা'], ['Nasrin', 'নাসরিন'], ['Shirin', 'শিরিন'], ['Rumana', 'রুমানা'], ['Sumaiya', 'সুমাইয়া'],
    ['Taslima', 'তাসলিমা'], ['Ayesha', 'আয়েশা'], ['Nusrat', 'নুসরাত'], ['Moushumi', 'মৌসুমী'], ['Sharmin', 'শারমিন'],
    ['Jannatul', 'জান্নাতুল'], ['Rupa', 'রুপা'],
  ],
};
const BENGALI_SURNAMES: SexedPool = {
  male: [
    ['Hossain', 'হোসেন'], ['Rahman', 'রহমান'], ['Islam', 'ইসলাম'], ['Ahmed', 'আহমেদ'], ['Uddin', 'উদ্দিন'], ['Khan', 'খান'],
    ['Chowdhury', 'চৌধুরী'], ['Miah', 'মিয়া'], ['Sarker', 'সরকার'], ['Das', 'দাস'], ['Alam', 'আলম'], ['Sheikh', 'শেখ'], ['Mollah', 'মোল্লা'],
  ],
  female: [
    ['Akter', 'আক্তার'], ['Begum', 'বেগম'], ['Khatun', 'খাতুন'], ['Islam', 'ইসলাম'], ['Rahman', 'রহমান'], ['Sultana', 'সুলতানা'],
    ['Chowdhury', 'চৌধুরী'], ['Das', 'দাস'], ['Sarker', 'সরকার'],
  ],
};
export const buildBangladeshiName = givenThenSurname(BENGALI_GIVEN, BENGALI_SURNAMES, 0.35);

export const URDU_GIVEN: SexedPool = {
  male: [
    ['Muhammad', 'محمد'], ['Ali', 'علی'], ['Ahmed', 'احمد'], ['Usman', 'عثمان'], ['Bilal', 'بلال'], ['Imran', 'عمران'],
    ['Asad', 'اسد'], ['Hamza', 'حمزہ'], ['Faisal', 'فیصل'], ['Kamran', 'کامران'], ['Zeeshan', 'ذیشان'], ['Waqas', 'وقاص'],
    ['Adnan', 'عدنان'], ['Shahid', 'شاہد'], ['Tariq', 'طارق'], ['Naveed', 'نوید'],
  ],
  female: [
    ['Ayesha', 'عائشہ'], ['Fatima', 'فاطمہ'], ['Sana', 'ثناء'], ['Hira', 'حرا'], ['Maryam', 'مریم'], ['Nadia', 'نادیہ'],
    ['Sadia', 'سعدیہ'], ['Rabia', 'رابعہ'], ['Saima', 'صائمہ'], ['Iqra', 'اقرا'], ['Mehwish', 'مہوش'],
  ],
};
export const URDU_SURNAMES: readonly Part[] = [
  ['Khan', 'خان'], ['Hussain', 'حسین'], ['Ahmed', 'احمد'], ['Malik', 'ملک'], ['Iqbal', 'اقبال'], ['Butt', 'بٹ'],
  ['Qureshi', 'قریشی'], ['Sheikh', 'شیخ'], ['Chaudhry', 'چوہدری'], ['Raza', 'رضا'], ['Abbasi', 'عباسی'], ['Javed', 'جاوید'],
  ['Akhtar', 'اختر'], ['Siddiqui', 'صدیقی'], ['Mirza', 'مرزا'], ['Awan', 'اعوان'], ['Baig', 'بیگ'],
];
export const buildPakistaniName = givenThenSurname(URDU_GIVEN, URDU_SURNAMES, 0.3);
