/**
 * Judged alone, a test runs first with the learner's own functions answering its calls of the
 * others while their own tests vouch for them (grader/pipeline/own-callees.ts); a pass stands only
 * once every test of those functions is in, and anything else is graded with the reference
 * answering. The grade must be the one the reference's answers give.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import type { PlannedTest, TestSpec } from "../../grader/core/manifest.ts";
import { plannedTests } from "../../grader/core/manifest.ts";
import type { TestReport } from "../../grader/core/report.ts";
import { calleesOf, vouchedFor, vouchedFunctions } from "../../grader/pipeline/own-callees.ts";
import { Sandbox } from "../../grader/sandbox/sandbox.ts";
import { applyBug, bugNamed, FUNCTIONS, referenceSource } from "../corpus/bugs.ts";
import { ownFingerprints, remembering, seenFingerprints } from "../corpus/hostile-kit.ts";
import { assignmentParts, gradeFiles } from "../helpers.ts";

const parts = await assignmentParts("planar-classifier");

describe("which functions answer, and whether their tests vouch for them", () => {
  const planned = plannedTests(parts.manifest);
  const passed = (ids: string[]) =>
    new Map(
      planned
        .filter(({ test }) => ids.includes(test.id))
        .map(({ test }): [TestSpec, TestReport] => [test, { status: "passed" } as TestReport]),
    );
  const testsOf = (fn: string) =>
    planned.filter((item) => item.fn === fn && !item.endToEnd).map(({ test }) => test.id);

  it("are every function the called ones call, directly or not", () => {
    expect(calleesOf(["predict"], parts.cases)).toEqual(["forwardPropagation", "sigmoid"]);
    expect(new Set(calleesOf(["nnModel"], parts.cases))).toEqual(
      new Set([
        "layerSizes",
        "initializeParameters",
        "forwardPropagation",
        "sigmoid",
        "computeCost",
        "backwardPropagation",
        "updateParameters",
      ]),
    );
    expect(calleesOf(["sigmoid", "computeCost"], parts.cases)).toEqual([]);
  });

  it("vouch while none has failed, and once the run is over only if all passed", () => {
    const callees = ["forwardPropagation", "sigmoid"];
    const visible = [...testsOf("forwardPropagation"), ...testsOf("sigmoid")].filter(
      (id) => planned.find(({ test }) => test.id === id)?.test.visibility === "visible",
    );
    expect(vouchedFor(callees, planned, passed(visible), false)).toBe(true);
    // The hidden tests never graded: a run that is over knows nothing of them.
    expect(vouchedFor(callees, planned, passed(visible), true)).toBe(false);
    const all = [...testsOf("forwardPropagation"), ...testsOf("sigmoid")];
    expect(vouchedFor(callees, planned, passed(all), true)).toBe(true);
    const failed = passed(all);
    const [first] = planned.filter(({ test }) => test.id === testsOf("sigmoid")[0]);
    failed.set((first as PlannedTest).test, { status: "failed" } as TestReport);
    expect(vouchedFor(callees, planned, failed, false)).toBe(false);
  });

  it("leave out a function whose tests or whose callees' tests fail, and those nothing calls", () => {
    const ids = planned.map(({ test }) => test.id);
    // Every function but nnModel and predict, which no other calls.
    const stoodIn = FUNCTIONS.filter((fn) => fn !== "nnModel" && fn !== "predict");
    expect(new Set(vouchedFunctions(parts.cases, planned, passed(ids), true))).toEqual(
      new Set(stoodIn),
    );
    const sigmoidFails = passed(ids);
    const [sigmoidTest] = planned.filter(({ fn }) => fn === "sigmoid");
    sigmoidFails.set((sigmoidTest as PlannedTest).test, { status: "failed" } as TestReport);
    // forwardPropagation calls sigmoid: the learner's own would call the learner's sigmoid.
    expect(new Set(vouchedFunctions(parts.cases, planned, sigmoidFails, true))).toEqual(
      new Set(stoodIn.filter((fn) => fn !== "sigmoid" && fn !== "forwardPropagation")),
    );
  });

  it("do not vouch for a function without a test of its own in the run", () => {
    const onlyForward = planned.filter((item) => item.fn !== "sigmoid");
    expect(vouchedFor(["sigmoid"], onlyForward, new Map(), false)).toBe(false);
  });
});

/**
 * Grades `source` (model.ts, or the submission's files by name), noting who answered each call of
 * nnModel (own, or the reference).
 */
