/**
 * The learner's module for checks that run side by side (a property's inputs, all at once): the
 * calls they make while each waits on the others go to the sandbox together, one batch per
 * function (`callMany`), instead of one round trip each. A round trip costs both processes a
 * wake-up and the event loop's work on each side, far more than a law's small call itself. A
 * check's own batches (a gradient law's perturbed points) join the others' the same way.
 *
 * A call whose output a check reads (`callPrinting`) has no place in a batch, which prints as one:
 * it fails with NotBatched, and the caller checks the old way.
 */
import type { Functions, Learner } from "../core/assignment.ts";

/** A check asked for something only a call of its own can give. */
class NotBatched extends Error {
  constructor(what: string) {
    super(`${what} is not made in a batch`);
  }
}

/**
 * Calls per batch, at most: one batch has one call's time limit, and a batch that fails sends every
 * input back to be checked alone. A gradient law's run makes thousands of small calls; in batches
 * of this size they take a few dozen round trips, each a few milliseconds of the child's work.
 */
export const MAX_BATCH = 128;

interface Pending {
  fn: string;
  args: unknown[];
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export function batchedLearner(learner: Learner): Learner {
  let pending: Pending[] = [];
  let scheduled = false;
  // Once every check waiting on a call has made it: the microtasks of the checks have all run.
  const flush = () => {
    scheduled = false;
    const calls = pending;
    pending = [];
    const byFunction = new Map<string, Pending[]>();
    for (const call of calls) {
      const group = byFunction.get(call.fn);
      if (group) group.push(call);
      else byFunction.set(call.fn, [call]);
    }
    for (const [fn, all] of byFunction)
      for (let start = 0; start < all.length; start += MAX_BATCH) {
        const group = all.slice(start, start + MAX_BATCH);
        learner
          .callMany(
            fn,
            group.map((call) => call.args),
          )
          .then(
            (values) => {
              group.forEach((call, i) => {
                call.resolve(values[i]);
              });
            },
            (error: unknown) => {
              for (const call of group) call.reject(error);
            },
          );
      }
  };
  const batched: Learner = {
    get others(): Functions {
      // Judged with its own other functions (no reference here), those are batched too.
      return learner.others === learner ? batched : learner.others;
    },
    call(fn, args) {
      return new Promise((resolve, reject) => {
        pending.push({ fn, args, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
    callMany: (fn, batch) => Promise.all(batch.map((args) => batched.call(fn, args))),
    callPrinting: () => Promise.reject(new NotBatched("a call whose output is read")),
  };
  return batched;
}
