import { describe, expect, it } from 'vitest';
import { placeOf, type TerritoryEntry, TerritoryMatcher } from '../../../../../server/src/territories/match';

const territories: TerritoryEntry[] = [
  { id: 'north', kind: 'district', parentId: null, name: 'Северный район', variants: [], streets: [] },
  {
    id: 'river',
    kind: 'district',
    parentId: null,
    name: 'Заречный район',
    variants: ['Заречье'],
    streets: [],
  },
  {
    id: 'birch',
    kind: 'settlement',
    parentId: 'north',
    name: 'Берёзовка',
    variants: [],
    streets: ['Школьная', 'Полевая'],
  },
  {
    id: 'pines',
    kind: 'settlement',
    parentId: 'river',
    name: 'Сосновка',
    variants: ['пос. Сосновый'],
    streets: ['Лесная', 'Полевая'],
  },
  { id: 'keys', kind: 'settlement', parentId: 'river', name: 'Ключи', variants: [], streets: [] },
];
const matcher = new TerritoryMatcher(territories);

describe('the territory of an appeal', () => {
  it('is a settlement named in the text, in any grammatical case, ё or е', () => {
    expect(matcher.territoryOf(['В Березовке третий день нет воды'])).toBe('birch');
    expect(matcher.territoryOf(['Жители Сосновки просят отремонтировать мост'])).toBe('pines');
    expect(matcher.territoryOf(['село Ключи, ул. Мира'])).toBe('keys');
  });

  it('is found by a variant of the name', () => {
    expect(matcher.territoryOf(['пос. Сосновый, не убирают снег'])).toBe('pines');
    expect(matcher.territoryOf(['В Заречье не ходит автобус'])).toBe('river');
  });

  it('prefers a settlement to its district, and names the district when no settlement is found', () => {
    expect(matcher.territoryOf(['Заречный район, Сосновка: яма'])).toBe('pines');
    expect(matcher.territoryOf(['В Северном районе не чистят дороги'])).toBe('north');
  });

  it('finds a settlement by a street only it has, or the one of the named district', () => {
    expect(matcher.territoryOf(['На улице Лесной не горят фонари'])).toBe('pines');
    expect(matcher.territoryOf(['ул. Полевая, 3: яма'])).toBeNull();
    expect(matcher.territoryOf(['Северный район, ул. Полевая, 3: яма'])).toBe('birch');
  });

  it('reads the appeal’s own words before the postal address, and leaves the unknown null', () => {
    expect(matcher.territoryOf(['Яма у школы', '123456, Заречный район, с. Ключи'])).toBe('keys');
    expect(matcher.territoryOf(['В Сосновке яма', '123456, с. Ключи'])).toBe('pines');
    expect(matcher.territoryOf(['Не вывозят мусор', null])).toBeNull();
    expect(new TerritoryMatcher([]).territoryOf(['Сосновка'])).toBeNull();
  });

  it('does not take a word that only shares the first letters of a name', () => {
    expect(matcher.territoryOf(['Упала сосна на дорогу'])).toBeNull();
    expect(matcher.territoryOf(['Северная сторона улицы не освещена'])).toBeNull();
  });
});

describe('the place of a problem (read by shared/domain/place.ts, as problem groups read it)', () => {
  it('is the street and house, whichever way round they are written', () => {
    expect(placeOf('Берёзовка, ул. Школьная, 7: яма')).toEqual({
      key: 'ул. школьн|7',
      label: 'ул. Школьная, 7',
    });
    expect(placeOf('Яма у дома 7 на улице Школьной')?.key).toBe('ул. школьн|7');
    expect(placeOf('по ул. Школьная д. 7 провал')?.key).toBe('ул. школьн|7');
    expect(placeOf('пр-т Мира 12а')).toEqual({ key: 'пр-т мир|12а', label: 'пр-т Мира, 12а' });
  });

  it('is the street alone without a house, and nothing without a street', () => {
    expect(placeOf('На улице Ленина темно')).toEqual({ key: 'ул. ленин', label: 'ул. Ленина' });
    expect(placeOf('Во дворе дома 5 яма')).toBeNull();
  });

  it('keys one place alike whether or not the settlement is named, and as problem groups match it', () => {
    expect(placeOf('с. Верхнее, ул. Ленина, 5 — нет света')?.key).toBe(placeOf('на Ленина 5 нет света')?.key);
    expect(placeOf('на Ленина 5 нет света')).toEqual({ key: 'ул. ленин|5', label: 'ул. Ленина, 5' });
  });
});
