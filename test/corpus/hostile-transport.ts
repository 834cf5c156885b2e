/** Attacks on the grader's transport: see test/corpus/hostile.ts for how the corpus is graded. */
import type { HostileCase } from "./hostile-kit.ts";

export const transportCases: HostileCase[] = [];
