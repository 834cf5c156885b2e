/**
 * When V8 optimises code that runs a few hundred times and then stops. A grade runs most of the
 * grader's own code that way (the property tests' generators, the codec, the comparisons, the
 * reference answering tests and stand-ins), and so does the child that judges each function
 * alone, test after short test: enough for V8 to compile it again with TurboFan, on a thread of
 * its own, but not for that compilation to pay before the process ends. On a machine of two cores
 * it took CPU from the processes the grade waits for. With the threshold raised about sevenfold,
 * code that runs long is still optimised: the reference's training in the grader, a batch's loop
 * over its class. The child that runs a whole training keeps V8's default, which its training
 * needs from the start.
 */
import { setFlagsFromString } from "node:v8";

/**
 * The flag that raises the threshold in V8 `v8Version` (`process.versions.v8`), or none. V8 11.3
 * (Node 20) counts a function's work in bytecode run (by default 67,584 before TurboFan); V8 12
 * and 13 (Node 22, 24) count its calls (3,000). A version not known here gets no flag: V8 writes
 * an error for a flag it does not have.
 */
export function tieringFlag(v8Version: string): string | undefined {
  const [major, minor] = v8Version.split(".").map(Number);
  if (major === 11 && minor === 3) return "--interrupt-budget=500000";
  if (major === 12 || major === 13) return "--invocation-count-for-turbofan=22000";
  return undefined;
}

const flag = tieringFlag(process.versions.v8);

/** The flag for this process's V8, which its children share (they run the same Node). */
export const OPTIMISE_LATER: readonly string[] = flag ? [flag] : [];

/** Raises the threshold for this process, from here on: the command does so as it starts. */
export function optimiseLater(): void {
  for (const flag of OPTIMISE_LATER) setFlagsFromString(flag);
}
