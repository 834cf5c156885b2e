/**
 * Gradescope's results.json. Hidden tests keep their results but are shown only once the
 * instructor publishes grades (`after_published`), and even then with their name, status and
 * points only: never what the learner's code printed or a message quoting its values. The summary
 * text tells the learner how much of the score is visible now. Learner text is `plain`.
 */
import type { Report } from "../core/report.ts";
import { en } from "../words/en/index.ts";
import type { Labels } from "../words/words.ts";
import { learnerView } from "./learner-view.ts";
import { inline, plain } from "./sanitize.ts";

export function gradescope(report: Report, labels: Labels = en.labels): string {
  const { visibleScore, visibleMax, hiddenCount } = learnerView(report);
  const functionIndex = new Map(report.functions.map((f, i) => [f.name, i + 1]));
  const counters = new Map<string, number>();
  const tests = report.tests
    .filter((t) => t.kind !== "build")
    .map((t) => {
      const major = functionIndex.get(t.function) ?? 0;
      const minor = (counters.get(t.function) ?? 0) + 1;
      counters.set(t.function, minor);
      const hidden = t.visibility === "hidden";
      return {
        name: inline(`${t.function}: ${t.name}`),
        number: `${major}.${minor}`,
        score: t.score,
        max_score: t.maxScore,
        status: t.status === "passed" ? "passed" : "failed",
        output: hidden
          ? labels.hiddenSentence(t.status)
          : plain(t.status === "passed" ? "" : t.message) +
            (t.output ? `\n\n${labels.output}\n${plain(t.output)}` : ""),
        output_format: "text",
        tags: [t.kind, t.function],
        visibility: hidden ? "after_published" : "visible",
        // A hidden test's seed would let its inputs be generated again.
        extra_data: hidden
          ? { id: t.id, status: t.status }
          : { id: t.id, status: t.status, seed: t.seed },
      };
    });
  const summary =
    report.status === "error"
      ? `${labels.platformError}\n${plain(report.message)}`
      : labels.visibleScore(String(visibleScore), String(visibleMax)) +
        (hiddenCount > 0 ? `; ${labels.hiddenNote(hiddenCount)}` : ".") +
        report.warnings.map((w) => `\n${inline(w)}`).join("");
  return `${JSON.stringify(
    {
      score: report.score,
      execution_time: Math.round(report.durationMs / 1000),
      output: summary,
      output_format: "text",
      visibility: "visible",
      stdout_visibility: "hidden",
      tests,
      extra_data: { tool: report.tool, seed: report.seed, sha256: report.submission.sha256 },
    },
    null,
    2,
  )}\n`;
}
