/**
 * When the learner's own functions may answer for the reference's. Pure: verdicts in, a decision out.
 *
 * Judged alone, a function's calls of the assignment's other functions are answered by the
 * reference: a round trip to the grader each, four an iteration of nnModel's training loop, some
 * 1400 for its visible tests alone. A function whose tests, and those of every function it calls,
 * have all passed so far is vouched for (`vouchedFunctions`): in a test, the learner's own answers
 * for it, in the child (`Sandbox.withOwnCallees`), on copies of the inputs and with a copy of the
 * value, as the reference's answers come; the reference answers for the others. The two runs
 * then differ only in the values those functions return, which their own tests found right, and
 * which are checked too: the first answer of each function in each form of call (shapes, kinds,
 * keys, strings and flags of its arguments) in each test is worked out again with the reference
 * (`answeredAsReference`: a mistake in how the function judged calls another, such as an argument
 * in a form the learner's own function makes sense of and the reference's does not, shows in
 * every call of it in that form; `stand-ins.ts` bounds how many forms one call checks). Which functions answered is known once the test has run (a
 * law may call several: backwardPropagation's gradient check calls forwardPropagation, which calls
 * sigmoid). A failure so run says nothing about the function judged: it is graded again with the
 * reference answering every call. A pass stands once every test of those functions is in and none
 * failed; otherwise it too is graded again. A test in which the learner's own answered nothing ran
 * as it would have with the reference answering: it stands as it is.
 */
import { compare } from "../checks/compare.ts";
import { type AssignmentCases, callTree } from "../core/assignment.ts";
import type { PlannedTest, TestSpec, Tolerance } from "../core/manifest.ts";
import type { Caller } from "../core/outcomes.ts";
import type { TestReport } from "../core/report.ts";
import type { OwnAnswer, RandomArgument } from "../sandbox/protocol.ts";
import type { Oracle } from "./oracle.ts";

/** The learner's own functions answering in a test's child, and the reference to check them by. */
export interface OwnAnswering {
  /**
   * The child's caller for one test: the learner's own `functions` answer, the answers they gave
   * going to `answered`.
   */
  caller: (functions: string[], answered: OwnAnswer[]) => Caller;
  oracle: Oracle;
}

/** The functions calls of `called` reach, directly or not (not `called` themselves). */
export function calleesOf(
  called: Iterable<string>,
  cases: Pick<AssignmentCases, "functions">,
): string[] {
  const callees = new Set<string>();
  for (const fn of called) {
    for (const name of callTree(fn, cases)) if (name !== fn) callees.add(name);
  }
  return [...callees];
}

/**
 * The functions stood in for (some other calls them) whose tests, and those of every function
 * they call, vouch for them: these the learner's own may answer.
 */
export function vouchedFunctions(
  cases: Pick<AssignmentCases, "functions">,
  planned: readonly PlannedTest[],
  graded: ReadonlyMap<TestSpec, TestReport>,
  over: boolean,
): string[] {
  const stoodIn = new Set(Object.values(cases.functions).flatMap((fn) => fn.calls ?? []));
  return [...stoodIn].filter((fn) => vouchedFor(callTree(fn, cases), planned, graded, over));
}

/** `caller`, noting the name of every function called through it in `called`. */
export function noting(caller: Caller, called: Set<string>): Caller {
  return {
    call: (fn, args, limit, repeat) => {
      called.add(fn);
      return caller.call(fn, args, limit, repeat);
    },
    callMany: (fn, batch, limit, then) => {
      called.add(fn);
      if (then) called.add(then.fn);
      return caller.callMany(fn, batch, limit, then);
    },
  };
}

/**
 * Whether the tests of `callees` vouch for them: each has a test of its own in the run (an
 * end-to-end test is not one), and none of those failed. Before the run is over a test not graded
 * yet fails nothing so far; once it is `over`, one not graded vouches for nothing.
 */
export function vouchedFor(
  callees: readonly string[],
  planned: readonly PlannedTest[],
  graded: ReadonlyMap<TestSpec, TestReport>,
  over: boolean,
): boolean {
  const own = planned.filter((item) => !item.endToEnd && callees.includes(item.fn));
  return (
    callees.every((fn) => own.some((item) => item.fn === fn)) &&
    own.every(({ test }) => {
      const report = graded.get(test);
      return report === undefined ? !over : report.status === "passed";
    })
  );
}

/**
 * Whether each answer the child says the learner's own functions gave is the reference's on the
 * same inputs, within `tolerance`, generators left in the same state. What the child says is the
 * learner's code's to say: an answer the reference refuses to work out is not the reference's.
 */
export function answeredAsReference(
  answered: readonly OwnAnswer[],
  oracle: Oracle,
  tolerance: Tolerance,
): boolean {
  return answered.every(({ judged, fn, args, randoms, value, randomsAfter }) => {
    const request = { type: "oracle" as const, id: 0, fn, args, randoms };
    const reply = oracle(request, Number.POSITIVE_INFINITY, judged);
    return (
      "value" in reply &&
      compare(reply.value, value, tolerance) === null &&
      sameStates(reply.randoms, randomsAfter)
    );
  });
}

function sameStates(a: readonly RandomArgument[], b: readonly RandomArgument[]): boolean {
  return (
    a.length === b.length &&
    a.every((state, i) => {
      const other = b[i] as RandomArgument;
      return (
        state.index === other.index &&
        Object.is(state.gauss, other.gauss) &&
        state.mt.length === other.mt.length &&
        state.mt.every((word, k) => word === other.mt[k])
      );
    })
  );
}
