/**
 * The report as one self-contained HTML page (`--format html`): the score, each function with its
 * tests (failures open, passes folded), and for a failure its case (the shapes it was called
 * with, the values as numpy prints them, what the code printed, the command that replays it),
 * the named mistake, the gradient table of a gradient check. Inline CSS, no script, no network,
 * no external font. Learner-facing like the Markdown report: hidden tests appear only as a count.
 * Every text goes through `xml()` (plain, then escaped): nothing a learner wrote is markup.
 */
import { namedMistakes, type Report, type TestReport } from "../core/report.ts";
import { en } from "../words/en/index.ts";
import type { Words } from "../words/words.ts";
import { caseView } from "./failing-case.ts";
import { gradientRows } from "./gradient-table.ts";
import { learnerView } from "./learner-view.ts";
import { xml } from "./sanitize.ts";

const STYLE = `
:root { color-scheme: light; --ok: #1a7f37; --bad: #cf222e; --muted: #57606a; --line: #d0d7de; }
body { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1.5rem; color: #1f2328; }
h1 { font-size: 1.4rem; margin: 0 0 .25rem; }
.score { font-size: 1.2rem; font-weight: 600; margin: .25rem 0; }
.note, .inputs, .replay { color: var(--muted); }
.partial, .warning { background: #fff8c5; border: 1px solid #d4a72c; border-radius: 6px; padding: .4rem .7rem; }
section.function { border: 1px solid var(--line); border-radius: 8px; margin: 1rem 0; padding: .2rem 1rem .6rem; }
section.function h2 { font-size: 1.1rem; display: flex; gap: .5rem; align-items: baseline; }
.points { margin-left: auto; font-variant-numeric: tabular-nums; color: var(--muted); }
.mark.ok { color: var(--ok); } .mark.bad { color: var(--bad); }
details { border-top: 1px solid var(--line); padding: .35rem 0; }
summary { cursor: pointer; display: flex; gap: .5rem; align-items: baseline; }
summary code { color: var(--muted); font-size: .85em; }
.body { margin: .4rem 0 .4rem 1.5rem; }
.message { white-space: pre-wrap; }
.mistake { border-left: 4px solid var(--bad); background: #ffebe9; padding: .3rem .7rem; margin: .5rem 0; }
pre { background: #f6f8fa; border-radius: 6px; padding: .5rem .7rem; overflow-x: auto; font-size: .85rem; margin: .3rem 0; }
.values { display: flex; gap: 1rem; flex-wrap: wrap; }
.values h4 { margin: .3rem 0 0; font-size: .85rem; color: var(--muted); }
`;

export function html(report: Report, words: Words = en): string {
  const { labels } = words;
  const { visible, hiddenCount, visibleScore, visibleMax } = learnerView(report);
  const percent = visibleMax > 0 ? Math.round((100 * visibleScore) / visibleMax) : 0;
  const parts = [
    `<header><h1>gradecheck: ${xml(report.assignment.title)}</h1>`,
    `<p class="note">${xml(report.submission.path)} · ${xml(labels.seed(report.seed))}</p>`,
  ];
  if (report.status === "error") {
    parts.push(
      `<p class="score">${xml(labels.notGraded)}</p></header>`,
      `<pre class="message">${xml(report.message)}</pre>`,
    );
  } else {
    parts.push(
      `<p class="score" id="score">${xml(labels.visibleScore(number(visibleScore), number(visibleMax)))} (${percent}%)</p>`,
      hiddenCount > 0 ? `<p class="note">${xml(labels.hiddenNote(hiddenCount))}</p>` : "",
      report.partial
        ? `<p class="partial">${xml(labels.partial(report.partial.functions.join(", "), report.partial.tests, report.partial.of))}</p>`
        : "",
      "</header>",
      ...report.warnings.map((w) => `<p class="warning">${xml(w)}</p>`),
      ...report.functions.flatMap((fn) => {
        const tests = visible.filter((t) => t.function === fn.name);
        return tests.length > 0 ? [functionSection(fn.name, tests, report, words)] : [];
      }),
    );
  }
  return [
    "<!doctype html>",
    `<html lang="${words.lang}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>gradecheck: ${xml(report.assignment.title)}</title>`,
    `<style>${STYLE}</style></head>`,
    `<body>${parts.filter((p) => p !== "").join("\n")}</body>`,
    "</html>",
    "",
  ].join("\n");
}

