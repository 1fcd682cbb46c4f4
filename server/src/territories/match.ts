/**
 * Which territory an appeal's place is in, and the place itself (issue 14, hot spots). Pure.
 *
 * A territory is found by its name or one of its variants as words of the text, allowing Russian
 * endings («в Заречном», «Заречного района»): each word of a name matches a word beginning with its
 * stem (the word less one or two last letters, by its length). Generic words of a settlement
 * (посёлок, село, г. …) are not part of a name's match; «район» is (a bare «Северный» is a street). A settlement found wins over a district; failing
 * both, a street of exactly one settlement's street list names that settlement. Unknown is null.
 *
 * The place (for «повторяющиеся проблемы в одном месте») is a street with its house number, as
 * «ул. Ленина, 15» or «улице Ленина у дома 15» write it, read by the one place reader of Okno
 * (shared/domain/place.ts, also problem groups'); its key is the street's type and stem and the house.
 */

import { placeOf as readPlace } from '../../../shared/domain/place';

export interface TerritoryEntry {
  id: string;
  kind: 'district' | 'settlement';
  parentId: string | null;
  name: string;
  variants: readonly string[];
  streets: readonly string[];
}

export interface AppealPlace {
  /** `<street stem>|<house>`, or `<street stem>` without a house */
  key: string;
  /** as shown: «ул. Ленина, 15» */
  label: string;
}

// «район» stays in a district's name: «Северный» alone is any northern street or side.
const genericWords = new Set([
  'поселок',
  'пос',
  'п',
  'пгт',
  'село',
  'с',
  'деревня',
  'дер',
  'д',
  'город',
  'г',
  'мкр',
  'микрорайон',
  'станица',
  'ст',
  'хутор',
  'х',
]);

/** Lower case, ё as е, words of letters and digits separated by single spaces. */
function normalisePlaceText(text: string): string {
  return text
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^a-zа-я0-9]+/g, ' ')
    .trim();
}

/** A word less its ending: two letters off a long word, one off a middling one, none off a short one. */
const stem = (word: string): string =>
  word.length > 5 ? word.slice(0, -2) : word.length > 4 ? word.slice(0, -1) : word;

function namePattern(name: string): RegExp | null {
  const words = normalisePlaceText(name)
    .split(' ')
    .filter((word) => word && !genericWords.has(word));
  if (words.length === 0) return null;
  const parts = words.map((word) => (word.length > 4 ? `${stem(word)}[а-яa-z]{0,4}` : `${word}[а-я]{0,2}`));
  return new RegExp(`(?:^| )${parts.join(' ')}(?= |$)`);
}

interface CompiledTerritory {
  entry: TerritoryEntry;
  names: RegExp[];
  streets: RegExp[];
}

/** The organisation's territories, compiled once for many appeals. */
export class TerritoryMatcher {
  private readonly compiled: CompiledTerritory[];

  constructor(territories: readonly TerritoryEntry[]) {
    this.compiled = territories.map((entry) => ({
      entry,
      names: [entry.name, ...entry.variants].map(namePattern).filter((p): p is RegExp => p !== null),
      streets: entry.streets.map(namePattern).filter((p): p is RegExp => p !== null),
    }));
  }

  get size(): number {
    return this.compiled.length;
  }

  /** The territory of the first text that names one (the appeal's own words first), or null. */
  territoryOf(texts: readonly (string | null | undefined)[]): string | null {
    for (const text of texts) {
      if (!text) continue;
      const found = this.inText(normalisePlaceText(text), text);
      if (found) return found;
    }
    return null;
  }

  private inText(text: string, asWritten: string): string | null {
    const named = this.compiled
      .map((territory) => ({ territory, at: firstMatch(territory.names, text) }))
      .filter((found) => found.at >= 0);
    const settlement = earliest(named.filter((found) => found.territory.entry.kind === 'settlement'));
    if (settlement) return settlement.entry.id;
    const street = streetPart(asWritten);
    const byStreet = this.compiled.filter(
      (territory) => territory.entry.kind === 'settlement' && firstMatch(territory.streets, street) >= 0,
    );
    // A street of one settlement only; within a named district, its settlement with that street.
    const district = earliest(named.filter((found) => found.territory.entry.kind === 'district'));
    const inDistrict = district
      ? byStreet.filter((territory) => territory.entry.parentId === district.entry.id)
      : byStreet;
    if (inDistrict.length === 1) return inDistrict[0]!.entry.id;
    return district ? district.entry.id : null;
  }
}

function firstMatch(patterns: readonly RegExp[], text: string): number {
  let best = -1;
  for (const pattern of patterns) {
    const at = text.search(pattern);
    if (at >= 0 && (best < 0 || at < best)) best = at;
  }
  return best;
}

function earliest(found: { territory: CompiledTerritory; at: number }[]): CompiledTerritory | null {
  const sorted = [...found].sort((a, b) => a.at - b.at);
  return sorted[0]?.territory ?? null;
}

/**
 * The street a text names, as the territories' street lists are matched: its name alone, normalised
 * («ул. Ленина» → «ленина»); '' when the text names none. Read by the one place reader
 * (shared/domain/place.ts), as problem groups read it.
 */
function streetPart(text: string): string {
  const street = readPlace(text)?.street;
  return street ? normalisePlaceText(street.slice(street.indexOf(' ') + 1)) : '';
}

/**
 * The street and house the text names, or null (a house alone or a settlement alone is no place for a
 * hot spot). Read by shared/domain/place.ts `placeOf`, the reader problem groups use too; the key is
 * its street and house (a settlement named on one side only does not part two appeals, as in
 * `placeMatch`).
 */
export function placeOf(text: string): AppealPlace | null {
  const place = readPlace(text);
  if (!place?.street) return null;
  const [, street = '', house = ''] = place.key.split('|');
  return {
    key: house ? `${street}|${house}` : street,
    label: place.house ? `${place.street}, ${place.house}` : place.street,
  };
}
