/**
 * The class summary `summary.md` (also printed): how many, mean and median, per function how the
 * class did with its most frequent failure message, the class's failures counted by mistake (or by
 * code where no mistake matched), and the learners who could not be graded or timed out. Pure: reports in, Markdown out. Learner
 * text (failure messages) goes through `markdown()`: none of it renders as a link, image or HTML,
 * and the same text is safe on the terminal.
 */

import type { Report } from "../core/report.ts";
import { median } from "../core/stats.ts";
import { failureKey, isMistakeKey } from "./failure-key.ts";
import { cutAtWord, inline, markdownCode, markdown as md, plain } from "./sanitize.ts";

const round = (x: number) => Math.round(x * 100) / 100;

/** Rows of the mistakes table at most: the most frequent ones. */
const MISTAKE_ROWS = 30;

export function classSummary(reports: { learner: string; report: Report | null }[]): string {
  const graded = reports.flatMap((r) =>
    r.report && r.report.status === "graded" ? [{ learner: r.learner, report: r.report }] : [],
  );
  const errors = reports.length - graded.length;
  const percents = graded.map(({ report: r }) =>
    r.maxScore > 0 ? (100 * r.score) / r.maxScore : 0,
  );
  const lines = [
    "## gradecheck: class summary",
    "",
    `${reports.length} submissions: ${graded.length} graded, ${errors} could not be graded.`,
    graded.length > 0
      ? `Mean ${round(percents.reduce((s, p) => s + p, 0) / percents.length)}%, median ${round(median(percents))}%.`
      : "",
    "",
  ];
  const names = graded[0]?.report.functions.map((f) => f.name) ?? [];
  if (names.length > 0) {
    lines.push(
      "| function | mean points | lost points | most frequent failure |",
      "| --- | --- | --- | --- |",
    );
    const rows = names.map((name) => {
      const totals = graded.map(({ report: r }) => r.functions.find((f) => f.name === name));
      const mean = totals.reduce((s, f) => s + (f?.score ?? 0), 0) / graded.length;
      const max = totals[0]?.maxScore ?? 0;
      const lost = totals.filter((f) => f && f.score < f.maxScore).length;
      const messages = new Map<string, number>();
      for (const { report: r } of graded) {
        const failing = r.tests.find((t) => t.function === name && t.status !== "passed");
        if (failing) messages.set(failing.message, (messages.get(failing.message) ?? 0) + 1);
      }
      const [top] = [...messages].sort((a, b) => b[1] - a[1]);
      return { name, mean, max, lost, top };
    });
    // Which functions the class got wrong most: most learners losing points first.
    rows.sort((a, b) => b.lost - a.lost || a.mean / (a.max || 1) - b.mean / (b.max || 1));
    for (const r of rows) {
      const top = r.top ? `${md(cutAtWord(plain(r.top[0]), 160))} (${r.top[1]}×)` : "";
      lines.push(
        `| ${markdownCode(r.name)} | ${round(r.mean)} / ${r.max} | ${r.lost} of ${graded.length} | ${top} |`,
      );
    }
  }
  lines.push(...mistakesTable(graded.map(({ report }) => report)));
  lines.push(...learnersList("Could not be graded", notGraded(reports)));
  lines.push(...learnersList("Timed out", timedOut(graded)));
  return `${lines.join("\n")}\n`;
}

/**
 * The failures of the class by what they are: each mistake (or, where none matched, the failure's
 * code) with the number of learners who made it, most frequent first.
 */
function mistakesTable(reports: Report[]): string[] {
  const counts = new Map<string, { fn: string; key: string; learners: number }>();
  for (const report of reports) {
    for (const [fn, keys] of failuresByFunction(report)) {
      for (const key of keys) {
        const id = `${fn}\u0000${key}`;
        const entry = counts.get(id) ?? { fn, key, learners: 0 };
        entry.learners++;
        counts.set(id, entry);
      }
    }
  }
  if (counts.size === 0) return [];
  const rows = [...counts.values()].sort(
    (a, b) =>
      b.learners - a.learners ||
      Number(isMistakeKey(b.key)) - Number(isMistakeKey(a.key)) ||
      a.fn.localeCompare(b.fn) ||
      a.key.localeCompare(b.key),
  );
  const shown = rows.slice(0, MISTAKE_ROWS);
  return [
    "",
    "### Mistakes",
    "",
    "| learners | function | mistake (or, where none matched, the failure's code) |",
    "| --- | --- | --- |",
    ...shown.map((r) => `| ${r.learners} | ${markdownCode(r.fn)} | ${md(r.key)} |`),
    ...(rows.length > shown.length
      ? ["", `${rows.length - shown.length} rarer failures are in the reports.`]
      : []),
  ];
}

/**
 * What a learner's failures in each function are: the mistakes its tests named, or, where none
 * matched in that function, the failing tests' codes (a learner told "dW1 without 1/m" is not
 * counted again under the checks and properties the same mistake fails).
 */
function failuresByFunction(report: Report): Map<string, Set<string>> {
  const byFunction = new Map<string, Set<string>>();
  for (const test of report.tests) {
    if (test.status === "passed") continue;
    const keys = byFunction.get(test.function) ?? new Set<string>();
    keys.add(failureKey(test));
    byFunction.set(test.function, keys);
  }
  for (const [fn, keys] of byFunction) {
    const mistakes = [...keys].filter(isMistakeKey);
    if (mistakes.length > 0) byFunction.set(fn, new Set(mistakes));
  }
  return byFunction;
}

function notGraded(reports: { learner: string; report: Report | null }[]): string[] {
  return reports.flatMap(({ learner, report }) => {
    if (report?.status === "graded") return [];
    const why = report ? (plain(report.message).split("\n")[0] ?? "") : "gradecheck failed on it";
    return [`${md(inline(learner))}: ${md(cutAtWord(why, 160))}`];
  });
}

function timedOut(graded: { learner: string; report: Report }[]): string[] {
  return graded.flatMap(({ learner, report }) => {
    const tests = report.tests.filter((t) => t.status === "timeout").map((t) => t.id);
    return tests.length > 0
      ? [`${md(inline(learner))}: ${tests.map(markdownCode).join(", ")}`]
      : [];
  });
}

function learnersList(title: string, items: string[]): string[] {
  return items.length === 0
    ? []
    : ["", `### ${title} (${items.length})`, "", ...items.map((i) => `- ${i}`)];
}
