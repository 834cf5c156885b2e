/**
 * What each output format must never hold, checked the way its consumer reads it: a terminal (no
 * control character of the learner's), an XML parser (saxes, strict XML 1.0, plus the Char
 * production, which saxes does not apply to lone surrogates), and real Markdown renderers
 * (markdown-it with linkify, micromark with GFM, and GitHub's cmark-gfm where it is installed),
 * whose HTML must hold no link, image or HTML that learner text brought.
 */
import { spawnSync } from "node:child_process";
import MarkdownIt from "markdown-it";
import { micromark } from "micromark";
import { gfm, gfmHtml } from "micromark-extension-gfm";
import { SaxesParser } from "saxes";

/** Our own colours, the only escape sequences the terminal summary may hold. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching our own colour codes
const OUR_COLOURS = /\u001b\[(?:0|1|2|31|32|33)m/g;

/**
 * Code points a terminal line must not hold: C0 controls but line feed and tab (ESC among them),
 * DEL, C1 controls, bidirectional overrides and isolates, noncharacters, lone surrogates.
 */
const TERMINAL_FORBIDDEN =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\p{Noncharacter_Code_Point}\p{Cs}]/u;

/** The first code point a terminal must not be sent, as `U+XXXX at N`, or null. */
export function terminalProblem(text: string, { colour = false } = {}): string | null {
  const shown = colour ? text.replace(OUR_COLOURS, "") : text;
  const match = TERMINAL_FORBIDDEN.exec(shown);
  if (!match) return null;
  const code = match[0].codePointAt(0) ?? 0;
  return `U+${code.toString(16).toUpperCase().padStart(4, "0")} at ${match.index}: ${JSON.stringify(shown.slice(Math.max(0, match.index - 20), match.index + 20))}`;
}

/** XML 1.0's Char production: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]. */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;

export interface ParsedXml {
  errors: string[];
  /** Every element with its attributes and its text content, in document order. */
  elements: { name: string; attributes: Record<string, string>; text: string }[];
}

/** A strict parse: well-formedness errors, characters outside XML 1.0's Char production. */
export function parseXml(text: string): ParsedXml {
  const errors: string[] = [];
  const bad = NOT_XML_CHAR.exec(text);
  if (bad) errors.push(`not an XML Char: U+${bad[0].codePointAt(0)?.toString(16)} at ${bad.index}`);
  const elements: ParsedXml["elements"] = [];
  const open: ParsedXml["elements"] = [];
  const parser = new SaxesParser();
  parser.on("error", (error) => errors.push(error.message));
  parser.on("opentag", (tag) => {
    const element = {
      name: tag.name,
      attributes: Object.fromEntries(Object.entries(tag.attributes).map(([k, v]) => [k, `${v}`])),
      text: "",
    };
    elements.push(element);
    open.push(element);
  });
  parser.on("text", (chunk) => {
    const current = open.at(-1);
    if (current) current.text += chunk;
  });
  parser.on("closetag", () => open.pop());
  try {
    parser.write(text).close();
  } catch (error) {
    errors.push(String(error));
  }
  return { errors, elements };
}

const markdownIt = new MarkdownIt({ html: true, linkify: true });

const CMARK_GFM = spawnSync("cmark-gfm", ["--version"]).status === 0;

/**
 * Markdown renderers as HTML, each as permissive as it gets (raw HTML passed through, autolinks
 * of bare URLs and addresses on): whatever markup learner text smuggles in shows.
 */
export const renderers: Record<string, ((text: string) => string) | null> = {
  "markdown-it (linkify)": (text) => markdownIt.render(text),
  "micromark (GFM)": (text) =>
    micromark(text, {
      allowDangerousHtml: true,
      extensions: [gfm()],
      htmlExtensions: [gfmHtml()],
    }),
  // GitHub's own renderer, where the machine has it (Debian's cmark-gfm package).
  "cmark-gfm": CMARK_GFM
    ? (text) =>
        spawnSync(
          "cmark-gfm",
          ["--unsafe", "-e", "autolink", "-e", "table", "-e", "strikethrough", "-e", "tasklist"],
          { input: text, encoding: "utf8" },
        ).stdout
    : null,
};

/** How many of each tag the HTML holds: `{ p: 3, table: 1, ... }`. */
export function tagCounts(html: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [, name] of html.matchAll(/<([A-Za-z][A-Za-z0-9-]*)/g)) {
    const tag = (name as string).toLowerCase();
    counts[tag] = (counts[tag] ?? 0) + 1;
  }
  return counts;
}

/** Links, images and HTML elements other than what Markdown itself makes of our own markup. */
export const LEARNER_MARKUP = /<(a|img|script|iframe|svg|details|font|span|div|style)\b/i;

/** The text a rendering shows: tags removed, entities decoded. */
export function shownText(html: string): string {
  return html
    .replace(/<[^>]*>/g, "")
    .replace(/&(lt|gt|quot|amp|#(\d+)|#x([0-9a-f]+));/gi, (entity, name, dec, hex) => {
      if (dec) return String.fromCodePoint(Number(dec));
      if (hex) return String.fromCodePoint(Number.parseInt(hex, 16));
      return { lt: "<", gt: ">", quot: '"', amp: "&" }[(name as string).toLowerCase()] ?? entity;
    });
}

/** The cells of RFC 4180 CSV text, row by row (quoted fields may hold commas and quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  for (const line of text.split("\n")) {
    if (line === "") continue;
    const cells: string[] = [];
    const field = /("(?:[^"]|"")*"|[^,]*)(,|$)/y;
    let at = 0;
    while (at <= line.length) {
      field.lastIndex = at;
      const match = field.exec(line);
      if (!match) throw new Error(`not CSV at ${at}: ${line}`);
      const raw = match[1] as string;
      cells.push(raw.startsWith('"') ? raw.slice(1, -1).replace(/""/g, '"') : raw);
      at = field.lastIndex;
      if (match[2] === "") break;
    }
    rows.push(cells);
  }
  return rows;
}
