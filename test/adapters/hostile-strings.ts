/**
 * Learner text that attacks an output: every escape-sequence family (7-bit and 8-bit, whole and
 * unterminated, with text after it), code points XML cannot hold, bidirectional overrides,
 * carriage returns that rewrite a line, a forged second line, and Markdown that would render as a
 * link, image, autolink or HTML. Each with what `plain()` must make of it: the text around every
 * sequence survives.
 */
const E = "\u001b";
const BEL = "\u0007";
const ST = `${E}\\`;

export interface HostileString {
  name: string;
  text: string;
  /** What `plain(text)` is. */
  plain: string;
}

export const FORGED_LINE = "honest-reference: 0 of 24.25";

export const hostileStrings: HostileString[] = [
  // Escape sequences, whole.
  { name: "CSI colours", text: `a${E}[31mred${E}[0mb`, plain: "aredb" },
  {
    name: "CSI with private parameters and an intermediate byte",
    text: `a${E}[?25lb${E}[1 qc${E}[>4;2md`,
    plain: "abcd",
  },
  { name: "CSI clearing the screen", text: `${E}[2J${E}[3J${E}[Hclean`, plain: "clean" },
  { name: "OSC window title ended by BEL", text: `a${E}]0;owned${BEL}b`, plain: "ab" },
  {
    name: "OSC 8 hyperlink ended by ST",
    text: `see ${E}]8;;https://evil.example/${ST}full marks${E}]8;;${ST} here`,
    plain: "see full marks here",
  },
  { name: "OSC 52 clipboard write", text: `a${E}]52;c;ZWNobyBvd25lZA==${BEL}b`, plain: "ab" },
  {
    name: "OSC 8 hyperlink with a long address, ended by ST",
    text: `see ${E}]8;id=7;https://evil.example/${"x".repeat(3000)}${ST}full marks${E}]8;;${ST} here`,
    plain: "see full marks here",
  },
  {
    name: "an unterminated OSC, then the learner's text, then a BEL far later",
    text: `${E}]0;${"the learner's output goes on ".repeat(40)}${BEL} end`,
    plain: `0;${"the learner's output goes on ".repeat(40)} end`,
  },
  { name: "DCS ended by ST", text: `a${E}P1$qm${ST}b`, plain: "ab" },
  {
    name: "SOS, PM and APC strings",
    text: `a${E}Xsos${ST}b${E}^pm${ST}c${E}_apc${BEL}d`,
    plain: "abcd",
  },
  { name: "two-character escapes", text: `a${E}cb${E}7c${E}8d${E}=e${E}Mf`, plain: "abcdef" },
  { name: "nF escapes (character sets, screen alignment)", text: `a${E}(0b${E}#8c`, plain: "abc" },
  { name: "a lone ST", text: `a${ST}b`, plain: "ab" },
  // 8-bit C1 forms.
  { name: "8-bit CSI", text: "a\u009b2J\u009b31mb", plain: "ab" },
  { name: "8-bit OSC ended by 8-bit ST", text: "a\u009d0;owned\u009cb", plain: "ab" },
  { name: "8-bit OSC ended by BEL", text: `a\u009d0;owned${BEL}b`, plain: "ab" },
  {
    name: "8-bit DCS, SOS, PM, APC",
    text: "a\u0090x\u009cb\u0098x\u009cc\u009ex\u009cd\u009fx\u009ce",
    plain: "abcde",
  },
  { name: "lone C1 controls (NEL, IND, RI)", text: "a\u0085b\u0084c\u008dd", plain: "abcd" },
  // Unterminated: only the introducer goes.
  {
    name: "unterminated OSC before a line break",
    text: `a${E}]0;no end\n${FORGED_LINE}`,
    plain: `a0;no end\n${FORGED_LINE}`,
  },
  { name: "unterminated DCS at the end", text: `text${E}Ptail`, plain: "texttail" },
  { name: "unterminated APC with text after it", text: `a${E}_keep this`, plain: "akeep this" },
  { name: "unterminated 8-bit OSC", text: "a\u009dkeep this", plain: "akeep this" },
  { name: "unterminated CSI", text: `50${E}[\nok`, plain: "50\nok" },
  {
    name: "OSC interrupted by another sequence",
    text: `a${E}]0;t${E}[31mb${BEL}c`,
    plain: "a0;tbc",
  },
  { name: "ESC alone at the end", text: `end${E}`, plain: "end" },
  // Control characters.
  { name: "BEL, backspace, NUL, DEL", text: "a\u0007b\u0008c\u0000d\u007fe", plain: "abcde" },
  { name: "vertical tab and form feed", text: "a\u000bb\u000cc", plain: "abc" },
  {
    name: "carriage return rewriting a line",
    text: "score: 0 of 24.25\rscore: 24.25 of 24.25",
    plain: "score: 0 of 24.25\nscore: 24.25 of 24.25",
  },
  { name: "CRLF line ends", text: "a\r\nb\r\n", plain: "a\nb\n" },
  // What XML cannot hold.
  { name: "U+FFFE and U+FFFF", text: "a\ufffeb\uffffc", plain: "abc" },
  {
    name: "other noncharacters",
    text: "a\ufdd0b\ufdefc\u{1fffe}d\u{10ffff}e",
    plain: "abcde",
  },
  { name: "lone surrogates, a pair kept", text: "a\ud800b\udfffc😀", plain: "abc😀" },
  // Bidirectional overrides and isolates.
  {
    name: "bidi override reversing a score",
    text: "score \u202e52.42 fo 0\u202c",
    plain: "score 52.42 fo 0",
  },
  {
    name: "bidi isolates and embeddings",
    text: "a\u2066b\u2067c\u2068d\u2069e\u202af\u202bg",
    plain: "abcdefg",
  },
  // A forged line.
  { name: "a forged second line", text: `bob\n${FORGED_LINE}`, plain: `bob\n${FORGED_LINE}` },
  {
    name: "tab and Unicode line separators",
    text: "a\tb\u2028c\u2029d",
    plain: "a\tb\u2028c\u2029d",
  },
  // Markdown.
  ...[
    ["Markdown image of full marks", "![29.75 of 29.75 points](https://img.example/full.png)"],
    ["reference-style image", "![full marks][1]\n\n[1]: https://img.example/full.png"],
    ["Markdown link", "[click here](http://evil.example/)"],
    ["angle-bracket autolinks", "<https://evil.example> <teacher@school.example>"],
    [
      "GFM extended autolinks",
      "https://evil.example/x?a=1 www.evil.example evil.example/path http://192.168.0.1",
    ],
    ["e-mail addresses and mentions", "mail a.b+c@evil.example or mailto:x@y.example, @teacher"],
    ["HTML", '<img src=x onerror="alert(1)"><script>alert(1)</script><a href="http://x">x</a>'],
    ["HTML comment and details", "<!-- hidden --><details><summary>full marks</summary></details>"],
    ["backtick fence break", "```\n</details>\n```\n[link](http://x)"],
    ["code span, emphasis, strikethrough", "`code` *em* __strong__ ~~gone~~ $x$"],
    ["table break", "a | b |\n| --- | --- |\n| forged | row |"],
    ["entities", "&lt;img src=x&gt; &#60;b&#62; &amp;"],
    ["backslashes before syntax", "\\![x](http://y) \\\\[z](http://w) trailing\\"],
    ["heading and list at a line start", "# Full marks\n- [x] done\n> quoted"],
  ].map(([name, text]) => ({ name: name as string, text: text as string, plain: text as string })),
];
