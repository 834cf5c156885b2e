/**
 * Messages that never contradict themselves (issue 12, part 4), each checked literally: the logic
 * behind the words, not only the words.
 */
import { describe, expect, it } from "vitest";
import { chainRuleHint } from "../../assignments/planar-classifier/cases.ts";
import type { TensorResult } from "../../grader/checks/gradient/check.ts";
import { gradientOutcome } from "../../grader/checks/gradient/tensors.ts";
import { describeTensor, distinct } from "../../grader/checks/gradient/wording.ts";
import { PACKAGE_ROOT } from "../../grader/core/paths.ts";
import type { TestReport } from "../../grader/core/report.ts";
import { explainCheckPairs } from "../../grader/pipeline/grade.ts";
import { loadAssignment } from "../../grader/pipeline/load.ts";
import { referenceSource } from "../corpus/bugs.ts";
import { gradeSource, planarManifest } from "../helpers.ts";

const parts = await loadAssignment(PACKAGE_ROOT, "planar-classifier", true);

/** Grades `source`, only the tests `select` accepts when given. */
const gradeOnly = (source: string, select?: (id: string) => boolean) =>
  gradeSource(source, select ? { select: (test) => select(test.id) } : {});

describe("gradient wording", () => {
  const failed = (alpha: number, analytic: number, numeric: number): TensorResult => ({
    name: "W2",
    verdict: "failed",
    difference: 1e-3,
    alpha,
    cosine: 1,
    worst: [{ index: [0, 1], analytic, numeric, relativeError: 1e-4, tolerance: 1e-6 }],
    checked: 4,
    kinks: [],
    method: "central-differences",
    fast: false,
    evaluations: 17,
  });

  it("calls no ratio of 1 a constant factor, and shows the worst entry with the digits that differ", () => {
    expect(describeTensor(failed(1.0000001, -2.8891234, -2.8893), { examples: [5] })).toBe(
      "dW2: wrong. Your gradient is 1.00× the numeric one (cosine 1.000): it matches the numeric gradient but for some entries: look at the worst one. Worst entry W2[0,1]: yours -2.8891, numeric -2.8893.",
    );
  });

  it("still names a real constant factor", () => {
    expect(describeTensor(failed(2, 0.0412, 0.0206), { examples: [5] })).toBe(
      "dW2: wrong. Your gradient is 2.00× the numeric one (cosine 1.000): it is exactly twice the expected value: an extra factor of 2. Worst entry W2[0,1]: yours 0.0412, numeric 0.0206.",
    );
  });

  it("shows two numbers with as many digits as tell them apart", () => {
    expect(distinct(0.1 + 0.2, 0.3)).toEqual(["0.30000000000000004", "0.3"]);
    expect(distinct(1.5, 1.5)).toEqual(["1.5", "1.5"]);
  });
});

describe("the chain rule hint", () => {
  it("blames dZ1 only when both of its gradients are wrong", () => {
    expect(chainRuleHint(new Set(["W1", "b1"]))?.text).toMatch(
      /^the output layer's gradients are right/,
    );
    expect(chainRuleHint(new Set(["W1"]))?.text).toBe(
      "db1 is right, so dZ1 is: the mistake is in dW1 = (1/m)·dZ1·Xᵀ itself",
    );
    expect(chainRuleHint(new Set(["b1"]))?.text).toBe(
      "dW1 is right, so dZ1 is: the mistake is in db1 = (1/m)·Σ dZ1 over the examples (np.sum(dZ1, 1, true))",
    );
    expect(chainRuleHint(new Set(["W1", "W2"]))).toBeUndefined();
  });

  it("reads nothing of the chain rule where a gradient is missing, only where each is wrong", () => {
    const judged = (name: string, verdict: "passed" | "failed"): TensorResult => ({
      name,
      verdict,
      difference: 0,
      alpha: verdict === "passed" ? 1 : 2,
      cosine: 1,
      worst: [],
      checked: 4,
      kinks: [],
      method: "central-differences",
      fast: false,
      evaluations: 9,
    });
    const right = (name: string) => judged(name, "passed");
    const wrong = (name: string) => judged(name, "failed");
    const missing = (name: string): TensorResult => ({
      name,
      verdict: "missing",
      expected: [4, 2],
    });
    const hintOf = (results: TensorResult[]) =>
      gradientOutcome(results, [2, 5], "the reference", chainRuleHint).failure?.hint;
    expect(hintOf([wrong("W1"), wrong("b1"), right("W2"), right("b2")])).toBeDefined();
    expect(hintOf([missing("W1"), wrong("b1"), right("W2"), right("b2")])).toBeUndefined();
    expect(hintOf([missing("W1"), missing("b1"), right("W2"), right("b2")])).toBeUndefined();
  });

  it("reads a wrong gradient's factor of X's columns over its rows as shape[0] read for shape[1]", () => {
    const off: TensorResult = {
      name: "W1",
      verdict: "failed",
      difference: 0.4,
      alpha: 2.5,
      cosine: 1,
      worst: [],
      checked: 8,
      kinks: [],
      method: "central-differences",
      fast: false,
      evaluations: 17,
    };
    const [row] = gradientOutcome([off], [2, 5], "the reference").gradients ?? [];
    expect(row?.hint).toEqual({
      code: "pattern",
      pattern: { code: "rows-for-columns", rows: 2, cols: 5 },
    });
    // X of other sizes: a factor, no more.
    const [other] = gradientOutcome([off], [3, 5], "the reference").gradients ?? [];
    expect(other?.hint).toMatchObject({ pattern: { code: "factor" } });
  });
});

