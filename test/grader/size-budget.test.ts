/**
 * Size before work: what a learner's function returns is measured against the test's own data
 * before any of the grader's code runs on it (a named check that calls the reference, a mistake's
 * replay, a comparison, a session check or property), and refused when it is far bigger.
 */

import { describe, expect, it } from "vitest";
import { np } from "../../assignments/lib/np.ts";
import { loadPlanarDataset } from "../../assignments/planar-classifier/dataset.ts";
import { judge, RETURN_BUDGET } from "../../grader/checks/judge.ts";
import { makeLearner, runSession } from "../../grader/checks/session.ts";
import {
  type AssignmentCases,
  LearnerCallFailed,
  type Reference,
  type SessionCheck,
} from "../../grader/core/assignment.ts";
import type { CallOutcome } from "../../grader/core/outcomes.ts";
import { textOf } from "../../grader/core/phrase.ts";
import { encode, type Wire } from "../../grader/core/values.ts";
import { madeCase } from "../../grader/pipeline/expected.ts";
import type { Sandbox } from "../../grader/sandbox/sandbox.ts";
import { wordMessage } from "../../grader/words/en/messages.ts";
import { referenceCases } from "../../reference/planar-classifier/cases.ts";
import * as referenceModel from "../../reference/planar-classifier/model.ts";

const numbers = (n: number): Wire => ({ $array: [1, n], data: new Float64Array(n) });

/** A function `f` with a named check and a mistake that count how often the grader ran them. */
function spied() {
  const ran = { check: 0, mistake: 0 };
  const cases: AssignmentCases = {
    properties: {},
    sessionChecks: {},
    words: {},
    checks: {
      spy: {
        judge: () => {
          ran.check++;
          return null;
        },
      },
    },
    functions: {
      f: {
        argNames: ["x"],
        inputs: () => [],
        mistakes: [
          {
            name: "a test mistake",
            hint: "a mistake",
            output: () => {
              ran.mistake++;
              return 0;
            },
          },
        ],
      },
    },
  };
  return { ran, cases };
}

function judged(
  cases: AssignmentCases,
  value: Wire,
  {
    args = [numbers(3)],
    expected,
    check,
    argsAfter = args,
  }: { args?: Wire[]; expected?: Wire; check?: string; argsAfter?: Wire[] },
) {
  return judge({
    fn: "f",
    outcome: { status: "returned", value, second: undefined, argsAfter, output: "", ms: 1 },
    args,
    expected,
    tolerance: { rtol: 1e-7, atol: 0 },
    check: check ? { kind: "named", name: check, named: cases.checks[check] } : { kind: "compare" },
    params: {},
    cases,
    reference: {},
    argNames: ["x"],
  });
}

describe("a returned value over the test's budget", () => {
  it("fails its test, and the named check never runs on it", () => {
    const { ran, cases } = spied();
    const judgement = judged(cases, numbers(200_000), { check: "spy" });
    expect(judgement.status).toBe("failed");
    expect(wordMessage("f", judgement.details)).toBe(
      "f: returned 200000 values, far more than this test's inputs and answer hold (3; at most 65536 are accepted): refused before judging.",
    );
    expect(ran.check).toBe(0);
  });

  it("fails its test before the mistakes are replayed or the answer compared", () => {
    const { ran, cases } = spied();
    const judgement = judged(cases, numbers(70_000), { expected: numbers(3) });
    expect(judgement.details).toMatchObject({
      type: "check",
      values: { returned: 70_000, held: 6, limit: RETURN_BUDGET.floor },
    });
    expect(ran.mistake).toBe(0);
  });

  it("refuses inputs that grew in place just the same", () => {
    const { ran, cases } = spied();
    const judgement = judged(cases, 1, { check: "spy", argsAfter: [numbers(100_000)] });
    expect(wordMessage("f", judgement.details)).toMatch(
      /^f: left its inputs holding 100000 values, far more than/,
    );
    expect(ran.check).toBe(0);
  });

  it("grows with the test's own data: 16 times its inputs and answer", () => {
    const { ran, cases } = spied();
    const args = [numbers(10_000)];
    expect(judged(cases, numbers(160_000), { args, check: "spy" }).status).toBe("passed");
    expect(ran.check).toBe(1);
    expect(judged(cases, numbers(160_001), { args, check: "spy" }).status).toBe("failed");
    expect(ran.check).toBe(1);
  });
});

/** A sandbox whose calls return `value` (and a batch of it). */
function returning(value: Wire): Sandbox {
  const fake = {
    call: async (): Promise<CallOutcome> => ({
      status: "returned",
      value,
      second: undefined,
      argsAfter: [],
      output: "",
      ms: 1,
    }),
    callMany: async (): Promise<CallOutcome> => ({
      status: "batch",
      items: [{ value }, { value }],
      output: "",
      ms: 1,
    }),
  };
  return fake as unknown as Sandbox;
}

