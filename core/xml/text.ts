// Text of ltx elements.
import type { Element } from 'ltx';

/** The element's direct text children joined and trimmed (whitespace-only text is layout). */
export function ownText(element: Element): string {
  let text = '';
  for (const child of element.children) if (typeof child === 'string') text += child;
  return text.trim();
}
