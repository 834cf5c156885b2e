/**
 * The deep-network reference against numpy and the course: the numpy script reproduces the values
 * the course's step-by-step notebook prints for its test cases (written here as it prints them),
 * the TypeScript reference reproduces the numpy script on those cases, drawn by the assignment's
 * own input generators as the notebook draws them (test/fixtures/deep-neural-network.json, written
 * by test/fixtures/make_deep_fixtures.py), and trains on the moons as numpy does; the gradient
 * check leaves a ReLU kink unchecked rather than failing it; and the grader gives the reference
 * every point and the stub none.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadMoons } from "../../assignments/deep-neural-network/dataset.ts";
import { consistency } from "../../assignments/deep-neural-network/tensors.ts";
import { np } from "../../assignments/lib/np.ts";
import { compare } from "../../grader/checks/compare.ts";
import type { Functions } from "../../grader/core/assignment.ts";
import { plannedTests } from "../../grader/core/manifest.ts";
import { PACKAGE_ROOT } from "../../grader/core/paths.ts";
import { decode, encode } from "../../grader/core/values.ts";
import { caseData } from "../../grader/pipeline/expected.ts";
import { grade } from "../../grader/pipeline/grade.ts";
import * as reference from "../../reference/deep-neural-network/model.ts";
import { assignmentParts } from "../helpers.ts";

interface CourseCase {
  call: string;
  activation?: string;
  result: unknown;
}
const fixture = JSON.parse(
  readFileSync(join(PACKAGE_ROOT, "test/fixtures/deep-neural-network.json"), "utf8"),
) as {
  course: CourseCase[];
  training: {
    layersDims: number[];
    learningRate: number;
    numIterations: number;
    costs: number[];
    accuracy: number;
    parameters: Record<string, number[][]>;
  }[];
};
const course = (call: string, activation?: string) =>
  fixture.course.find((c) => c.call === call && c.activation === activation)?.result as Record<
    string,
    number[][]
  >;
const printed = (rows: number[][] | undefined) =>
  (rows ?? []).map((row) => row.map((v) => v.toFixed(8)).join(" "));

describe("make_deep_fixtures.py reproduces what the course's notebook prints", () => {
  it("for its forward test cases", () => {
    expect(printed(course("linearForward").Z)).toEqual(["3.26295337 -1.23429987"]);
    expect(printed(course("linearActivationForward", "sigmoid").A)).toEqual([
      "0.96890023 0.11013289",
    ]);
    expect(printed(course("linearActivationForward", "relu").A)).toEqual(["3.43896131 0.00000000"]);
    expect(printed(course("lModelForward").AL)).toEqual([
      "0.03921668 0.70498921 0.19734387 0.04728177",
    ]);
    expect(fixture.course.find((c) => c.call === "computeCost")?.result).toBeCloseTo(
      0.2797765635793422,
      14,
    );
  });

  it("for its backward test cases", () => {
    expect(printed(course("linearBackward").dAPrev)[0]).toBe(
      "-1.15171336 0.06718465 -0.32046960 2.09812712",
    );
    const sigmoid = course("linearActivationBackward", "sigmoid");
    expect(printed(sigmoid.dAPrev)).toEqual([
      "0.11017994 0.01105339",
      "0.09466817 0.00949723",
      "-0.05743092 -0.00576154",
    ]);
    expect(printed(sigmoid.dW)).toEqual(["0.10266786 0.09778551 -0.01968084"]);
    expect(printed(sigmoid.db)).toEqual(["-0.05729622"]);
    const relu = course("linearActivationBackward", "relu");
    expect(printed(relu.dAPrev)).toEqual([
      "0.44090989 0.00000000",
      "0.37883606 0.00000000",
      "-0.22982280 0.00000000",
    ]);
    expect(printed(relu.dW)).toEqual(["0.44513824 0.37371418 -0.10478989"]);
    expect(printed(relu.db)).toEqual(["-0.20837892"]);
    const backward = course("lModelBackward");
    expect(printed(backward.dW1)).toEqual([
      "0.41010002 0.07807203 0.13798444 0.10502167",
      "0.00000000 0.00000000 0.00000000 0.00000000",
      "0.05283652 0.01005865 0.01777766 0.01353080",
    ]);
    expect(printed(backward.db1)).toEqual(["-0.22007063", "0.00000000", "-0.02835349"]);
    expect(printed(backward.dA1)).toEqual([
      "0.12913162 -0.44014127",
      "-0.14175655 0.48317296",
      "0.01663708 -0.05670698",
    ]);
  });
});

describe("the TypeScript reference reproduces numpy_reference.py", () => {
  it("on every one of the course's test cases, drawn by the assignment's own input generators", async () => {
    const parts = await assignmentParts("deep-neural-network");
    const solution = parts.reference;
    if (!solution) throw new Error("the reference is part of this repository");
    let checked = 0;
    for (const { fn, test } of plannedTests(parts.manifest)) {
      if (!test.id.includes(".course") || test.kind !== "compare") continue;
      const activation = test.case.activation as string | undefined;
      const expected = fixture.course.find((c) => c.call === fn && c.activation === activation);
      if (!expected) throw new Error(`no fixture for ${test.id}`);
      const data = await caseData(test, fn, test.seed, parts.manifest, parts.cases, solution);
      const ours = decode((await data.answer()).expected as never) as
        | Record<string, unknown>
        | number;
      if (typeof ours === "number") {
        expect(ours, test.id).toBeCloseTo(expected.result as number, 12);
      } else {
        // The arrays numpy's test case prints, within 1e-12 (normal draws may differ in the last
        // bit); of the caches, their number.
        const fields = Object.entries(expected.result as Record<string, unknown>);
        const arrays = fields.filter(([, v]) => Array.isArray(v)) as [string, number[][]][];
        const theirs = encode(Object.fromEntries(arrays.map(([k, v]) => [k, np.array(v)])));
        const mine = encode(Object.fromEntries(arrays.map(([k]) => [k, ours[k]])));
        expect(compare(theirs, mine, { rtol: 1e-12, atol: 1e-14 }), test.id).toBeNull();
        for (const [k, v] of fields)
          if (typeof v === "number") expect((ours[k] as unknown[]).length, test.id).toBe(v);
      }
      checked++;
    }
    expect(checked).toBe(11);
  });

  it("trains on the moons as numpy does: the same costs, parameters and accuracy", () => {
    const { X, Y } = loadMoons();
    expect([np.sum(Y), Y.size]).toEqual([150, 300]);
    for (const run of fixture.training) {
      const { parameters, costs } = reference.lLayerModel(X, Y, run.layersDims, run);
      const encodedTheirs = encode({
        costs: run.costs,
        parameters: Object.fromEntries(
          Object.entries(run.parameters).map(([k, v]) => [k, np.array(v)]),
        ),
      });
      expect(
        compare(encodedTheirs, encode({ costs, parameters }), { rtol: 1e-8, atol: 1e-10 }),
      ).toBeNull();
      const { AL } = reference.lModelForward(X, parameters);
      expect(np.mean(np.equal(np.greater(AL, 0.5), Y))).toBe(run.accuracy);
    }
    expect(fixture.training[0]?.accuracy).toBeGreaterThanOrEqual(0.93);
  });
});

describe("the gradient check across a ReLU kink", () => {
  it("leaves an entry whose step crosses Z = 0 unchecked, and passes the rest", async () => {
    const functions: Functions = {
      call: async (fn, args) =>
        (reference as Record<string, (...a: unknown[]) => unknown>)[fn]?.(...args),
      callMany: async (fn, batch) =>
        batch.map((args) =>
          (reference as Record<string, (...a: unknown[]) => unknown>)[fn]?.(...args),
        ),
    };
    const X = np.array([
      [0.5, -1.2, 0.3],
      [1.1, 0.4, -0.7],
    ]);
    const Y = np.array([[1, 0, 1]]);
    const W1 = np.array([
      [0.8, -0.3],
      [-0.5, 0.9],
    ]);
    // Unit 0's Z for the first example is 1e-9: a step of W1[0,0] crosses the kink.
    const z00 = 0.8 * 0.5 + -0.3 * 1.1;
    const b1 = np.array([[1e-9 - z00], [0.2]]);
    const p = { W1, b1, W2: np.array([[1.3, -0.7]]), b2: np.array([[0.1]]) };
    const results = await consistency(functions, functions, p, X, Y);
    expect(results.map((r) => r.verdict)).toEqual(["passed", "passed", "passed", "passed"]);
    const first = results[0];
    expect(first?.verdict === "passed" && first.kinks.length).toBeGreaterThan(0);
    // Without the kinks reported, the same point fails: the numeric estimate across it is wrong.
    const blind: Functions = {
      ...functions,
      callMany: async (fn, batch) => {
        const out = await functions.callMany(fn, batch);
        return fn === "lModelForward"
          ? (out as { AL: unknown; caches: { activationCache: unknown }[] }[]).map((o) => ({
              ...o,
              caches: o.caches.map((c) => ({ ...c, activationCache: np.ones([1, 1]) })),
            }))
          : out;
      },
    };
    const unguarded = await consistency(functions, blind, p, X, Y);
    expect(unguarded[0]?.verdict).toBe("failed");
  });
});

describe("grading the deep-network assignment", () => {
  const gradeFile = async (file: string) =>
    grade(await assignmentParts("deep-neural-network"), {
      submission: join(PACKAGE_ROOT, file),
      displayRoot: PACKAGE_ROOT,
      seed: 0,
      hidden: true,
      timeoutMs: undefined,
      toolVersion: "test",
    });

  it("gives the reference every point, visible and hidden", async () => {
    const report = await gradeFile("reference/deep-neural-network/model.ts");
    expect(report.tests.filter((t) => t.status !== "passed").map((t) => t.message)).toEqual([]);
    expect(report.score).toBe(report.maxScore);
  });

  it("gives the stub no point: every function says it is not implemented yet", async () => {
    const report = await gradeFile("assignments/deep-neural-network/model.ts");
    expect(report.score).toBe(0);
    for (const f of report.functions.filter((f) => f.name !== "end-to-end"))
      expect(report.tests.find((t) => t.function === f.name)?.message, f.name).toBe(
        `${f.name} is not implemented yet.`,
      );
  });
});
