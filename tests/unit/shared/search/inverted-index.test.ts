import { InvertedIndex } from '../../../../shared/search/inverted-index';

describe('the full-text index', () => {
  const index = () => {
    const built = new InvertedIndex();
    built.put('a1', 'Ямы на дорогах у школы');
    built.put('a2', 'Не вывозят мусор со двора');
    built.put('a3', 'Дорога к больнице разбита, ямы');
    return built;
  };

  it('finds «дорогах» and «Дорога» when searching «дорога»', () => {
    expect(index().search('дорога').sort()).toEqual(['a1', 'a3']);
  });

  it('requires every word, and matches the last one as a prefix while typing', () => {
    expect(index().search('яма больн')).toEqual(['a3']);
    expect(index().search('мус')).toEqual(['a2']);
  });

  it('follows edits and removals', () => {
    const built = index();
    built.put('a1', 'Сломан фонарь');
    built.remove('a3');
    expect(built.search('дорога')).toEqual([]);
    expect(built.search('фонари')).toEqual(['a1']);
    expect(built.size).toBe(2);
  });

  it('keeps answering correctly after compacting retired entries', () => {
    const built = new InvertedIndex();
    for (let i = 0; i < 3000; i++) built.put(`d${i % 500}`, i % 2 ? 'освещение двора' : 'уборка снега');
    expect(built.size).toBe(500);
    expect(built.search('освещения').length + built.search('снег').length).toBe(500);
  });

  it('answers from its snapshot exactly as before, retired entries dropped, and goes on following edits', () => {
    const built = index();
    built.put('a1', 'Сломан фонарь у школы');
    const copy = InvertedIndex.fromSnapshot(built.toSnapshot());
    for (const query of ['дорога', 'ямы', 'фонари', 'школ', 'мусор']) {
      expect(copy.search(query).sort()).toEqual(built.search(query).sort());
    }
    expect(copy.size).toBe(3);
    copy.remove('a3');
    copy.put('a4', 'Дорога размыта');
    expect(copy.search('дорога')).toEqual(['a4']);
  });
});
