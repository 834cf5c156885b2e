/**
 * The one sanitizer (grader/render/sanitize.ts), string by string: each hostile string through
 * plain, inline, xml and markdown, what comes out, and that the text around each sequence
 * survives; Markdown checked by rendering it with real renderers; then properties over random
 * hostile text.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  cap,
  cutAtWord,
  inline,
  LINE_BREAK,
  markdown,
  markdownBlock,
  markdownCode,
  plain,
  xml,
} from "../../grader/render/sanitize.ts";
import {
  LEARNER_MARKUP,
  parseXml,
  renderers,
  shownText,
  tagCounts,
  terminalProblem,
} from "./format-checks.ts";
import { FORGED_LINE, hostileStrings } from "./hostile-strings.ts";

const WORD_JOINER = /\u2060/g;

describe("plain", () => {
  it.each(hostileStrings)("$name", ({ text, plain: expected }) => {
    expect(plain(text)).toBe(expected);
    expect(terminalProblem(plain(text))).toBeNull();
  });

  it("leaves ordinary text alone, accents, emoji and CJK included", () => {
    const text = "sigmoid: expected 0.5, got 0.73 (at model.ts:12:5)\n\tété 😀 漢字 ∑ ↵";
    expect(plain(text)).toBe(text);
  });
});

describe("inline", () => {
  it.each(hostileStrings)("$name", ({ text, plain: expected }) => {
    const line = inline(text);
    expect(line).not.toMatch(/[\n\r\t\u2028\u2029]/);
    expect(line).toBe(expected.replace(/[\n\u2028\u2029]/g, LINE_BREAK).replace(/\t/g, " "));
  });

  it("shows a forged line as part of the one line it is", () => {
    expect(inline(`bob\u001b[2K\r${FORGED_LINE}`)).toBe(`bob ↵ ${FORGED_LINE}`);
  });
});

describe("xml", () => {
  it.each(hostileStrings)("$name: well-formed, and parsed back to the plain text", ({ text }) => {
    const escaped = xml(text);
    const { errors, elements } = parseXml(`<r a="${escaped}" b='${escaped}'>${escaped}</r>`);
    expect(errors).toEqual([]);
    const [r] = elements;
    expect(r?.text).toBe(plain(text));
    // Attribute-value normalization turns line feeds and tabs into spaces.
    expect(r?.attributes.a).toBe(plain(text).replace(/[\n\t]/g, " "));
    expect(r?.attributes.b).toBe(r?.attributes.a);
  });

  it("escapes the five special characters", () => {
    expect(xml(`<a href='x'>&"</a>`)).toBe("&lt;a href=&apos;x&apos;&gt;&amp;&quot;&lt;/a&gt;");
  });
});

/** Each available renderer, for `it.each`. */
const available = Object.entries(renderers).flatMap(([name, render]) =>
  render ? [{ renderer: name, render }] : [],
);

