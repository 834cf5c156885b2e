/**
 * The learner's loop, one function at a time: a cold `gradecheck grade --only sigmoid` (a new
 * Node process, as from a terminal) and, in a warm process (as in `npx vitest` watch mode), the
 * time from a changed model.ts to its function's visible tests graded. Goals: 1 s and 0.5 s.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PACKAGE_ROOT } from "../grader/core/paths.ts";
import { median } from "../grader/core/stats.ts";
import { grade } from "../grader/pipeline/grade.ts";
import { loadAssignment } from "../grader/pipeline/load.ts";

const RUNS = 7;

export async function benchOneFunction(): Promise<void> {
  const gradecheck = fileURLToPath(new URL("../bin/gradecheck.mjs", import.meta.url));
  const folder = mkdtempSync(join(tmpdir(), "gradecheck-one-"));
  const model = join(folder, "model.ts");
  const reference = join(PACKAGE_ROOT, "reference/planar-classifier/model.ts");
  copyFileSync(reference, model);
  const out = join(folder, "report.json");
  const cold: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const start = performance.now();
    const run = spawnSync(
      process.execPath,
      [gradecheck, "grade", model, "--only", "sigmoid", "--no-hidden", "--quiet", "--out", out],
      {
        encoding: "utf8",
      },
    );
    if (run.status !== 0) throw new Error(`grade --only sigmoid failed: ${run.stderr}`);
    cold.push(performance.now() - start);
  }
  // Warm: the assignment loaded once, as the watch process holds it; each run a changed file.
  const parts = await loadAssignment(PACKAGE_ROOT, "planar-classifier", false);
  const source = readFileSync(reference, "utf8");
  const warm: number[] = [];
  for (let r = 0; r < RUNS + 1; r++) {
    writeFileSync(model, `${source}\n// edit ${r}\n`);
    const start = performance.now();
    await grade(parts, {
      submission: model,
      displayRoot: folder,
      seed: 0,
      hidden: false,
      timeoutMs: undefined,
      toolVersion: "bench",
      typeCheck: false,
      select: (test) => test.id.startsWith("sigmoid."),
    });
    if (r > 0) warm.push(performance.now() - start);
  }
  const ms = (xs: number[]) =>
    `${median(xs).toFixed(0)} ms (${Math.min(...xs).toFixed(0)}-${Math.max(...xs).toFixed(0)})`;
  console.log(`\none function, sigmoid's visible tests, ${RUNS} runs (median; min-max)`);
  console.log(`  cold \`gradecheck grade --only sigmoid\`        ${ms(cold)}  (goal: <= 1000 ms)`);
  console.log(`  warm process, a changed model.ts graded again  ${ms(warm)}  (goal: <= 500 ms)`);
}

if (import.meta.url === `file://${process.argv[1]}`) await benchOneFunction();
