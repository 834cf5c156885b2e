/**
 * The grader's side of the stand-ins (`sandbox/stand-ins.ts`): while a function is judged alone,
 * each call it makes of another function of the assignment is answered here with the reference's.
 * The inputs are the learner's code's choice, so they are bounded before the reference runs
 * (their size, what the reference may allocate for them, the time left to the call) and anything
 * the reference throws is an answer, never a fault of the grader's.
 */
import { RandomState } from "../../assignments/lib/np.ts";
import { withAllocationLimit } from "../../assignments/lib/storage.ts";
import type { AssignmentCases, Functions, Reference } from "../core/assignment.ts";
import {
  cutText,
  decodeMessage,
  encode,
  entriesOf,
  freshBudget,
  shapeNotation,
  type Wire,
} from "../core/values.ts";
import type { OracleRequest, OwnCallees, RandomArgument } from "../sandbox/protocol.ts";
import type { OracleAnswer } from "../sandbox/sandbox.ts";
import { said } from "../words/en/phrases.ts";
import type { StandIns } from "./substitute.ts";

/**
 * Values in one call's inputs, unless the manifest says otherwise (`limits.standInEntries`): far
 * above the planar assignment's own (X is 2 × 400).
 */
export const ORACLE_INPUT_ENTRIES = 1 << 16;
/** Array entries the reference may allocate for one call, per value it may take in. */
export const ORACLE_ALLOCATION_PER_ENTRY = 16;

/** The oracle's limits, for the learner's own functions answering in the child. */
export type OwnCalleeLimits = Omit<OwnCallees, "functions">;

/**
 * The same limits, for the learner's own functions answering in the child (`OwnCallees`), with
 * the arguments the reference's `callers` cannot do without.
 */
export function ownCalleeLimits(
  reference: Reference,
  callers: StandIns,
  inputEntries = ORACLE_INPUT_ENTRIES,
): OwnCalleeLimits {
  const served = servedBy(reference, Object.keys(callers));
  const required = Object.keys(callers).map((fn) => [fn, served(fn)?.length ?? 0]);
  return {
    inputEntries,
    allocationPerEntry: ORACLE_ALLOCATION_PER_ENTRY,
    required: Object.fromEntries(required),
  };
}

/** Answers a stand-in's request, made while `judged` (a function of the learner's) is called. */
export type Oracle = (request: OracleRequest, budgetMs: number, judged: string) => OracleAnswer;

/**
 * The functions stood in for, each with the functions that call it (the manifest's `calls`): a
 * function judged alone is answered with the reference's value only where it calls one of its own
 * callees. Any other call of the assignment's functions (its own name, or a function it does not
 * call, whose reference could compute its answer: the logistic assignment's optimize makes
 * propagate's gradients) runs the learner's own code, as without stand-ins. Functions no other
 * calls (nnModel, predict) are not stood in for.
 */
export function standIns(cases: Pick<AssignmentCases, "functions">): StandIns {
  const callers: Record<string, string[]> = {};
  for (const [caller, fn] of Object.entries(cases.functions))
    for (const name of fn.calls ?? []) callers[name] = [...(callers[name] ?? []), caller];
  return callers;
}

export type Run = (...values: unknown[]) => unknown;

/** The reference's function `fn`, if it is one of `names` (the ones stood in for). */
function servedBy(reference: Reference, names: readonly string[]): (fn: string) => Run | undefined {
  const served = new Set(names);
  return (fn) =>
    served.has(fn) && Object.hasOwn(reference, fn) ? (reference[fn] as Run) : undefined;
}

/** The reference's functions of `names`, called in the grader (a law's helper calls). */
export function referenceFunctions(reference: Reference, names: readonly string[]): Functions {
  const served = servedBy(reference, names);
  const run = (fn: string, args: unknown[]) => {
    const f = served(fn);
    if (!f) throw new Error(`gradecheck bug: ${fn} is not a function the grader stands in for`);
    return f(...args);
  };
  return {
    call: async (fn, args) => run(fn, args),
    callMany: async (fn, batch) => batch.map((args) => run(fn, args)),
    local: served,
  };
}

