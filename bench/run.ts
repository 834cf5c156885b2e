/**
 * `npm run bench`: times the reference nnModel (planar dataset, nH = 4, 10000 iterations) and, in
 * the same run, the same loop in numpy when python3 with numpy is available; prints both medians
 * and their ratio; then the same for the deep assignment's end-to-end training (lLayerModel,
 * layers [2, 20, 7, 5, 1], 3000 iterations). Each is timed warm, in processes of its own started
 * in turn (so that both see the same machine load) with the environment sandboxed children start
 * with.
 * Figures only: nothing here passes or fails on time.
 *
 * Then, in a process of their own with the same environment (bench/array-module.ts), the array
 * module's exp and tanh against Math's (bench/elementary.ts), a training step's element-wise
 * chains fused and one operation at a time (bench/fusion.ts) and np.dot in WebAssembly SIMD
 * against the scalar kernels (bench/products.ts); and the time to grade
 * one submission end to end: the cold `gradecheck grade` command (a new
 * Node process: load, build, sandbox, every visible and hidden test, report) for the reference
 * and for the untouched stubs of every assignment, then each bug of the planar corpus applied to
 * the reference (what most learners grade: one mistake), and the same under each Node LTS line
 * `npm run test:node-versions` installed, alternating with this machine's Node; the learner's own
 * run in the planar release, and the planar ones again on a machine whose
 * cores are busy with other work; then what the sandbox's isolation costs (bench/sandbox.ts), the
 * gradient checker (bench/gradcheck.ts, in a process with a child's environment), naming
 * mistakes (bench/mistakes.ts), grading one function at a time (bench/one-function.ts) and laying
 * a report out in Korean (bench/locale.ts).
 *
 *     npm run bench -- [runs=5] [iterations=10000]
 */
