// Escaping for XML that this project writes as text: attribute values in double quotes (Accept's
// edits, the recorder's stanzas towards a client). Text content uses ltx's escapeXMLText (& < >).

/** `value` for an attribute written in double quotes: `&`, `<` and `"` escaped (XML 1.0 §2.3:
 *  `>` and `'` may stand as they are there, so what a person wrote keeps its look). */
export function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}
