/**
 * What speaking Korean costs: one graded report (a submission with two known mistakes, so that
 * messages, hints and named mistakes are all there) laid out as the terminal summary and the HTML
 * page, in English and in Korean (which words the whole report again first), medians side by
 * side, and their ratio.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PACKAGE_ROOT } from "../grader/core/paths.ts";
import { grade } from "../grader/pipeline/grade.ts";
import { loadAssignment } from "../grader/pipeline/load.ts";
import { renderers } from "../grader/render/index.ts";
import { en } from "../grader/words/en/index.ts";
import { ko } from "../grader/words/ko/index.ts";
import { applyBug, referenceSource } from "../test/corpus/bugs.ts";
import { alternatingMedians } from "./rounds.ts";

const REPEATS = 200;

export async function benchLocale(): Promise<void> {
  const source = applyBug(referenceSource(), {
    name: "two mistakes",
    replace: [
      ["const dW1 = np.divide(np.dot(dZ1, X.T), m);", "const dW1 = np.dot(dZ1, X.T);"],
      ["np.exp(np.negative(z))", "np.exp(z)"],
    ],
  });
  const folder = mkdtempSync(join(tmpdir(), "gradecheck-bench-locale-"));
  writeFileSync(join(folder, "model.ts"), source);
  const parts = await loadAssignment(PACKAGE_ROOT, "planar-classifier", true);
  const report = await grade(parts, {
    submission: join(folder, "model.ts"),
    displayRoot: folder,
    seed: 0,
    hidden: true,
    timeoutMs: undefined,
    toolVersion: "bench",
    typeCheck: false,
  });
  rmSync(folder, { recursive: true, force: true });
  const { words } = parts.cases;
  const locales = { en: { words: en }, ko: { words: ko, assignment: words.ko } };
  const medians = alternatingMedians(
    REPEATS,
    new Map(
      Object.entries(locales).flatMap(([lang, locale]) =>
        (["summary", "html"] as const).map((format) => [
          `${format} ${lang}`,
          { repeats: 1, run: () => renderers[format].render(report, { colour: false, locale }) },
        ]),
      ),
    ),
  );
  const ms = (key: string) => medians.get(key) ?? Number.NaN;
  console.log(`\nA report in English and in Korean, ${REPEATS} runs each, alternating (median)`);
  for (const format of ["summary", "html"]) {
    console.log(
      `  ${format.padEnd(8)} en ${ms(`${format} en`).toFixed(2)} ms, ko ${ms(`${format} ko`).toFixed(2)} ms, ratio ko / en ${(ms(`${format} ko`) / ms(`${format} en`)).toFixed(2)}`,
    );
  }
}
