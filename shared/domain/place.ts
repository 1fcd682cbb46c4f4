/**
 * The place a citizen names in free text: «на Ленина 5», «ул. Мира, д. 12», «в с. Верхнее»,
 * «у дома 5 по улице Гагарина». Used to find several citizens writing about one problem (issue 13),
 * to put an appeal on the organisation's territory, and on the form's address field and the profile's
 * postal address. No gazetteer: the settlement is read only after its type word («г.», «с.», «деревня»),
 * the street after or before its type word, or after a preposition when a house number follows.
 */

export interface Place {
  /** «с. Верхнее», «г. Курск»; null when the text names none. */
  readonly settlement: string | null;
  /** «ул. Ленина», «пр-т Победы», «пер. Школьный»; null when the text names none. */
  readonly street: string | null;
  /** «5», «12а», «3к1», «7/2»; null when the text names none. */
  readonly house: string | null;
  /** Stable normalised form for equality: stems of settlement and street name, street type, house. */
  readonly key: string;
}

type Gender = 'f' | 'm' | 'n';

interface PlaceType {
  readonly pattern: string;
  readonly canonical: string;
  readonly gender: Gender;
}

/** Street type words, full and abbreviated, and the one form each becomes. */
const STREET_TYPES: readonly PlaceType[] = [
  { pattern: 'улиц[аеуы]|улицей|ул', canonical: 'ул.', gender: 'f' },
  { pattern: 'проспект(?:е|а|у|ом)?|просп|пр-кт|пр-т|пр\\.', canonical: 'пр-т', gender: 'm' },
  { pattern: 'переул(?:ок|ке|ку|ка|ком)|пер', canonical: 'пер.', gender: 'm' },
  { pattern: 'площад(?:ь|и|ью)|пл', canonical: 'пл.', gender: 'f' },
  { pattern: 'бульвар(?:е|а|у|ом)?|б-р|бул', canonical: 'б-р', gender: 'm' },
  { pattern: 'шоссе|ш\\.', canonical: 'ш.', gender: 'n' },
  { pattern: 'проезд(?:е|а|у|ом)?|пр-д', canonical: 'пр-д', gender: 'm' },
  { pattern: 'набережн(?:ая|ой|ую)|наб', canonical: 'наб.', gender: 'f' },
  { pattern: 'тупик(?:е|а|у|ом)?|туп', canonical: 'туп.', gender: 'm' },
  { pattern: 'микрорайон(?:е|а|у|ом)?|мкр-н|мкрн|мкр', canonical: 'мкр', gender: 'm' },
  { pattern: 'алле(?:я|е|и|ю|ей)', canonical: 'аллея', gender: 'f' },
  { pattern: 'квартал(?:е|а|у|ом)?|кв-л', canonical: 'кв-л', gender: 'm' },
];

/** Settlement type words. «д.» and «п.» are settlements only before a word (before a digit: house, item). */
const SETTLEMENT_TYPES: readonly PlaceType[] = [
  { pattern: 'город(?:е|а|у|ом)?|гор\\.|г\\.?', canonical: 'г.', gender: 'm' },
  { pattern: 'сел(?:о|е|а|ом)|с\\.', canonical: 'с.', gender: 'n' },
  { pattern: 'деревн(?:я|е|и|ю|ей)|дер\\.|д\\.', canonical: 'д.', gender: 'f' },
  { pattern: 'поселк(?:е|а|у|ом)|поселок|пос\\.|п\\.', canonical: 'п.', gender: 'm' },
  { pattern: 'пгт\\.?|рп\\.?|р\\.\\s?п\\.', canonical: 'пгт', gender: 'm' },
  { pattern: 'хутор(?:е|а|у|ом)?|х\\.', canonical: 'х.', gender: 'm' },
  { pattern: 'станиц(?:а|е|ы|у)|ст-ца', canonical: 'ст-ца', gender: 'f' },
  { pattern: 'слобод(?:а|е|ы|у)|сл\\.', canonical: 'сл.', gender: 'f' },
];

const NOT_LETTER_BEFORE = '(?<![\\p{L}\\p{N}])';
const NOT_LETTER_AFTER = '(?![\\p{L}])';

/** A word of a name: letters with inner hyphens (Ростов-на-Дону, Нижне-Садовая). */
const WORD = '\\p{L}+(?:-\\p{L}+)*';
const CAPITALISED = '\\p{Lu}\\p{L}*(?:-\\p{L}+)*';
/** «8 Марта», «50 лет Октября», «1-я Садовая»: numbers that begin a street's name. */
const MONTHS = 'января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря';
const ANY_CASE_MONTHS = MONTHS.split('|')
  .map((month) => `[${month.charAt(0)}${month.charAt(0).toUpperCase()}]${month.slice(1)}`)
  .join('|');
