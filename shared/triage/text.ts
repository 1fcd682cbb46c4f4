/**
 * The text a suggestion reads: an appeal as citizens write it (often HTML from the portal's editor),
 * cleaned and with personal data masked before any feature is taken from it. Masking runs before
 * training and before every suggestion, so neither the shipped model nor a suggestion's reason ever
 * holds a person's name, phone, e-mail or house number.
 */

/** Placeholders left where personal data was; they are ordinary words to the model. */
export const masks = {
  name: 'имямаск',
  phone: 'телмаск',
  email: 'почтамаск',
  house: 'номермаск',
  /** A passport, СНИЛС, card or account number: any run of six or more digits. */
  document: 'документмаск',
  /** A profile handle: @club123, @ivan_petrov. */
  profile: 'профильмаск',
} as const;

const entities: Record<string, string> = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  laquo: '«',
  raquo: '»',
  ndash: '–',
  mdash: '—',
  hellip: '…',
};

/** HTML tags and entities out, lower case, ё → е, spaces collapsed. Keeps the case when asked (masking needs it). */
export function cleanText(text: string, keepCase = false): string {
  const plain = text
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(Number.parseInt(code, 16)))
    .replace(/&([a-z]+);/gi, (all, name: string) => entities[name.toLowerCase()] ?? all)
    .replace(/[ёЁ]/g, (letter) => (letter === 'ё' ? 'е' : 'Е'))
    .replace(/\s+/g, ' ')
    .trim();
  return keepCase ? plain : plain.toLowerCase();
}

const emailPattern = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
// +7 (912) 345-67-89, 8-912-345-67-89, 89123456789, 8 4712 51-23-45, and local 2-34-56 / 51-23-45.
const phonePattern =
  /(?:\+\s?7|\b8)[\s\-(]*\d{3,5}[\s\-)]*\d{1,3}[\s-]*\d{2}[\s-]*\d{2}\b|\b\d{1,3}-\d{2}-\d{2}\b|\b\d{10,11}\b/g;
// «д. 5», «дом 12а», «дома №3», «кв. 41», «корп. 2», «стр 1», «уч. 17»: the number after a building word.
const buildingPattern =
  /((?<![\p{L}\p{N}])(?:д|дом[а-я]*|кв|квартир[а-я]*|корп|корпус[а-я]*|стр|строени[а-я]*|уч|участ[а-я]*|№)\.?\s*№?\s*)\d+(?:\s?[а-яa-z](?![\p{L}]))?(?:\s?[/\\-]\s?\d+[а-я]?)?(?![\p{L}\p{N}])/giu;
// «ул. Ленина 5», «на Ленина, 5», «Урицкого 22/1», «проспект Дружбы 3б»: a number after a capitalised word.
const afterNamePattern =
  /((?<![\p{L}\p{N}])[А-ЯЕ][а-яе]+(?:-[А-Яа-яе]+)?,?\s)\d+(?:\s?[а-я](?![\p{L}]))?(?:\s?[/\\-]\s?\d+[а-я]?)?(?![\p{L}\p{N}])/gu;

/** E-mails, phones and house (flat, building) numbers replaced by masks; names are masked by maskNames. */
// Digits in groups (spaces, dashes, brackets between them) that add up to six or more: 4510 123456,
// 123-456-789 01, a card number. Phones are masked before, so what is left here is a document.
const longNumberPattern = /\d(?:[\s()-]{0,2}\d){5,}/g;
const handlePattern = /@[\p{L}\p{N}_.]+/gu;

function maskContactsAndHouses(text: string): string {
  return text
    .replace(emailPattern, ` ${masks.email} `)
    .replace(handlePattern, ` ${masks.profile} `)
    .replace(phonePattern, ` ${masks.phone} `)
    .replace(longNumberPattern, ` ${masks.document} `)
    .replace(buildingPattern, (_, before: string) => `${before}${masks.house}`)
    .replace(afterNamePattern, (_, before: string) => `${before}${masks.house}`);
}

// Common Russian first names (public knowledge, not data): a capitalised word with one of these
// stems and a case ending is a first name.
const firstNames =
  'александр алексей анатолий андрей антон аркадий артем борис вадим валентин валерий василий виктор виталий владимир владислав вячеслав геннадий георгий герман григорий даниил денис дмитрий евгений егор иван игорь илья кирилл константин леонид максим матвей михаил никита николай олег павел петр роман руслан сергей станислав степан тимофей тимур федор филипп эдуард юрий ярослав ' +
  'александра алина алла анастасия ангелина анна антонина валентина валерия варвара вера виктория галина дарья евгения екатерина елена елизавета жанна зинаида зоя инна ирина карина кристина ксения лариса лидия любовь людмила маргарита марина мария надежда наталья наталия нина оксана олеся ольга полина раиса светлана софия софья таисия тамара татьяна ульяна юлия яна';
