/**
 * The functions a learner left as their stubs, found in the source (`untouched-stubs.ts`), and
 * the calls of them the grader answers itself: as a child calling the stub answers them.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { transform } from "esbuild";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { np } from "../../assignments/lib/np.ts";
import { PACKAGE_ROOT } from "../../grader/core/paths.ts";
import type { Report } from "../../grader/core/report.ts";
import { encode, type Wire } from "../../grader/core/values.ts";
import { type Built, buildFiles, removeBuild } from "../../grader/pipeline/build.ts";
import { readSubmission, submissionAt } from "../../grader/pipeline/submission.ts";
import { parseModule } from "../../grader/pipeline/substitute.ts";
import { answeringStubs, untouchedStubs } from "../../grader/pipeline/untouched-stubs.ts";
import { Sandbox } from "../../grader/sandbox/sandbox.ts";
import { referenceSource } from "../corpus/bugs.ts";
import { assignmentParts, gradeFiles } from "../helpers.ts";

/** The stubs `source` (a learner's TypeScript) leaves, read as the grader reads its files. */
async function stubsOf(source: string): Promise<string[]> {
  const { code } = await transform(source, { loader: "ts", tsconfigRaw: {} });
  return [...untouchedStubs(await parseModule(code)).keys()];
}

/** The planar stubs' functions: each throws its error whatever the grader passes it. */
const PLANAR_STUBS = [
  "backwardPropagation",
  "computeCost",
  "forwardPropagation",
  "initializeParameters",
  "layerSizes",
  "nnModel",
  "predict",
  "sigmoid",
  "updateParameters",
];

const IMPORT = 'import { type NDArray, np, NotImplementedError } from "gradecheck/np";';
const SIGMOID = [
  "export function sigmoid(z: NDArray): NDArray {",
  "  // TODO: your code here.",
  '  throw new NotImplementedError("sigmoid");',
  "}",
].join("\n");
const PREDICT =
  'export function predict(X: NDArray, t = 0.5): NDArray {\n  throw new NotImplementedError("predict");\n}';

describe("the functions left as their stubs", () => {
  it("finds, in each assignment's stubs, the functions that throw their error before anything else", async () => {
    const stubs = (id: string) =>
      stubsOf(readFileSync(join(PACKAGE_ROOT, "assignments", id, "model.ts"), "utf8"));
    expect((await stubs("planar-classifier")).sort()).toEqual(PLANAR_STUBS);
    // lModelForward's kept line calls functions (Object.keys(parameters).filter(…)): it is called.
    const deep = await stubs("deep-neural-network");
    expect(deep).toContain("linearBackward");
    expect(deep).not.toContain("lModelForward");
    expect(await stubsOf(`${IMPORT}\n${SIGMOID}\n${PREDICT}`)).toEqual(["sigmoid", "predict"]);
  });

  it.each([
    ["the name is written to later", `${SIGMOID}\nsigmoid = (z: NDArray) => z;`, ["predict"]],
    [
      "the name is written to by destructuring",
      `${SIGMOID}\n[sigmoid] = [(z: NDArray) => z];`,
      ["predict"],
    ],
    ["the name is counted up", `${SIGMOID}\n(sigmoid as any)++;`, ["predict"]],
    ["the name is a loop's variable", `${SIGMOID}\nfor (sigmoid of []) {}`, ["predict"]],
    ["eval is used", `${SIGMOID}\n(0, eval)("1");`, []],
    ["the class is used otherwise", `${SIGMOID}\nNotImplementedError.prototype.name = "x";`, []],
    ["the class is passed on", `${SIGMOID}\nexport const E = NotImplementedError;`, []],
    [
      "the function is async",
      SIGMOID.replace("export function", "export async function"),
      ["predict"],
    ],
    [
      "the function is a generator",
      SIGMOID.replace("function sigmoid", "function* sigmoid"),
      ["predict"],
    ],
    [
      "it throws another's stub",
      SIGMOID.replace('Error("sigmoid")', 'Error("predict")'),
      ["predict"],
    ],
    [
      "a statement comes first",
      SIGMOID.replace("  // TODO", "  console.log(z);\n  // TODO"),
      ["predict"],
    ],
    [
      "a default runs code",
      SIGMOID.replace("z: NDArray)", "z: NDArray = np.zeros([1, 1]))"),
      ["predict"],
    ],
    [
      "a kept line calls a function",
      SIGMOID.replace("  // TODO", "  const n = Object.keys(z).length;\n  // TODO"),
      ["predict"],
    ],
    [
      "a kept line reads a property it names by a variable",
      SIGMOID.replace("  // TODO", "  const k = 0;\n  const n = z.shape[k];\n  // TODO"),
      ["predict"],
    ],
    [
      "a destructured parameter's default runs code",
      SIGMOID.replace("z: NDArray)", "{ z = np.zeros([1, 1]) }: { z?: NDArray })"),
      ["predict"],
    ],
    [
      "a parameter takes the class's name",
      SIGMOID.replace("z: NDArray)", "NotImplementedError: any)"),
      ["predict"],
    ],
  ])("calls the stub when %s", async (_, sigmoid, found) => {
    expect(await stubsOf(`${IMPORT}\n${sigmoid}\n${PREDICT}`)).toEqual(found);
  });

  it("reads a file that nests deeper than the stack goes, as acorn does", async () => {
    // acorn reads a chain of reads or calls in a loop: a learner's file may hold one of any length.
    for (const chain of [`z${".b".repeat(100_000)}`, `z${"()".repeat(100_000)}`]) {
      const deep = `export function f(z: any) {\n  return ${chain};\n}`;
      expect(await stubsOf(`${IMPORT}\n${SIGMOID}\n${deep}`)).toEqual(["sigmoid"]);
    }
    const kept = SIGMOID.replace("  // TODO", `  const n = z${".b".repeat(100_000)};\n  // TODO`);
    expect(await stubsOf(`${IMPORT}\n${kept}`)).toEqual(["sigmoid"]);
  });

  it.each([
    ["imported from elsewhere", 'import { NotImplementedError } from "./errors";'],
    [
      "imported under another name",
      'import { NotImplementedError as E, np } from "gradecheck/np";\nconst NotImplementedError = E;',
    ],
    ["a class of the learner's", "class NotImplementedError extends Error {}"],
  ])("finds none when the class is %s", async (_, imports) => {
    expect(await stubsOf(`${imports}\n${SIGMOID}\n${PREDICT}`)).toEqual([]);
  });
});