describe("calls made by session checks and properties", () => {
  it("refuse a value over the budget before the check's code sees it", async () => {
    const { learner } = makeLearner(returning(numbers(100_000)), 1000);
    const refused = await learner.call("f", [np.zeros([2, 2])]).catch((e) => e);
    expect(refused).toBeInstanceOf(LearnerCallFailed);
    expect((refused as LearnerCallFailed).outcome).toMatchObject({
      status: "refused",
      returned: 100_000,
      held: 4,
    });
    const many = await learner.callMany("f", [[1], [2]]).catch((e) => e);
    expect((many as LearnerCallFailed).outcome).toMatchObject({ status: "refused" });
    const { learner: small } = makeLearner(returning(numbers(10)), 1000);
    expect(await small.call("f", [1])).toHaveProperty("shape", [1, 10]);
  });

  it("size each call of a batch against its own inputs, as one by one", async () => {
    // The batch's inputs in all would allow 100 000 values; the second call's own, 65 536.
    const fake = {
      callMany: async (): Promise<CallOutcome> => ({
        status: "batch",
        items: [{ value: numbers(10) }, { value: numbers(100_000) }],
        output: "",
        ms: 1,
      }),
    };
    const { learner } = makeLearner(fake as unknown as Sandbox, 1000);
    const many = await learner.callMany("f", [[np.zeros([300, 300])], [1]]).catch((e) => e);
    expect(many).toBeInstanceOf(LearnerCallFailed);
    expect((many as LearnerCallFailed).outcome).toMatchObject({
      status: "refused",
      returned: 100_000,
    });
  });

  it("fail the session check with the message, the reference never called", async () => {
    let referenceCalls = 0;
    const check: SessionCheck = {
      inputs: () => [],
      async run(learner, args) {
        const value = await learner.call("f", args);
        referenceCalls++;
        return { failure: null, values: { value: String(value) } };
      },
    };
    const result = await runSession(
      check,
      "g",
      returning(numbers(100_000)),
      madeCase([encode(np.zeros([2, 2]))], { expected: undefined, referenceMs: 0 }),
      {},
      1000,
    );
    expect(result.judgement.status).toBe("failed");
    expect(result.fn).toBe("f");
    expect(wordMessage(result.fn, result.judgement.details)).toMatch(
      /^f: returned 100000 values, far more than this test's inputs and answer hold \(4; at most 65536 are accepted\): refused before judging\.$/,
    );
    expect(referenceCalls).toBe(0);
  });
});

describe("the planar trainingAccuracy check", () => {
  const X = np.random.seed(1).randn(2, 400);
  const Y = np.greater(np.random.seed(2).rand(1, 400), 0.5);
  const params = (nH: number) => ({
    W1: np.zeros([nH, 2]),
    b1: np.zeros([nH, 1]),
    W2: np.zeros([1, nH]),
    b2: np.zeros([1, 1]),
  });

  function judgeWith(actual: unknown) {
    let predicted = 0;
    const reference = {
      predict: () => {
        predicted++;
        return np.zeros([1, 400]);
      },
    } as unknown as Reference;
    const check = referenceCases.checks.trainingAccuracy;
    if (!check) throw new Error("no trainingAccuracy check");
    const failure = check.judge(actual, [X, Y, 4, {}], {}, reference);
    return { failure, predicted };
  }

  it("checks the parameters' shapes against X, Y and nH before the reference predicts", () => {
    const wide = judgeWith({ parameters: params(5), costs: [] });
    expect(textOf(wide.failure?.message ?? "")).toBe(
      "nnModel must return { parameters: { W1, b1, W2, b2 }, costs } with arrays of the right shapes: parameters.W1 has shape (5,2), expected (4,2) for nH = 4",
    );
    expect(wide.predicted).toBe(0);
    const missing = judgeWith({ parameters: { ...params(4), b2: [1] } });
    expect(textOf(missing.failure?.message ?? "")).toMatch(/parameters\.b2 is not an array$/);
    expect(missing.predicted).toBe(0);
    expect(textOf(judgeWith(undefined).failure?.message ?? "")).toMatch(
      /it returned no parameters$/,
    );
  });

  it("runs the reference on parameters of the right shapes", () => {
    const right = judgeWith({ parameters: params(4), costs: [] });
    expect(right.predicted).toBe(1);
    expect(textOf(right.failure?.message ?? "")).toMatch(/^training accuracy/);
  });
});

describe("the planar trainingAccuracy check says what an accuracy usually means", () => {
  const { X, Y } = loadPlanarDataset();
  const reference = referenceModel as unknown as Reference;
  const check = referenceCases.checks.trainingAccuracy;
  const trained = (numIterations: number) =>
    referenceModel.nnModel(X, Y, 4, { numIterations }).parameters;
  const judgeTrained = (parameters: unknown) =>
    check?.judge({ parameters }, [X, Y, 4], {}, reference);

  it.each([
    [10, /^training accuracy 49\.75% is below 90%$/, "no better than a straight line"],
    [200, /^training accuracy 87\.50% is below 90%$/, "does nnModel use the learning rate, nH"],
  ])("trained %i iterations", (iterations, message, hint) => {
    const failure = judgeTrained(trained(iterations));
    expect(textOf(failure?.message ?? "")).toMatch(message);
    expect(textOf(failure?.hint ?? "")).toContain(hint);
  });

  it("passes trained parameters, and calls a perfect score a leak", () => {
    expect(judgeTrained(trained(10_000))).toBeNull();
    const leaked = np.array([[1, 0]]);
    const failure = check?.judge(
      {
        parameters: {
          W1: np.array([[0, 50]]),
          b1: np.array([[0]]),
          W2: np.array([[50]]),
          b2: np.array([[-25]]),
        },
      },
      [
        np.array([
          [0, 0],
          [1, 0],
        ]),
        leaked,
        1,
      ],
      {},
      reference,
    );
    expect(textOf(failure?.message ?? "")).toBe(
      "training accuracy 100.00% is suspiciously perfect",
    );
    expect(textOf(failure?.hint ?? "")).toContain("labels leaked into the features");
  });
});