async function gradeNoting(
  source: string | Record<string, string>,
  options: Parameters<typeof gradeFiles>[1] = {},
  given = parts,
) {
  const nnModelCalls: string[] = [];
  const call = Sandbox.prototype.call;
  vi.spyOn(Sandbox.prototype, "call").mockImplementation(function (this: Sandbox, ...args) {
    if (args[0] === "nnModel")
      nnModelCalls.push(args[4]?.limits.functions.length ? "own" : "reference");
    return call.apply(this, args);
  });
  const files = typeof source === "string" ? { "model.ts": source } : source;
  const report = await gradeFiles(files, options, { parts: given });
  const status = (id: string) => report.tests.find((test) => test.id === id)?.status;
  return { report, nnModelCalls, status };
}

afterEach(() => {
  vi.restoreAllMocks();
});

/** Not the end-to-end test: a whole training, which no function's points depend on. */
const noEndToEnd = { select: (test: TestSpec) => !test.id.startsWith("end-to-end.") };

const ignoresRate = bugNamed("update ignores the learning rate");
/**
 * nnModel doubles the rate it is given (`from` on: 0, or after the first iteration), which only an
 * updateParameters that ignores its rate makes right.
 */
const compensating = (from: number) =>
  applyBug(referenceSource(), {
    name: "two mistakes that cancel",
    replace: [
      ...ignoresRate.replace,
      [
        "parameters = updateParameters(parameters, grads, learningRate);",
        `parameters = updateParameters(parameters, grads, i >= ${from} ? 2 * learningRate : learningRate);`,
      ],
    ],
  });

