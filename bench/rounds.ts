/**
 * The timing loop of the bench's side-by-side figures: each loop runs `repeats` times a round, in
 * rounds that alternate between the loops so that all of them see the same machine load, and the
 * first round only warms them up (V8 optimises them there). Figures only.
 */
import { median } from "../grader/core/stats.ts";

export interface Timed {
  /** Calls of `run` a round. */
  repeats: number;
  run: () => void;
}

/** Each loop's median over `rounds` rounds, in milliseconds a call of its `run`. */
export function alternatingMedians(
  rounds: number,
  loops: ReadonlyMap<string, Timed>,
): Map<string, number> {
  const times = new Map<string, number[]>([...loops.keys()].map((name) => [name, []]));
  for (let round = 0; round <= rounds; round++) {
    for (const [name, { repeats, run }] of loops) {
      const start = performance.now();
      for (let r = 0; r < repeats; r++) run();
      if (round > 0) times.get(name)?.push((performance.now() - start) / repeats);
    }
  }
  return new Map([...times].map(([name, ms]) => [name, median(ms)]));
}
