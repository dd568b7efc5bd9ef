// The syntax tree of a Scansion scenario (.scs), as the parser produces it.
// Every node carries its exact range in the source text. Positions follow LSP's convention
// (0-based lines, UTF-16 code-unit columns) without depending on LSP's types.

export interface Position {
  /** 0-based line. */
  line: number;
  /** 0-based column in UTF-16 code units. */
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A piece of source text and where it stands. */
export interface Spanned<T = string> {
  value: T;
  range: Range;
}

/** The stream's default namespace: stanzas and their unnamespaced children are in it. */
export const STREAM_NS = 'jabber:client';

/** The namespace the parser gives the undeclared `scansion:` prefix (`scansion:strict`).
 *  Attributes in it are instructions to the matcher, never compared. */
export const SCANSION_NS = 'https://matthewwild.co.uk/projects/scansion';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface Diagnostic {
  /** Stable code, e.g. "xml-mismatched-tag"; see core/diagnostics/codes.ts. */
  code: string;
  severity: Severity;
  range: Range;
  message: string;
  /** Machine-readable details for quick fixes (e.g. the suggested verb). */
  data?: Record<string, unknown>;
}

export interface Scenario {
  text: string;
  metadata: Metadata;
  characters: Character[];
  /** The line of dashes that ends the definitions, when present. */
  separator?: Range;
  steps: Step[];
  /** Every comment line outside XML blocks (metadata lines included). */
  comments: Comment[];
  diagnostics: Diagnostic[];
}

export interface Metadata {
  /** The first `#` line at the top of the file. */
  title?: Spanned;
  /** Further `#` lines at the top. */
  description: Spanned[];
  /** `## name` or `## name: value` lines. */
  tags: Tag[];
}

export interface Tag {
  name: Spanned;
  value?: Spanned;
  range: Range;
}

export interface Comment {
  /** The text after the comment marker, trimmed. */
  text: string;
  marker: '#' | '//' | '--';
  range: Range;
}

export interface Character {
  /** The class in brackets, e.g. "Client". */
  className: Spanned;
  /** The name after the class; may hold spaces and apostrophes. */
  name: Spanned;
  /** The `[Class] Name` line. */
  headerRange: Range;
  /** The header and all its property lines. */
  range: Range;
  properties: Property[];
}

export interface Property {
  key: Spanned;
  value: Spanned;
  range: Range;
}

export type Verb = 'connects' | 'disconnects' | 'sends' | 'receives';

/** IncrementalParser gives the steps below a line added or removed as views (core/parser/moved.ts)
 *  whose ranges are made when read, as the XML nodes' are: compare ranges by value, do not assign
 *  through them, and copy a step by reading its properties rather than spreading it. */
export interface Step {
  /** Index of this step among the scenario's steps. */
  index: number;
  /** The character name as written on the action line. */
  character: Spanned;
  verb: Spanned<Verb>;
  /** `receives: nothing` */
  nothing: boolean;
  /** The action line alone. */
  actionRange: Range;
  /** The action line and its block. */
  range: Range;
  /** The XML block of a `sends`/`receives` step. */
  block?: Block;
  /** The comment heading right above the step: the first line of the comment group after the
   *  previous step (used for symbols and test names). It heads this step only. */
  heading?: string;
}

export interface Block {
  /** The block's lines, as written, from the first to the last non-blank line. */
  range: Range;
  /** The stanzas in the block, in order (normally one). */
  stanzas: XmlElement[];
}

/** The parser's nodes (core/parser/nodes.ts) hold positions as numbers and make each range anew
 *  when it is read: compare ranges by value, and do not assign through them. */
export type XmlNode = XmlElement | XmlText;

export interface XmlElement {
  kind: 'element';
  /** Qualified name as written, e.g. "x" or "pubsub:item". */
  name: string;
  prefix?: string;
  local: string;
  /** The resolved namespace URI ("" when none applies; the stream's default is "jabber:client"). */
  ns: string;
  attributes: XmlAttribute[];
  children: XmlNode[];
  /** From `<` to the end of the closing tag (or of `/>`). */
  range: Range;
  /** The name in the start tag. */
  nameRange: Range;
  /** `scansion:strict` as written on this element, when present. */
  strict?: boolean;
}

export interface XmlAttribute {
  /** Qualified name as written. */
  name: string;
  prefix?: string;
  local: string;
  /** Resolved namespace of the attribute ("" for unprefixed attributes). */
  ns: string;
  /** The value with entities decoded, variables left as written (`${...}`). */
  value: string;
  nameRange: Range;
  /** The value between the quotes. */
  valueRange: Range;
  /** Read-only: when there are none, every node shares one frozen empty array. */
  variables: VariableRef[];
}

export interface XmlText {
  kind: 'text';
  /** Text with entities decoded, variables left as written. */
  text: string;
  range: Range;
  /** Read-only, as on attributes. */
  variables: VariableRef[];
}

export type VariableForm = 'JID' | 'full JID';

export interface VariableRef {
  /** The whole `${...}` as written. */
  raw: string;
  range: Range;
  /** The character name, when the form was recognised. */
  character?: Spanned;
  form?: VariableForm;
}
