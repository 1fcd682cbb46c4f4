import { termOf } from '../../../shared/search/tokens';

const words = (text: string): string[] =>
  text
    .toLowerCase()
    .replace(/ё/g, 'е')
    .match(/[\p{L}\p{N}]+/gu) ?? [];

/**
 * Does a command's label answer what was typed? Every typed word must begin a word of the label,
 * as typed (a word half typed: «при») or as a stem, so е/ё and endings do not matter: «прием»,
 * «приём» and «приёма» all find «Приём граждан».
 */
export function commandMatches(label: string, typed: string): boolean {
  const labelWords = words(label);
  const labelTerms = labelWords.map(termOf);
  return words(typed).every((word) => {
    const term = termOf(word);
    return (
      labelWords.some((candidate) => candidate.startsWith(word)) ||
      labelTerms.some(
        (candidate) => candidate.startsWith(term) || (candidate.length >= 3 && term.startsWith(candidate)),
      )
    );
  });
}
