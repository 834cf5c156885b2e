/**
 * Making learner text safe for an output format, at the output boundary. The one place that knows
 * what a terminal, an XML parser, a spreadsheet and a Markdown renderer make of text: every output
 * that carries learner text (what their code printed, their error messages and stack traces, their
 * file and folder names) goes through one of these functions. All are pure.
 *
 * - {@link plain}: text a terminal shows as text, and that every format can hold.
 * - {@link inline}: `plain`, on one line (a name, a CSV cell, a table cell, a progress line).
 * - {@link xml}: `plain`, escaped for XML content and attribute values.
 * - {@link markdown}: `inline`, escaped so that nothing in it is Markdown; {@link markdownBlock}
 *   for multi-line text in a code fence; {@link markdownCode} for a name in a code span.
 * - {@link cap}: at most so many characters, with a visible mark.
 */

// Terminal escape sequences (ECMA-48), each family removed whole. The first alternative that
// matches wins: a string sequence without its terminator falls through to the last alternative,
// which removes its introducer only, so the text after it stays.
/** A string sequence's payload: no control character, and (but for a title) no space. */
const PAYLOAD = "[^\\u0000-\\u0020\\u007f-\\u009f]";
const PAYLOAD_WITH_SPACES = "[^\\u0000-\\u001f\\u007f-\\u009f]";
/** Longer than a window title, with spaces in it: text, not a sequence's payload. */
const TITLE_LENGTH = 256;
const SEQUENCE = new RegExp(
  [
    // CSI (`ESC [` or 8-bit U+009B): parameter bytes, intermediate bytes, one final byte.
    "(?:\\u001b\\[|\\u009b)[\\u0030-\\u003f]*[\\u0020-\\u002f]*[\\u0040-\\u007e]",
    // OSC, DCS, SOS, PM, APC (`ESC ]`, `ESC P`, `ESC X`, `ESC ^`, `ESC _`, or 8-bit U+009D, U+0090,
    // U+0098, U+009E, U+009F): a payload without control characters, ended by BEL or ST (`ESC \`
    // or U+009C). A payload that reaches a line break or another control is not one: only the
    // introducer goes. Nor is one that runs on, words and spaces, past a window title's length to
    // a BEL far later: a link's or a clipboard's payload has no space, a title is short, and the
    // learner's text between the two stays (a terminal would have swallowed it).
    `(?:\\u001b[\\]PX^_]|[\\u0090\\u0098\\u009d\\u009e\\u009f])(?:${PAYLOAD}*|${PAYLOAD_WITH_SPACES}{0,${TITLE_LENGTH}})(?:\\u0007|\\u001b\\\\|\\u009c)`,
    // nF escapes (`ESC ( B`, `ESC # 8`): intermediate bytes, then one final byte.
    "\\u001b[\\u0020-\\u002f]+[\\u0030-\\u007e]",
    // Two-character escapes (`ESC c`, `ESC 7`, `ESC \`), and the introducer of an unterminated
    // CSI or string sequence.
    "\\u001b[\\u0020-\\u007e]",
  ].join("|"),
  "g",
);
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
/**
 * Code points XML 1.0 does not allow or that are not characters (U+FFFE, U+FFFF, U+FDD0–U+FDEF,
 * U+nFFFE and U+nFFFF of every plane, lone surrogates), and the bidirectional embeddings,
 * overrides and isolates (U+202A–U+202E, U+2066–U+2069), which reorder what a line shows.
 */
const INVISIBLE = /[\p{Noncharacter_Code_Point}\p{Cs}\u202a-\u202e\u2066-\u2069]/gu;

/**
 * Text as text: no terminal escape sequence (each family removed whole, the text around it kept),
 * no C0 control but line feed and tab (a carriage return becomes a line feed, so it cannot
 * overwrite a line), no DEL, no C1 control, no code point XML cannot hold, no bidirectional
 * override. Idempotent.
 *
 * @example plain("\u001b[31mred\u001b[0m\r\nok\u001b]0;title\u0007") === "red\nok"
 */
export function plain(text: string): string {
  return text
    .replace(SEQUENCE, "")
    .replace(/\r\n?/g, "\n")
    .replace(CONTROLS, "")
    .replace(INVISIBLE, "");
}

/** How a line break looks inside a one-line field. */
export const LINE_BREAK = " ↵ ";

