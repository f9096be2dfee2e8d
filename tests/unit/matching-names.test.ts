/** Name normalisation and romanisation folding: the stories from FIELD.md, "Names". */
import { describe, expect, it } from 'vitest';
import { foldRomanisation, nameTokens, personNameKeys } from '../../src/domain/matching';

const person = (familyName: string | null, givenNames: string | null, nativeName: string | null = null, aliases: string[] = []) => ({
  familyName,
  givenNames,
  nativeName,
  aliases,
});

describe('nameTokens', () => {
  it('converts Chinese characters to toneless pinyin, surname first', () => {
    expect(nameTokens('张伟')).toEqual(['zhang', 'wei']);
    expect(nameTokens('张建华')).toEqual(['zhang', 'jianhua']);
    expect(nameTokens('欧阳涛')).toEqual(['ouyang', 'tao']);
  });

  it('reads surname characters with their surname readings', () => {
    expect(nameTokens('单田芳')[0]).toBe('shan');
    expect(nameTokens('曾国藩')[0]).toBe('zeng');
    expect(nameTokens('解缙')[0]).toBe('xie');
    expect(nameTokens('仇英')[0]).toBe('qiu');
    expect(nameTokens('吕布')[0]).toBe('lyu'); // as on passports, not "lu" (卢)
  });

  it('folds case, full-width letters and Latin diacritics', () => {
    expect(nameTokens('Nguyễn Văn An')).toEqual(['nguyen', 'van', 'an']);
    expect(nameTokens('NGUYEN VAN AN')).toEqual(['nguyen', 'van', 'an']);
    expect(nameTokens('Đặng Thị Đào')).toEqual(['dang', 'thi', 'dao']);
    expect(nameTokens('ＺＨＡＮＧ　ＷＥＩ')).toEqual(['zhang', 'wei']);
  });

  it('keeps Thai, Burmese, Khmer and Lao marks', () => {
    expect(nameTokens('สมชาย ใจดี')).toEqual(['สมชาย', 'ใจดี']);
    expect(nameTokens('အောင်ကျော်မိုး')).toEqual(['အောင်ကျော်မိုး']);
    expect(nameTokens('ພົມມະຈັນ')).toEqual(['ພົມມະຈັນ']);
    expect(nameTokens('សុខ ចាន់')).toEqual(['សុខ', 'ចាន់']);
  });

  it('treats punctuation and hyphens as separators', () => {
    expect(nameTokens('Sae-tang, Somchai')).toEqual(['sae', 'tang', 'somchai']);
    expect(nameTokens("O'Neil")).toEqual(['o', 'neil']);
  });

  it('strips Burmese honorifics that prefix a name', () => {
    expect(nameTokens('Daw Aye Aye Khaing')).toEqual(['aye', 'aye', 'khaing']);
    expect(nameTokens('U Htun')).toEqual(['htun']);
    expect(nameTokens('Mg Mg Oo')).toEqual(['mg', 'oo']);
    expect(nameTokens('ဒေါ်အေးအေး')).toEqual(['အေးအေး']);
    expect(nameTokens('ဦး ထွန်း')).toEqual(['ထွန်း']);
    // A bare မ is only a title when set apart: မင်း (Min) is a name.
    expect(nameTokens('မင်းထက်')).toEqual(['မင်းထက်']);
    // Never strip the whole name.
    expect(nameTokens('Ko')).toEqual(['ko']);
  });

  it('strips Thai and English titles, joined or not', () => {
    expect(nameTokens('นายสมชาย ใจดี')).toEqual(['สมชาย', 'ใจดี']);
    expect(nameTokens('นางสาวมาลี ศรีสุข')).toEqual(['มาลี', 'ศรีสุข']);
    expect(nameTokens('Mrs. Malee Srisuk')).toEqual(['malee', 'srisuk']);
  });
});

describe('personNameKeys', () => {
  it('gives the same key for 张伟, Zhang Wei and WEI ZHANG', () => {
    expect(personNameKeys(person(null, null, '张伟'))).toContain('wei zhang');
    expect(personNameKeys(person('Zhang', 'Wei'))).toContain('wei zhang');
    expect(personNameKeys(person(null, 'WEI ZHANG'))).toContain('wei zhang');
  });

  it('includes every name form: Latin, native, aliases', () => {
    const keys = personNameKeys(person('Jaidee', 'Somchai', 'สมชาย ใจดี', ['Lek']));
    expect([...keys].sort()).toEqual(['jaidee somchai', 'lek', 'สมชาย ใจดี'].sort());
  });

  it('keeps a leading Ma as a Chinese surname as well as reading it as an honorific', () => {
    const keys = personNameKeys(person(null, 'Ma Li'));
    expect(keys).toContain('li ma');
    expect(keys).toContain('li');
  });

  it('handles a Burmese single name with and without honorific', () => {
    expect(personNameKeys(person(null, 'Ko Htet'))).toContain('htet');
    expect(personNameKeys(person(null, 'Htet'))).toContain('htet');
  });
});

describe('foldRomanisation', () => {
  const same = (a: string, b: string) => expect(foldRomanisation(a)).toBe(foldRomanisation(b));
  it('absorbs Thai variants', () => {
    same('somchai', 'somchay');
    same('jirawat', 'chirawat');
    same('boonmee', 'bunmi');
    same('thanawat', 'tanawat');
    same('somporn', 'somphon');
    same('wichai', 'vichai');
    same('viroj', 'wirot');
    same('kaewkla', 'kaeokla');
    same('somsri', 'somsee');
    same('wongsawat', 'wongsawad');
  });
  it('absorbs Lao variants', () => {
    same('phommachanh', 'pommachan');
    same('souksavanh', 'suksavan');
    same('xaysana', 'saysana');
  });
  it('absorbs Burmese variants', () => {
    same('htun', 'tun');
    same('minn', 'min');
    same('soe', 'so');
    same('myint', 'myint');
    same('kyi', 'kyee');
    same('zeyar', 'zeya');
  });
  it('keeps distinct pinyin syllables apart', () => {
    expect(foldRomanisation('zhou')).not.toBe(foldRomanisation('zhu'));
    expect(foldRomanisation('xu')).not.toBe(foldRomanisation('su'));
    expect(foldRomanisation('lyu')).not.toBe(foldRomanisation('lu'));
  });
  it('leaves non-Latin tokens alone', () => {
    expect(foldRomanisation('สมชาย')).toBe('สมชาย');
  });
});
