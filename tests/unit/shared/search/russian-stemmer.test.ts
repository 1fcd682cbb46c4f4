import { stemRussian } from '../../../../shared/search/russian-stemmer';

describe('the Snowball Russian stemmer', () => {
  it.each([
    ['дорога', 'дорог'],
    ['дороги', 'дорог'],
    ['дорогах', 'дорог'],
    ['дорогой', 'дорог'],
    ['важного', 'важн'],
    ['вагоне', 'вагон'],
    ['бегающие', 'бега'],
    ['красивейший', 'красив'],
    ['ответственность', 'ответствен'],
    ['отопления', 'отоплен'],
    ['подъезда', 'подъезд'],
    ['работала', 'работа'],
    ['ёлки', 'елк'],
  ])('stems «%s» to «%s» (the reference algorithm’s output)', (word, stem) => {
    expect(stemRussian(word)).toBe(stem);
  });

  it('gives every case form of a noun the same stem', () => {
    const forms = ['яма', 'ямы', 'яме', 'яму', 'ямой', 'ямах', 'ямами', 'ям'];
    expect(new Set(forms.map(stemRussian))).toEqual(new Set(['ям']));
  });

  it('leaves short and vowel-less words alone', () => {
    expect(stemRussian('в')).toBe('в');
    expect(stemRussian('мкд')).toBe('мкд');
  });
});