export function referenceOracle(
  reference: Reference,
  cases: Pick<AssignmentCases, "functions">,
  inputEntries = ORACLE_INPUT_ENTRIES,
): Oracle {
  const callers = standIns(cases);
  const served = servedBy(reference, Object.keys(callers));
  return ({ fn, args, randoms }, budgetMs, judged) => {
    const run = served(fn);
    if (!run) return { refused: said("standIn.not-served", { fn }) };
    // The stand-ins in the child ask for a function's own callees only (stand-ins.ts): whatever
    // else asks is code of the learner's, after an answer it is not to have.
    if (!callers[fn]?.includes(judged))
      return { refused: said("standIn.not-called", { fn, judged }) };
    if (budgetMs <= 0) return { refused: said("standIn.time-up", { fn }) };
    const entries = args.reduce<number>((sum, arg) => sum + entriesOf(arg), 0);
    if (entries > inputEntries)
      return { refused: said("standIn.too-many", { fn, entries, limit: inputEntries }) };
    const inputs = args.map(decodeMessage);
    const generators = new Map<number, RandomState>();
    for (const { index, mt, gauss } of randoms) {
      const rng = new RandomState(0);
      try {
        rng.setState({ mt, gauss });
      } catch (error) {
        return { refused: said("standIn.unreadable-generator", { fn, why: String(error) }) };
      }
      generators.set(index, rng);
      inputs[index] = rng;
    }
    let value: unknown;
    try {
      value = withAllocationLimit(inputEntries * ORACLE_ALLOCATION_PER_ENTRY, () => run(...inputs));
    } catch (error) {
      const names = cases.functions[fn]?.argNames ?? [];
      const message = error instanceof Error ? error.message : String(error);
      const reason = cutText(inLearnersNames(message, run, names), 500);
      const inputs = passed(args, names, randoms);
      return { refused: said("standIn.reference-failed", { fn, inputs, reason }) };
    }
    const after: RandomArgument[] = [...generators].map(([index, rng]) => {
      const { mt, gauss } = rng.getState();
      return { index, mt: [...mt], gauss };
    });
    // Written into the answer's message at once (or compared, and dropped): no copies kept.
    return { value: encode(value, freshBudget(), "shared"), randoms: after };
  };
}

/**
 * What the learner's code passed a stand-in, as the summary's "called with" line shows a case: a
 * generator (its state sent apart, a null in `args`) as such.
 */
function passed(
  args: readonly Wire[],
  names: readonly string[],
  randoms: readonly RandomArgument[],
): string {
  const generators = new Set(randoms.map(({ index }) => index));
  const shown = args.map(
    (arg, i) =>
      `${names[i] ?? `argument ${i + 1}`} ${generators.has(i) ? "RandomState" : shapeNotation(arg)}`,
  );
  return cutText(shown.join(", "), 400);
}

/**
 * The reference's error in the names the learner knows. The single-script build (one scope for
 * every module) renames a function's parameter where another module declares the same name at its
 * top (`cache` becomes `cache2`), and V8 quotes the renamed one ("Cannot destructure property 'A1'
 * of 'cache2'"). The function's own text says which of its parameters were renamed: the argument
 * names at their places are given back; nothing else is touched.
 */
export function inLearnersNames(text: string, run: Run, argNames: readonly string[]): string {
  const list = /^[^(]*\(([^)]*)\)/.exec(String(run))?.[1] ?? "";
  let named = text;
  list.split(",").forEach((parameter, i) => {
    const bundled = /^\s*([\w$]+)\s*$/.exec(parameter.split("=")[0] ?? "")?.[1];
    const name = argNames[i];
    if (!bundled || !name || !new RegExp(`^${escaped(name)}\\d+$`).test(bundled)) return;
    named = named.replace(new RegExp(`(?<![\\w$])${escaped(bundled)}(?![\\w$])`, "g"), name);
  });
  return named;
}

const escaped = (name: string) => name.replace(/\$/g, "\\$");
