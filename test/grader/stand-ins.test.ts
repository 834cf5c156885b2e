/**
 * Each function judged alone: the rewrite that routes the learner's calls of the assignment's
 * other functions to stand-ins (grader/substitute.ts), and the stand-ins answered by the grader
 * with the reference's (grader/oracle.ts), through a real build and sandbox.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { parse } from "acorn";
import { transform } from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";
import { np, RandomState } from "../../assignments/lib/np.ts";
import { PACKAGE_ROOT } from "../../grader/core/paths.ts";
import { decode, encode } from "../../grader/core/values.ts";
import {
  ALONE_MODULE_COPIES,
  buildAlone,
  buildFiles,
  removeBuild,
} from "../../grader/pipeline/build.ts";
import { type AssignmentParts, loadAssignment } from "../../grader/pipeline/load.ts";
import {
  inLearnersNames,
  ownCalleeLimits,
  type Run,
  referenceOracle,
  standIns,
} from "../../grader/pipeline/oracle.ts";
import { readSubmission, submissionAt } from "../../grader/pipeline/submission.ts";
import {
  type Declaration,
  declarationsOf,
  parseModule,
  substitute,
} from "../../grader/pipeline/substitute.ts";
import type { OwnAnswer } from "../../grader/sandbox/protocol.ts";
import { Sandbox, type SandboxOptions } from "../../grader/sandbox/sandbox.ts";
import { applyBug, bugs, referenceSource } from "../corpus/bugs.ts";
import { PREDICT_BODY } from "../corpus/hostile-kit.ts";
import { gradeFiles, tempDir } from "../helpers.ts";

const NAMES = new Set(["sigmoid", "forwardPropagation", "predict", "helper"]);

/** The top-level declarations of `names` (of every name, without them) in a module's text. */
async function topLevelDeclarations(
  js: string,
  names?: ReadonlySet<string>,
): Promise<Declaration[]> {
  return declarationsOf(await parseModule(js), names);
}

