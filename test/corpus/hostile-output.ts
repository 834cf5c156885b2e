/** Attacks on the grader's output: see test/corpus/hostile.ts for how the corpus is graded. */
import type { HostileCase } from "./hostile-kit.ts";

export const outputCases: HostileCase[] = [];