describe("a test whose function calls the others", () => {
  it("is answered by the learner's own functions when their tests vouch for them, once", async () => {
    const { nnModelCalls, status } = await gradeNoting(referenceSource(), noEndToEnd);
    expect(status("nnModel.early")).toBe("passed");
    expect(status("nnModel.settings")).toBe("passed");
    expect(nnModelCalls).toEqual(["own", "own"]);
  });

  it("is answered by the reference for one that has failed a test, and the others", async () => {
    // updateParameters.rate fails before nnModel's tests run: the reference answers for it.
    const source = applyBug(referenceSource(), ignoresRate);
    const { nnModelCalls, status } = await gradeNoting(source, noEndToEnd);
    expect(status("updateParameters.rate")).toBe("failed");
    // A rate of 0.5, which the learner's own updateParameters would not use.
    expect(status("nnModel.settings")).toBe("passed");
    expect(status("nnModel.early")).toBe("passed");
    expect(nnModelCalls).toEqual(["own", "own"]);
  });

  it("is graded again with the reference answering every call when it fails so", async () => {
    const { nnModelCalls, status } = await gradeNoting(compensating(0), noEndToEnd);
    expect(status("updateParameters.rate")).toBe("failed");
    expect(status("nnModel.early")).toBe("failed");
    expect(nnModelCalls).toEqual(["own", "reference", "own", "reference"]);
  });

  it("is graded with the reference when it leaves out an argument the reference needs", async () => {
    // The learner's initializeParameters draws from a generator of its own when given none (seed
    // 2, nnModel.early's): nnModel forgetting to pass one is right with it, an error with the
    // reference's, which needs it.
    const source = applyBug(referenceSource(), {
      name: "a default the reference does not have",
      replace: [
        [
          "  rng: RandomState,\n  scale = 0.001,",
          "  rng: RandomState = np.random.seed(2),\n  scale = 0.001,",
        ],
        [
          "initializeParameters(nX, nH, nY, np.random.seed(seed))",
          "initializeParameters(nX, nH, nY)",
        ],
      ],
    });
    const { nnModelCalls, status } = await gradeNoting(source, noEndToEnd);
    expect(status("initializeParameters.planar")).toBe("passed");
    expect(status("nnModel.early")).toBe("error");
    expect(nnModelCalls).toEqual(["own", "reference", "own", "reference"]);
  });

  describe("when a function it calls fails a test graded after it", () => {
    // updateParameters.rate made hidden: it runs after nnModel's visible tests; without the
    // linearity law, which would see the fixed rate too, it is the one test that does.
    const rateHidden = {
      ...parts,
      manifest: {
        ...parts.manifest,
        functions: parts.manifest.functions.map((f) => ({
          ...f,
          tests: f.tests.map((test) =>
            test.id === "updateParameters.rate" ? { ...test, visibility: "hidden" as const } : test,
          ),
        })),
      },
    };
    const select = (test: TestSpec) =>
      noEndToEnd.select(test) && test.id !== "updateParameters.linear.property";

    it("is graded again at once when the first answer of one of them is not the reference's", async () => {
      const { nnModelCalls, status } = await gradeNoting(compensating(0), { select }, rateHidden);
      expect(status("updateParameters.rate")).toBe("failed");
      expect(status("nnModel.early")).toBe("failed");
      expect(nnModelCalls).toEqual(["own", "reference", "own", "reference"]);
    });

    it("loses the points the reference's answers lose it: two mistakes do not cancel", async () => {
      // The rate doubled from the second iteration on: the first answers are the reference's.
      const { nnModelCalls, status } = await gradeNoting(compensating(1), { select }, rateHidden);
      expect(status("updateParameters.rate")).toBe("failed");
      // Right with the learner's own updateParameters (1.2 twice over), wrong with the reference's.
      expect(status("nnModel.early")).toBe("failed");
      // nnModel.early passes with the learner's own, for now; nnModel.settings (a rate of 0.5)
      // fails with them and is graded again at once; nnModel.early again once the rate test is
      // in, the reference answering for updateParameters, and again with it answering every call.
      expect(nnModelCalls).toEqual(["own", "own", "reference", "own", "reference"]);
    });

    it("is graded again in a fresh child, which has seen no hidden test's input", async () => {
      // Every function prints its inputs' fingerprints and those of every call before it in the
      // child. The hidden tests run in the child nnModel's visible tests ran in; graded again
      // once the rate test is in, nnModel.early must not run there.
      const source = remembering(applyBug(referenceSource(), ignoresRate));
      const { report, nnModelCalls, status } = await gradeNoting(source, { select }, rateHidden);
      expect(status("updateParameters.rate")).toBe("failed");
      expect(nnModelCalls).toEqual(["own", "own", "reference", "own"]);
      const hiddenInputs = new Set(
        report.tests
          .filter((test) => test.visibility === "hidden")
          .flatMap((test) => ownFingerprints(test.output)),
      );
      expect(hiddenInputs.size).toBeGreaterThan(0);
      const early = report.tests.find((test) => test.id === "nnModel.early")?.output ?? "";
      expect(ownFingerprints(early).length).toBeGreaterThan(0);
      expect(seenFingerprints(early).filter((fp) => hiddenInputs.has(fp))).toEqual([]);
    });

    it("keeps its points when it is right: the mistake costs its own function's only", async () => {
      const source = applyBug(referenceSource(), ignoresRate);
      const { nnModelCalls, status } = await gradeNoting(source, { select }, rateHidden);
      expect(status("updateParameters.rate")).toBe("failed");
      expect(status("nnModel.early")).toBe("passed");
      expect(status("nnModel.settings")).toBe("passed");
      // As above: nnModel.settings graded again at once, nnModel.early once the rate test is in,
      // the reference answering for updateParameters.
      expect(nnModelCalls).toEqual(["own", "own", "reference", "own"]);
    });
  });
});

