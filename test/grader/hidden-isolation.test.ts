/**
 * Hidden stays hidden: learner code that remembers every input it is given and prints them all at
 * each call must not get a hidden test's input into anything a learner sees. Hidden tests run
 * after the visible ones, in a child of their own, and the learner-facing formats show none of
 * their output.
 */
import { describe, expect, it } from "vitest";
import { adapters } from "../../grader/render/index.ts";
import { FUNCTIONS, referenceSource } from "../corpus/bugs.ts";
import { atStartOf, atTop } from "../corpus/hostile-kit.ts";
import { gradeSource } from "../helpers.ts";

/** Prints a fingerprint of this call's first array argument, then those of every earlier call. */
const REMEMBER = `const seen: string[] = [];
function remember(args: unknown[]): void {
  const first = args.find((a) => (a as { data?: unknown })?.data instanceof Float64Array) as { data: Float64Array } | undefined;
  if (!first) return;
  const fp = "fp" + first.data.reduce((s, x) => s + x, 0).toPrecision(14);
  console.log(\`\${fp} seen \${seen.slice(-80).reverse().join(" ")}\`);
  seen.push(fp);
}`;

function rememberingSubmission(): string {
  let source = atTop(referenceSource(), REMEMBER);
  for (const fn of FUNCTIONS) source = atStartOf(source, fn, "  remember([...arguments]);");
  return source;
}

describe("hidden tests", () => {
  it("leak no input into a visible test's output or a learner-facing format", async () => {
    const report = await gradeSource(rememberingSubmission(), { seed: 7 });
    const own = (output: string) =>
      [...output.matchAll(/^(fp\S+) seen/gm)].map((m) => m[1] as string);
    const hidden = report.tests.filter((t) => t.visibility === "hidden");
    const hiddenInputs = new Set(hidden.flatMap((t) => own(t.output)));
    // The attack works: the hidden tests' own calls printed their inputs' fingerprints.
    expect(hiddenInputs.size).toBeGreaterThan(0);
    const visibleOutput = report.tests
      .filter((t) => t.visibility === "visible")
      .map((t) => t.output)
      .join("\n");
    expect(own(visibleOutput).length).toBeGreaterThan(0);
    expect([...visibleOutput.matchAll(/fp\S+/g)].filter((m) => hiddenInputs.has(m[0]))).toEqual([]);
    for (const name of ["gradescope", "exercism", "markdown"] as const) {
      const text = adapters[name].render(report);
      expect(
        [...hiddenInputs].filter((fp) => text.includes(fp)),
        name,
      ).toEqual([]);
    }
  }, 120_000);
});
