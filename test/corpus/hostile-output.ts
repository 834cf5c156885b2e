/**
 * Attacks on the grader's output: see test/corpus/hostile.ts for how the corpus is graded. Learner
 * text (what predict prints, what it throws) that would take over the instructor's terminal,
 * break the JUnit XML, or render as a link or an image of full marks in the Markdown report and the
 * class summary. The JSON report keeps it as it was; every other output goes through
 * grader/render/sanitize.ts (test/adapters/formats.test.ts renders these submissions' reports).
 */
import { type HostileCase, inPredict, predictOnly, unharmed } from "./hostile-kit.ts";

const E = "\u001b";
const ST = `${E}\\`;

/** A TypeScript string literal of `text` with every character outside printable ASCII escaped. */
export function literal(text: string): string {
  return JSON.stringify(text).replace(
    /[^\u0020-\u007e]/g,
    (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, "0")}`,
  );
}

/** One of each escape-sequence family, whole or unterminated, with text between them. */
export const TERMINAL_ATTACK = [
  `${E}[2J${E}[H${E}[?25l`,
  `${E}]0;grade: full marks\u0007`,
  `${E}]8;;https://evil.example/${ST}click${E}]8;;${ST}`,
  `${E}]52;c;ZWNobyBvd25lZA==\u0007`,
  `${E}P1$qm${ST}${E}Xsos${ST}${E}^pm${ST}${E}_apc${ST}`,
  `${E}c${E}(0${E}#8`,
  "\u009b31m\u009d0;8-bit title\u009c\u0085",
  "\u202escore reversed\u202c",
  "score: 0 of 24.25\rscore: 24.25 of 24.25",
  `${E}]0;never terminated`,
  "honest-reference: 0 of 24.25",
  "after the escapes",
].join("\n");

/** Markdown (and HTML) that would render as an image of full marks, links and markup. */
export const MARKDOWN_ATTACK = [
  "![29.75 of 29.75 points](https://img.example/full-marks.png)",
  "[click for your grade](http://evil.example/)",
  "<https://evil.example/> https://evil.example/x www.evil.example teacher@school.example",
  '<img src="https://img.example/a.png"><script>alert(1)</script>',
  "```\n</details>\n```",
  "| forged | row |",
].join("\n");

/** An error message with code points XML cannot hold, a link and an image. */
export const THROWN_ATTACK =
  "bad \ufffe\uffff\ud800 [your grade](http://evil.example/) ![full marks](https://img.example/a.png) \u001b[2J\u001b]8;;http://x\u0007link\u001b]8;;\u0007";

export const outputCases: HostileCase[] = [
  {
    name: "prints-terminal-escapes",
    attack:
      "predict prints escape sequences of every family (CSI, OSC, DCS, SOS, PM, APC, 7- and 8-bit, unterminated), a bidi override, a carriage return and a forged line",
    source: inPredict(`  console.log(${literal(TERMINAL_ATTACK)});`),
    // The JSON report keeps what was printed, escapes included.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the escape printed is the point
    verdict: unharmed(/\u001b\[2J[\s\S]*honest-reference: 0 of 24\.25\nafter the escapes/),
  },
  {
    name: "prints-markdown",
    attack:
      "predict prints a Markdown image of full marks, links, bare URLs, an e-mail address, HTML and a code fence",
    source: inPredict(`  console.log(${literal(MARKDOWN_ATTACK)});`),
    verdict: unharmed(/!\[29\.75 of 29\.75 points\]\(https:\/\/img\.example\/full-marks\.png\)/),
  },
  {
    name: "throws-markup",
    attack: "predict throws an error whose message holds U+FFFE, U+FFFF, a link and an image",
    source: inPredict(`  throw new Error(${literal(THROWN_ATTACK)});`),
    verdict: predictOnly(["error"], /threw Error: bad [\s\S]*\[your grade\]\(http:\/\/evil/),
  },
];