const number = (x: number) => String(Number(x.toFixed(2)));

function mark(ok: boolean): string {
  return ok ? '<span class="mark ok">✓</span>' : '<span class="mark bad">✗</span>';
}

function functionSection(name: string, tests: TestReport[], report: Report, words: Words): string {
  const score = tests.reduce((s, t) => s + t.score, 0);
  const max = tests.reduce((s, t) => s + t.maxScore, 0);
  const ok = tests.every((t) => t.status === "passed");
  return [
    `<section class="function" data-function="${xml(name)}">`,
    `<h2>${mark(ok)} ${xml(name)} <span class="points">${number(score)} / ${number(max)}</span></h2>`,
    ...tests.map((t) => testDetails(t, report, words)),
    "</section>",
  ].join("\n");
}

/** One test: folded when it passed, open with its case when it did not. */
function testDetails(test: TestReport, report: Report, words: Words): string {
  const passed = test.status === "passed";
  const summary = `<summary>${mark(passed)} ${xml(test.name)} <code>${xml(test.id)}</code> <span class="points">${number(test.score)} / ${number(test.maxScore)}</span></summary>`;
  const attributes = `class="test ${xml(test.status)}" data-test-id="${xml(test.id)}" data-status="${xml(test.status)}"`;
  if (passed) {
    // A pass that pays nothing says why (paid once the function's comparisons pass).
    const unpaid = test.notes?.some((n) => n.code === "unpaid")
      ? `<p class="message">${xml(test.message)}</p>`
      : "";
    const table = gradientRows(test, words);
    const rows = table.length > 0 ? `<pre>${xml(table.join("\n"))}</pre>` : "";
    const body = unpaid || rows ? `<div class="body">${unpaid}${rows}</div>` : "";
    return `<details ${attributes}>${summary}${body}</details>`;
  }
  return `<details ${attributes} open>${summary}<div class="body">${failureBody(test, report, words)}</div></details>`;
}

function failureBody(test: TestReport, report: Report, words: Words): string {
  const { labels } = words;
  const view = caseView(test, report, labels);
  const parts: string[] = [];
  if (view.called) parts.push(`<p class="inputs">${xml(view.called)}</p>`);
  parts.push(`<p class="message">${xml(view.message.join("\n"))}</p>`);
  const mistakes = namedMistakes(test.details);
  if (mistakes) {
    const names = mistakes.map((m) => `“${xml(m.name)}”`).join(` ${labels.and} `);
    const sentences = mistakes.map((m) => xml(m.sentence)).join("; ");
    parts.push(
      `<p class="mistake"><strong>${xml(labels.mistake)} ${names}</strong>. ${sentences}</p>`,
    );
  }
  if (view.values) {
    const { at, expected, yours } = view.values;
    parts.push(
      `<div class="values"><div><h4>${xml(labels.expected)}${at === "" ? "" : ` ${xml(at)}`}</h4><pre>${xml(expected.join("\n"))}</pre></div><div><h4>${xml(labels.yours)}</h4><pre>${xml(yours.join("\n"))}</pre></div></div>`,
    );
  }
  const table = gradientRows(test, words);
  if (table.length > 0) parts.push(`<pre class="gradients">${xml(table.join("\n"))}</pre>`);
  if (view.printed.length > 0)
    parts.push(
      `<h4>${xml(labels.printedHeading)}</h4><pre class="output">${xml(view.printed.join("\n"))}</pre>`,
    );
  if (view.replay)
    parts.push(`<p class="replay">${xml(labels.replayAlone)} <code>${xml(view.replay)}</code></p>`);
  return parts.join("\n");
}
