/**
 * The logistic-regression reference against numpy and the course: the numpy script reproduces the
 * values the course's notebook prints (written here as the notebook prints them), the TypeScript
 * reference reproduces the numpy script (test/fixtures/logistic-regression.json, written by
 * test/fixtures/make_logistic_fixtures.py), the picture dataset is numpy's bit for bit, and the
 * grader gives the reference every point and the stub none.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type NDArray, np } from "../../assignments/lib/np.ts";
import { loadPictureDataset } from "../../assignments/logistic-regression/dataset.ts";
import { PACKAGE_ROOT } from "../../grader/core/paths.ts";
import { grade } from "../../grader/pipeline/grade.ts";
import * as reference from "../../reference/logistic-regression/model.ts";
import { assignmentParts } from "../helpers.ts";

interface Fixture {
  course: { call: string; args: Record<string, unknown>; result: unknown }[];
  dataset: Record<string, { shape: number[]; sha256: string; sum: number }>;
  training: {
    numIterations: number;
    learningRate: number;
    costs: number[];
    w: number[];
    b: number;
    trainAccuracy: number;
    testAccuracy: number;
  }[];
}

const fixture = JSON.parse(
  readFileSync(join(PACKAGE_ROOT, "test/fixtures/logistic-regression.json"), "utf8"),
) as Fixture;

const matrix = (x: unknown) => np.array(x as number[][]);
const call = (name: string) => fixture.course.filter((c) => c.call === name);
const closeTo = (actual: number, expected: number, rtol: number) =>
  Math.abs(actual - expected) <= rtol * Math.max(1, Math.abs(expected));
/** The entries of `actual` farther than `rtol` from `expected`'s: none, when they agree. */
const farFrom = (actual: ArrayLike<number>, expected: number[], rtol: number) =>
  Array.from(actual).flatMap((v, i) =>
    closeTo(v, expected[i] as number, rtol) ? [] : [{ i, actual: v, expected: expected[i] }],
  );

describe("numpy_reference.py reproduces what the course's notebook prints", () => {
  it("propagate and optimize, both editions of the notebook; sigmoid and predict", () => {
    const sigmoid = call("sigmoid")[0]?.result as number[][];
    expect(sigmoid[0]?.map((v) => v.toFixed(8))).toEqual(["0.50000000", "0.88079708"]);
    const [current, first] = call("propagate").map((c) => c.result) as {
      dw: number[][];
      db: number;
      cost: number;
    }[];
    expect(current?.dw.flat().map((v) => v.toFixed(8))).toEqual(["0.25071532", "-0.06604096"]);
    expect(current?.db).toBeCloseTo(-0.1250040450043965, 15);
    expect(current?.cost).toBeCloseTo(0.15900537707692405, 15);
    expect(first?.dw.flat().map((v) => v.toFixed(8))).toEqual(["0.99845601", "2.39507239"]);
    expect(first?.db).toBeCloseTo(0.00145557813678, 13);
    expect(first?.cost).toBeCloseTo(5.801545319394553, 14);
    const [optimized] = call("optimize").map((c) => c.result) as {
      w: number[][];
      b: number;
      dw: number[][];
      db: number;
      costs: number[];
    }[];
    expect(optimized?.w.flat().map((v) => v.toFixed(8))).toEqual(["0.80956046", "2.05082020"]);
    expect(optimized?.b).toBeCloseTo(1.5948713189708588, 15);
    expect(optimized?.dw.flat().map((v) => v.toFixed(8))).toEqual(["0.17860505", "-0.04840656"]);
    expect(optimized?.db).toBeCloseTo(-0.08888460336847771, 15);
    expect(optimized?.costs.map((v) => v.toFixed(8))).toEqual(["0.15900538"]);
    expect(call("predict")[0]?.result).toEqual([[1, 1, 0]]);
  });
});

