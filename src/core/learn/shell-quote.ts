/** Quote a word for a POSIX shell: inside single quotes nothing is special, and `'` becomes `'\''`. */
export function shellQuote(word: string): string {
  return `'${word.replaceAll("'", "'\\''")}'`;
}
