/**
 * The class summary `summary.md` (also printed): how many, mean and median, and per function how
 * the class did, with its most frequent failure message. Pure: reports in, Markdown out. Learner
 * text (failure messages) goes through `markdown()`: none of it renders as a link, image or HTML,
 * and the same text is safe on the terminal.
 */

import type { Report } from "../core/report.ts";
import { median } from "../core/stats.ts";
import { markdownCode, markdown as md, plain } from "./sanitize.ts";

const round = (x: number) => Math.round(x * 100) / 100;

export function classSummary(reports: { learner: string; report: Report | null }[]): string {
  const graded = reports.flatMap((r) =>
    r.report && r.report.status === "graded" ? [r.report] : [],
  );
  const errors = reports.length - graded.length;
  const percents = graded.map((r) => (r.maxScore > 0 ? (100 * r.score) / r.maxScore : 0));
  const lines = [
    "## gradecheck: class summary",
    "",
    `${reports.length} submissions: ${graded.length} graded, ${errors} could not be graded.`,
    graded.length > 0
      ? `Mean ${round(percents.reduce((s, p) => s + p, 0) / percents.length)}%, median ${round(median(percents))}%.`
      : "",
    "",
  ];
  const names = graded[0]?.functions.map((f) => f.name) ?? [];
  if (names.length > 0) {
    lines.push(
      "| function | mean points | lost points | most frequent failure |",
      "| --- | --- | --- | --- |",
    );
    const rows = names.map((name) => {
      const totals = graded.map((r) => r.functions.find((f) => f.name === name));
      const mean = totals.reduce((s, f) => s + (f?.score ?? 0), 0) / graded.length;
      const max = totals[0]?.maxScore ?? 0;
      const lost = totals.filter((f) => f && f.score < f.maxScore).length;
      const messages = new Map<string, number>();
      for (const r of graded) {
        const failing = r.tests.find((t) => t.function === name && t.status !== "passed");
        if (failing) messages.set(failing.message, (messages.get(failing.message) ?? 0) + 1);
      }
      const [top] = [...messages].sort((a, b) => b[1] - a[1]);
      return { name, mean, max, lost, top };
    });
    // Which functions the class got wrong most: most learners losing points first.
    rows.sort((a, b) => b.lost - a.lost || a.mean / (a.max || 1) - b.mean / (b.max || 1));
    for (const r of rows) {
      const top = r.top ? `${md(plain(r.top[0]).slice(0, 160))} (${r.top[1]}×)` : "";
      lines.push(
        `| ${markdownCode(r.name)} | ${round(r.mean)} / ${r.max} | ${r.lost} of ${graded.length} | ${top} |`,
      );
    }
  }
  return `${lines.join("\n")}\n`;
}
