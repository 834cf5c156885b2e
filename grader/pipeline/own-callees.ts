/**
 * When the learner's own functions may answer for the reference's. Pure: verdicts in, a decision out.
 *
 * Judged alone, a function's calls of the assignment's other functions are answered by the
 * reference: a round trip to the grader each, four an iteration of nnModel's training loop, some
 * 1400 for its visible tests alone. While every function a test's function calls, directly or not,
 * passes every test of its own, the test runs first with the learner's own functions answering, in
 * the child (`Sandbox.withOwnCallees`), on copies of the inputs and with copies of their values, as
 * the reference's answers come: the two runs then differ only in the values those functions
 * return, which their own tests found right. Which functions answered is known once the test has
 * run (a law may call several functions: backwardPropagation's gradient check calls
 * forwardPropagation, which calls sigmoid). A failure so run says nothing about the function
 * judged: it is graded again with the reference answering. A pass stands once every test of its
 * callees is in and none failed; otherwise it too is graded again that way. A test whose calls
 * call no other function ran as it would have with the reference answering: it stands as it is.
 */
import { type AssignmentCases, callTree } from "../core/assignment.ts";
import type { PlannedTest, TestSpec } from "../core/manifest.ts";
import type { Caller } from "../core/outcomes.ts";
import type { TestReport } from "../core/report.ts";

/**
 * The functions whose answers calls of `called` take from the learner's own: all they call,
 * directly or not.
 */
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

/** `caller`, noting the name of every function called through it in `called`. */
export function noting(caller: Caller, called: Set<string>): Caller {
  return {
    call: (fn, args, limit, repeat) => {
      called.add(fn);
      return caller.call(fn, args, limit, repeat);
    },
    callMany: (fn, batch, limit) => {
      called.add(fn);
      return caller.callMany(fn, batch, limit);
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
