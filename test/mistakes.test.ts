/**
 * The library of known mistakes against submissions that make them: each submission of
 * test/corpus/mistakes.ts is graded for real (in the sandbox, the one function's tests only) and
 * must be told the names of its mistakes, and never the name of another. And the library itself:
 * every mistake has such a submission, and each function's variant with no fault is the reference.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { np } from "../assignments/lib/np.ts";
import { compare } from "../grader/checks/compare.ts";
import { KEPT_ENTRIES, nameMistake } from "../grader/checks/mistakes.ts";
import type { CaseData, MistakeOutputs } from "../grader/core/assignment.ts";
import { plannedTests } from "../grader/core/manifest.ts";
import { PACKAGE_ROOT } from "../grader/core/paths.ts";
import type { Report } from "../grader/core/report.ts";
import { decode, encode } from "../grader/core/values.ts";
import { caseData } from "../grader/pipeline/expected.ts";
import { type AssignmentParts, loadAssignment } from "../grader/pipeline/load.ts";
import { mistakes as library } from "../reference/planar-classifier/mistakes.ts";
import { applyBug, referenceSource } from "./corpus/bugs.ts";
import { type MistakeSubmission, mistakeSubmissions } from "./corpus/mistakes.ts";
import { expectTold } from "./corpus/told.ts";
import { gradeFiles } from "./helpers.ts";

let parts: AssignmentParts;
const caseCache = new Map<string, Promise<CaseData>>();

beforeAll(async () => {
  parts = await loadAssignment(PACKAGE_ROOT, "planar-classifier", true);
});

const label = (s: MistakeSubmission) =>
  `${s.fn}: ${s.names.join(" + ")}${s.then ? ` then ${s.then}` : ""}`;

/** Grades the submission's own function, every test of it (hidden ones too). */
function gradeSubmission(submission: MistakeSubmission): Promise<Report> {
  const text = applyBug(referenceSource(), {
    name: label(submission),
    replace: submission.replace,
  });
  return gradeFiles(
    { "model.ts": text },
    { caseCache, select: (test) => test.id.startsWith(`${submission.fn}.`) },
  );
}

/** Outputs kept for one test's inputs, none yet. */
const keptNone = (): MistakeOutputs => ({ byMistakes: new Map(), entries: 0 });

