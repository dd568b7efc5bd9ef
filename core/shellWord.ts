// A word of a POSIX shell command line, quoted only when it must be: for the commands we print for
// a person to paste ("Copy scs run Command", `scs record`'s replay line, `scs server start`'s
// stop line). Paths with spaces, quotes or glob characters (`[::1]:5222`) come out as one word.

/** `text` as itself when it holds only characters no POSIX shell treats specially, else in single
 *  quotes (a `'` inside written `'\''`). Never throws. */
export function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
