/**
 * A Markdown summary for a pull request or $GITHUB_STEP_SUMMARY: a table per function with its
 * points, then the first failure of each function with its case (inputs, the values at the first
 * difference, what the code printed, the command that replays it). Learner-facing: hidden tests appear only
 * as a count. Learner text is escaped so that none of it renders as Markdown (no link, image,
 * autolink or HTML): `markdown()` on a line, `markdownBlock()` for a multi-line message.
 */
import type { Report } from "../core/report.ts";
import { en } from "../words/en/index.ts";
import type { Labels } from "../words/words.ts";
import { caseView, valueLines } from "./failing-case.ts";
import { learnerView } from "./learner-view.ts";
import { markdownBlock, markdownCode, markdown as md } from "./sanitize.ts";

export function markdown(report: Report, labels: Labels = en.labels): string {
  const { visible, hiddenCount, visibleScore, visibleMax } = learnerView(report);
  const lines = [`## gradecheck: ${md(report.assignment.title)}`, ""];
  if (report.status === "error") {
    lines.push(`**${labels.notGraded}**`, "", markdownBlock(report.message), "");
    return `${lines.join("\n")}\n`;
  }
  lines.push(
    `**${labels.visibleScore(String(visibleScore), String(visibleMax))}**. ${labels.hiddenNote(hiddenCount)}`.trim(),
    "",
  );
  lines.push(
    `| ${labels.tableHeader.join(" | ")} |`.replace("|  |", "| |"),
    "| --- | --- | --- | --- |",
  );
  for (const fn of report.functions) {
    const tests = visible.filter((t) => t.function === fn.name);
    if (tests.length === 0) continue;
    const passed = tests.filter((t) => t.status === "passed").length;
    const score = tests.reduce((s, t) => s + t.score, 0);
    const max = tests.reduce((s, t) => s + t.maxScore, 0);
    const mark = passed === tests.length ? "✅" : "❌";
    lines.push(
      `| ${mark} | ${markdownCode(fn.name)} | ${Number(score.toFixed(2))} / ${Number(max.toFixed(2))} | ${passed} / ${tests.length} |`,
    );
  }
  if (report.warnings.length > 0) {
    lines.push(
      "",
      `### ${labels.warningsHeading}`,
      "",
      ...report.warnings.map((w) => `- ${md(w)}`),
    );
  }
  const failures = visible.filter((t) => t.status !== "passed");
  if (failures.length > 0) {
    lines.push("", `### ${labels.whatToFix}`, "");
    // The first problem of each function: one thing to fix at a time.
    for (const fn of report.functions) {
      const [first, ...more] = failures.filter((t) => t.function === fn.name);
      if (!first) continue;
      const others = more.length > 0 ? labels.andMoreFailing(more.length) : "";
      lines.push(
        `- **${md(first.id)}** (${labels.status[first.status]}): ${md(first.message)}${others}`,
      );
      // The case itself: inputs and values (grader-made: a code block), printed output and the
      // replay command (the learner's text: escaped, never inside a block).
      const view = caseView(first, report, labels);
      const block = [...(view.called ? [view.called] : []), ...valueLines(view, labels)];
      if (block.length > 0)
        lines.push(
          "",
          ...markdownBlock(block.join("\n"))
            .split("\n")
            .map((l) => `  ${l}`),
          "",
        );
      if (view.printed.length > 0)
        lines.push(
          `  ${labels.printedHeading}:`,
          "",
          ...view.printed.map((l) => `  > ${md(l)}`),
          "",
        );
      if (view.replay) lines.push(`  ${labels.replayAlone} ${md(view.replay)}`, "");
    }
  }
  return `${lines.join("\n")}\n`;
}
