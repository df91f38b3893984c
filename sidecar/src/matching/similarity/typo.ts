import { distance as editDistance } from 'fastest-levenshtein';

/** Worth a fuzzy comparison: long enough, same first letter, lengths within two (typos, not other words). */
export function isTypoCandidate(a: string, b: string): boolean {
  return a.length >= 5 && b.length >= 5 && a.charCodeAt(0) === b.charCodeAt(0) && Math.abs(a.length - b.length) <= 2;
}

/**
 * The same word with a typo: one edit (insertion, deletion, substitution) in words of five
 * letters or more, two from nine ("monticello" / "monticelo", "marchman" / "marchment").
 */
export function isTypo(a: string, b: string): boolean {
  if (!isTypoCandidate(a, b)) return false;
  return editDistance(a, b) <= (Math.min(a.length, b.length) >= 9 ? 2 : 1);
}