describe("the gradient checks' pair", () => {
  it("says 'right for the reference's forward pass' only when every test against the reference passed", () => {
    const test = (id: string, status: TestReport["status"]) =>
      ({ id, function: "backwardPropagation", status, message: `${id} ${status}.` }) as TestReport;
    const consistency = test("backwardPropagation.consistency", "failed");
    const oneOfTwoFails = explainCheckPairs(
      [
        test("backwardPropagation.gradient", "failed"),
        test("backwardPropagation.gradient-single", "passed"),
        consistency,
      ],
      parts.manifest,
      parts.cases,
    );
    expect(oneOfTwoFails[2]?.message).toBe("backwardPropagation.consistency failed.");
    const bothPass = explainCheckPairs(
      [
        test("backwardPropagation.gradient", "passed"),
        test("backwardPropagation.gradient-single", "passed"),
        consistency,
      ],
      parts.manifest,
      parts.cases,
    );
    expect(bothPass[2]?.message).toBe(
      "backwardPropagation.consistency failed. Your backwardPropagation is right for the reference's forward pass and cost, so the mismatch is in your forwardPropagation or computeCost.",
    );
  });
});

describe("the graded gradient checks", () => {
  it("judge the learner's code by central differences, and say so in every row", async () => {
    const report = await gradeOnly(referenceSource(), (id) =>
      id.startsWith("backwardPropagation."),
    );
    const rows = report.tests.flatMap((t) =>
      t.details.type === "check" || t.details.type === "passed" ? (t.details.gradients ?? []) : [],
    );
    expect(rows.length).toBeGreaterThanOrEqual(8);
    for (const row of rows)
      expect(row).toMatchObject({ verdict: "right", method: "central-differences" });
  }, 60_000);
});

describe("a submission that does not compile", () => {
  it("says its hidden tests did not run, and blames no callee", async () => {
    // Outside every function: a syntax error in one costs that function only (syntax-fence.ts).
    const report = await gradeOnly(`${referenceSource()}\nconst broken = ;\n`);
    expect(report.status).toBe("error");
    expect(report.hidden.note).toBe(
      `${planarManifest().hidden} hidden tests did not run: the submission could not be built`,
    );
    expect(report.tests.filter((t) => t.message.includes("Note:"))).toEqual([]);
  }, 60_000);
});

describe("the threshold law", () => {
  it("says what the prediction should have been", async () => {
    const report = await gradeOnly(
      referenceSource().replace("  return np.where(np.greater(A2, 0.5), 1, 0);", "  return A2;"),
      (id) => id === "predict.threshold.property",
    );
    const [threshold] = report.tests;
    expect(threshold?.message).toMatch(
      /A2 = [\d.e-]+ is (above|below) 0\.5, so the prediction should be [01], but it is [\d.e-]+/,
    );
  }, 60_000);
});

describe("laws that meet a wrong type or shape", () => {
  it("say that a cost is an array, not that it changed from itself to itself", async () => {
    const report = await gradeOnly(
      referenceSource().replace(
        "  return -np.sum(logprobs) / m;",
        "  return np.divide(np.sum(logprobs, 1, true), -m) as unknown as number;",
      ),
      (id) => id === "computeCost.permutation.property",
    );
    expect(report.tests[0]?.message).toMatch(
      /fails for .*: the cost is a \(\d,1\) array, not a number: np\.sum without an axis gives a number, or use \.item\(\)\./,
    );
  }, 60_000);

  it("say that a parameter has the wrong shape, not that it moved by NaN", async () => {
    const report = await gradeOnly(
      referenceSource().replace(
        "    b1: np.subtract(parameters.b1, np.multiply(learningRate, grads.db1)),",
        "    b1: np.subtract(parameters.b1, np.multiply(learningRate, grads.db1)).T,",
      ),
      (id) => id === "updateParameters.linear.property",
    );
    const [linear] = report.tests;
    expect(linear?.message).toMatch(/: b1 has shape \(1,(\d)\), expected \(\1,1\)\./);
    expect(linear?.message).not.toContain("NaN");
  }, 60_000);
});