/**
 * The learner's own functions answer from a copy of the learner's module of their own, so that what
 * they leave in the module's variables is not there for the function judged to read, as it is not
 * when the reference answers: a function that reads a callee's leftovers instead of its value
 * must lose the points it loses with the reference answering, in a whole grade too.
 */
describe("a function that reads what the functions it calls leave behind", () => {
  /** Only nnModel's tests: no test vouches for a function it calls, so the reference answers all. */
  const onlyNnModel = { select: (test: TestSpec) => test.id.startsWith("nnModel.") };
  // forwardPropagation also keeps its cache in a variable of the module, which nnModel reads
  // instead of the cache it returns: the corpus's bug.
  const cacheLeftBehind = applyBug(
    referenceSource(),
    bugNamed("nnModel reads the cache forwardPropagation left in the module"),
  );
  it("fails with the reference answering (nnModel's tests alone)", async () => {
    const { nnModelCalls, status } = await gradeNoting(cacheLeftBehind, onlyNnModel);
    expect(new Set(nnModelCalls)).toEqual(new Set(["reference"]));
    expect(status("nnModel.early")).toBe("error");
    expect(status("nnModel.settings")).toBe("error");
  });

  it("fails so with its own forwardPropagation answering, which reads nothing it leaves", async () => {
    const { nnModelCalls, status } = await gradeNoting(cacheLeftBehind, noEndToEnd);
    expect(status("forwardPropagation.planar")).toBe("passed");
    expect(nnModelCalls[0]).toBe("own");
    expect(status("nnModel.early")).toBe("error");
    expect(status("nnModel.settings")).toBe("error");
  });

  it("fails so when what is left behind is kept in another of the learner's files", async () => {
    // The cache goes through an object exported by a file of its own: the copy has its own.
    const source = applyBug(cacheLeftBehind, {
      name: "the cache kept in another file",
      replace: [
        ["let lastCache: Cache;\n", 'import { kept } from "./kept.ts";\n'],
        ["  lastCache = { Z1, A1, Z2, A2 };", "  kept.cache = { Z1, A1, Z2, A2 };"],
        ["    const cache = lastCache;", "    const cache = kept.cache as Cache;"],
      ],
    });
    const { nnModelCalls, status } = await gradeNoting(
      { "model.ts": source, "kept.ts": "export const kept: { cache?: unknown } = {};\n" },
      noEndToEnd,
    );
    expect(status("forwardPropagation.planar")).toBe("passed");
    expect(nnModelCalls[0]).toBe("own");
    expect(status("nnModel.early")).toBe("error");
  });

  it("has the import's time for each copy: top-level code of most of that time passes", async () => {
    // An import limit of 3 s, and top-level code that takes 2 s each time it runs: the child
    // that judges alone runs it twice, 4 s.
    const slowStart = {
      ...parts,
      manifest: { ...parts.manifest, limits: { ...parts.manifest.limits, importTimeoutMs: 3000 } },
    };
    const source = `${referenceSource()}
for (const end = Date.now() + 2000; Date.now() < end; );
`;
    const select = (test: TestSpec) => test.id.startsWith("forwardPropagation.");
    const { report } = await gradeNoting(source, { select }, slowStart);
    expect(report.tests.length).toBeGreaterThan(0);
    expect(report.tests.filter((test) => test.status !== "passed")).toEqual([]);
  });

  it("is answered by the reference where the copy cannot be loaded, and keeps its points", async () => {
    // Top-level code that throws the second time it runs in a process: the copy fails to load.
    const source = `${referenceSource()}
const seen = globalThis as { loadedOnce?: boolean };
if (seen.loadedOnce) throw new Error("loaded twice");
seen.loadedOnce = true;
`;
    const { report, nnModelCalls, status } = await gradeNoting(source, noEndToEnd);
    expect(nnModelCalls).toEqual(["own", "own"]);
    expect(report.tests.filter((test) => test.status !== "passed")).toEqual([]);
    expect(status("nnModel.early")).toBe("passed");
  });
});
