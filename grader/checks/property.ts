/**
 * Property-based tests of learner functions: fast-check generates inputs in the grader, the
 * learner's function is called through the sandbox like every other check, and the law is judged
 * here. Every run is seeded; a failure comes with fast-check's shrunk counterexample and the seed
 * and path that replay it. Runs are bounded in count and time, and a run cut short by the time
 * limit is reported as such, never as passed.
 */
import fc from "fast-check";
import {
  type Learner,
  LearnerCallFailed,
  PropertyFailure,
  type PropertySpec,
  type ThrownCall,
} from "../core/assignment.ts";
import { phraseOf, type Said, type Text, textOf } from "../core/phrase.ts";
import type { ErrorHint } from "../core/report.ts";
import { said } from "../words/en/phrases.ts";
import { batchedLearner } from "./batched-calls.ts";
import { errorHint } from "./error-hints.ts";
import { definedOf, type Judgement } from "./judge.ts";

export { PropertyFailure, type PropertySpec };

/** Ends a law's check: the values break the law, for the reason given (learner feedback). */
export function breaks(reason: Text): never {
  throw new PropertyFailure(reason);
}

export type PropertyOutcome =
  | { status: "passed"; seed: number; runs: number }
  /** A call failed in a way that ends the run (see endsTheRun); judged like any failed call. */
  | { status: "call-failed"; failure: LearnerCallFailed }
  | { status: "interrupted"; seed: number; runs: number; timeLimitMs: number }
  | {
      status: "failed";
      seed: number;
      /** fast-check's path to the shrunk counterexample: with the seed, replays it directly. */
      path: string;
      runs: number;
      shrinks: number;
      counterexample: Text;
      /** How the values break the law (the law's own words)... */
      reason?: Text;
      /** ...or the learner's function that threw on the counterexample. */
      thrown?: HintedThrow;
      /** Whether the learner's function threw (an error) rather than broke the law (a failure). */
      threw: boolean;
    };

export interface PropertyOptions {
  seed: number;
  numRuns: number;
  timeLimitMs: number;
  /** Replay a counterexample found earlier. */
  path?: string;
  /**
   * Check every input side by side first, their calls batched (`checkTogether`): for a function
   * that has returned values before. A stub's run ends at its first call instead, with no other
   * input drawn.
   */
  together?: boolean;
}

/** The learner's function and what it threw, when that is how the call failed. */
/** A call that threw, with what the error suggests, as for a test that called the function. */
type HintedThrow = ThrownCall & { hint?: ErrorHint };

function thrownOf({ fn, outcome }: LearnerCallFailed): HintedThrow | undefined {
  if (outcome.status !== "threw") return undefined;
  const { name, message, phrase } = outcome.error;
  const hint = errorHint(outcome.error);
  return { fn, name, message, ...(phrase ? { phrase } : {}), ...(hint ? { hint } : {}) };
}

/** What a failed call of the learner's code says, in a property's terms. */
function callFailure(error: LearnerCallFailed): Said {
  const { fn, outcome } = error;
  switch (outcome.status) {
    case "threw": {
      const { name, message, phrase } = outcome.error;
      return said("call.threw", {
        fn,
        name,
        message: phrase ? { text: message, phrase } : message,
      });
    }
    case "timeout":
      return said("call.timeout", { fn, limitMs: outcome.limitMs });
    case "crashed":
      return said("call.crashed", { fn, reason: outcome.reason });
    case "missing":
      return said("call.missing", { fn });
    case "import-failed":
      return said("call.import-failed", { failure: outcome.failure });
    case "refused":
      return said("call.refused", { fn, returned: outcome.returned, limit: outcome.limit });
    default:
      return said("call.failed", { fn });
  }
}

/**
 * Failures that end the run at once: a stub, a missing export or an unloadable module (no input
 * explains them), and a timeout or a crash (each would cost seconds for every shrinking step).
 */
function endsTheRun(error: LearnerCallFailed): boolean {
  const { outcome } = error;
  return (
    outcome.status === "missing" ||
    outcome.status === "import-failed" ||
    outcome.status === "timeout" ||
    outcome.status === "crashed" ||
    outcome.status === "refused" ||
    (outcome.status === "threw" && outcome.error.name === "NotImplementedError")
  );
}

/**
 * Shrinking steps tried after the first failure; later candidates count as passing, so that
 * shrinking ends with the smallest failure found so far. A count, not a time, so that the same
 * seed gives the same counterexample however busy the machine: each step of a gradient law is a
 * whole gradient check, and unbounded shrinking took 15 s and more.
 */
const MAX_SHRINK_STEPS = 100;

/**
 * Ends fast-check's run where it stands: without it, fast-check would still draw every remaining
 * input (or every remaining shrinking candidate) only for the predicate to skip it, which was a
 * tenth of grading the untouched stubs (each property's 29 other inputs).
 */
const endRun = () => new fc.PreconditionFailure(true);

/**
 * The inputs fast-check draws for a run of `numRuns` from `seed`: drawn by a run of its own that
 * judges nothing, so that they are those of the checked run by construction.
 */
async function drawnInputs<T>(
  arbitrary: fc.Arbitrary<T>,
  { seed, numRuns }: PropertyOptions,
): Promise<T[]> {
  const inputs: T[] = [];
  await fc.check(
    fc.asyncProperty(arbitrary, async (input) => {
      inputs.push(input);
    }),
    { seed, numRuns },
  );
  return inputs;
}

/** What checking a run's inputs side by side found. */
type Together =
  | { status: "held" }
  /** Past the time limit: `runs` inputs passed within it. */
  | { status: "late"; runs: number }
  /** A law broken, a call that failed or whose output is read: the run one at a time says. */
  | { status: "unsure" };

