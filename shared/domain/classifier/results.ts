/**
 * Results reported to ССТУ.РФ per question code (Указ Президента No. 171 of 17.04.2017).
 * The portal lists «поддержано» and its subset «в т.ч. меры приняты» separately, so they are two codes;
 * a report counts `supported_measures_taken` under «поддержано» as well.
 */
export const sstuResults = [
  'supported',
  'supported_measures_taken',
  'explained',
  'not_supported',
  'answered_to_author',
  'left_without_answer',
  'forwarded_by_competence',
  'term_extended',
] as const;
export type SstuResult = (typeof sstuResults)[number];

/**
 * Results an official may choose when closing an appeal. `forwarded_by_competence` is set only by
 * the forward action, and `term_extended` is an interim state reported while the appeal is still open.
 */
export const closingResults = [
  'supported',
  'supported_measures_taken',
  'explained',
  'not_supported',
  'answered_to_author',
  'left_without_answer',
] as const satisfies readonly SstuResult[];
export type ClosingResult = (typeof closingResults)[number];

export const isClosingResult = (value: unknown): value is ClosingResult =>
  (closingResults as readonly unknown[]).includes(value);
