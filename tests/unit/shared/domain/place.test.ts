import fc from 'fast-check';
import { placeLabel, placeMatch, placeOf } from '../../../../shared/domain/place';

type Expected = [settlement: string | null, street: string | null, house: string | null];

/** Citizens' own ways of naming a place, and what the parser reads from each. */
const places: [text: string, expected: Expected][] = [
  ['на Ленина 5 третий день нет горячей воды, маленький ребенок', [null, 'ул. Ленина', '5']],
  ['ул. Мира, д. 12 — не вывозят мусор', [null, 'ул. Мира', '12']],
  ['в с. Верхнее нет света вторые сутки', ['с. Верхнее', null, null]],
  ['пр-т Победы 3к1, подъезд 2, не работает лифт', [null, 'пр-т Победы', '3к1']],
  ['у дома 5 по улице Гагарина огромная яма', [null, 'ул. Гагарина', '5']],
  ['пер. Школьный не чистят от снега', [null, 'пер. Школьный', null]],
  ['г. Курск, ул. Карла Маркса, д. 10/2, кв. 5', ['г. Курск', 'ул. Карла Маркса', '10/2']],
  ['д. Ивановка, ул. Центральная 3 — упало дерево', ['д. Ивановка', 'ул. Центральная', '3']],
  ['ул. 8 Марта 14а, течет крыша', [null, 'ул. 8 Марта', '14а']],
  ['ул. 50 лет Октября, дом 7', [null, 'ул. 50 лет Октября', '7']],
  ['в Школьном переулке 4 яма на дороге', [null, 'пер. Школьный', '4']],
  ['Садовая улица, д. 7, нет отопления', [null, 'ул. Садовая', '7']],
  ['на улице Садовой 9 прорвало трубу', [null, 'ул. Садовая', '9']],
  ['Ленинский проспект, 15 — сломана скамейка', [null, 'пр-т Ленинский', '15']],
  ['на Ленинском проспекте 15 сломана скамейка', [null, 'пр-т Ленинский', '15']],
  ['по Гагарина, 12 не горят фонари', [null, 'ул. Гагарина', '12']],
  ['Толстого, 22 во дворе свалка', [null, 'ул. Толстого', '22']],
  ['Мира д. 3 не убран снег', [null, 'ул. Мира', '3']],
  ['УЛ. ЛЕНИНА, Д. 5', [null, 'ул. Ленина', '5']],
  ['ул. ленина 5', [null, 'ул. Ленина', '5']],
  ['ул.Мира,д.12', [null, 'ул. Мира', '12']],
  ['улица Пушкина, дом 12-А', [null, 'ул. Пушкина', '12а']],
  ['ул. Советская, 10 корп. 2', [null, 'ул. Советская', '10к2']],
  ['ул. Заводская 1 стр. 3, склад', [null, 'ул. Заводская', '1с3']],
  ['бульвар Победы 4 — нет освещения', [null, 'б-р Победы', '4']],
  ['в мкр. Северный у дома 8 разбита дорога', [null, 'мкр Северный', '8']],
  ['наб. Сеймская, 2', [null, 'наб. Сеймская', '2']],
  ['в селе Верхнем нет воды', ['с. Верхнее', null, null]],
  ['пос. Прямицыно, ул. Школьная 1', ['п. Прямицыно', 'ул. Школьная', '1']],
  ['хутор Веселый, не ходит автобус', ['х. Веселый', null, null]],
  ['в г. Курске на ул. Ломоносова 3 нет воды', ['г. Курске', 'ул. Ломоносова', '3']],
  ['Курская обл., с. Нижнее Гуторово, ул. Мира 4', ['с. Нижнее Гуторово', 'ул. Мира', '4']],
  ['Жалоба: на Пирогова, 5/1 не вывозят мусор', [null, 'ул. Пирогова', '5/1']],
  ['Площадь Красная 1', [null, 'пл. Красная', '1']],
  ['в проезде Сиреневом 6 нет света', [null, 'пр-д Сиреневый', '6']],
  ['дом № 17 по ул. Щепкина, затопило подвал', [null, 'ул. Щепкина', '17']],
  ['около Ленина 40 не работает светофор', [null, 'ул. Ленина', '40']],
  ['ул. Ёлочная, 3', [null, 'ул. Елочная', '3']],
  ['На Ленина 5 третий день нет горячей воды', [null, 'ул. Ленина', '5']],
  // Postal addresses as the form and the profile hold them.
  ['305000, г. Курск, ул. Ленина, д. 5, кв. 12', ['г. Курск', 'ул. Ленина', '5']],
  ['Курская обл., Курский р-н, с. Верхнее, ул. Мира, д. 4', ['с. Верхнее', 'ул. Мира', '4']],
  ['г.Курск, ул.Ленина 5', ['г. Курск', 'ул. Ленина', '5']],
  ['Курская область, г. Железногорск, ул. Ленина, 48-2', ['г. Железногорск', 'ул. Ленина', '48']],
];

