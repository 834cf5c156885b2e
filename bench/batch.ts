/**
 * Batch throughput: a class of N submissions (a mix of the reference, the stubs and the buggy
 * corpus) graded with `gradecheck batch --jobs 2`, in submissions per second, against grading the
 * same submissions one by one with cold `gradecheck grade` commands (a sample, to keep it short);
 * and where the batch's CPU goes, by kind of process (bench/process-cpu.ts): what it would take
 * for the cores to grade more per second.
 *
 *     npx tsx bench/batch.ts [N=100] [sample=6]
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { applyBug, bugs, referenceSource } from "../test/corpus/bugs.ts";
import { formatShares, measureCommand } from "./process-cpu.ts";

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

const batch = await measureCommand(process.execPath, [
  gradecheck,
  "batch",
  klass,
  "--out",
  join(folder, "out"),
  "--jobs",
  "2",
]);
if (batch.status !== 0) throw new Error(batch.stderr);
const batchSeconds = batch.wallSeconds;

const oneByOne: number[] = [];
for (let i = 0; i < Math.min(sample, count); i++) {
  const start = performance.now();
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
for (const line of formatShares(batch.shares, count, "submission")) console.log(line);
console.log(
  `  one by one with gradecheck grade (mean of the first ${oneByOne.length}): ${perOne.toFixed(2)} s each, ${(perOne / (batchSeconds / count)).toFixed(1)}× the batch's time per submission`,
);