describe("the lines a stub keeps before its throw", () => {
  const STUB = [
    "export function backward(parameters: any, cache: any, X: NDArray, { rate = 1.2, seed = 2 } = {}) {",
    "  const m = X.shape[1];",
    "  const { W2 } = parameters;",
    "  const { A: APrev, Z = 0 } = cache;",
    "  const L = cache.layers.length;",
    '  throw new NotImplementedError("backward");',
    "}",
  ].join("\n");
  const array = encode(np.zeros([2, 3]));
  const good: Wire[] = [{ W2: array }, { A: array, layers: [1, 2] }, array];

  /** Whether a call of the stub with `args` is known to throw its error. */
  async function throwsWith(args: Wire[]): Promise<boolean> {
    const { code } = await transform(`${IMPORT}\n${STUB}`, { loader: "ts", tsconfigRaw: {} });
    const throws = untouchedStubs(await parseModule(code)).get("backward");
    if (!throws) throw new Error("backward was not taken for a stub");
    return throws(args);
  }

  it("reads the inputs the grader passes without throwing: the call throws the stub's error", async () => {
    expect(await throwsWith(good)).toBe(true);
    expect(await throwsWith([...good, { rate: 0.5 }])).toBe(true);
    expect(await throwsWith([...good, { $undefined: true }])).toBe(true);
  });

  it.each<[string, Wire[]]>([
    ["an input is missing (X.shape reads undefined)", good.slice(0, 2)],
    [
      "an input is a number (its properties are not the wire's to tell)",
      [good[0], good[1], 3] as Wire[],
    ],
    ["a destructured input is null", [null, good[1], array] as Wire[]],
    [
      "a read goes through a missing key (cache.layers.length)",
      [good[0], { A: array }, array] as Wire[],
    ],
    [
      "a read is of a string's property (not the wire's to tell)",
      [good[0], { A: array, layers: "ab" }, array] as Wire[],
    ],
    ["the options are null", [...good, null] as Wire[]],
  ])("has the stub called when %s", async (_, args) => {
    expect(await throwsWith(args)).toBe(false);
  });
});

describe("a stub reading what an object inherits", () => {
  it("is called: the wire does not tell what a decoded object inherits", async () => {
    const source = `${IMPORT}\nexport function f(o: any) {\n  const c = o.constructor;\n  throw new NotImplementedError("f");\n}`;
    const { code } = await transform(source, { loader: "ts", tsconfigRaw: {} });
    const throws = untouchedStubs(await parseModule(code)).get("f");
    expect(throws?.([{}])).toBe(false);
    expect(throws?.([{ constructor: 1 }])).toBe(true);
  });
});