/** Text that names no place: thanks, questions, dates, counts, phone numbers, «на улице» meaning outdoors. */
const noPlace = [
  'Спасибо за помощь!',
  'На улице темно, фонари не горят',
  'Прошу ответить до 5 числа',
  'в 2024 г. Прошу разобраться',
  'Позвоните мне по номеру 8 900 123 45 67',
  'На Новый год 2 дня не было света',
  'на Пасху 3 дня не вывозили мусор',
  'Уже 5 дней нет воды',
  'У Ивановой 3 ребенка, нужна помощь',
  'Здравствуйте, когда будет ответ?',
  'Согласно п. 3 постановления прошу',
  'В 10 часов утра отключили свет',
  'Ответ получен, с уважением',
  '',
];

describe('placeOf', () => {
  it.each(places)('reads %j', (text, [settlement, street, house]) => {
    const place = placeOf(text);
    expect(place).not.toBeNull();
    expect({ settlement: place?.settlement, street: place?.street, house: place?.house }).toEqual({
      settlement,
      street,
      house,
    });
  });

  it.each(noPlace.map((text) => [text]))('finds no place in %j', (text) => {
    expect(placeOf(text)).toBeNull();
  });

  it('gives the same key however the same house is written', () => {
    const keys = [
      'на Ленина 5 нет воды',
      'ул. Ленина, д. 5',
      'улица Ленина, дом 5',
      'у дома 5 по улице Ленина',
      'Ленина, 5',
      'УЛ. ЛЕНИНА 5',
    ].map((text) => placeOf(text)?.key);
    expect(new Set(keys).size).toBe(1);
  });

  it('gives the same key to inflected and nominative street names', () => {
    expect(placeOf('на улице Садовой 9')?.key).toBe(placeOf('ул. Садовая, 9')?.key);
    expect(placeOf('в Школьном переулке 4')?.key).toBe(placeOf('пер. Школьный, д. 4')?.key);
  });

  it('keeps different streets, houses and street types apart', () => {
    expect(placeOf('ул. Ленина 5')?.key).not.toBe(placeOf('ул. Ленина 7')?.key);
    expect(placeOf('ул. Ленина 5')?.key).not.toBe(placeOf('пр-т Ленинский 5')?.key);
    expect(placeOf('ул. Садовая 5')?.key).not.toBe(placeOf('пер. Садовый 5')?.key);
  });

  it('never throws and returns null or a place with a key for any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const place = placeOf(text);
        return (
          place === null ||
          (typeof place.key === 'string' && (place.street !== null || place.settlement !== null))
        );
      }),
    );
    expect(placeOf(42 as unknown as string)).toBeNull();
  });
});

describe('placeMatch', () => {
  const at = (text: string) => {
    const place = placeOf(text);
    if (!place) throw new Error(`no place in ${text}`);
    return place;
  };

  it('matches the same house, with the settlement named on one side only', () => {
    expect(placeMatch(at('г. Курск, ул. Ленина, 5'), at('на Ленина 5'))).toBe('house');
  });

  it('matches the street when the houses differ or one is missing', () => {
    expect(placeMatch(at('ул. Ленина 5'), at('ул. Ленина 9'))).toBe('street');
    expect(placeMatch(at('ул. Ленина'), at('на Ленина 5'))).toBe('street');
  });

  it('does not match other streets, other settlements or a settlement alone', () => {
    expect(placeMatch(at('ул. Ленина 5'), at('ул. Мира 5'))).toBeNull();
    expect(placeMatch(at('с. Верхнее, ул. Мира 5'), at('д. Ивановка, ул. Мира 5'))).toBeNull();
    expect(placeMatch(at('в с. Верхнее'), at('в с. Верхнее'))).toBeNull();
  });
});

describe('placeLabel', () => {
  it('writes the place as evidence shows it', () => {
    expect(placeLabel(placeOf('г. Курск, ул. Ленина, д. 5') ?? fail())).toBe('г. Курск, ул. Ленина, 5');
    expect(placeLabel(placeOf('пер. Школьный') ?? fail())).toBe('пер. Школьный');
  });
});

function fail(): never {
  throw new Error('no place');
}
