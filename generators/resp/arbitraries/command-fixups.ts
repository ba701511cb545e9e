/**
 * Corrections a few commands need after their arguments were drawn from the grammar, where the
 * grammar alone would let the server pick at random and the answers (or the state after them)
 * would differ between two servers.
 */
export function fixCommandWords(command: string, words: string[]): string[] {
  // SPOP removes members the server picks at random; a count beyond any set's size removes
  // them all, which is the same on every server.
  if (command === 'spop') return [...words.slice(0, 2), '1000000'];
  return words;
}
