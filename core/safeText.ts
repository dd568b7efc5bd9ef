// Text from files and servers, made safe to print and bounded in length. A scenario or a server
// may hold terminal control sequences (ESC [ 2 J clears the screen, ESC ] 0 ; ... BEL retitles
// the window): everything printed to a terminal goes through `terminalSafe`, and a diagnostic
// message quotes at most `quoteLimit` characters of the line it is about.

/** C0 controls but tab and line feed, DEL, C1 controls (0x9b is a one-byte CSI for some terminals). */
const unsafeInLines = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
/** The same, line feed included: for text that must stay on one line. */
const unsafeInLine = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g;

const names: Record<string, string> = { '\u001b': '\\e', '\r': '\\r', '\n': '\\n', '\u0000': '\\0', '\u0007': '\\a', '\b': '\\b', '\f': '\\f', '\v': '\\v' };

function escapeOne(char: string): string {
  return names[char] ?? `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`;
}

/**
 * `text` with its control characters shown as escapes: ESC as `\e`, CR as `\r`, others as `\xNN`
 * (C0 controls, DEL and C1 controls). Tabs stay, and so do line feeds when `multiline` (a
 * pretty-printed stanza); a one-line text (a message, a path) gets `\n` instead.
 */
export function terminalSafe(text: string, multiline = false): string {
  const pattern = multiline ? unsafeInLines : unsafeInLine;
  pattern.lastIndex = 0;
  return pattern.test(text) ? text.replace(pattern, escapeOne) : text;
}

/** How many characters of a line a diagnostic message quotes at most. */
export const quoteLimit = 80;

/** `text` cut to `limit` characters (UTF-16 units, never splitting a surrogate pair), with `…`
 *  when it was longer: what a message says of a name or a line taken from the file. */
export function bounded(text: string, limit = quoteLimit): string {
  if (text.length <= limit) return text;
  let end = limit - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/** Longest message kept whole; past it, quoted parts are cut (`boundQuotes`). */
const messageLimit = 240;

/** `message` with each part quoted between "" or `` cut by `bounded`, and the whole cut to a few
 *  hundred characters: a message built around a name or a line of the file stays readable however
 *  long that was. Short messages are returned as they are. */
export function boundQuotes(message: string): string {
  if (message.length <= messageLimit) return message;
  const quoted = message.replace(/"([^"]*)"|`([^`]*)`/g, (_whole: string, double: string | undefined, back: string | undefined) =>
    double !== undefined ? `"${bounded(double)}"` : `\`${bounded(back!)}\``,
  );
  return bounded(quoted, messageLimit * 2);
}
