/**
 * When V8 optimises the command's own code. A grade runs most of the grader's code (the
 * generators of the property tests, the codec, the comparisons, the reference answering tests and
 * stand-ins) a few hundred times: enough for V8 to compile it again with TurboFan, on a thread of
 * its own, but not enough for that compilation to pay for itself before the grade ends. On a
 * machine of two cores that compilation took CPU from the children whose work the grade waits
 * for. Here V8 waits about seven times longer before it does so; code that runs long (the
 * reference's training in the grader, a batch's loop over the class) is still optimised.
 *
 * Measured on 2 cores, the command's own CPU for a cold grade with the default and with the later
 * threshold alternating, 7 each (medians): the planar reference 1.27 -> 0.93 s (wall 1.96 ->
 * 1.81 s), a submission with a bug in its backward pass 1.74 -> 1.32 s (wall 2.42 -> 2.22 s), the
 * deep network's reference 1.92 -> 1.48 s (wall 3.05 -> 2.71 s); the logistic regression's
 * reference did not move.
 */
import { setFlagsFromString } from "node:v8";

/**
 * The flag that raises the threshold in this V8 (`process.versions.v8`), or none. V8 11.3 (Node
 * 20) counts a function's work in bytecode executed (default 67,584); later versions count its
 * calls (default 3,000 before TurboFan). A version not known here gets no flag: V8 writes an
 * error for a flag it does not have.
 */
export function tieringFlag(v8Version) {
  const [major, minor] = v8Version.split(".").map(Number);
  if (major === 11 && minor === 3) return "--interrupt-budget=500000";
  if (major === 12 || major === 13) return "--invocation-count-for-turbofan=22000";
  return undefined;
}

/** Sets the flag for this process, before the grader's modules load. */
export function optimiseLater() {
  const flag = tieringFlag(process.versions.v8);
  if (flag) setFlagsFromString(flag);
}
