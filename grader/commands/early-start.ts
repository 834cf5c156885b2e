/**
 * What a grade can start before its own modules have loaded: the child of the whole submission's
 * bundle (pipeline/early-child.ts), when the grade is sure to run tests in it. It runs every test
 * when there is no reference (the learner's own run), and the end-to-end tests otherwise. Nothing
 * here says anything: whatever stops it (an unknown assignment, a manifest that cannot be read)
 * the grade finds again and reports, and a grade then makes its folder as usual.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { loadManifest, plannedTests } from "../core/manifest.ts";
import { type EarlyChild, startWholeChild } from "../pipeline/early-child.ts";
import { chooseAssignment, courseAt } from "./choose-assignment.ts";
import type { GradeCommandOptions } from "./grade.ts";

export function startEarly(
  options: Pick<GradeCommandOptions, "root" | "submission" | "assignment" | "selection" | "limits">,
): EarlyChild | undefined {
  try {
    const { root } = options;
    const id = chooseAssignment(courseAt(root), root, {
      named: options.assignment,
      paths: [options.submission],
    });
    const manifest = loadManifest(join(root, "assignments", id, "assignment.json"));
    const reference = existsSync(join(root, "reference", id, "model.ts"));
    const endToEnd = plannedTests(manifest).some((planned) => planned.endToEnd);
    if (reference && (options.selection !== undefined || !endToEnd)) return undefined;
    return startWholeChild({ ...manifest.limits, ...options.limits });
  } catch {
    return undefined;
  }
}