import { spawn, spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { buildBundle, freshBuild } from "../bin/bundle.mjs";
import { median } from "../grader/core/stats.ts";
import { assignmentIds } from "../grader/pipeline/load.ts";
import { CHILD_ENVIRONMENT } from "../grader/sandbox/protocol.ts";
import { applyBug, bugs, referenceSource } from "../test/corpus/bugs.ts";
import { benchLocale } from "./locale.ts";
import { benchMistakes } from "./mistakes.ts";
import { benchOneFunction } from "./one-function.ts";
import { benchSandbox } from "./sandbox.ts";

const runs = Number(process.argv[2] ?? 5);
const iterations = Number(process.argv[3] ?? 10000);
const numpyScript = fileURLToPath(new URL("numpy_train.py", import.meta.url));
const trainScript = fileURLToPath(new URL("train.ts", import.meta.url));
const arrayModuleScript = fileURLToPath(new URL("array-module.ts", import.meta.url));
const gradcheckScript = fileURLToPath(new URL("gradcheck.ts", import.meta.url));

/**
 * Both sides run with the environment a sandboxed child starts with (CHILD_ENVIRONMENT: glibc's
 * malloc keeps memory at the top of its heap, and takes blocks up to 4 MiB from there), where
 * learners' trainings run; numpy gets it too.
 */
const trainingEnvironment = { ...process.env, ...CHILD_ENVIRONMENT };

/**
 * A bench script bundled as the children's runtime is (one esbuild bundle: run under tsx, module
 * by module, the same training loop took about a quarter longer), for plain Node.
 */
async function bundled(script: string): Promise<string> {
  const outfile = join(mkdtempSync(join(tmpdir(), "gradecheck-bench-")), "bench.mjs");
  await build({
    entryPoints: [script],
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    outfile,
    logLevel: "silent",
  });
  return outfile;
}
const trainBundle = await bundled(trainScript);

interface Timed {
  seconds: number[];
  finalCost: number;
}

/** The reference in TypeScript, warm: `perProcess` timed runs in a Node process after an untimed one. */
function timeTypeScript(model: Training, perProcess: number, iterations: number): Timed {
  const result = spawnSync(
    process.execPath,
    [trainBundle, model, String(perProcess), String(iterations)],
    { encoding: "utf8", env: trainingEnvironment },
  );
  if (result.status !== 0) throw new Error(`bench/train.ts ${model} failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as Timed;
}

/**
 * numpy as its users run it: warm (a python process that has trained once untimed, then trains
 * `perProcess` times, each timed), with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset for that
 * command alone (set on some machines, they make a current numpy pick slow kernels); undefined
 * when python3 or numpy is missing.
 */
function timeNumpy(
  model: Training,
  perProcess: number,
  iterations: number,
): (Timed & { numpy: string; blas: string }) | undefined {
  const { OPENBLAS_CORETYPE: _core, OPENBLAS_L2_SIZE: _l2, ...env } = trainingEnvironment;
  const args = [numpyScript, model, String(perProcess), String(iterations)];
  const result = spawnSync("python3", args, { encoding: "utf8", env });
  if (result.status !== 0) return undefined;
  return JSON.parse(result.stdout) as Timed & { numpy: string; blas: string };
}

type Training = "planar" | "deep" | "logistic";

/**
 * One training in TypeScript and in numpy, in rounds that alternate between the two so that both
 * see the same machine load; each round is a fresh process of each, timed warm three times. Besides
 * the ratio of the medians, each round's own ratio: a machine whose speed drifts during the bench
 * (these are shared virtual machines) moves both sides of a round together.
 */
function compareTraining(model: Training, title: string, iterations: number, goal: string): void {
  const ts: number[] = [];
  const py: number[] = [];
  const rounds: number[] = [];
  let numpy: ReturnType<typeof timeNumpy>;
  let tsCost = Number.NaN;
  for (let r = 0; r < runs; r++) {
    const t = timeTypeScript(model, 3, iterations);
    ts.push(...t.seconds);
    tsCost = t.finalCost;
    const p = timeNumpy(model, 3, iterations);
    if (p) {
      numpy = p;
      py.push(...p.seconds);
      rounds.push(median(t.seconds) / median(p.seconds));
    }
  }
  const perIteration = (times: number[]) =>
    `${((median(times) / iterations) * 1e6).toFixed(1)} µs/iteration`;
  console.log(
    `${title}, ${iterations} iterations, ${runs} processes of each, 3 warm runs in each (median; min-max), with the sandboxed child's environment (${Object.keys(CHILD_ENVIRONMENT).join(", ")})`,
  );
  console.log(`  TypeScript (Node ${process.versions.node}): ${spread(ts)}  ${perIteration(ts)}`);
  if (numpy === undefined) {
    console.log("  numpy: not available (python3 with numpy not found); no ratio");
    return;
  }
  console.log(
    `  numpy ${numpy.numpy}, warm (BLAS: ${numpy.blas}):\n                          ${spread(py)}  ${perIteration(py)}`,
  );
  console.log(
    `  ratio TypeScript / numpy: ${(median(ts) / median(py)).toFixed(2)}  ${goal}; round by round ${median(rounds).toFixed(2)}  (${Math.min(...rounds).toFixed(2)}-${Math.max(...rounds).toFixed(2)})`,
  );
  console.log(`  final cost: TypeScript ${tsCost}, numpy ${numpy.finalCost}`);
}

const fmt = (s: number) => `${(s * 1000).toFixed(0)} ms`;
/** Times in seconds as the bench prints them: the median, then the range. */
const spread = (times: number[]): string =>
  `${fmt(median(times))}  (${fmt(Math.min(...times))}-${fmt(Math.max(...times))})`;
compareTraining("planar", "planar nnModel, nH = 4", iterations, "(goal: <= 1.00)");
// The deep assignment's end-to-end test trains this in every grade; numpy's BLAS sums its larger
// products in another order, so the last digits of the costs may differ.
compareTraining(
  "deep",
  "\ndeep lLayerModel, layers [2, 20, 7, 5, 1], the end-to-end test's training",
  3000,
  "(no goal of its own; the end-to-end lane of a deep grade)",
);
// The logistic assignment's end-to-end training: two matrix-vector products of its 768 × 209
// pictures an iteration, too large to copy into WebAssembly at each product, which keeps them
// there from the second on (simd.ts), against numpy's BLAS.
compareTraining(
  "logistic",
  "\nlogistic model, 768 features, 209 pictures, rate 0.005, the end-to-end test's training",
  2000,
  "(no goal of its own; the end-to-end lane of a logistic grade)",
);

/** Runs a bench script bundled, in a process with a sandboxed child's environment, its output ours. */
async function runLikeAChild(script: string): Promise<void> {
  const run = spawnSync(process.execPath, [await bundled(script)], {
    env: trainingEnvironment,
    stdio: "inherit",
  });
  if (run.status !== 0) throw new Error(`${script} failed`);
}

// The array module's own figures (bench/array-module.ts), where learners' code runs it.
await runLikeAChild(arrayModuleScript);

const root = fileURLToPath(new URL("..", import.meta.url));
const gradecheck = join(root, "bin/gradecheck.mjs");
const out = join(mkdtempSync(join(tmpdir(), "gradecheck-bench-")), "report.json");
// The command as installed: from its build (bin/bundle.mjs), made now if the sources changed.
if (!freshBuild(root)) await buildBundle(root);

/**
 * Wall time of one cold `gradecheck` command (this package's, or `command`), in seconds, run by
 * this Node or by the one at `node`, with `nodeArgs` given to it.
 */
function timeCommand(
  args: string[],
  {
    env = process.env,
    command = gradecheck,
    node = process.execPath,
    nodeArgs = [],
  }: { env?: NodeJS.ProcessEnv; command?: string; node?: string; nodeArgs?: string[] } = {},
): number {
  const start = performance.now();
  const result = spawnSync(node, [...nodeArgs, command, ...args], { encoding: "utf8", env });
  if (result.status !== 0) throw new Error(`gradecheck ${args.join(" ")} failed: ${result.stderr}`);
  return (performance.now() - start) / 1000;
}

/** Each of `variants` timed `rounds` times, one after another in turn: the times of each. */
function inTurn(rounds: number, variants: (() => number)[]): number[][] {
  const times = variants.map((): number[] => []);
  for (let r = 0; r < rounds; r++)
    for (const [i, time] of variants.entries()) times[i]?.push(time());
  return times;
}

const gradeArgs = (submission: string) => ["grade", submission, "--quiet", "--out", out];
const timeGrade = (submission: string) => timeCommand(gradeArgs(submission));

// Start-up: the build (its classic script with V8's code, bin/code-cache.mjs, and its ES modules,
// which run where node is given a flag: --no-warnings changes nothing else) against the sources
// under tsx, alternating.
const fromSource = { ...process.env, GRADECHECK_FROM_SOURCE: "1" };
console.log(
  "\nstart-up, cold command: the build's script with V8's code, its ES modules (node --no-warnings), and the sources under tsx, alternating (median)",
);
for (const [name, args] of [
  ["gradecheck --version", ["--version"]],
  ["grade, planar stubs", gradeArgs("assignments/planar-classifier/model.ts")],
] as const) {
  const [c, m, s] = inTurn(Math.max(5, runs), [
    () => timeCommand([...args]),
    () => timeCommand([...args], { nodeArgs: ["--no-warnings"] }),
    () => timeCommand([...args], { env: fromSource }),
  ]).map(median) as [number, number, number];
  console.log(
    `  ${name.padEnd(24)} script ${fmt(c)}  ES modules ${fmt(m)}  source ${fmt(s)}  ratios to the ES modules ${(c / m).toFixed(2)}, to the source ${(c / s).toFixed(2)}`,
  );
}

// Node's own start, before any of gradecheck's code: an empty module. Where the machine sets
// NODE_EXTRA_CA_CERTS, Node 20 reads that file and builds its store of root certificates at every
// start, whether or not the program makes a TLS connection (gradecheck makes none): timed without
// it too, alternating, which tells how much of every command's time above is this machine's.
const empty = join(dirname(out), "empty.mjs");
writeFileSync(empty, "");
const startNode = (env: NodeJS.ProcessEnv) => timeCommand([], { env, command: empty });
const extraCerts = process.env.NODE_EXTRA_CA_CERTS;
const { NODE_EXTRA_CA_CERTS: _, ...withoutCerts } = process.env;
const [asIs = [], bare = []] = inTurn(Math.max(10, runs), [
  () => startNode(process.env),
  ...(extraCerts === undefined ? [] : [() => startNode(withoutCerts)]),
]);
console.log(
  `  Node's own start (an empty module) ${fmt(median(asIs))}${
    extraCerts === undefined
      ? ""
      : `; without this machine's NODE_EXTRA_CA_CERTS (${extraCerts}) ${fmt(median(bare))}`
  }`,
);

// Every assignment of the course, its reference and its untouched stub, one run each in turn.
const submissions = Object.fromEntries(
  assignmentIds(root).flatMap((id) => [
    [`${id} reference`, `reference/${id}/model.ts`],
    [`${id} stubs`, `assignments/${id}/model.ts`],
  ]),
);
/** The issue's goals (18): a reference graded in a second, the stubs in 0.3 s. */
const goalOf = (name: string) => (name.endsWith("stubs") ? "300 ms" : "1000 ms");
const grading: Record<string, number[]> = Object.fromEntries(
  Object.keys(submissions).map((name) => [name, []]),
);
for (let r = 0; r < runs; r++) {
  for (const [name, path] of Object.entries(submissions)) grading[name]?.push(timeGrade(path));
}
console.log(
  `\ngradecheck grade, cold command, all visible and hidden tests, ${runs} runs (median; min-max)`,
);
for (const [name, times] of Object.entries(grading))
  console.log(`  ${name.padEnd(32)} ${spread(times)}  (goal: <= ${goalOf(name)})`);

// What most learners grade: a solution with one mistake in it. Each bug of the planar corpus
// (test/corpus/bugs.ts) applied to the reference, graded once: a mistake costs more than a pass
// (its function's stand-ins are answered by the grader, a failure with the learner's own callees
// runs again with the reference's, the mistake is named), and the slowest of them says by how much.
const corpus = join(dirname(out), "corpus");
mkdirSync(corpus);
const buggy = bugs.map((bug, i) => {
  const file = join(corpus, `bug${String(i).padStart(2, "0")}.ts`);
  writeFileSync(file, applyBug(referenceSource(), bug));
  return { name: bug.name, seconds: timeGrade(file) };
});
const slowest = buggy.reduce((a, b) => (b.seconds > a.seconds ? b : a));
const buggyName = `planar, one mistake (${buggy.length} bugs)`;
console.log(
  `  ${buggyName.padEnd(32)} ${spread(buggy.map(({ seconds }) => seconds))}  slowest: ${slowest.name}  (goal: <= ${goalOf(buggyName)})`,
);

// The same grades under each Node LTS line that `npm run test:node-versions` installed
// (scripts/node-versions.sh), alternating with this machine's Node: learners run the current LTS
// lines, which start faster (Node 22 and later read NODE_EXTRA_CA_CERTS only when a connection
// needs it). They run the build's ES modules: its V8 code was recorded under this machine's Node
// (an install under Node 22 records its own).
const lts = join(root, "node_modules/.cache/gradecheck-node");
const otherNodes = existsSync(lts)
  ? readdirSync(lts)
      .filter((version) => existsSync(join(lts, version, "bin/node")))
      .sort((a, b) => a.localeCompare(b, "en", { numeric: true }))
  : [];
if (otherNodes.length === 0)
  console.log(
    "\nunder other Node versions: none installed (npm run test:node-versions installs Node 22 and 24)",
  );
for (const version of otherNodes) {
  const node = join(lts, version, "bin/node");
  console.log(
    `\nthe same grades under Node ${version} (the build's ES modules) against this machine's Node ${process.versions.node}, alternating, ${runs} runs (median; ratio of medians)`,
  );
  for (const name of [
    "planar-classifier reference",
    ...Object.keys(submissions).filter((n) => n.endsWith("stubs")),
  ]) {
    const args = gradeArgs(submissions[name] as string);
    const [there = [], here = []] = inTurn(runs, [
      () => timeCommand(args, { node }),
      () => timeCommand(args),
    ]);
    console.log(
      `  ${name.padEnd(32)} ${fmt(median(there))} against ${fmt(median(here))}, ${(median(there) / median(here)).toFixed(2)}  (goal: <= ${goalOf(name)})`,
    );
  }
}

// The learner's own run: the planar release (`gradecheck release`: no reference, so no hidden
// tests and no second bundle), built as its install builds it, grading its untouched stubs and a
// full solution. Its dependencies are this package's (a link), not installed again.
const release = join(mkdtempSync(join(tmpdir(), "gradecheck-bench-release-")), "planar");
timeCommand(["release", "--out", release, "--assignment", "planar-classifier"]);
symlinkSync(join(root, "node_modules"), join(release, "node_modules"));
const releaseBuild = spawnSync(process.execPath, [join(release, "bin/bundle.mjs")], {
  encoding: "utf8",
});
if (releaseBuild.status !== 0)
  throw new Error(`the release's build failed: ${releaseBuild.stderr}`);
mkdirSync(join(release, "solution"));
copyFileSync(
  join(root, "reference/planar-classifier/model.ts"),
  join(release, "solution/model.ts"),
);
const learnerRuns: Record<string, number[]> = { stubs: [], "a full solution": [] };
for (let r = 0; r < runs; r++) {
  for (const [name, submission] of [
    ["stubs", "assignments/planar-classifier/model.ts"],
    ["a full solution", "solution/model.ts"],
  ] as const)
    learnerRuns[name]?.push(
      timeCommand(gradeArgs(join(release, submission)), {
        command: join(release, "bin/gradecheck.mjs"),
      }),
    );
}
console.log(
  `
the learner's own run: gradecheck grade in the planar release (no reference: visible tests only), cold command, ${runs} runs (median; min-max)`,
);
for (const [name, times] of Object.entries(learnerRuns))
  console.log(`  ${name.padEnd(32)} ${spread(times)}`);

// A machine whose cores are busy with other work (a loop per core, at the grader's priority): the
// type check, run at the lowest priority while the tests run, must not hold the grade up after.
const busy = Array.from({ length: availableParallelism() }, () =>
  spawn(process.execPath, ["-e", "for (;;);"], { stdio: "ignore" }),
);
try {
  console.log(
    `\ngradecheck grade on a loaded machine (${busy.length} busy loops, one per core), ${runs} runs (median; min-max)`,
  );
  for (const name of ["planar-classifier reference", "planar-classifier stubs"]) {
    const times = Array.from({ length: runs }, () => timeGrade(submissions[name] as string));
    console.log(`  ${name.padEnd(32)} ${spread(times)}`);
  }
} finally {
  for (const loop of busy) loop.kill("SIGKILL");
}

await benchSandbox();
// The gradient checker where it runs learners' code: in a sandboxed child's environment.
await runLikeAChild(gradcheckScript);
await benchMistakes();
await benchOneFunction();
await benchLocale();
