/** Scoring: one pure function from test results to totals, overall and per function. */
import type { FunctionTotal, TestReport } from "../core/report.ts";

export function totals(tests: TestReport[]): {
  score: number;
  maxScore: number;
  functions: FunctionTotal[];
} {
  const functions = new Map<string, FunctionTotal>();
  for (const test of tests) {
    if (test.kind === "build") continue;
    const total = functions.get(test.function) ?? {
      name: test.function,
      score: 0,
      maxScore: 0,
      passed: 0,
      tests: 0,
    };
    total.score += test.score;
    total.maxScore += test.maxScore;
    total.tests += 1;
    if (test.status === "passed") total.passed += 1;
    functions.set(test.function, total);
  }
  const list = [...functions.values()].map((f) => ({
    ...f,
    score: round(f.score),
    maxScore: round(f.maxScore),
  }));
  return {
    score: round(list.reduce((sum, f) => sum + f.score, 0)),
    maxScore: round(list.reduce((sum, f) => sum + f.maxScore, 0)),
    functions: list,
  };
}

/** Points may be fractional (0.5): keep sums free of binary noise such as 2.9999999999999996. */
function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
