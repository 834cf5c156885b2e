/**
 * Runs a session check (one that makes calls of its own, such as a gradient check): gives it the
 * learner's module through the sandbox, and turns what happened into a judgement. A call that does
 * not return ends the check and is judged like any failed call, naming the function that failed;
 * so does a call that returns far more than its inputs hold (judge.ts's `sizeRefusal`), before the
 * check's code sees the value.
 */

import type { CaseData, CaseParams } from "../core/assignment.ts";
import {
  type Functions,
  type Learner,
  LearnerCallFailed,
  type SessionCheck,
  type SessionOutcome,
} from "../core/assignment.ts";
import {
  type Caller,
  type CallLimit,
  type CallOutcome,
  chainValue,
  firstArguments,
  keptPart,
  secondArguments,
} from "../core/outcomes.ts";
import { CappedText, decode, decodeMessage, encode, type Wire } from "../core/values.ts";
import { checkJudgement, type Judgement, judgeFailedCall, sizeRefusal } from "./judge.ts";

export interface SessionResult {
  judgement: Judgement;
  /** The function the message is about: the check's own, or a called one that failed. */
  fn: string;
  output: string;
}

function failed(fn: string, outcome: CallOutcome): never {
  throw new LearnerCallFailed(fn, outcome);
}

/** The values returned, unless they are too many for the inputs they came from. */
function sized<T extends Wire>(fn: string, values: T[], inputs: Wire[], output: string): T[] {
  const refusal = sizeRefusal(values, inputs);
  return refusal ? failed(fn, { status: "refused", ...refusal, output }) : values;
}

/** A batch's values, decoded, each sized against its own inputs as the same calls one by one. */
function batchValues(fn: string, values: Wire[], wired: Wire[][], output: string): unknown[] {
  return values.map((value, i) => {
    const [sizedValue] = sized(fn, [value], wired[i] ?? [], output);
    return decodeMessage(sizedValue as Wire);
  });
}

/**
 * The learner's module for code in the grader that calls it (session checks, properties): calls
 * go through the sandbox, values come back decoded, and anything printed is collected.
 */
export function makeLearner(
  sandbox: Caller,
  /** Each call's limit. */
  limit: CallLimit,
  /** The other functions, when they are not the learner's own (see `Learner.others`). */
  others?: Functions,
  /**
   * Whether a chain from this function is worth trying: not where its calls are known to fail (a
   * stub), which the two calls in turn say anyway, at the cost of a round trip more.
   */
  chains: (fn: string) => boolean = () => true,
): { learner: Learner; output: () => string } {
  // Many calls, one test: the test keeps the same output a single call would.
  const printed = new CappedText();
  const collect = (text: string) => printed.add(text);
  const learner: Learner = {
    get others() {
      return others ?? learner;
    },
    async call(name, args) {
      return (await learner.callPrinting(name, args)).value;
    },
    async callPrinting(name, args) {
      const wired = args.map((a) => encode(a));
      const outcome = await sandbox.call(name, wired, limit);
      if ("output" in outcome) collect(outcome.output);
      if (outcome.status !== "returned") return failed(name, outcome);
      const [value] = sized(name, [outcome.value], wired, outcome.output);
      return { value: decodeMessage(value as Wire), printed: outcome.output };
    },
    async callMany(name, batch) {
      const wired = batch.map((args) => args.map((a) => encode(a)));
      const outcome = await sandbox.callMany(name, wired, limit);
      if ("output" in outcome) collect(outcome.output);
      if (outcome.status !== "batch") return failed(name, outcome);
      const values: Wire[] = [];
      for (const item of outcome.items) {
        if ("error" in item)
          failed(name, { status: "threw", error: item.error, argsAfter: [], output: "", ms: 0 });
        values.push(item.value);
      }
      return batchValues(name, values, wired, outcome.output);
    },
    async callChained(name, batch, then) {
      if (chains(name)) {
        const wired = batch.map((args) => args.map((a) => encode(a)));
        const outcome = await sandbox.callMany(name, wired, limit, then);
        const items = outcome.status === "batch" ? outcome.items : [];
        const values = items.flatMap((item) => ("value" in item ? [item.value] : []));
        if (values.length === batch.length) {
          collect(outcome.output);
          return batchValues(then.fn, values, wired, outcome.output);
        }
      }
      // Something failed, in one function or the other: the two called in turn say which, and
      // what it did, as they would have without the chain.
      const firsts = await learner.callMany(
        name,
        batch.map((args) => firstArguments(then, args)),
      );
      const seconds = await learner.callMany(
        then.fn,
        firsts.map((first, i) => secondArguments(then, first, batch[i] ?? [])),
      );
      return seconds.map((second, i) => chainValue(then, keptPart(then, firsts[i]), second));
    },
  };
  return { learner, output: () => printed.text };
}

export async function runSession(
  check: SessionCheck,
  fn: string,
  sandbox: Caller,
  prepared: CaseData,
  params: CaseParams,
  /** Each call's limit. */
  limit: CallLimit,
  others?: Functions,
  chains?: (fn: string) => boolean,
): Promise<SessionResult> {
  const { learner, output } = makeLearner(sandbox, limit, others, chains);
  const expected = async () => {
    const answer = await prepared.expected();
    return answer === undefined ? undefined : decode(answer);
  };
  let result: SessionOutcome;
  try {
    result = await check.run(learner, prepared.args.map(decode), expected, params);
  } catch (error) {
    if (!(error instanceof LearnerCallFailed)) throw error;
    const { outcome } = error;
    if (outcome.status === "returned" || outcome.status === "batch") throw error;
    return { judgement: judgeFailedCall(error.fn, outcome), fn: error.fn, output: output() };
  }
  const judgement = checkJudgement(result.failure, result.values, result.gradients);
  return { judgement, fn, output: output() };
}