const nameEndings = ['', 'а', 'я', 'у', 'ю', 'е', 'и', 'ы', 'ой', 'ей', 'ом', 'ем', 'ою', 'ею'];
const firstNameStems = new Set(
  firstNames.split(' ').map((name) => name.replace(/(ия|ья|ий|ай|ей|ь|а|я|й)$/, '')),
);

function isFirstName(word: string): boolean {
  const lower = word.toLowerCase();
  for (const ending of nameEndings) {
    if (lower.length - ending.length < 2 || !lower.endsWith(ending)) continue;
    const stem = lower.slice(0, lower.length - ending.length);
    if (firstNameStems.has(stem) || firstNameStems.has(stem.replace(/(и|ь)$/, ''))) return true;
  }
  return false;
}

// A capital inside the word too: «ВикторНиколаевич», typed without the space.
const patronymic = /^[А-ЯЕ][А-ЯЕа-яе]+(?:ович|евич|ьич|ична|инична|овна|евна)(?:а|у|ем|ом|е|ы|ой|ою)?$/u;
const surname =
  /^[А-ЯЕ][а-яе]+(?:ов|ев|ин|ын|ский|цкий|ская|цкая|ских|цких|ова|ева|ина|ына|ову|еву|ину|ыну|овой|евой|иной|ыной|овым|евым|иным|ыным|ым|ой|ого|ому|ая|ую|ых|ко|ук|юк|ич|дзе|швили|ян|янц)(?:а|у|ом|е|ым)?$/u;
const initials = /^[А-ЯЕ]\.(?:\s?[А-ЯЕ]\.)?$/u;
const capitalised = /^[А-ЯЕ][а-яе]+$/u;
// Words after which a capitalised word is a person: «гражданка Петрова», «соседу Смирнову», «зовут Олег».
const personCue =
  /^(?:гражданин[а-я]*|гр|гражданк[а-я]*|сосед[а-я]*|зовут|фио|заявител[а-я]*|председател[а-я]*|директор[а-я]*|глав[аыеуой]|начальник[а-я]*|врач[а-я]*|депутат[а-я]*|участков[а-я]*|мастер[а-я]*|г-н|г-жа|господин[а-я]*)$/u;

const looksLikeName = (word: string) =>
  surname.test(word) ||
  patronymic.test(word) ||
  (capitalised.test(word) && isFirstName(word)) ||
  initials.test(word) ||
  initials.test(`${word}.`);

/**
 * Person names masked: a known first name, a patronymic or initials, with the capitalised words
 * around them that look like a surname, and a capitalised word after a person cue («гражданка …»).
 * Street names («ул. Пушкина») are left alone unless they stand next to a name.
 */
function maskNames(text: string): string {
  const tokens = text.split(/(\s+|[,;:!?()«»"]+)/);
  const words = tokens.map((token, index) => ({ token, index })).filter(({ token }) => /\S/.test(token));
  const word = (position: number) => words[position]?.token.replace(/[.]$/, '') ?? '';
  const masked = new Set<number>();
  const mark = (position: number) => {
    const entry = words[position];
    if (entry) masked.add(entry.index);
  };
  words.forEach(({ token }, position) => {
    const bare = token.replace(/[.]$/, '');
    const anchor =
      (capitalised.test(bare) && isFirstName(bare)) || patronymic.test(bare) || initials.test(token);
    const cued = capitalised.test(bare) && personCue.test(word(position - 1).toLowerCase());
    if (!anchor && !cued) return;
    mark(position);
    // The words beside it, and two away when the word between is masked already.
    for (const step of [-1, 1, 2, -2]) {
      if (Math.abs(step) === 2 && !masked.has(words[position + Math.sign(step)]?.index ?? -1)) continue;
      if (looksLikeName(word(position + step))) mark(position + step);
    }
  });
  return tokens.map((token, index) => (masked.has(index) ? masks.name : token)).join('');
}

/** The cleaned text with names, phones, e-mails and house numbers masked, lower case. */
export function maskPersonalData(text: string): string {
  return maskNames(maskContactsAndHouses(cleanText(text, true))).toLowerCase();
}
