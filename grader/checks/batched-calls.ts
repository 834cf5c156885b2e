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
import type { Then } from "../core/outcomes.ts";

/** A check asked for something only a call of its own can give. */
class NotBatched extends Error {
  constructor(what: string) {
    super(`${what} is not made in a batch`);
  }
}

/**
 * Calls per batch, at most: one batch has one call's time limit, and a batch that fails sends every
 * input back to be checked alone. A gradient law's run makes over a thousand small calls; in
 * batches of this size they take about fifteen round trips, each a few milliseconds of the child's.
 */
export const MAX_BATCH = 128;

interface Pending {
  fn: string;
  args: unknown[];
  /** A chained call's second function (`Functions.callChained`): it batches with its own kind. */
  then?: Then;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Calls that can go in one batch: of one function, chained to the same second one, if any. */
const kindOf = ({ fn, then }: Pending) =>
  then
    ? JSON.stringify([fn, then.fn, then.from, then.args, then.keep ?? null])
    : JSON.stringify([fn]);

/**
 * `learner`, its calls batched. Once `stop` is aborted, batches not sent yet are not sent: their
 * calls fail with its reason (the checks that still wait on them are of no use any more).
 */
export function batchedLearner(learner: Learner, stop?: AbortSignal): Learner {
  let pending: Pending[] = [];
  let scheduled = false;
  const send = (group: Pending[]) => {
    const { fn, then } = group[0] as Pending;
    const batch = group.map((call) => call.args);
    return then && learner.callChained
      ? learner.callChained(fn, batch, then)
      : learner.callMany(fn, batch);
  };
  // One batch after the other, as the sandbox would serve them anyway, so that those still
  // waiting when `stop` is aborted need never go.
  const sendInTurn = async (groups: Pending[][]) => {
    for (const group of groups) {
      if (stop?.aborted) {
        for (const call of group) call.reject(stop.reason);
        continue;
      }
      await send(group).then(
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
  // Once every check waiting on a call has made it: the microtasks of the checks have all run.
  const flush = () => {
    scheduled = false;
    const calls = pending;
    pending = [];
    const byKind = new Map<string, Pending[]>();
    for (const call of calls) {
      const key = kindOf(call);
      const group = byKind.get(key);
      if (group) group.push(call);
      else byKind.set(key, [call]);
    }
    const groups: Pending[][] = [];
    for (const all of byKind.values())
      for (let start = 0; start < all.length; start += MAX_BATCH)
        groups.push(all.slice(start, start + MAX_BATCH));
    void sendInTurn(groups);
  };
  const queued = (fn: string, args: unknown[], then?: Then) =>
    new Promise((resolve, reject) => {
      pending.push({ fn, args, ...(then ? { then } : {}), resolve, reject });
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    });
  const batched: Learner = {
    get others(): Functions {
      // Judged with its own other functions (no reference here), those are batched too.
      return learner.others === learner ? batched : learner.others;
    },
    call: (fn, args) => queued(fn, args),
    callMany: (fn, batch) => Promise.all(batch.map((args) => queued(fn, args))),
    ...(learner.callChained
      ? {
          callChained: (fn: string, batch: unknown[][], then: Then) =>
            Promise.all(batch.map((args) => queued(fn, args, then))),
        }
      : {}),
    callPrinting: () => Promise.reject(new NotBatched("a call whose output is read")),
  };
  return batched;
}
