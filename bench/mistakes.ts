/**
 * What naming mistakes costs: the judge's time per test, for each function of the planar
 * assignment, on a right answer (no mistake is evaluated), on a wrong answer that is a known
 * mistake (found among the single mistakes), and on a wrong answer no mistake explains (every
 * mistake, every pair of faults and every composition is tried before giving up), next to the
 * same wrong answer judged without the library (the generic patterns alone), and again once
 * another submission of the class was judged on the same inputs (the mistakes' outputs kept with
 * the test's data, as in a batch). Medians over the function's compare tests and repeats.
 */

import { judge } from "../grader/checks/judge.ts";
import type { AssignmentCases, MistakeOutputs } from "../grader/core/assignment.ts";
import { plannedTests } from "../grader/core/manifest.ts";
import { PACKAGE_ROOT } from "../grader/core/paths.ts";
import { median } from "../grader/core/stats.ts";
import { decode, encode, isWireArray, type Wire } from "../grader/core/values.ts";
import { caseData } from "../grader/pipeline/expected.ts";
import { loadAssignment } from "../grader/pipeline/load.ts";

const REPEATS = 5;

/** Every number in a wire value moved by 0.37: wrong in a way no mistake explains. */
function perturbed(value: Wire): Wire {
  if (typeof value === "number") return value + 0.37;
  if (value === null || typeof value !== "object") return value;
  if (isWireArray(value)) return { $array: value.$array, data: value.data.map((x) => x + 0.37) };
  if (Array.isArray(value)) return value.map(perturbed);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, perturbed(v as Wire)]));
}

export async function benchMistakes(): Promise<void> {
  const parts = await loadAssignment(PACKAGE_ROOT, "planar-classifier", true);
  const reference = parts.reference as NonNullable<typeof parts.reference>;
  const withoutLibrary: AssignmentCases = {
    ...parts.cases,
    functions: Object.fromEntries(
      Object.entries(parts.cases.functions).map(([fn, c]) => [
        fn,
        { ...c, mistakes: [], variant: undefined },
      ]),
    ),
  };
  const rows: string[][] = [];
  let mistakesTotal = 0;
  for (const fn of Object.keys(parts.cases.functions)) {
    const library = parts.cases.functions[fn];
    const count = new Set((library?.mistakes ?? []).map((m) => m.name)).size;
    mistakesTotal += count;
    const times = {
      right: [] as number[],
      named: [] as number[],
      unnamed: [] as number[],
      kept: [] as number[],
      patterns: [] as number[],
    };
    for (const { fn: called, test } of plannedTests(parts.manifest)) {
      if (called !== fn || test.kind !== "compare") continue;
      const data = await caseData(test, fn, test.seed, parts.manifest, parts.cases, reference);
      const { expected } = await data.answer();
      // The first mistake that gives an output on these inputs: found first, the cheapest case.
      const named = (library?.mistakes ?? [])
        .map((m) => {
          try {
            const args = data.args.map(decode);
            return encode(
              m.output
                ? m.output(args, reference)
                : library?.variant?.(new Set([m.name]), args, reference),
            );
          } catch {
            return undefined;
          }
        })
        .find((w) => w !== undefined);
      const time = (value: Wire, cases: AssignmentCases, mistakeOutputs?: MistakeOutputs) => {
        const start = performance.now();
        judge({
          fn,
          outcome: { status: "returned", value, argsAfter: data.args, output: "" } as never,
          args: data.args,
          expected,
          tolerance: test.tolerance ?? parts.manifest.tolerance,
          check: { kind: "compare" },
          params: test.case,
          cases,
          reference,
          argNames: [],
          ...(mistakeOutputs ? { mistakeOutputs } : {}),
        });
        return performance.now() - start;
      };
      for (let r = 0; r < REPEATS; r++) {
        times.right.push(time(expected as Wire, parts.cases));
        if (named !== undefined) times.named.push(time(named, parts.cases));
        times.unnamed.push(time(perturbed(expected as Wire), parts.cases));
        const kept: MistakeOutputs = { byMistakes: new Map(), entries: 0 };
        time(perturbed(expected as Wire), parts.cases, kept);
        times.kept.push(time(perturbed(expected as Wire), parts.cases, kept));
        times.patterns.push(time(perturbed(expected as Wire), withoutLibrary));
      }
    }
    const ms = (xs: number[]) => (xs.length > 0 ? median(xs).toFixed(2) : "-");
    rows.push([
      fn,
      String(count),
      ms(times.right),
      ms(times.named),
      ms(times.unnamed),
      ms(times.kept),
      ms(times.patterns),
    ]);
  }
  console.log(
    `\nnaming mistakes: judge time per test, ms (median), ${mistakesTotal} mistakes in the library`,
  );
  const header = [
    "function",
    "mistakes",
    "right",
    "a mistake",
    "no mistake",
    "no mistake, kept",
    "patterns only",
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  for (const row of [header, ...rows])
    console.log(
      `  ${row.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ")}`,
    );
}

if (import.meta.url === `file://${process.argv[1]}`) await benchMistakes();
