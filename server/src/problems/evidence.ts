/**
 * Why two appeals of different citizens may be one problem (issue 13, «several citizens, one
 * problem»): the same place (shared/domain/place.ts), the same category (the one a person set, else
 * triage's first suggestion), similar text (cosine over the words' stems), and how close in time. A person decides; this only names the evidence.
 */
import { type Place, placeLabel, placeMatch, placeOf } from '../../../shared/domain/place';
import { termOf } from '../../../shared/search/tokens';

type Doc = Record<string, unknown>;

/** Appeals received within this many days of each other can be one problem. */
export const problemWindowDays = 7;
/** Text this similar (cosine of stems, 0–1) is named as evidence. */
const similarTextThreshold = 0.3;
/** Without a shared place, only text this similar in the same category makes a candidate. */
const similarTextWithoutPlace = 0.5;

const dayMs = 86_400_000;

export type ProblemEvidence =
  | { kind: 'place'; match: 'house' | 'street'; place: string }
  | { kind: 'category'; category: string }
  | { kind: 'text'; similarity: number }
  | { kind: 'days'; days: number };

/** Words that say nothing of the problem (shorter words are skipped anyway). */
const functionWords = new Set(
  'что это как так уже еще все для при или его она они нас вас мне был была были быть есть этот эта эти который которые которая очень прошу просим помогите пожалуйста здравствуйте'.split(
    ' ',
  ),
);
const letterWords = /\p{L}{3,}/gu;

/**
 * Stem counts of a text: words of three or more letters, stemmed as search does (shared/search/tokens.ts);
 * numbers are left out (house numbers and phones would make any two addresses alike). Only a
 * similarity number leaves the server, never the words.
 */
function stemCounts(text: string): Map<string, number> {
  const result = new Map<string, number>();
  for (const [word] of text.matchAll(letterWords)) {
    const term = termOf(word);
    if (functionWords.has(term) || functionWords.has(word.toLowerCase())) continue;
    result.set(term, (result.get(term) ?? 0) + 1);
  }
  return result;
}

const normOf = (counts: Map<string, number>) =>
  Math.sqrt([...counts.values()].reduce((sum, count) => sum + count * count, 0));

function cosine(left: Map<string, number>, right: Map<string, number>, norms: number): number {
  if (norms === 0) return 0;
  let dot = 0;
  for (const [bucket, count] of left) dot += count * (right.get(bucket) ?? 0);
  return dot / norms;
}

/** Cosine similarity (0–1) of two texts' stem counts. */
export function textSimilarity(a: string, b: string): number {
  const left = stemCounts(a);
  const right = stemCounts(b);
  return cosine(left, right, normOf(left) * normOf(right));
}

/** The appeal's text as the comparison reads it: subject and text. */
const textOfAppeal = (doc: Doc) => `${String(doc.subject ?? '')}. ${String(doc.text ?? '')}`;

/** The place the appeal names: in its text first, else in the applicant's postal address. */
function placeOfAppeal(doc: Doc): Place | null {
  const applicant = doc.applicant as { contacts?: { postalAddress?: unknown } } | undefined;
  const postal = applicant?.contacts?.postalAddress;
  return placeOf(textOfAppeal(doc)) ?? (typeof postal === 'string' ? placeOf(postal) : null);
}

/** The category a person set, else the working category of triage's first suggestion. */
export function categoryOfAppeal(doc: Doc): string | null {
  if (typeof doc.category === 'string' && doc.category !== '') return doc.category;
  const triage = doc.triage as { category?: { category?: unknown }[] } | null | undefined;
  const suggested = triage?.category?.[0]?.category;
  return typeof suggested === 'string' && suggested !== '' ? suggested : null;
}

export interface ProblemComparison {
  evidence: ProblemEvidence[];
  /** Ranks candidates: a shared house weighs most, then street, category and text. */
  score: number;
}

/** What the comparison reads of one appeal, read once per appeal (a request compares hundreds). */
export interface ProblemProfile {
  readonly receivedAt: number;
  readonly place: Place | null;
  readonly category: string | null;
  readonly stems: Map<string, number>;
  readonly norm: number;
}

export function problemProfile(doc: Doc): ProblemProfile {
  const stems = stemCounts(textOfAppeal(doc));
  return {
    receivedAt: Number(doc.receivedAt),
    place: placeOfAppeal(doc),
    category: categoryOfAppeal(doc),
    stems,
    norm: normOf(stems),
  };
}

/** The evidence that `other` is the same problem as `appeal`, or null when it is not a candidate. */
export function compareAppeals(appeal: Doc, other: Doc): ProblemComparison | null {
  return compareProfiles(problemProfile(appeal), problemProfile(other));
}

export function compareProfiles(appeal: ProblemProfile, other: ProblemProfile): ProblemComparison | null {
  const days = Math.abs(appeal.receivedAt - other.receivedAt) / dayMs;
  if (!(days <= problemWindowDays)) return null;
  const mine = appeal.place;
  const theirs = other.place;
  const place = mine && theirs ? placeMatch(mine, theirs) : null;
  const category = appeal.category;
  const sameCategory = category !== null && category === other.category;
  const similarity = cosine(appeal.stems, other.stems, appeal.norm * other.norm);
  const similar = similarity >= similarTextThreshold;
  const candidate =
    place !== null ? sameCategory || similar : sameCategory && similarity >= similarTextWithoutPlace;
  if (!candidate) return null;
  const evidence: ProblemEvidence[] = [];
  if (place && theirs) evidence.push({ kind: 'place', match: place, place: placeLabel(theirs) });
  if (sameCategory && category) evidence.push({ kind: 'category', category });
  if (similar) evidence.push({ kind: 'text', similarity: Math.round(similarity * 100) / 100 });
  evidence.push({ kind: 'days', days: Math.floor(days) });
  const score =
    (place === 'house' ? 3 : place === 'street' ? 2 : 0) + (sameCategory ? 1 : 0) + similarity * 2;
  return { evidence, score };
}
