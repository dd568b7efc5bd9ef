// Expands an LSP snippet as accepting every default would: `${1:text}` gives its text, `$1` and
// `${1}` repeat tab stop 1's default, `${1|a,b|}` gives its first choice, `$0` nothing, and `\$`,
// `\}`, `\\` stand for the character itself.

type Part = string | { stop: number; body?: Part[]; choice?: string };

export function expandSnippet(snippet: string): string {
  const [parts] = parse(snippet, 0, false);
  const defaults = new Map<number, string>();
  const collect = (list: Part[]) => {
    for (const part of list) {
      if (typeof part === 'string') continue;
      if (part.body) collect(part.body);
      const value = part.choice ?? (part.body ? render(part.body) : undefined);
      if (value !== undefined && !defaults.has(part.stop)) defaults.set(part.stop, value);
    }
  };
  const render = (list: Part[]): string =>
    list.map((part) => (typeof part === 'string' ? part : (part.choice ?? (part.body ? render(part.body) : (defaults.get(part.stop) ?? ''))))).join('');
  collect(parts);
  return render(parts);
}

/** Parses from `at` to the end, or (inside a placeholder) to its closing `}`. */
function parse(text: string, at: number, nested: boolean): [Part[], number] {
  const parts: Part[] = [];
  let literal = '';
  let index = at;
  const flush = () => {
    if (literal) parts.push(literal);
    literal = '';
  };
  while (index < text.length) {
    const char = text[index]!;
    if (char === '\\' && index + 1 < text.length) {
      literal += text[index + 1];
      index += 2;
    } else if (nested && char === '}') {
      flush();
      return [parts, index + 1];
    } else if (char === '$' && /\d/.test(text[index + 1] ?? '')) {
      flush();
      const digits = /^\d+/.exec(text.slice(index + 1))![0];
      parts.push({ stop: Number(digits) });
      index += 1 + digits.length;
    } else if (char === '$' && text[index + 1] === '{' && /\d/.test(text[index + 2] ?? '')) {
      flush();
      const digits = /^\d+/.exec(text.slice(index + 2))![0];
      const stop = Number(digits);
      index += 2 + digits.length;
      if (text[index] === '}') {
        parts.push({ stop });
        index += 1;
      } else if (text[index] === '|') {
        const end = text.indexOf('|}', index);
        parts.push({ stop, choice: text.slice(index + 1, end).split(',')[0] });
        index = end + 2;
      } else {
        const [body, next] = parse(text, index + 1, true);
        parts.push({ stop, body });
        index = next;
      }
    } else {
      literal += char;
      index += 1;
    }
  }
  flush();
  return [parts, index];
}
