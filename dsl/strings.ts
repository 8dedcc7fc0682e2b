// String helpers whose meaning is the same in every back end.

/**
 * Lowers the ASCII letters A-Z and nothing else, like CEL's lowerAscii. Prefer it to
 * `toLowerCase()`, which lowers all of Unicode and so has no exact CEL equivalent.
 */
export function lowerAscii(text: string): string {
  return text.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
}
