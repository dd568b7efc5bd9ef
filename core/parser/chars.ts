// Character classes the parser tests one UTF-16 code unit at a time.

/** A blank within a line: space or tab (indentation, and what separates the words of a line). */
export function isSpace(code: number): boolean {
  return code === 32 || code === 9;
}

/** XML white space: space, tab, carriage return, line feed (XML 1.0, section 2.3, production S). */
export function isXmlSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/** Whether source[at, at + part.length) is `part`: compared code unit by code unit, which costs
 *  less than a call to String.prototype.startsWith for the short strings the parser compares. */
export function startsWithAt(source: string, part: string, at: number): boolean {
  if (at + part.length > source.length) return false;
  for (let i = 0; i < part.length; i++) if (source.charCodeAt(at + i) !== part.charCodeAt(i)) return false;
  return true;
}

/** Whether `name` holds a `:` (a prefixed name). */
export function hasColon(name: string): boolean {
  for (let i = 0; i < name.length; i++) if (name.charCodeAt(i) === 58) return true;
  return false;
}