const NUMBERED_NAME = `\\d{1,3}(?:\\s(?:лет\\s${WORD}|(?:${ANY_CASE_MONTHS})${NOT_LETTER_AFTER})|-?(?:я|й|го|ая|ый|ой)\\s${CAPITALISED})`;

/**
 * A house: 5, 12а, 12-А, 7/2, 3к1, 3 корп. 1, 10 стр. 2. Not a house when a unit follows
 * («5 дней», «3 раза», «2 ребенка») or it runs into more digits (a phone number).
 */
const UNITS =
  '(?:дн(?:я|ей)?|день|раз(?:а)?|лет|год\\p{L}*|час\\p{L}*|мин\\p{L}*|сут\\p{L}*|недел\\p{L}*|месяц\\p{L}*|ребен\\p{L}*|дет(?:ей|ям|и)|человек|чел|руб\\p{L}*|тыс\\p{L}*|штук\\p{L}*|шт|этаж\\p{L}*|метр\\p{L}*|м|км|литр\\p{L}*|градус\\p{L}*|числ\\p{L}*|январ\\p{L}*|феврал\\p{L}*|март\\p{L}*|апрел\\p{L}*|мая|июн\\p{L}*|июл\\p{L}*|август\\p{L}*|сентябр\\p{L}*|октябр\\p{L}*|ноябр\\p{L}*|декабр\\p{L}*|утра|вечера)(?![\\p{L}])|%';
const HOUSE = `(\\d{1,4})(?:\\s?\\/\\s?(\\d{1,4}))?(?:-?\\s?(\\p{L})(?![\\p{L}\\p{N}]))?(?:\\s?(?:к|корп\\.?|корпус)\\s?(\\d{1,2}))?(?:\\s?(?:стр\\.?|строение)\\s?(\\d{1,2}))?(?![\\p{N}])(?!\\s?[.,]\\s?\\d)(?!\\s*(?:${UNITS}))`;

/** Words that end a name and never begin one. */
const STOPWORDS = new Set([
  'д',
  'дом',
  'дома',
  'доме',
  'кв',
  'квартира',
  'корп',
  'и',
  'а',
  'но',
  'не',
  'нет',
  'в',
  'на',
  'у',
  'по',
  'с',
  'к',
  'от',
  'до',
  'за',
  'возле',
  'около',
  'уже',
  'опять',
  'снова',
  'третий',
  'второй',
]);

const HOUSE_MARKER = new RegExp(`${NOT_LETTER_BEFORE}(?:дом(?:а|е|у|ом)?|д\\.?)\\s?№?\\s?${HOUSE}`, 'iu');
const HOUSE_AFTER_NAME = new RegExp(`^\\s?,?\\s?(?:(?:дом|д\\.?)\\s?№?\\s?)?${HOUSE}`, 'iu');

const SETTLEMENT_NAME = new RegExp(`^\\s?(${WORD})((?:\\s${CAPITALISED})?)`, 'u');

/**
 * Reads a settlement: the type word (found in the lower-cased text, so «Село» at a sentence's start
 * counts) and the capitalised word(s) after it in the text as written; after an abbreviation any word.
 */
const SETTLEMENT_MARKERS = SETTLEMENT_TYPES.map(
  (type) =>
    [
      type,
      new RegExp(`${NOT_LETTER_BEFORE}(?<!\\d\\s?)(?:${type.pattern})(?:(?<=\\.)|(?![\\p{L}]))`, 'gu'),
    ] as const,
);

function findSettlement(text: string, lower: string): { display: string; stem: string } | null {
  for (const [type, marker] of SETTLEMENT_MARKERS) {
    for (const match of lower.matchAll(marker)) {
      const named = SETTLEMENT_NAME.exec(text.slice(match.index + match[0].length));
      const first = named?.[1] ?? '';
      const capitalised = /^\p{Lu}/u.test(first);
      if (!named || STOPWORDS.has(first.toLowerCase())) continue;
      if (!capitalised && !match[0].endsWith('.')) continue;
      const written = capitalised ? first + (named[2] ?? '') : first;
      const inflected = /(?:е|у|ом|ей|и)$/u.test(match[0]) && !match[0].endsWith('.');
      const display = (inflected ? nominative(written, type.gender) : written)
        .split(' ')
        .map(titleCase)
        .join(' ');
      return { display: `${type.canonical} ${display}`, stem: stemOf(display) };
    }
  }
  return null;
}

