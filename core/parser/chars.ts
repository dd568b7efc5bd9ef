// Character classes the parser tests one UTF-16 code unit at a time.

/** A blank within a line: space or tab (indentation, and what separates the words of a line). */
export function isSpace(code: number): boolean {
  return code === 32 || code === 9;
}

/** XML white space: space, tab, carriage return, line feed (XML 1.0, section 2.3, production S). */
export function isXmlSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}