describe("the rewrite", () => {
  const js = [
    "export function sigmoid(z) { return z; }",
    "export const forwardPropagation = (X, p) => sigmoid(X);",
    "function helper() { function predict() {} return predict; }",
    "let { predict } = {};",
    "export default function other() {}",
  ].join("\n");

  it("finds the top-level declarations of the names only, and whether they are exported", async () => {
    const found = (await topLevelDeclarations(js, NAMES)).map(({ name, exported }) => [
      name,
      exported,
    ]);
    // predict is declared in a function and by destructuring: neither is renamed.
    expect(found).toEqual([
      ["sigmoid", true],
      ["forwardPropagation", true],
      ["helper", false],
    ]);
    // Without names, every one: the default export's function too, not exported under its name.
    expect((await topLevelDeclarations(js)).map(({ name, exported }) => [name, exported])).toEqual([
      ...found,
      ["other", false],
    ]);
  });

  it("renames them, takes their names from the stand-ins, and keeps every line where it was", async () => {
    const out = substitute(js, await topLevelDeclarations(js, NAMES), true);
    expect(out.split("\n").slice(1, 5)).toEqual([
      "export const __gradecheck_own_forwardPropagation = (X, p) => sigmoid(X);",
      "function __gradecheck_own_helper() { function predict() {} return predict; }",
      "let { predict } = {};",
      "export default function other() {}",
    ]);
    const [first] = out.split("\n");
    expect(first).toMatch(
      /^import \{ sigmoid, forwardPropagation, helper, register as __gradecheck_register \} from "gradecheck:stand-ins"; /,
    );
    expect(first).toContain(
      '__gradecheck_register("sigmoid", () => __gradecheck_own_sigmoid, true);',
    );
    expect(first).toMatch(/export function __gradecheck_own_sigmoid\(z\) \{ return z; \}$/);
    // What the module exported under the names, it now exports from the stand-ins.
    expect(out).toMatch(/\nexport \{ sigmoid, forwardPropagation \};\n$/);
    expect(() => parse(out, { ecmaVersion: "latest", sourceType: "module" })).not.toThrow();
  });

  it("finds them where they are in a file as esbuild writes it, its source map left unread", async () => {
    // A source map line that is not the file's last is the learner's text: it is read.
    const source = [
      "export function sigmoid(z: number): number { return z; }",
      "const text = `",
      "//# sourceMappingURL=data:application/json;base64,e30=",
      "`;",
      "export function predict(p: number): number { return p; }",
    ].join("\n");
    const { code } = await transform(source, { loader: "ts", sourcemap: "inline" });
    expect(code).toMatch(/\n\/\/# sourceMappingURL=data:[^\n]*\n$/);
    const found = await topLevelDeclarations(code, NAMES);
    expect(found.map(({ name }) => name)).toEqual(["sigmoid", "predict"]);
    for (const { name, start, end } of found) expect(code.slice(start, end)).toBe(name);
    await expect(topLevelDeclarations(`${code}}`)).rejects.toThrow(SyntaxError);
  });

  it("leaves a module without declarations of the names as it was", async () => {
    const plain = "import { sigmoid } from './a.ts';\nexport const y = sigmoid(1);\n";
    expect(substitute(plain, await topLevelDeclarations(plain, NAMES), false)).toBe(plain);
  });
});

let parts: AssignmentParts;
beforeAll(async () => {
  parts = await loadAssignment(PACKAGE_ROOT, "planar-classifier", true);
});

/** A submission folder with `files`, graded on the tests of forwardPropagation and predict. */
async function gradeFolder(files: Record<string, string>, withReference = true) {
  const report = await gradeFiles(
    files,
    { select: (test) => /^(forwardPropagation|predict)\./.test(test.id) },
    { withoutReference: !withReference },
  );
  const statuses = (fn: string) =>
    new Set(report.tests.filter((t) => t.function === fn).map((t) => t.status));
  return { report, statuses };
}

/** The reference with the hidden layer's tanh swapped for sigmoid: forwardPropagation is wrong. */
function wrongForward(): string {
  const bug = bugs.find((b) => b.name === "sigmoid in the hidden layer");
  if (!bug) throw new Error("no such bug in the corpus");
  return applyBug(referenceSource(), bug);
}

/** predict's body, calling forwardPropagation as `call` does. */
const predictCalling = (source: string, call: string) =>
  source.replace(
    PREDICT_BODY,
    `  const { A2 } = ${call};\n  return np.where(np.greater(A2, 0.5), 1, 0);`,
  );

describe("predict judged alone, however it calls forwardPropagation", () => {
  const ways: [string, (source: string) => Record<string, string>][] = [
    ["a direct call", (source) => ({ "model.ts": source })],
    [
      "a local alias",
      (source) => ({
        "model.ts": predictCalling(
          source,
          "(() => { const run = forwardPropagation; return run; })()(X, parameters)",
        ),
      }),
    ],
    [
      "a namespace import of its own module",
      (source) => ({
        "model.ts": `import * as self from "./model.ts";\n${predictCalling(source, "self.forwardPropagation(X, parameters)")}`,
      }),
    ],
    [
      "an import under another name from another file",
      (source) => ({
        "model.ts": `import { forward } from "./forward.ts";\n${predictCalling(source, "forward(X, parameters)")}`,
        "forward.ts": 'export { forwardPropagation as forward } from "./model.ts";\n',
      }),
    ],
    [
      "a call at the top level of the module (which runs the learner's own)",
      (source) => ({
        "model.ts": `${source}\nconsole.log(forwardPropagation(np.ones([2, 1]), initializeParameters(2, 4, 1, np.random.seed(1))).A2.shape);\n`,
      }),
    ],
  ];

  it.each(ways)("%s", async (_way, files) => {
    const { report, statuses } = await gradeFolder(files(wrongForward()));
    expect([...statuses("forwardPropagation")]).toContain("failed");
    expect(report.tests.filter((t) => t.function === "predict" && t.status !== "passed")).toEqual(
      [],
    );
  });

  it("without the reference, predict calls the learner's own forwardPropagation, and says so", async () => {
    const { report } = await gradeFolder({ "model.ts": wrongForward() }, false);
    const predict = report.tests.find((t) => t.id === "predict.random");
    expect(predict?.status).toBe("failed");
    expect(predict?.message).toContain(
      "Note: predict calls your forwardPropagation, which fails its own tests",
    );
  });
});

/**
 * `source` as a learner's model.ts, built to judge each function alone, in a sandbox whose
 * stand-ins `oracle` answers; `use` runs with it, and everything is removed after.
 */
async function withAloneSandbox<T>(
  source: string,
  options: Pick<SandboxOptions, "oracle" | "contention">,
  use: (sandbox: Sandbox) => Promise<T>,
): Promise<T> {
  const folder = join(tempDir("gradecheck-stand-ins-"), "learner");
  mkdirSync(folder);
  writeFileSync(join(folder, "model.ts"), source);
  const read = readSubmission(submissionAt(folder, true), folder);
  if (read.status !== "read") throw new Error(read.message);
  const built = await buildFiles(read, folder);
  if (built.status !== "built") throw new Error(built.message);
  const alone = await buildAlone(built, standIns(parts.cases));
  if (!("dir" in alone)) throw new Error(alone.unavailable);
  const sandbox = new Sandbox({
    ...alone,
    moduleCopies: ALONE_MODULE_COPIES,
    heapMb: 256,
    importTimeoutMs: 10_000,
    cpuSeconds: 60,
    ...options,
  });
  try {
    return await use(sandbox);
  } finally {
    sandbox.close();
    rmSync(alone.dir, { recursive: true, force: true });
    removeBuild(built);
  }
}

describe("the second bundle", () => {
  /**
   * Each file of the second bundle of `files` (a submission's), without what names the copy's
   * folder, which differs from build to build: its path, and the source maps and chunk names
   * made from it.
   */
  async function secondBundle(files: Record<string, string>, readAhead: boolean) {
    const folder = join(tempDir("gradecheck-read-ahead-"), "learner");
    mkdirSync(folder);
    for (const [name, source] of Object.entries(files)) writeFileSync(join(folder, name), source);
    const read = readSubmission(submissionAt(folder, true), folder);
    if (read.status !== "read") throw new Error(read.message);
    const built = await buildFiles(read, folder, undefined, { readAhead });
    if (built.status !== "built") throw new Error(built.message);
    const alone = await buildAlone(built, standIns(parts.cases));
    try {
      if (!("dir" in alone)) throw new Error(alone.unavailable);
      // In the order of their text: the chunks' names (their hashes) depend on the copy's folder.
      return readdirSync(alone.dir)
        .filter((name) => !name.startsWith("gradecheck-"))
        .map((name) =>
          readFileSync(join(alone.dir, name), "utf8")
            .replaceAll(basename(built.staged.dir), "COPY")
            .replace(/\/\/# sourceMappingURL=.*/g, "")
            .replace(/-[A-Z0-9]{8}\.mjs/g, "-CHUNK.mjs"),
        )
        .sort();
    } finally {
      if ("dir" in alone) rmSync(alone.dir, { recursive: true, force: true });
      removeBuild(built);
    }
  }

  it("is the same whether its entry was read while the first bundle was made or after", async () => {
    const files = {
      "model.ts": `${referenceSource()}\nexport { helper } from "./helper.ts";\n`,
      "helper.ts":
        "export function helper(): number { return 1; }\nexport function predict() { return 0; }\n",
    };
    const [ahead, after] = [await secondBundle(files, true), await secondBundle(files, false)];
    expect(ahead.length).toBeGreaterThan(0);
    expect(ahead).toEqual(after);
    // The learner's functions were renamed in both: the stand-ins answer their calls.
    expect(ahead.join("\n")).toMatch(/__gradecheck_own_forwardPropagation/);
  });
});

describe("the stand-ins", () => {
  it("hand back a random generator in the state the reference's function left it", async () => {
    // nnModel is the learner's: it draws once more after the reference's initializeParameters.
    const reference = parts.reference;
    if (!reference) throw new Error("the reference is needed");
    const source = `import { np, type RandomState } from "gradecheck/np";
export function initializeParameters(nX: number, nH: number, nY: number, rng: RandomState) { return { W1: rng.randn(1, 1) }; }
export function nnModel() {
  const rng = np.random.seed(5);
  initializeParameters(2, 3, 1, rng);
  return rng.randn(1, 3);
}
`;
    const oracle = referenceOracle(reference, parts.cases);
    await withAloneSandbox(source, { oracle }, async (sandbox) => {
      const outcome = await sandbox.call("nnModel", [], 10_000);
      if (outcome.status !== "returned") throw new Error(`nnModel: ${outcome.status}`);
      const rng = new RandomState(5);
      (reference.initializeParameters as (...a: unknown[]) => unknown)(2, 3, 1, rng);
      const drawn = decode(outcome.value) as { data: Float64Array };
      expect([...drawn.data]).toEqual([...rng.randn(1, 3).data]);
    });
  });
});

describe("the function being judged", () => {
  const reference = () => {
    if (!parts.reference) throw new Error("the reference is needed");
    return parts.reference;
  };
  /** The grader's oracle, and the functions the child asked it for. */
  const recordingOracle = () => {
    const asked: string[] = [];
    const served = referenceOracle(reference(), parts.cases);
    const oracle: SandboxOptions["oracle"] = (request, budget, judged) => {
      asked.push(request.fn);
      return served(request, budget, judged);
    };
    return { asked, oracle };
  };

  it("told the learner's own functions answer, calls them on copies and gets a copy back", async () => {
    // computeCost writes into its input and returns it; forwardPropagation returns an array it
    // keeps; initializeParameters draws from the generator, which comes back in the state that
    // left it, as the reference's answers do.
    const source = `import { np, type NDArray, type RandomState } from "gradecheck/np";
export function computeCost(A2: NDArray, Y: NDArray) { A2.set(0, 0, 42); return A2; }
const kept = np.zeros([1, 1]);
export function forwardPropagation(X: unknown, p: unknown) {
  return { A2: kept, seen: kept.get(0, 0) };
}
export function initializeParameters(nX: number, nH: number, nY: number, rng: RandomState) {
  return { W1: rng.randn(1, 1) };
}
export function nnModel() {
  const A2 = np.zeros([1, 2]);
  const cost = computeCost(A2, A2) as unknown as NDArray;
  const forward = forwardPropagation as (X: unknown, p: unknown) => { A2: NDArray; seen: number };
  forward(A2, {}).A2.set(0, 0, 7);
  const { seen } = forward(A2, {});
  const rng = np.random.seed(5);
  const { W1 } = initializeParameters(2, 3, 1, rng);
  const drawn = [W1.get(0, 0), ...rng.randn(1, 2).data];
  return { untouched: A2.get(0, 0), mine: cost.get(0, 0), seen, drawn };
}
`;
    const { asked, oracle } = recordingOracle();
    await withAloneSandbox(source, { oracle }, async (sandbox) => {
      const answered: OwnAnswer[] = [];
      const functions = ["computeCost", "forwardPropagation", "initializeParameters"];
      const limits = { ...ownCalleeLimits(reference(), standIns(parts.cases)), functions };
      const outcome = await sandbox.call("nnModel", [], 10_000, false, { limits, answered });
      if (outcome.status !== "returned") throw new Error(`nnModel: ${outcome.status}`);
      expect(decode(outcome.value)).toEqual({
        untouched: 0,
        mine: 42,
        seen: 0,
        drawn: [...new RandomState(5).randn(1, 3).data],
      });
      // The first answer of each function, as a request to the grader would carry its inputs.
      expect(answered).toMatchObject([
        { judged: "nnModel", fn: "computeCost", value: { $array: [1, 2] } },
        { judged: "nnModel", fn: "forwardPropagation", value: { seen: 0 } },
        { judged: "nnModel", fn: "initializeParameters", args: [2, 3, 1, null] },
      ]);
      const [, , init] = answered as { randoms: { index: number }[]; randomsAfter: unknown[] }[];
      expect(init?.randoms).toEqual([{ index: 3, ...new RandomState(5).getState() }]);
      const after = new RandomState(5);
      after.randn(1, 1);
      expect(init?.randomsAfter).toEqual([{ index: 3, ...after.getState() }]);
      expect(asked).toEqual([]);
      // The same call with the reference answering asks the grader (whose forwardPropagation
      // throws without its inputs).
      expect((await sandbox.call("nnModel", [], 10_000)).status).toBe("threw");
      expect(asked).toEqual(["computeCost", "forwardPropagation"]);
    });
  });

  /** computeCost's limits with the learner's own answering, and the call's outcome and answers. */
  const ownComputeCost = async (source: string) => {
    const { asked, oracle } = recordingOracle();
    return withAloneSandbox(source, { oracle }, async (sandbox) => {
      const answered: OwnAnswer[] = [];
      const limits = {
        ...ownCalleeLimits(reference(), standIns(parts.cases)),
        functions: ["computeCost"],
      };
      const outcome = await sandbox.call("nnModel", [], 10_000, false, { limits, answered });
      if (outcome.status !== "returned") throw new Error(`nnModel: ${outcome.status}`);
      return { values: decode(outcome.value) as number[], asked, answered };
    });
  };
  // The learner's computeCost is wrong (it answers 42), to tell its answers from the reference's
  // (ln 2 for A2 = 0.5).
  const ln2 = Math.log(2);
  const costOf = (body: string) => `import { np, type NDArray } from "gradecheck/np";
export function computeCost(A2: NDArray, Y: NDArray) { return 42; }
export function nnModel() {
  const cost = computeCost as (...args: unknown[]) => number;
  const half = (m: number) => np.multiply(np.ones([1, m]), 0.5);
  ${body}
}
`;

  it("told the learner's own functions answer, has the grader check the first answer in each form of call", async () => {
    // Each form (another shape, an argument more, a generator where there was none) is checked
    // once, with its first answer; later calls in a form checked differ from it in numbers only.
    const { values, asked, answered } = await ownComputeCost(
      costOf(`return [
    cost(half(2), np.ones([1, 2])),
    cost(half(3), np.ones([1, 3])),
    cost(half(2), np.ones([1, 2])),
    cost(half(2), np.ones([1, 2]), "extra"),
    cost(half(2), np.ones([1, 2]), np.random.seed(1)),
    cost(half(3), np.ones([1, 3])),
    cost(np.zeros([1, 2]), np.zeros([1, 2])),
  ];`),
    );
    expect(values).toEqual([42, 42, 42, 42, 42, 42, 42]);
    expect(asked).toEqual([]);
    const array = (m: number) => ({ $array: [1, m] });
    expect(answered).toMatchObject([
      { fn: "computeCost", args: [array(2), array(2)], randoms: [], value: 42 },
      { fn: "computeCost", args: [array(3), array(3)], randoms: [], value: 42 },
      { fn: "computeCost", args: [array(2), array(2), "extra"], value: 42 },
      { fn: "computeCost", args: [array(2), array(2), null], randoms: [{ index: 2 }], value: 42 },
    ]);
  });

  it("told the learner's own functions answer, has the grader check the inputs they were called with, not what they wrote since", async () => {
    // computeCost writes into the caller's arrays through a global while it runs (the object
    // every copy of the module shares: the learner's own answer from a copy of their own): the
    // first answer's inputs go to the grader as they were at the call, as a request would carry them.
    const { values, answered } =
      await ownComputeCost(`import { np, type NDArray } from "gradecheck/np";
const shared = globalThis as { A2?: NDArray };
export function computeCost(a: NDArray, y: NDArray) { shared.A2?.set(0, 1, 9); return 42; }
export function nnModel() {
  const A2 = np.multiply(np.ones([1, 2]), 0.5);
  shared.A2 = A2;
  const cost = (computeCost as (...args: unknown[]) => number)(A2, np.ones([1, 2]));
  return [cost, A2.get(0, 1)];
}
`);
    expect(values).toEqual([42, 9]);
    const [first] = answered;
    expect(first?.args.map((arg) => [...((arg as { data: Float64Array }).data ?? [])])).toEqual([
      [0.5, 0.5],
      [1, 1],
    ]);
  });

  it("told the learner's own functions answer, asks the grader for forms past the answers a result may carry", async () => {
    // One form for each m: the first 64 answers are the learner's, to be checked; the reference
    // answers the rest.
    const { values, asked, answered } = await ownComputeCost(
      costOf(
        `return Array.from({ length: 70 }, (_, i) => cost(half(i + 1), np.ones([1, i + 1])));`,
      ),
    );
    expect(values.slice(0, 64)).toEqual(Array(64).fill(42));
    expect(values.slice(64)).toHaveLength(6);
    for (const value of values.slice(64)) expect(value).toBeCloseTo(ln2, 12);
    expect(asked).toHaveLength(6);
    expect(answered).toHaveLength(64);
  });

  it("told the learner's own functions answer, asks the grader for forms whose answers would be too big to carry", async () => {
    // Inputs of 40 000 values: the first form is checked whatever its size, a second fits in
    // the room for later forms (65 536 values), a third does not, nor does a form whose value
    // would not fit (the learner's answer is then left out, and the reference's comes instead).
    const source = `import { np, type NDArray } from "gradecheck/np";
export function computeCost(A2: NDArray, Y: NDArray) {
  return A2.shape[1] === 5 ? np.ones([1, 70000]) : 42;
}
export function nnModel() {
  const cost = computeCost as (...args: unknown[]) => unknown;
  const half = (m: number) => np.multiply(np.ones([1, m]), 0.5);
  const shown = (value: unknown) => (typeof value === "number" ? value : "array");
  return [20000, 20001, 20002, 20001, 5, 5].map((m) => shown(cost(half(m), np.ones([1, m]))));
}
`;
    const { values, asked, answered } = await ownComputeCost(source);
    expect(values).toEqual([42, 42, ln2, 42, ln2, ln2]);
    expect(asked).toEqual(["computeCost", "computeCost", "computeCost"]);
    expect(answered.map(({ args }) => args[0])).toMatchObject([
      { $array: [1, 20000] },
      { $array: [1, 20001] },
    ]);
  });

  it("told the learner's own functions answer, refuses them what the grader would refuse", async () => {
    // Too many values in; a small input whose product asks for 64 million entries.
    const source = `import { np, type NDArray } from "gradecheck/np";
export function forwardPropagation(X: NDArray, p: Record<string, NDArray>) {
  return { A2: np.dot(p.W1 as NDArray, X) };
}
export function predict(flood: boolean) {
  if (flood) return forwardPropagation(np.ones([2, 40000]), { W1: np.ones([1, 2]) });
  return forwardPropagation(np.ones([1, 8000]), { W1: np.ones([8000, 1]) });
}
`;
    const { asked, oracle } = recordingOracle();
    await withAloneSandbox(source, { oracle }, async (sandbox) => {
      const limits = ownCalleeLimits(reference(), standIns(parts.cases));
      const own = { limits: { ...limits, functions: ["forwardPropagation"] }, answered: [] };
      expect(await sandbox.call("predict", [true], 10_000, false, own)).toMatchObject({
        status: "threw",
        error: { message: expect.stringMatching(/80\d{3} values, more than the grader computes/) },
      });
      expect(await sandbox.call("predict", [false], 10_000, false, own)).toMatchObject({
        status: "threw",
        error: { message: expect.stringMatching(/64000000 entries is more than/) },
      });
    });
    expect(asked).toEqual([]);
  });

  it("runs its own code when it calls its own name, and asks the grader for nothing", async () => {
    // computeCost is stood in for (nnModel calls it): its recursion must not reach the reference's.
    const source = `export function computeCost(A2: unknown, Y: unknown, depth = 0): number {
  return depth < 3 ? computeCost(A2, Y, depth + 1) : depth;
}
`;
    const { asked, oracle } = recordingOracle();
    await withAloneSandbox(source, { oracle }, async (sandbox) => {
      const outcome = await sandbox.call("computeCost", [null, null], 10_000);
      if (outcome.status !== "returned") throw new Error(`computeCost: ${outcome.status}`);
      expect(decode(outcome.value)).toBe(3);
    });
    expect(asked).toEqual([]);
  });

  it("calls its own code for a function it does not call, whose reference would give it its answer", async () => {
    // σ(z) from the reference's forwardPropagation: Z2 = (z / tanh 1)·tanh(I) = z, A2 = σ(z).
    const source = `import { np, type NDArray } from "gradecheck/np";
export function forwardPropagation(X: NDArray, p: { W1: NDArray; b1: NDArray; W2: NDArray; b2: NDArray }) {
  return { A2: np.zeros([1, 1]), mine: true };
}
export function sigmoid(z: NDArray) {
  const [r, c] = z.shape;
  const I = np.zeros([c, c]);
  for (let i = 0; i < c; i++) I.set(i, i, 1);
  const made = forwardPropagation(I, { W1: I, b1: np.zeros([c, 1]), W2: np.divide(z, Math.tanh(1)), b2: np.zeros([r, 1]) });
  return "mine" in made ? "my own forwardPropagation ran" : made.A2;
}
`;
    const { asked, oracle } = recordingOracle();
    await withAloneSandbox(source, { oracle }, async (sandbox) => {
      const outcome = await sandbox.call("sigmoid", [encode(np.array([[0.5, -2]]))], 10_000);
      if (outcome.status !== "returned") throw new Error(`sigmoid: ${outcome.status}`);
      expect(decode(outcome.value)).toBe("my own forwardPropagation ran");
    });
    expect(asked).toEqual([]);
  });

  it("earns nothing from a reference that works out its answer (logistic: optimize makes propagate's)", async () => {
    const stub = readFileSync(
      join(PACKAGE_ROOT, "assignments/logistic-regression/model.ts"),
      "utf8",
    );
    const forged = stub.replace(
      'throw new NotImplementedError("propagate");',
      "const { grads, costs } = optimize(w, b, X, Y, 1, 0);\n  return { grads, cost: costs[0] as number };",
    );
    expect(forged).not.toBe(stub);
    const report = await gradeFiles(
      { "model.ts": forged },
      {},
      { assignment: "logistic-regression" },
    );
    const propagate = report.functions.find((f) => f.name === "propagate");
    expect(propagate?.maxScore).toBeGreaterThan(0);
    expect(propagate?.score).toBe(0);
  });

  it("is refused the reference's answer for what it does not call, whatever code asks for it", () => {
    const oracle = referenceOracle(reference(), parts.cases);
    const rng = new RandomState(3);
    const { mt, gauss } = rng.getState();
    const request = {
      type: "oracle" as const,
      id: 1,
      fn: "initializeParameters",
      args: [2, 4, 1, null],
      randoms: [{ index: 3, mt: [...mt], gauss }],
    };
    // Itself, and a function that does not call initializeParameters.
    for (const judged of ["initializeParameters", "predict"])
      expect(oracle(request, 1000, judged)).toEqual({
        refused: {
          text: `gradecheck: ${judged} asked for the reference's initializeParameters, which it does not call: the grader stands in only for the functions each function calls`,
          phrase: { code: "standIn.not-called", params: { fn: "initializeParameters", judged } },
        },
      });
    // Asked while a function that calls it is judged, it is answered.
    expect(oracle(request, 1000, "nnModel")).toHaveProperty("value");
  });

  it("is told what it passed when the reference cannot run on it, in the assignment's names", () => {
    const oracle = referenceOracle(reference(), parts.cases);
    const parameters = { W1: np.ones([4, 2]), b1: np.zeros([4, 1]), W2: np.ones([1, 4]) };
    const args = [parameters, undefined, np.ones([400, 2]), np.ones([1, 400])].map((v) =>
      encode(v),
    );
    const request = {
      type: "oracle" as const,
      id: 1,
      fn: "backwardPropagation",
      args,
      randoms: [],
    };
    const reply = oracle(request, 1000, "nnModel");
    expect(reply).toHaveProperty("refused");
    expect("refused" in reply && reply.refused.text).toContain(
      "could not run on the inputs your code gave it (parameters {W1: (4,2), b1: (4,1), W2: (1,4)}, cache undefined, X (400,2), Y (1,400)): ",
    );
  });
});

describe("a call that makes round trips to the stand-ins", () => {
  it("is allowed a little more time for each, up to its limit again, and told its limit", async () => {
    const source = `export function computeCost(z: number) { return z; }
export function nnModel(calls: number, ms: number) {
  for (let i = 0; i < calls; i++) computeCost(i);
  const end = Date.now() + ms;
  while (Date.now() < end) {}
  return calls;
}
`;
    const oracle = () => ({ value: 0, randoms: [] });
    await withAloneSandbox(source, { oracle, contention: 5 }, async (sandbox) => {
      // 1300 ms of work against a limit of 1000 ms: over it with no stand-in called; within it
      // with 200 round trips (each allowed 1 ms times a contention of 5: 1000 ms more in all),
      // which leaves the trips 3.5 ms each on a machine busy with other tests.
      expect(await sandbox.call("nnModel", [0, 1300], 1000)).toMatchObject({
        status: "timeout",
        limitMs: 1000,
      });
      expect(await sandbox.call("nnModel", [200, 1300], 1000)).toMatchObject({
        status: "returned",
      });
      // However many round trips, never more than twice the limit.
      expect(await sandbox.call("nnModel", [4000, 2500], 1000)).toMatchObject({
        status: "timeout",
        limitMs: 1000,
      });
    });
  }, 30_000);
});

describe("the reference's error, as the learner reads it", () => {
  it("names the parameters a build renamed as the assignment does, and touches nothing else", () => {
    // As the single-script build declares it where another module has a top-level `cache`.
    function backwardPropagation(parameters2: unknown, cache2: unknown, X: unknown, Y2s: unknown) {
      return [parameters2, cache2, X, Y2s];
    }
    const names = ["parameters", "cache", "X", "Y"];
    const read = (text: string) => inLearnersNames(text, backwardPropagation as Run, names);
    expect(read("Cannot destructure property 'A1' of 'cache2' as it is undefined.")).toBe(
      "Cannot destructure property 'A1' of 'cache' as it is undefined.",
    );
    // Not renamed, or not a parameter of its own: as it was.
    const others = "cache22, X2, Y2s and A2 stay; parameters2.W1 does not";
    expect(read(others)).toBe("cache22, X2, Y2s and A2 stay; parameters.W1 does not");
  });
});
