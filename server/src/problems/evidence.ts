/**
 * Why two appeals of different citizens may be one problem (issue 13, «several citizens, one
 * problem»): the same place (shared/domain/place.ts), the same category (the one a person set, else
 * triage's first suggestion), similar text (cosine over the words' stems, personal data masked
 * first), and how close in time. A person decides; this only names the evidence.
 */
import { type Place, placeLabel, placeMatch, placeOf } from '../../../shared/domain/place';
import { featuresOf } from '../../../shared/triage/features';
import { masks } from '../../../shared/triage/text';

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

const maskWords = Object.values(masks);

/** Stem counts of a text, the masks of personal data left out (they would make any two addresses alike). */
function stemCounts(text: string): Map<number, number> {
  const { counts, origin, stems } = featuresOf(text, false);
  const result = new Map<number, number>();
  for (const bucket of stems) {
    const stem = origin.get(bucket) ?? '';
    if (maskWords.some((mask) => mask.startsWith(stem))) continue;
    result.set(bucket, counts.get(bucket) ?? 0);
  }
  return result;
}

/** Cosine similarity (0–1) of two texts' stem counts. */
export function textSimilarity(a: string, b: string): number {
  const left = stemCounts(a);
  const right = stemCounts(b);
  let dot = 0;
  for (const [bucket, count] of left) dot += count * (right.get(bucket) ?? 0);
  const norm = (counts: Map<number, number>) =>
    Math.sqrt([...counts.values()].reduce((sum, count) => sum + count * count, 0));
  const denominator = norm(left) * norm(right);
  return denominator === 0 ? 0 : dot / denominator;
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

/** The evidence that `other` is the same problem as `appeal`, or null when it is not a candidate. */
export function compareAppeals(appeal: Doc, other: Doc): ProblemComparison | null {
  const days = Math.abs(Number(appeal.receivedAt) - Number(other.receivedAt)) / dayMs;
  if (!(days <= problemWindowDays)) return null;
  const mine = placeOfAppeal(appeal);
  const theirs = placeOfAppeal(other);
  const place = mine && theirs ? placeMatch(mine, theirs) : null;
  const category = categoryOfAppeal(appeal);
  const sameCategory = category !== null && category === categoryOfAppeal(other);
  const similarity = textSimilarity(textOfAppeal(appeal), textOfAppeal(other));
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
