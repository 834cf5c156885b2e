/**
 * The committed inputs and expected outputs of an assignment's visible tests
 * (`assignments/<id>/expected.json`), so that a copy of the repository without `reference/` can
 * still grade the visible tests. Written by `gradecheck expected`, checked in sync by the tests.
 */
import { RandomState } from "../assignments/lib/np.ts";
import type { AssignmentCases, Reference } from "./assignment.ts";
import type { Manifest } from "./manifest.ts";
import { decode, encode, type Wire, wireFromJson, wireToJson } from "./sandbox/wire.ts";

export interface Expected {
  assignment: { id: string; version: string };
  tests: Record<string, { args: Wire[]; expected: Wire | undefined }>;
}

/** Runs the reference on every visible test's inputs. */
export function computeExpected(
  manifest: Manifest,
  cases: AssignmentCases,
  reference: Reference,
): Expected {
  const tests: Expected["tests"] = {};
  for (const { name: fn, tests: specs } of manifest.functions) {
    const spec = cases.functions[fn];
    if (!spec) throw new Error(`the assignment has no input generator for ${fn}`);
    for (const test of specs.filter((t) => t.visibility === "visible")) {
      const args = spec.inputs({
        params: test.case,
        rng: new RandomState(test.seed),
        seed: test.seed,
        hyperparameters: manifest.hyperparameters,
        reference,
      });
      const compare = test.check === undefined || test.check === "compare";
      const expected = compare
        ? encode((reference[fn] as (...a: unknown[]) => unknown)(...args.map(decode)))
        : undefined;
      tests[test.id] = { args, expected };
    }
  }
  return { assignment: { id: manifest.id, version: manifest.version }, tests };
}

export function expectedToJson(expected: Expected): string {
  const tests = Object.fromEntries(
    Object.entries(expected.tests).map(([id, t]) => [
      id,
      {
        args: t.args.map(wireToJson),
        expected: t.expected === undefined ? null : wireToJson(t.expected),
      },
    ]),
  );
  return `${JSON.stringify({ assignment: expected.assignment, tests })}\n`;
}

export function expectedFromJson(text: string): Expected {
  const raw = JSON.parse(text) as {
    assignment: Expected["assignment"];
    tests: Record<string, { args: unknown[]; expected: unknown }>;
  };
  const tests: Expected["tests"] = {};
  for (const [id, t] of Object.entries(raw.tests)) {
    tests[id] = {
      args: t.args.map(wireFromJson),
      expected: t.expected === null ? undefined : wireFromJson(t.expected),
    };
  }
  return { assignment: raw.assignment, tests };
}
