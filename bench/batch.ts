/**
 * Batch throughput: a class of N submissions (a mix of the reference, the stubs and the buggy
 * corpus) graded with `gradecheck batch --jobs 2`, in submissions per second, against grading the
 * same submissions one by one with cold `gradecheck grade` commands (a sample, to keep it short).
 *
 *     npx tsx bench/batch.ts [N=100] [sample=6]
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { applyBug, bugs, referenceSource } from "../test/corpus/bugs.ts";

const count = Number(process.argv[2] ?? 100);
const sample = Number(process.argv[3] ?? 6);
const root = fileURLToPath(new URL("..", import.meta.url));
const gradecheck = join(root, "bin/gradecheck.mjs");
const folder = mkdtempSync(join(tmpdir(), "gradecheck-bench-class-"));
const klass = join(folder, "class");
mkdirSync(klass);

const reference = referenceSource();
const stub = readFileSync(join(root, "assignments/planar-classifier/model.ts"), "utf8");
const sources = [reference, stub, ...bugs.map((bug) => applyBug(reference, bug))];
for (let i = 0; i < count; i++)
  writeFileSync(
    join(klass, `learner${String(i).padStart(3, "0")}.ts`),
    sources[i % sources.length] as string,
  );

let start = performance.now();
const batch = spawnSync(
  process.execPath,
  [gradecheck, "batch", klass, "--out", join(folder, "out"), "--jobs", "2"],
  { encoding: "utf8" },
);
const batchSeconds = (performance.now() - start) / 1000;
if (batch.status !== 0) throw new Error(batch.stderr);

const oneByOne: number[] = [];
for (let i = 0; i < Math.min(sample, count); i++) {
  start = performance.now();
  spawnSync(process.execPath, [
    gradecheck,
    "grade",
    join(klass, `learner${String(i).padStart(3, "0")}.ts`),
    "--quiet",
    "--out",
    join(folder, "one.json"),
  ]);
  oneByOne.push((performance.now() - start) / 1000);
}
const perOne = oneByOne.reduce((s, x) => s + x, 0) / oneByOne.length;
console.log(
  `batch of ${count} submissions (reference, stubs and ${bugs.length} corpus bugs, in turn), --jobs 2`,
);
console.log(
  `  ${batchSeconds.toFixed(1)} s: ${(count / batchSeconds).toFixed(2)} submissions/s, ${(batchSeconds / count).toFixed(2)} s each (goal: >= 3/s)`,
);
console.log(
  `  one by one with gradecheck grade (mean of the first ${oneByOne.length}): ${perOne.toFixed(2)} s each, ${(perOne / (batchSeconds / count)).toFixed(1)}× the batch's time per submission`,
);