interface StreetMatch {
  readonly type: PlaceType;
  readonly name: string;
  /** Where the text after the street's name begins (where a house number would follow). */
  readonly end: number;
}

const STREET_TYPE_PATTERN = new RegExp(
  `${NOT_LETTER_BEFORE}(${STREET_TYPES.map((type) => type.pattern).join('|')})(?![\\p{L}-])\\.?`,
  'gu',
);
const NAME_AFTER = new RegExp(`^\\s?(${NUMBERED_NAME}|${WORD})((?:\\s${WORD}){0,2})`, 'u');
const ADJECTIVE_BEFORE = /(\p{Lu}\p{L}*(?:ая|яя|ый|ий|ой|ое|ее|ом|ем|ую|юю|ого|его|ей))\s$/u;

const STREET_TYPE_WHOLE = STREET_TYPES.map(
  (type) => [type, new RegExp(`^(?:${type.pattern})$`, 'u')] as const,
);

function typeOf(marker: string): PlaceType | undefined {
  return STREET_TYPE_WHOLE.find(([, whole]) => whole.test(marker))?.[0];
}

/** A street named after its type word («ул. Мира», «улице Карла Маркса») or before it («Садовая улица»). */
function findTypedStreet(text: string, lower: string): StreetMatch | null {
  for (const match of lower.matchAll(STREET_TYPE_PATTERN)) {
    const marker = match[1] ?? '';
    const type = typeOf(marker);
    if (!type) continue;
    const abbreviated = marker.length <= 4 || marker.includes('-') || match[0].endsWith('.');
    const after = match.index + match[0].length;
    const inflected =
      !abbreviated &&
      !/^(?:улица|проспект|переулок|площадь|бульвар|шоссе|проезд|набережная|тупик|микрорайон|аллея|квартал)$/i.test(
        marker,
      );
    const following = NAME_AFTER.exec(text.slice(after));
    if (following) {
      const first = following[1] ?? '';
      const accepted = acceptName(first, following[2] ?? '', abbreviated);
      if (accepted) {
        const name = inflected ? nominative(accepted, type.gender) : accepted;
        return { type, name, end: after + following[0].indexOf(first) + accepted.length };
      }
    }
    const before = ADJECTIVE_BEFORE.exec(text.slice(0, match.index));
    if (before?.[1] && !STOPWORDS.has(before[1].toLowerCase())) {
      const name = inflected ? nominative(before[1], type.gender) : before[1];
      return { type, name, end: after };
    }
  }
  return null;
}

/** The name's words: the first (any case after an abbreviation, capitalised otherwise) and capitalised ones after it. */
function acceptName(first: string, rest: string, abbreviated: boolean): string | null {
  if (STOPWORDS.has(first.toLowerCase())) return null;
  if (/^\d/.test(first)) return first;
  if (!abbreviated && !/^\p{Lu}/u.test(first)) return null;
  const words = [first];
  for (const word of rest.split(' ').filter(Boolean)) {
    if (!/^\p{Lu}/u.test(word) || STOPWORDS.has(word.toLowerCase())) break;
    words.push(word);
  }
  return words.join(' ');
}

/**
 * «на Ленина 5», «по Гагарина, 12», «Мира д. 3», «Ленина, 5»: a capitalised name without a type word
 * counts as a street only when a house follows, and after a preposition, a «д.», or (with only a comma
 * between) when it reads as a genitive surname (Ленина, Гагарина, Толстого).
 */
const IMPLICIT_STREET = new RegExp(
  `(?:${NOT_LETTER_BEFORE}([Нн]а|[Пп]о|[Уу]|[Вв]озле|[Оо]коло|[Нн]апротив)\\s)?(${CAPITALISED})(?=(\\s?,?\\s?(?:дом|д\\.?)?\\s?№?\\s?)\\d)`,
  'gu',
);

function findImplicitStreet(text: string): StreetMatch | null {
  for (const match of text.matchAll(IMPLICIT_STREET)) {
    const preposition = match[1];
    const name = match[2] ?? '';
    const between = match[3] ?? '';
    if (STOPWORDS.has(name.toLowerCase())) continue;
    const end = match.index + match[0].length;
    if (!HOUSE_AFTER_NAME.exec(text.slice(end))) continue;
    const marked = /д/i.test(between);
    const genitive = /(?:ова|ева|ина|ына|ого|его|ского)$/u.test(name);
    if (preposition || marked || (between.includes(',') && genitive)) {
      return { type: STREET_TYPES[0] as PlaceType, name, end };
    }
  }
  return null;
}