describe("a stub's calls answered by the grader", () => {
  let built: Built;
  let sandbox: Sandbox;
  const dir = mkdtempSync(join(tmpdir(), "gradecheck-untouched-"));

  beforeAll(async () => {
    const folder = join(dir, "learner");
    mkdirSync(folder);
    writeFileSync(join(folder, "model.ts"), `${IMPORT}\n${SIGMOID}\n${PREDICT}\n`);
    const read = readSubmission(submissionAt(folder, true), folder);
    if (read.status !== "read") throw new Error(read.message);
    const made = await buildFiles(read, folder);
    if (made.status !== "built") throw new Error(made.message);
    built = made;
    sandbox = new Sandbox({ ...built, heapMb: 256, importTimeoutMs: 10_000, cpuSeconds: 60 });
  });

  afterAll(() => {
    sandbox?.close();
    if (built) removeBuild(built);
    rmSync(dir, { recursive: true, force: true });
  });

  /** An outcome as the tests read it: all but the time it took and the stack's frames. */
  const read = (outcome: object) => {
    const { ms: _, ...rest } = outcome as { ms?: number };
    return JSON.parse(
      JSON.stringify(rest, (key, value) =>
        key === "stack" ? String(value).split("\n")[0] : value,
      ),
    );
  };

  it("answers as the child answers: the same error, the inputs back as they went, nothing printed", async () => {
    const answered = answeringStubs(sandbox, new Map([["sigmoid", () => true]]));
    const args = [encode(np.array([[1, -2, 3]]))];
    const [own, child] = [
      await answered.call("sigmoid", args, 5000),
      await sandbox.call("sigmoid", args, 5000),
    ];
    expect(read(own)).toEqual(read(child));
    expect(own).toMatchObject({ status: "threw", error: { name: "NotImplementedError" } });
    const batch = [args, [encode(np.array([[0]]))]];
    const [ownMany, childMany] = [
      await answered.callMany("sigmoid", batch, 5000),
      await sandbox.callMany("sigmoid", batch, 5000),
    ];
    expect(read(ownMany)).toEqual(read(childMany));
    expect(ownMany).toMatchObject({
      status: "batch",
      items: [{ error: { name: "NotImplementedError" } }],
    });
  });

  it("calls the child for every other function", async () => {
    const answered = answeringStubs(sandbox, new Map([["sigmoid", () => true]]));
    const outcome = await answered.call("missing", [], 5000);
    expect(outcome.status).toBe("missing");
  });
});

