/**
 * A learner module called in-process, as the sandbox would call it: arguments and results travel
 * through the wire encoding (so nothing is shared), and a throw becomes a LearnerCallFailed. For
 * running properties fast and many times in tests; grading always uses the sandbox.
 */
import { type Learner, LearnerCallFailed } from "../../grader/core/assignment.ts";
import { decode, encode } from "../../grader/core/values.ts";

export function inProcessLearner(
  module: Record<string, unknown>,
  /** The other functions the laws use; the module's own by default. */
  others?: Learner["others"],
): Learner {
  const call = (fn: string, args: unknown[]): unknown => {
    const f = module[fn];
    if (typeof f !== "function") throw new LearnerCallFailed(fn, { status: "missing", output: "" });
    try {
      return decode(encode(f(...args.map((a) => decode(encode(a))))));
    } catch (error) {
      const e = error as Error;
      throw new LearnerCallFailed(fn, {
        status: "threw",
        error: { name: e.name, message: e.message, stack: e.stack ?? "" },
        argsAfter: [],
        output: "",
        ms: 0,
      });
    }
  };
  const learner: Learner = {
    call: async (fn, args) => call(fn, args),
    // Printing is the sandbox's to capture: in process, a call prints nothing the check can see.
    callPrinting: async (fn, args) => ({ value: call(fn, args), printed: "" }),
    callMany: async (fn, batch) => batch.map((args) => call(fn, args)),
    get others() {
      return others ?? learner;
    },
  };
  return learner;
}
