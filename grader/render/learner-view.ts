/**
 * What a learner may see of a report: the visible tests, and of the hidden ones only how many
 * there are, or (Gradescope) each one's name, status and points with a fixed sentence. Learner
 * code can print or return a hidden test's inputs, so neither what it printed (`output`) nor the
 * message (which quotes the learner's values and errors) of a hidden test ever reaches a learner:
 * Gradescope's hidden test says its status only (`labels.hiddenSentence`).
 * Shared by the learner-facing adapters.
 */
import type { Report, TestReport } from "../core/report.ts";

export interface LearnerView {
  visible: TestReport[];
  hiddenCount: number;
  visibleScore: number;
  visibleMax: number;
}

export function learnerView(report: Report): LearnerView {
  const visible = report.tests.filter((t) => t.visibility === "visible" && t.kind !== "build");
  const round = (x: number) => Math.round(x * 1e6) / 1e6;
  return {
    visible,
    hiddenCount: report.tests.filter((t) => t.visibility === "hidden").length,
    visibleScore: round(visible.reduce((s, t) => s + t.score, 0)),
    visibleMax: round(visible.reduce((s, t) => s + t.maxScore, 0)),
  };
}