describe("a result of the wrong form", () => {
  it("is told what Python's habit or a loop over .data made, and whether its values are right", async () => {
    const report = await gradeOnly(
      referenceSource()
        .replace(
          "  return { A2, cache: { Z1, A1, Z2, A2 } };",
          "  return [A2, { Z1, A1, Z2, A2 }] as unknown as { A2: NDArray; cache: Cache };",
        )
        .replace(
          "  return np.where(np.greater(A2, 0.5), 1, 0);",
          "  return Array.from(A2.data, (v) => (v > 0.5 ? 1 : 0)) as unknown as NDArray;",
        )
        .replace("  return { parameters, costs };", "  return parameters as never;"),
      (id) =>
        [
          "forwardPropagation.planar",
          "predict.random",
          "predict.binary.property",
          "nnModel.early",
        ].includes(id),
    );
    const said = (id: string) => report.tests.find((t) => t.id === id)?.message;
    expect(said("forwardPropagation.planar")).toContain(
      "return an object whose keys name its values, { A2, cache }. Your list holds the right values, in that order.",
    );
    expect(said("predict.random")).toMatch(
      /the result is a list of 40, expected an array \(1,40\)\. Hint: return an array \(1,40\), not a list of its entries: .* Your entries are the right ones, in the right order\./,
    );
    // The law says it in a sentence of its own, whose subject is one thing.
    expect(said("predict.binary.property")).toMatch(/: predict's result is not an array\./);
    expect(said("nnModel.early")).toContain(
      'the result has no "parameters". Hint: your result has the form of parameters alone: return the whole object, { parameters, costs }.',
    );
  }, 60_000);
});

describe("undefined read from an input", () => {
  it("names the key the learner wrote and the one the input has", async () => {
    const report = await gradeOnly(
      referenceSource()
        .replace(
          "  const Z1 = np.add(np.dot(W1, X), b1);",
          "  const Z1 = np.add(np.dot(parameters.w1, X), b1);",
        )
        .replace("  const { A1, A2 } = cache;", "  const { a1: A1, A2 } = cache;"),
      (id) => ["forwardPropagation.planar", "backwardPropagation.planar"].includes(id),
    );
    const said = (id: string) => report.tests.find((t) => t.id === id)?.message;
    expect(said("forwardPropagation.planar")).toContain(
      'Hint: parameters has no key "w1", which reads as undefined, but "W1": names are case-sensitive.',
    );
    expect(said("backwardPropagation.planar")).toContain(
      'Hint: cache has no key "a1", which reads as undefined, but "A1": names are case-sensitive.',
    );
  }, 60_000);
});

/** Test `id` of a grade of the reference with each `[from, to]` made, each `from` there. */
async function gradedTest(id: string, ...changes: [from: string, to: string][]) {
  const source = changes.reduce((text, [from, to]) => {
    expect(text).toContain(from);
    return text.replace(from, to);
  }, referenceSource());
  const [test] = (await gradeOnly(source, (each) => each === id)).tests;
  if (!test) throw new Error(`no test ${id}`);
  return test;
}

describe("a list of costs kept every k-th iteration", () => {
  it("is told which entries it holds", async () => {
    const test = await gradedTest("nnModel.early", [
      "    costs.push(cost);\n",
      "    if (i % 10 === 0) costs.push(cost);\n",
    ]);
    expect(test.message).toContain(
      "costs has 30 entries, expected 300. Hint: your list holds every 10th of the expected values (entries 0, 10, 20, …), where each one was expected.",
    );
  }, 60_000);
});

describe("a law that meets an error", () => {
  it("gives the error's hint, as the tests that call the function do", async () => {
    const test = await gradedTest("initializeParameters.shapes.property", [
      "  const W1 = np.multiply(rng.randn(nH, nX), scale);",
      "  const W1 = np.multiply((np.random as unknown as RandomState).randn(nH, nX), scale);",
    ]);
    expect(test.message).toMatch(
      /initializeParameters threw TypeError: np\.random\.randn is not a function\. Hint: np\.random\.randn is numpy's global generator, .*\. \(Smallest input found/,
    );
    expect(test.details).toMatchObject({
      thrown: { hint: { code: "global-random", method: "randn" } },
    });
  }, 60_000);
});

describe("Python's floor division in a function that threw", () => {
  it("is pointed at: TypeScript reads // as a comment", async () => {
    // m is twice the examples, and the function throws: the // 2 was never divided by.
    const test = await gradedTest("backwardPropagation.planar", [
      "  const m = X.shape[1];\n  const { W2 } = parameters;",
      '  const m = X.shape[1] * 2 // 2\n  const { W2 } = parameters;\n  if (m > 5) throw new TypeError("m is twice the examples");',
    ]);
    expect(test.message).toContain(
      "Hint: in `const m = X.shape[1] * 2 // 2`, // starts a comment in TypeScript",
    );
  }, 60_000);
});

describe("the right values under other names", () => {
  it("are found, in a grade, where a swap made the values wrong", async () => {
    const test = await gradedTest("backwardPropagation.planar", [
      "return { dW1, db1, dW2, db2 };",
      "return { dW1: dW2, db1, dW2: dW1, db2 };",
    ]);
    expect(test.message).toContain(
      "dW1 has shape (1,4), expected (4,2). Hint: the right values are there under other names (your dW2 is the expected dW1, your dW1 is the expected dW2).",
    );
  }, 60_000);
});