/**
 * Checks every input of the run side by side, their calls batched (batched-calls.ts): a few round
 * trips instead of one per call. Only a law that held for all of them within the time limit is
 * settled here; anything else is found, shrunk and worded by the run one input at a time.
 */
async function checkTogether<T>(
  spec: PropertySpec<T>,
  learner: Learner,
  options: PropertyOptions,
  deadline: number,
): Promise<Together> {
  const inputs = await drawnInputs(spec.arbitrary, options);
  // The first input that does not hold settles it: the run one input at a time says the rest.
  const unsure = new AbortController();
  const batched = batchedLearner(learner, unsure.signal);
  let inTime = 0;
  const results = await Promise.allSettled(
    inputs.map(async (input) => {
      try {
        await spec.check(batched, input);
      } catch (error) {
        unsure.abort(error);
        throw error;
      }
      if (performance.now() <= deadline) inTime++;
    }),
  );
  if (performance.now() > deadline) return { status: "late", runs: inTime };
  return results.every((result) => result.status === "fulfilled")
    ? { status: "held" }
    : { status: "unsure" };
}

export async function runProperty<T>(
  spec: PropertySpec<T>,
  learner: Learner,
  options: PropertyOptions,
): Promise<PropertyOutcome> {
  const deadline = performance.now() + options.timeLimitMs;
  if (options.together && !options.path) {
    const together = await checkTogether(spec, learner, options, deadline);
    const { seed, numRuns, timeLimitMs } = options;
    if (together.status === "held") return { status: "passed", seed, runs: numRuns };
    if (together.status === "late")
      return { status: "interrupted", seed, runs: together.runs, timeLimitMs };
  }
  const timeLeftMs = deadline - performance.now();
  if (timeLeftMs <= 0)
    return { status: "interrupted", seed: options.seed, runs: 0, timeLimitMs: options.timeLimitMs };
  let inputFree: LearnerCallFailed | undefined;
  let shrinkStepsLeft: number | undefined;
  const property = fc.asyncProperty(spec.arbitrary, async (input) => {
    // Out of shrinking steps: the smallest failure so far stands.
    if (shrinkStepsLeft !== undefined && shrinkStepsLeft-- <= 0) throw endRun();
    try {
      await spec.check(learner, input);
    } catch (error) {
      shrinkStepsLeft ??= MAX_SHRINK_STEPS;
      if (error instanceof LearnerCallFailed && endsTheRun(error)) {
        inputFree = error;
        throw endRun();
      }
      if (error instanceof LearnerCallFailed)
        throw new PropertyFailure(callFailure(error), "threw", thrownOf(error));
      throw error;
    }
  });
  const details = await fc.check(property, {
    seed: options.seed,
    numRuns: options.numRuns,
    interruptAfterTimeLimit: timeLeftMs,
    markInterruptAsFailure: false,
    ...(options.path ? { path: options.path } : {}),
  });
  if (inputFree) return { status: "call-failed", failure: inputFree };
  if (!details.failed) {
    return details.interrupted
      ? {
          status: "interrupted",
          seed: details.seed,
          runs: details.numRuns,
          timeLimitMs: options.timeLimitMs,
        }
      : { status: "passed", seed: details.seed, runs: details.numRuns };
  }
  const error = details.errorInstance;
  if (!(error instanceof PropertyFailure)) {
    // Not the law failing but the property's own code: a bug of gradecheck.
    if (details.counterexample === null)
      throw new Error(`property "${textOf(spec.law)}" failed without a counterexample`);
    throw error instanceof Error ? error : new Error(String(error));
  }
  const [input] = details.counterexample as [T];
  return {
    status: "failed",
    seed: details.seed,
    path: details.counterexamplePath ?? "",
    runs: details.numRuns,
    shrinks: details.numShrinks,
    counterexample: spec.describe(input),
    ...(error.thrown ? { thrown: error.thrown } : { reason: error.reason }),
    threw: error.kind === "threw",
  };
}

/** A property's run as a judgement: its status, and the law, the seed and what was found. */
export function propertyJudgement(
  law: Text,
  outcome: Exclude<PropertyOutcome, { status: "call-failed" }>,
  /** The run's time limit, reported when the run was cut short by it. */
  timeLimitMs: number,
): Judgement {
  const common = { law: textOf(law), seed: outcome.seed, runs: outcome.runs };
  const lawPhrase = phraseOf(law);
  const phrases = lawPhrase ? { phrases: { law: lawPhrase } } : {};
  switch (outcome.status) {
    case "failed": {
      const found = definedOf({
        law: lawPhrase,
        counterexample: phraseOf(outcome.counterexample),
        reason: phraseOf(outcome.reason),
      });
      return {
        status: outcome.threw ? "error" : "failed",
        details: {
          type: "property",
          ...common,
          outcome: "failed",
          path: outcome.path,
          shrinks: outcome.shrinks,
          counterexample: textOf(outcome.counterexample),
          ...(outcome.thrown
            ? { thrown: outcome.thrown }
            : { reason: textOf(outcome.reason ?? "") }),
          ...(Object.keys(found).length > 0 ? { phrases: found } : {}),
        },
      };
    }
    case "interrupted":
      return {
        status: "timeout",
        details: { type: "property", ...common, outcome: "interrupted", timeLimitMs, ...phrases },
      };
    case "passed":
      return {
        status: "passed",
        details: { type: "property", ...common, outcome: "passed", ...phrases },
      };
  }
}