/**
 * `plain` text on one line, for a field that must never print as two (a learner's name, a CSV cell,
 * a table cell): each line break (also U+2028 and U+2029) shows as " ↵ ", each tab as a space.
 *
 * @example inline("bob\nhonest: 24 of 24") === "bob ↵ honest: 24 of 24"
 */
export function inline(text: string): string {
  return plain(text)
    .replace(/[\n\u2028\u2029]/g, LINE_BREAK)
    .replace(/\t/g, " ");
}

const XML_ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
};

/**
 * `plain` text escaped for XML 1.0: valid in element content and in attribute values (either quote).
 *
 * @example xml('a < "b"') === "a &lt; &quot;b&quot;"
 */
export function xml(text: string): string {
  return plain(text).replace(/[&<>"']/g, (c) => XML_ENTITIES[c] as string);
}

/**
 * `xml` for an attribute value whose line breaks and tabs must survive: XML parsers turn a literal
 * line break or tab in an attribute into a space, a character reference they keep.
 *
 * @example xmlAttribute("a\nb") === "a&#10;b"
 */
export function xmlAttribute(text: string): string {
  return xml(text).replace(/\n/g, "&#10;").replace(/\t/g, "&#9;");
}

// Every ASCII punctuation character: CommonMark lets each be backslash-escaped, and an escaped
// one is never syntax (link, image, autolink, HTML, entity, emphasis, code span, table pipe).
const PUNCTUATION = /[!-/:-@[-`{-~]/g;
/** U+2060 WORD JOINER: invisible, no line break, not part of an address or a name. */
const WORD_JOINER = "\u2060";

/**
 * `inline` text as inline Markdown (a line, a list item, a table cell) that renders as that very
 * text and as nothing else: every ASCII punctuation character is backslash-escaped, which defeats
 * links, images, `<...>` autolinks, HTML, entities, emphasis, code spans and table breaks, and
 * GFM's extended autolinks of `https://...` and `www.` in markdown-it, micromark and cmark-gfm.
 * cmark-gfm (GitHub's) finds e-mail addresses in the text after escapes are resolved, so an `@`
 * is also followed by an invisible word joiner, which ends the address (and an `@mention`).
 *
 * @example markdown("![full marks](https://x.y/a.png)") ===
 *   "\\!\\[full marks\\]\\(https\\:\\/\\/x\\.y\\/a\\.png\\)"
 */
export function markdown(text: string): string {
  return inline(text).replace(PUNCTUATION, (c) => (c === "@" ? `\\@${WORD_JOINER}` : `\\${c}`));
}

/**
 * `inline` text in a Markdown code span when it needs no escaping (a function or test name),
 * otherwise as escaped {@link markdown} text: a code span would show the escapes.
 */
export function markdownCode(text: string): string {
  const line = inline(text);
  return /^[A-Za-z0-9_$.-]+$/.test(line) ? `\`${line}\`` : markdown(line);
}

/**
 * Multi-line `plain` text as a fenced Markdown code block that shows it as it is: the fence is a
 * run of backticks longer than any in the text (at least three), so no line of it closes the
 * block; nothing inside a code block is a link, HTML or emphasis.
 *
 * @example markdownBlock("a ``` b") === "````\na ``` b\n````"
 */
export function markdownBlock(text: string): string {
  const body = plain(text);
  let longest = 0;
  for (const run of body.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = "`".repeat(Math.max(3, longest + 1));
  return `${fence}\n${body}${body.endsWith("\n") ? "" : "\n"}${fence}`;
}

/**
 * At most `limit` characters, with a visible mark when cut (never between the two halves of a
 * surrogate pair).
 */
export function cap(
  text: string,
  limit: number,
  note = `[truncated at ${limit} characters]`,
): string {
  if (text.length <= limit) return text;
  return `${text.slice(0, wholeCharacters(text, limit - note.length - 1))}\n${note}`;
}

/**
 * At most `limit` characters, cut at a space (never inside a word, unless one word is longer than
 * half the limit), with "…" when cut.
 */
export function cutAtWord(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const space = text.lastIndexOf(" ", limit - 1);
  const end = space > limit / 2 ? space : wholeCharacters(text, limit - 1);
  return `${text.slice(0, end).trimEnd()}…`;
}

/** `end`, or one less where `end` would split a surrogate pair. */
function wholeCharacters(text: string, end: number): number {
  const at = Math.max(0, end);
  const last = text.charCodeAt(at - 1);
  return at > 0 && last >= 0xd800 && last <= 0xdbff ? at - 1 : at;
}
