/**
 * Calls made side by side go to the learner's module as one batch per function, cut at MAX_BATCH
 * calls, each answer to its own call; a batch that fails fails its own calls only.
 */
import { describe, expect, it } from "vitest";
import { batchedLearner, MAX_BATCH } from "../../grader/checks/batched-calls.ts";
import type { Learner } from "../../grader/core/assignment.ts";

/** A learner whose `double` doubles its argument, recording each batch; `refuse` fails a batch. */
function recordingLearner(refuse: (batch: unknown[][]) => boolean = () => false) {
  const batches: { fn: string; size: number }[] = [];
  const learner: Learner = {
    get others() {
      return learner;
    },
    call: () => Promise.reject(new Error("called alone")),
    callPrinting: () => Promise.reject(new Error("called alone")),
    async callMany(fn, batch) {
      batches.push({ fn, size: batch.length });
      if (refuse(batch)) throw new Error("the batch failed");
      return batch.map(([x]) => 2 * (x as number));
    },
    // The second function adds the rest of the arguments to the first's result.
    async callChained(fn, batch, then) {
      batches.push({ fn: `${fn} then ${then.fn}`, size: batch.length });
      return batch.map(([x, ...rest]) => 2 * (x as number) + (rest[0] as number));
    },
  };
  return { learner, batches };
}

describe("a batched learner", () => {
  it("sends calls and batches made side by side as one batch per function, cut at MAX_BATCH", async () => {
    const { learner, batches } = recordingLearner();
    const batched = batchedLearner(learner);
    const xs = Array.from({ length: MAX_BATCH + 20 }, (_, k) => k);
    const [alone, many, other] = await Promise.all([
      Promise.all(xs.map((x) => batched.call("double", [x]))),
      batched.callMany(
        "double",
        xs.map((x) => [-x]),
      ),
      batched.others.callMany("other", [[1]]),
    ]);
    expect(alone).toEqual(xs.map((x) => 2 * x));
    expect(many).toEqual(xs.map((x) => -2 * x));
    expect(other).toEqual([2]);
    const doubles = batches.filter((b) => b.fn === "double").map((b) => b.size);
    expect(doubles).toEqual([MAX_BATCH, MAX_BATCH, 2 * xs.length - 2 * MAX_BATCH]);
    expect(batches.filter((b) => b.fn === "other")).toEqual([{ fn: "other", size: 1 }]);
  });

  it("batches chained calls apart from plain ones of the same function", async () => {
    const { learner, batches } = recordingLearner();
    const batched = batchedLearner(learner);
    const then = { fn: "add", from: 1, args: [{ part: ["out"] }, 1] };
    const [plain, chained, other] = await Promise.all([
      batched.callMany("double", [[1], [2]]),
      batched.callChained?.(
        "double",
        [
          [1, 10],
          [2, 20],
        ],
        then,
      ),
      batched.callChained?.("double", [[3, 30]], { ...then, args: [{ part: ["other"] }, 1] }),
    ]);
    expect(plain).toEqual([2, 4]);
    expect(chained).toEqual([12, 24]);
    expect(other).toEqual([36]);
    expect(batches).toEqual([
      { fn: "double", size: 2 },
      { fn: "double then add", size: 2 },
      { fn: "double then add", size: 1 },
    ]);
  });

  it("fails the calls of a batch that failed, and only those", async () => {
    const { learner } = recordingLearner((batch) => batch.some(([x]) => x === 0));
    const batched = batchedLearner(learner);
    const xs = Array.from({ length: MAX_BATCH + 1 }, (_, k) => k);
    const results = await Promise.allSettled(xs.map((x) => batched.call("double", [x])));
    expect(results.slice(0, MAX_BATCH).every((r) => r.status === "rejected")).toBe(true);
    expect(results[MAX_BATCH]).toEqual({ status: "fulfilled", value: 2 * MAX_BATCH });
  });

  it("sends no batch once stopped: the calls still waiting fail with the reason", async () => {
    const stop = new AbortController();
    // The first batch stops the rest as it is answered.
    const { learner, batches } = recordingLearner((batch) => {
      stop.abort(new Error("settled"));
      return batch.length === 0;
    });
    const batched = batchedLearner(learner, stop.signal);
    const xs = Array.from({ length: 2 * MAX_BATCH + 1 }, (_, k) => k);
    const results = await Promise.allSettled([
      ...xs.map((x) => batched.call("double", [x])),
      batched.others.call("other", [1]),
    ]);
    expect(batches).toEqual([{ fn: "double", size: MAX_BATCH }]);
    expect(results.slice(0, MAX_BATCH)).toEqual(
      xs.slice(0, MAX_BATCH).map((x) => ({ status: "fulfilled", value: 2 * x })),
    );
    for (const result of results.slice(MAX_BATCH))
      expect(result).toEqual({ status: "rejected", reason: new Error("settled") });
    // Calls made afterwards go nowhere either.
    await expect(batched.call("double", [1])).rejects.toThrow("settled");
    expect(batches).toHaveLength(1);
  });
});