describe("the TypeScript reference reproduces numpy_reference.py", () => {
  it("on every call of the course's notebook", () => {
    for (const { call: name, args, result } of fixture.course) {
      const a = args as { w: unknown; b: number; X: unknown; Y: unknown; z: unknown };
      if (name === "sigmoid") expect(reference.sigmoid(matrix(a.z)).tolist()).toEqual(result);
      if (name === "initializeWithZeros") {
        const { w, b } = reference.initializeWithZeros(2);
        expect({ w: w.tolist(), b }).toEqual(result);
      }
      if (name === "propagate") {
        const { grads, cost } = reference.propagate(matrix(a.w), a.b, matrix(a.X), matrix(a.Y));
        const r = result as { dw: number[][]; db: number; cost: number };
        expect(closeTo(cost, r.cost, 1e-14)).toBe(true);
        expect(closeTo(grads.db, r.db, 1e-13)).toBe(true);
        expect(farFrom(grads.dw.data, r.dw.flat(), 1e-14)).toEqual([]);
      }
      if (name === "optimize") {
        const { params, grads, costs } = reference.optimize(
          matrix(a.w),
          a.b,
          matrix(a.X),
          matrix(a.Y),
          100,
          0.009,
        );
        const r = result as {
          w: number[][];
          b: number;
          dw: number[][];
          db: number;
          costs: number[];
        };
        expect(closeTo(params.b, r.b, 1e-13)).toBe(true);
        expect(closeTo(grads.db, r.db, 1e-12)).toBe(true);
        expect(farFrom(params.w.data, r.w.flat(), 1e-13)).toEqual([]);
        expect(costs).toHaveLength(r.costs.length);
      }
      if (name === "predict")
        expect(reference.predict(matrix(a.w), a.b, matrix(a.X)).tolist()).toEqual(result);
    }
  });

  it("draws the picture dataset bit for bit", () => {
    const data = loadPictureDataset() as unknown as Record<string, NDArray>;
    for (const [name, expected] of Object.entries(fixture.dataset)) {
      const array = data[name] as NDArray;
      expect(array.shape, name).toEqual(expected.shape);
      const bytes = Buffer.from(array.data.buffer, array.data.byteOffset, array.size * 8);
      expect(createHash("sha256").update(bytes).digest("hex"), name).toBe(expected.sha256);
    }
  });

  it("trains on it as numpy does: the same costs, parameters and accuracies", () => {
    const { trainX, trainY, testX, testY } = loadPictureDataset();
    for (const run of fixture.training) {
      const d = reference.model(trainX, trainY, testX, testY, run);
      const accuracy = (p: NDArray, Y: NDArray) => 100 - np.mean(np.abs(np.subtract(p, Y))) * 100;
      expect(d.costs).toHaveLength(run.costs.length);
      expect(farFrom(d.costs, run.costs, 1e-12)).toEqual([]);
      expect(closeTo(d.b, run.b, 1e-10)).toBe(true);
      expect(farFrom(d.w.data, run.w, 1e-9)).toEqual([]);
      expect(accuracy(d.yPredictionTrain, trainY)).toBeCloseTo(run.trainAccuracy, 10);
      expect(accuracy(d.yPredictionTest, testY)).toBeCloseTo(run.testAccuracy, 10);
    }
    // The course's settings fit the training pictures better than the test ones, as with cats.
    const [course] = fixture.training;
    expect(course?.trainAccuracy).toBeGreaterThan((course?.testAccuracy ?? 100) + 5);
  });
});

describe("grading the logistic-regression assignment", () => {
  const gradeFile = async (file: string, withReference = true) => {
    const parts = await assignmentParts("logistic-regression");
    return grade(withReference ? parts : { ...parts, reference: undefined }, {
      submission: join(PACKAGE_ROOT, file),
      displayRoot: PACKAGE_ROOT,
      seed: 0,
      hidden: true,
      timeoutMs: undefined,
      toolVersion: "test",
    });
  };

  it("gives the reference every point, visible and hidden, and the type check passes", async () => {
    const report = await gradeFile("reference/logistic-regression/model.ts");
    expect(report.tests.filter((t) => t.status !== "passed").map((t) => t.message)).toEqual([]);
    expect(report.score).toBe(report.maxScore);
    expect(report.tests.some((t) => t.visibility === "hidden")).toBe(true);
  });

  it("gives the stub no point: every function says it is not implemented yet", async () => {
    const report = await gradeFile("assignments/logistic-regression/model.ts");
    expect(report.score).toBe(0);
    for (const f of report.functions.filter((f) => f.name !== "end-to-end"))
      expect(report.tests.find((t) => t.function === f.name)?.message, f.name).toBe(
        `${f.name} is not implemented yet.`,
      );
  });

  it("without the reference, grades the visible tests from expected.json, the pictures named, not copied", async () => {
    const text = readFileSync(
      join(PACKAGE_ROOT, "assignments/logistic-regression/expected.json"),
      "utf8",
    );
    expect(text).toContain('{"$data":"pictures.trainX"}');
    expect(text.length).toBeLessThan(200_000);
    const report = await gradeFile("reference/logistic-regression/model.ts", false);
    expect(report.tests.length).toBeGreaterThan(20);
    expect(report.tests.every((t) => t.visibility === "visible")).toBe(true);
    expect(report.tests.filter((t) => t.status !== "passed").map((t) => t.message)).toEqual([]);
  });
});