describe("a grade", () => {
  const stubs = readFileSync(join(PACKAGE_ROOT, "assignments/planar-classifier/model.ts"), "utf8");

  /**
   * The children a grade of `source` started (sandboxes warmed), those stopped before the last
   * visible test began, and its report.
   */
  async function childrenOf(source: string, withoutReference = false) {
    const visible = (await assignmentParts("planar-classifier")).manifest.functions
      .flatMap(({ tests }) => tests)
      .filter((test) => test.visibility === "visible").length;
    const warmed = new Set<Sandbox>();
    const early = new Set<Sandbox>();
    let begun = 0;
    const [warm, close] = [Sandbox.prototype.warm, Sandbox.prototype.close];
    const spies = [
      vi.spyOn(Sandbox.prototype, "warm").mockImplementation(function (this: Sandbox) {
        warmed.add(this);
        warm.call(this);
      }),
      vi.spyOn(Sandbox.prototype, "close").mockImplementation(function (this: Sandbox) {
        if (begun < visible && warmed.has(this)) early.add(this);
        close.call(this);
      }),
    ];
    try {
      const report = await gradeFiles(
        { "model.ts": source },
        {
          progress: ({ test, state }) => {
            if (test.visibility === "visible" && state === "started") begun++;
          },
        },
        { withoutReference },
      );
      return { warmed: warmed.size, early: early.size, report };
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  }

  it.each([
    ["judging each function alone: the whole submission's and the second bundle's", false, 2],
    ["in a learner's own run: the whole submission's", true, 1],
  ])(
    "%s, stops the children it started as soon as it knows every call is answered",
    async (_, withoutReference, started) => {
      const { warmed, early } = await childrenOf(stubs, withoutReference);
      expect({ warmed, early }).toEqual({ warmed: started, early: started });
      // With the stubs in doubt, they serve their tests to the end.
      expect((await childrenOf(`${stubs}\nvoid eval;\n`, withoutReference)).early).toBe(0);
    },
  );

  it("judging each function alone, stops the whole submission's child once the end-to-end tests of a function left as its stub are over", async () => {
    const nnModel = (source: string) => {
      const start = source.indexOf("export function nnModel(");
      return source.slice(start, source.indexOf("\n}\n", start) + 3);
    };
    const reference = referenceSource();
    const source = reference
      .replace(nnModel(reference), nnModel(stubs))
      .replace(
        'from "gradecheck/np";',
        'from "gradecheck/np";\nimport { NotImplementedError } from "gradecheck/np";',
      );
    expect(source).toContain('throw new NotImplementedError("nnModel");');
    const answered = await childrenOf(source);
    // Started as the grade began, before the file was read: the whole child stops once the
    // end-to-end test (answered by the grader) is over; the second bundle's serves the others (the
    // hidden ones too: it is taken over, not started again).
    expect({ warmed: answered.warmed, early: answered.early }).toEqual({ warmed: 2, early: 1 });
    // The same report as a grade that calls the stub in the whole child, but for the durations.
    const inDoubt = await childrenOf(`${source}\nvoid eval;\n`);
    expect(inDoubt.early).toBe(0);
    const tests = (report: Report) => report.tests.map(({ durationMs: _, ...test }) => test);
    expect(tests(answered.report)).toEqual(tests(inDoubt.report));
    expect(answered.report.tests.find((test) => test.id === "end-to-end.accuracy")?.status).toBe(
      "missing",
    );
    // A kept line that cannot read the end-to-end call's inputs has that call made in the whole
    // child after all: the child is not stopped under it, and it reports what the stub threw.
    const tripping = source.replace(
      'throw new NotImplementedError("nnModel");',
      'const q = X.shape[5].x;\n  throw new NotImplementedError("nnModel");',
    );
    const trips = await childrenOf(tripping);
    const trippingInDoubt = await childrenOf(`${tripping}\nvoid eval;\n`);
    expect(tests(trips.report)).toEqual(tests(trippingInDoubt.report));
    const endToEnd = trips.report.tests.find((test) => test.id === "end-to-end.accuracy");
    expect(endToEnd?.message).toContain("nnModel threw TypeError");
  });

  it.each([
    ["judging each function alone", false],
    ["in a learner's own run (no reference, no second bundle)", true],
  ])(
    "%s, calls no stub and reports as a grade that calls them, but for the durations",
    async (_, withoutReference) => {
      /** The report of `source`, and the functions called in a child while it was graded. */
      const graded = async (source: string) => {
        const names = new Set<string>();
        const call = vi.spyOn(Sandbox.prototype, "call");
        const callMany = vi.spyOn(Sandbox.prototype, "callMany");
        const warm = vi.spyOn(Sandbox.prototype, "warm");
        try {
          const report = await gradeFiles({ "model.ts": source }, {}, { withoutReference });
          for (const [fn] of [...call.mock.calls, ...callMany.mock.calls]) names.add(fn);
          return { report, names, warmed: warm.mock.calls.length };
        } finally {
          call.mockRestore();
          callMany.mockRestore();
          warm.mockRestore();
        }
      };
      const answered = await graded(stubs);
      // An `eval` anywhere puts every stub in doubt: each is called.
      const called = await graded(`${stubs}\nvoid eval;\n`);
      expect([...called.names].sort()).toEqual(expect.arrayContaining(PLANAR_STUBS));
      // The end-to-end test's call of nnModel is answered too.
      expect([...answered.names]).toEqual([]);
      // Judging each function alone, the second bundle's child goes once every function is
      // known to be a stub, and none is started for the hidden tests: only the two started as
      // the grade begins, before the file is read, were asked for.
      if (!withoutReference) expect([answered.warmed, called.warmed]).toEqual([2, 3]);
      const tests = (report: Report) => report.tests.map(({ durationMs: _, ...test }) => test);
      expect(called.report.tests.length).toBeGreaterThan(30);
      expect(tests(answered.report)).toEqual(tests(called.report));
      expect(answered.report.score).toBe(called.report.score);
      // A kept line that cannot read the inputs after all has each call made in a child, started
      // afresh though the grade has stopped the ones it began with: the same report again.
      const tripping = stubs.replace(
        'throw new NotImplementedError("sigmoid")',
        'const q = z.shape[5].x;\n  throw new NotImplementedError("sigmoid")',
      );
      expect(tripping).not.toBe(stubs);
      const trips = await graded(tripping);
      expect([...trips.names]).toEqual(["sigmoid"]);
      const inDoubt = await graded(`${tripping}\nvoid eval;\n`);
      expect(tests(trips.report)).toEqual(tests(inDoubt.report));
      expect(
        trips.report.tests.filter((test) => test.function === "sigmoid").map((t) => t.message),
      ).toEqual(expect.arrayContaining([expect.stringContaining("sigmoid threw TypeError")]));
    },
  );
});