describe("markdown", () => {
  it("escapes every ASCII punctuation character, and ends an address after its @", () => {
    expect(markdown("![full marks](https://x.example/a.png)")).toBe(
      "\\!\\[full marks\\]\\(https\\:\\/\\/x\\.example\\/a\\.png\\)",
    );
    expect(markdown("a.b@evil.example")).toBe("a\\.b\\@\u2060evil\\.example");
    expect(markdown("x\ny|z")).toBe("x ↵ y\\|z");
    expect(markdown("plain words 42")).toBe("plain words 42");
  });

  for (const { renderer, render } of available) {
    describe(renderer, () => {
      it.each(hostileStrings)(
        "$name renders as its own text, in a paragraph and a table cell",
        ({ text }) => {
          const paragraph = render(`before ${markdown(text)} after\n`);
          expect(paragraph).not.toMatch(LEARNER_MARKUP);
          expect(Object.keys(tagCounts(paragraph))).toEqual(["p"]);
          expect(shownText(paragraph).replace(WORD_JOINER, "").trim()).toBe(
            `before ${inline(text)} after`,
          );
          const table = render(`| name | message |\n| --- | --- |\n| x | ${markdown(text)} |\n`);
          expect(table).not.toMatch(LEARNER_MARKUP);
          expect(tagCounts(table)).toEqual(
            tagCounts(render("| name | message |\n| --- | --- |\n| x | harmless |\n")),
          );
        },
      );
    });
  }

  it.runIf(renderers["cmark-gfm"])(
    "needs the word joiner: GitHub's cmark-gfm links an address even with its @ escaped",
    () => {
      const render = renderers["cmark-gfm"] as (text: string) => string;
      expect(render("a\\.b\\@evil\\.example\n")).toMatch(/<a href="mailto:/);
      expect(render(`${markdown("a.b@evil.example")}\n`)).not.toMatch(/<a /);
    },
  );

  it("a name that needs no escaping is a code span; anything else is escaped text", () => {
    expect(markdownCode("forwardPropagation")).toBe("`forwardPropagation`");
    expect(markdownCode("a`b|c")).toBe("a\\`b\\|c");
  });
});

describe("markdownBlock", () => {
  it("fences with more backticks than any run in the text, which stays as it was", () => {
    expect(markdownBlock("a")).toBe("```\na\n```");
    expect(markdownBlock("a ``` b\n````")).toBe("`````\na ``` b\n````\n`````");
    expect(markdownBlock("x\u001b[31m\r\n")).toBe("```\nx\n```");
  });

  for (const { renderer, render } of available) {
    it.each(hostileStrings)(
      `${renderer}: $name is one code block showing its plain text`,
      ({ text }) => {
        const html = render(`${markdownBlock(text)}\n\nafter\n`);
        expect(tagCounts(html)).toEqual({ pre: 1, code: 1, p: 1 });
        const code = /<code>([\s\S]*)<\/code>/.exec(html)?.[1] ?? "";
        const expected = plain(text);
        expect(shownText(code)).toBe(expected.endsWith("\n") ? expected : `${expected}\n`);
      },
    );
  }
});

describe("cap", () => {
  it("keeps short text, cuts long text with the note, never between a surrogate pair", () => {
    expect(cap("short", 10)).toBe("short");
    expect(cap("x".repeat(20), 12, "[cut]")).toBe("xxxxxx\n[cut]");
    const cut = cap(`abcde😀${"x".repeat(20)}`, 12, "[cut]");
    expect(cut).toBe("abcde\n[cut]");
    expect(cut).not.toMatch(/\p{Cs}/u);
  });
});

describe("properties over random hostile text", () => {
  // Characters that matter to some format, and ordinary ones between them.
  const pieces = [
    "\u001b",
    "[",
    "]",
    "P",
    "X",
    "^",
    "_",
    "\\",
    "\u0007",
    "\u009b",
    "\u009c",
    "\u009d",
    "\u0090",
    "\u0085",
    "\r",
    "\n",
    "\t",
    "\u0000",
    "\u007f",
    "\ufffe",
    "\uffff",
    "\ud800",
    "\udc00",
    "😀",
    "\u202e",
    "\u2066",
    "\u2028",
    "31m",
    "0;",
    "!",
    "(",
    ")",
    "<",
    ">",
    "`",
    "*",
    "|",
    "&",
    "#",
    "@",
    ":",
    "//",
    ".",
    "https",
    "www",
    "evil",
    "example",
    "a",
    " ",
    "é",
    "-",
    "=",
    "~",
    "$",
  ];
  const hostileText = fc
    .array(fc.constantFrom(...pieces), { maxLength: 40 })
    .map((p) => p.join(""));
  const runs = { numRuns: 300, seed: 11 };

  it("plain: nothing a terminal or XML must not get; idempotent", () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const out = plain(text);
        expect(terminalProblem(out)).toBeNull();
        expect(plain(out)).toBe(out);
      }),
      runs,
    );
  });

  it("plain: text without controls, escapes or special code points is unchanged", () => {
    const safe = fc
      .array(fc.constantFrom("a", " ", "[", "]", "\n", "\t", "é", "😀", "<", "&", "\\", "P"), {
        maxLength: 40,
      })
      .map((p) => p.join(""));
    fc.assert(
      fc.property(safe, (text) => plain(text) === text),
      runs,
    );
  });

  it("inline: one line", () => {
    fc.assert(
      fc.property(hostileText, (text) => !/[\n\r\t\u2028\u2029]/.test(inline(text))),
      runs,
    );
  });

  it("xml: well-formed, and parsed back to the plain text", () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const { errors, elements } = parseXml(`<r a="${xml(text)}">${xml(text)}</r>`);
        expect(errors).toEqual([]);
        expect(elements[0]?.text).toBe(plain(text));
      }),
      runs,
    );
  });

  it("markdown: renders as its own text and nothing else", () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        for (const { render } of available.filter((r) => r.renderer !== "cmark-gfm")) {
          const html = render(`x ${markdown(text)} x\n`);
          expect(html).not.toMatch(LEARNER_MARKUP);
          expect(shownText(html).replace(WORD_JOINER, "").replace(/\s+/g, " ").trim()).toBe(
            `x ${inline(text)} x`.replace(/\s+/g, " ").trim(),
          );
        }
      }),
      runs,
    );
  });
});

describe("cutAtWord", () => {
  it("cuts at the last space within the limit, with a mark", () => {
    expect(cutAtWord("the quick brown fox jumps", 16)).toBe("the quick brown…");
    expect(cutAtWord("short", 16)).toBe("short");
  });

  it("cuts a word longer than half the limit, but never between the halves of a surrogate pair", () => {
    const long = `a ${"😀".repeat(20)}`;
    const cut = cutAtWord(long, 12);
    expect(cut.endsWith("…")).toBe(true);
    expect(cut.length).toBeLessThanOrEqual(12);
    expect(cut.slice(0, -1)).toBe(long.slice(0, cut.length - 1));
    expect(/[\ud800-\udbff]$/.test(cut.slice(0, -1))).toBe(false);
  });
});
