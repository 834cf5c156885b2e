/**
 * A hang costs seconds, not minutes: once a function has not returned within a test's limit, its
 * other tests are reported as not run instead of each waiting out its own limit (the training
 * test's is 120 s); and on a terminal, a test still running after 2 s is named.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { slowTestNotice } from "../../grader/commands/slow-tests.ts";
import type { TestSpec } from "../../grader/core/manifest.ts";
import { referenceSource } from "../corpus/bugs.ts";
import { atStartOf } from "../corpus/hostile-kit.ts";
import { gradeSource } from "../helpers.ts";

describe("a function that hangs", () => {
  it("times out once; its other tests are not run, and say why", async () => {
    const events: string[] = [];
    const report = await gradeSource(
      atStartOf(referenceSource(), "nnModel", "  while (X.size > 0) {}"),
      {
        select: (test) => test.id.startsWith("nnModel.") || test.id.startsWith("sigmoid."),
        progress: ({ test, state }) => events.push(`${state} ${test.id}`),
      },
    );
    const nnModel = report.tests.filter((t) => t.function === "nnModel");
    const [first, ...others] = nnModel;
    expect(first?.details.type).toBe("timeout");
    expect(others.length).toBeGreaterThan(0);
    for (const t of others) {
      expect(t.status, t.id).toBe("timeout");
      expect(t.message).toBe(
        `nnModel: not run: it did not return within ${first?.timeLimitMs} ms in test ${first?.id}, so its other tests were not run.`,
      );
      // The details carry the reason as a code and its parameters; the message words them.
      expect(t.details).toEqual({
        type: "not-run",
        reason: { code: "hung", limitMs: first?.timeLimitMs, test: first?.id },
      });
    }
    // The training test, whose own limit is 120 s, never started.
    expect(events).not.toContain("started end-to-end.accuracy");
    expect(events).toContain(`started ${first?.id}`);
    // Other functions are graded as usual.
    expect(
      report.tests.filter((t) => t.function === "sigmoid").every((t) => t.status === "passed"),
    ).toBe(true);
  }, 120_000);
});

describe("slowTestNotice", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("names a test once it has run for more than 2 s, and stays silent for quicker ones", () => {
    vi.useFakeTimers();
    const lines: string[] = [];
    const notice = slowTestNotice((line) => lines.push(line));
    const test = { id: "end-to-end.accuracy", name: "full training" } as TestSpec;
    const quick = { id: "sigmoid.row", name: "a row" } as TestSpec;
    notice({ test: quick, fn: "sigmoid", state: "started" });
    vi.advanceTimersByTime(1500);
    notice({ test: quick, fn: "sigmoid", state: "finished" });
    vi.advanceTimersByTime(5000);
    expect(lines).toEqual([]);
    notice({ test, fn: "nnModel", state: "started" });
    vi.advanceTimersByTime(2001);
    expect(lines).toEqual([
      "… still running nnModel: full training (end-to-end.accuracy), more than 2 s",
    ]);
    vi.advanceTimersByTime(10_000);
    expect(lines).toHaveLength(1);
  });

  it("times tests that run alongside each other each on its own", () => {
    vi.useFakeTimers();
    const lines: string[] = [];
    const notice = slowTestNotice((line) => lines.push(line));
    const long = { id: "end-to-end.accuracy", name: "full training" } as TestSpec;
    const quick = { id: "sigmoid.row", name: "a row" } as TestSpec;
    notice({ test: long, fn: "nnModel", state: "started" });
    vi.advanceTimersByTime(500);
    notice({ test: quick, fn: "sigmoid", state: "started" });
    notice({ test: quick, fn: "sigmoid", state: "finished" });
    vi.advanceTimersByTime(1600);
    expect(lines).toEqual([
      "… still running nnModel: full training (end-to-end.accuracy), more than 2 s",
    ]);
  });
});