describe("the mistakes' outputs on one test's inputs", () => {
  // x·2 and x + 1, made alone or together, on the input 3: a variant that counts its runs.
  let runs = 0;
  const fn = {
    argNames: ["x"],
    mistakes: [
      { name: "double", hint: "multiply by one, not two" },
      { name: "plus one", hint: "add nothing to the result" },
    ],
    variant: (faults: ReadonlySet<string>, [x]: unknown[]) => {
      runs++;
      const doubled = faults.has("double") ? (x as number) * 2 : (x as number);
      return faults.has("plus one") ? doubled + 1 : doubled;
    },
  };
  const search = (actual: number, outputs?: MistakeOutputs) => {
    const hint = nameMistake({
      args: [3],
      expected: 3,
      actual,
      tolerance: { rtol: 0, atol: 0 },
      fn,
      reference: {},
      context: { examples: [] },
      ...(outputs ? { outputs } : {}),
    });
    return hint?.code === "mistake" ? hint.mistakes.map((m) => m.name) : hint;
  };

  it("are worked out once for every answer judged on them, which are named as without them", () => {
    const outputs = keptNone();
    const answers = [6, 7, 4, 100, 6, 7];
    const named = answers.map((actual) => search(actual, outputs));
    expect(named).toEqual([
      ["double"],
      ["double", "plus one"],
      ["plus one"],
      undefined,
      ["double"],
      ["double", "plus one"],
    ]);
    // Each single mistake and the one pair, once: 3 runs of the variant in all.
    expect(runs).toBe(3);
    runs = 0;
    expect(answers.map((actual) => search(actual))).toEqual(named);
    // Without them, each search works out the singles again, and the pair where none matched.
    expect(runs).toBe(2 + 3 + 2 + 3 + 2 + 3);
  });

  it("are not kept when too big to keep for a whole class, and the mistake is still named", () => {
    const entries = KEPT_ENTRIES + 1;
    const outputs = keptNone();
    const big = (value: number) => ({
      $array: [1, entries],
      data: new Float64Array(entries).fill(value),
    });
    const hint = nameMistake({
      args: [],
      expected: big(1) as never,
      actual: big(2) as never,
      tolerance: { rtol: 0, atol: 0 },
      fn: {
        mistakes: [
          {
            name: "doubled",
            hint: "return the values, not twice them",
            output: () => np.full([1, entries], 2),
          },
        ],
      },
      reference: {},
      context: { examples: [] },
      outputs,
    });
    expect(hint?.code === "mistake" && hint.mistakes.map((m) => m.name)).toEqual(["doubled"]);
    expect(outputs.byMistakes.size).toBe(0);
    expect(outputs.entries).toBe(0);
  });

  it("are shared by a class's submissions judged on the same inputs", async () => {
    const [first, second] = mistakeSubmissions.filter(
      (s) => s.fn === "backwardPropagation" && s.names.length === 1 && !s.then,
    );
    if (!first || !second) throw new Error("two single mistakes of backwardPropagation expected");
    expect(first.names).not.toEqual(second.names);
    const cache = new Map<string, Promise<CaseData>>();
    const grade = (submission: MistakeSubmission) =>
      gradeFiles(
        {
          "model.ts": applyBug(referenceSource(), {
            name: label(submission),
            replace: submission.replace,
          }),
        },
        { caseCache: cache, select: (test) => test.id.startsWith("backwardPropagation.") },
      );
    await grade(first);
    const kept = (await Promise.all(cache.values())).map((data) => data.mistakeOutputs);
    const sizes = kept.map((outputs) => outputs.byMistakes.size);
    expect(sizes.some((size) => size > 0)).toBe(true);
    // The second learner's mistake is named from what the first's grading worked out: nothing new.
    expectTold(expect, await grade(second), second, parts.cases.words.ko);
    expect(kept.map((outputs) => outputs.byMistakes.size)).toEqual(sizes);
  }, 60_000);
});

describe("the library", () => {
  it("has at least 40 mistakes across the nine functions, each with a submission that makes it", () => {
    const names = Object.entries(library).flatMap(([fn, { mistakes = [] }]) =>
      [...new Set(mistakes.map((m) => m.name))].map((name) => `${fn}: ${name}`),
    );
    expect(names.length).toBeGreaterThanOrEqual(40);
    expect(Object.keys(library)).toHaveLength(9);
    const made = new Set(
      mistakeSubmissions.flatMap((s) => s.names.map((name) => `${s.fn}: ${name}`)),
    );
    expect(names.filter((name) => !made.has(name))).toEqual([]);
  });

  it("names each mistake once per function and gives each a sentence", () => {
    for (const [fn, { mistakes = [] }] of Object.entries(library)) {
      for (const mistake of mistakes) {
        expect(mistake.hint.length, `${fn}: ${mistake.name}`).toBeGreaterThan(10);
        // Several outputs may share a name (the seeds of "seeded inside"), never a fault.
        if (!mistake.output)
          expect(
            mistakes.filter((m) => m.name === mistake.name),
            mistake.name,
          ).toHaveLength(1);
      }
    }
  });

  it("with no fault switched on, each variant is the reference on every test's inputs", async () => {
    const reference = parts.reference as NonNullable<typeof parts.reference>;
    let checked = 0;
    for (const { fn, test } of plannedTests(parts.manifest)) {
      const variant = library[fn]?.variant;
      if (!variant || test.kind !== "compare") continue;
      const data = await caseData(test, fn, test.seed, parts.manifest, parts.cases, reference);
      const output = encode(variant(new Set(), data.args.map(decode), reference));
      expect(
        compare((await data.answer()).expected as never, output, { rtol: 1e-12, atol: 1e-12 }),
        test.id,
      ).toBeNull();
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(20);
  });
});

describe.concurrent("a submission with a known mistake is told its name", () => {
  mistakeSubmissions.forEach((submission) => {
    it(label(submission), async ({ expect }) => {
      const report = await gradeSubmission(submission);
      expectTold(expect, report, submission, parts.cases.words.ko);
    }, 60_000);
  });
});