function houseOf(match: RegExpExecArray): string {
  const [, number, slash, letter, building, structure] = match;
  return [
    number,
    slash ? `/${slash}` : '',
    letter ? letter.toLowerCase() : '',
    building ? `к${building}` : '',
    structure ? `с${structure}` : '',
  ].join('');
}

/** Adjectival names after an inflected type word back to the nominative: «улице Садовой» → «Садовая». */
function nominative(name: string, gender: Gender): string {
  const words = name.split(' ');
  const last = words.pop() ?? '';
  const endings: Record<Gender, [RegExp, string][]> = {
    f: [
      [/(?<=[кгхжшчщ])ой$|ей$/u, 'яя'],
      [/ой$|ую$/u, 'ая'],
    ],
    m: [
      [/(?<=[кгхжшчщ])ом$/u, 'ий'],
      [/ем$|ему$|его$/u, 'ий'],
      [/ом$|ому$|ого$/u, 'ый'],
    ],
    n: [
      [/ом$|ому$|ого$/u, 'ое'],
      [/ем$|ему$|его$/u, 'ее'],
    ],
  };
  for (const [ending, replacement] of endings[gender]) {
    if (ending.test(last) && /^\p{Lu}/u.test(last)) {
      return [...words, last.replace(ending, replacement)].join(' ');
    }
  }
  return name;
}

function titleCase(word: string): string {
  if (/^(?:лет|на|де|\d.*)$/u.test(word)) return word.toLowerCase();
  return word
    .split('-')
    .map((part, index) =>
      index > 0 && /^(?:на|де|ла)$/iu.test(part)
        ? part.toLowerCase()
        : part.charAt(0).toUpperCase() + part.slice(1).toLowerCase(),
    )
    .join('-');
}

/** Case endings off each word (at least three letters stay), so «Садовой» and «Садовая» compare equal. */
const ENDINGS =
  /(?:ого|его|ому|ему|ыми|ими|ая|яя|ое|ее|ой|ей|ый|ий|ую|юю|ом|ем|ым|им|ых|их|а|я|ы|и|у|ю|е|о)$/u;

function stemOf(name: string): string {
  return name
    .toLowerCase()
    .split(/[\s-]+/)
    .map((word) => {
      const stem = word.replace(ENDINGS, '');
      return stem.length >= 3 || /\d/.test(word) ? stem : word;
    })
    .join(' ');
}

/** ё → е, dashes unified, spaces collapsed; the case stays (capitals tell names from words). */
function normalise(text: string): string {
  return text
    .normalize('NFC')
    .replace(/<[^>]*>/g, ' ')
    .replace(/[ёЁ]/g, (letter) => (letter === 'ё' ? 'е' : 'Е'))
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The first place named in the text, or null when it names no settlement and no street. */
export function placeOf(text: string): Place | null {
  if (typeof text !== 'string') return null;
  const clean = normalise(text.slice(0, 4000));
  if (clean === '') return null;
  const lower = clean.toLowerCase();
  const settlement = findSettlement(clean, lower);
  const street = findTypedStreet(clean, lower) ?? findImplicitStreet(clean);
  if (!settlement && !street) return null;
  let house: string | null = null;
  if (street) {
    const after = HOUSE_AFTER_NAME.exec(clean.slice(street.end));
    const marked = after ?? HOUSE_MARKER.exec(clean);
    house = marked ? houseOf(marked) : null;
  }
  const streetName = street ? street.name.split(' ').map(titleCase).join(' ') : null;
  const streetStem = street ? `${street.type.canonical} ${stemOf(street.name)}` : '';
  return {
    settlement: settlement?.display ?? null,
    street: street ? `${street.type.canonical} ${streetName}` : null,
    house,
    key: [settlement?.stem ?? '', streetStem, house ?? ''].join('|'),
  };
}

/** «с. Верхнее, ул. Ленина, 5»: the place as the desktop shows it in evidence. */
export function placeLabel(place: Place): string {
  return [place.settlement, place.street, place.house].filter((part) => part !== null).join(', ');
}

/**
 * How closely two places agree: 'house' (same street and house), 'street' (same street, a house
 * missing or different), or null. A settlement named on one side only does not part them: most
 * appeals of one organisation are in one town and citizens leave it out.
 */
export function placeMatch(a: Place, b: Place): 'house' | 'street' | null {
  const [aSettlement, aStreet, aHouse] = a.key.split('|');
  const [bSettlement, bStreet, bHouse] = b.key.split('|');
  if (aSettlement && bSettlement && aSettlement !== bSettlement) return null;
  if (!aStreet || aStreet !== bStreet) return null;
  return aHouse && aHouse === bHouse ? 'house' : 'street';
}
