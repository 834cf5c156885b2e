/**
 * Learner-facing wording of a test's result, derived from its structured details (worded last):
 * headline with the function and the output, then expected vs actual, then the hint.
 */

import type { ImportFailure } from "../../core/outcomes.ts";
import type { Details } from "../../core/report.ts";
import { importErrorName } from "../import-error.ts";
import { messageNumber } from "../numbers.ts";
import { namingRule, wordErrorHint, wordHint } from "./hints.ts";
import { importMessage, wordCrash, wordThrown } from "./outcomes.ts";

function loadFailure(failure: ImportFailure): string {
  return `${importErrorName(failure)}: ${importMessage(failure)}`;
}

import { wordNotRun } from "./pipeline.ts";

function where(path: string, index: number[] = []): string {
  const base = path === "" ? "the result" : path;
  return index.length > 0 ? `${base}[${index.join(",")}]` : base;
}

function withHint(text: string, hint: string | undefined): string {
  return hint ? `${text} Hint: ${hint}${/[.?!]$/.test(hint) ? "" : "."}` : text;
}

export function wordMessage(fn: string, details: Details): string {
  switch (details.type) {
    case "passed":
      return "passed";
    case "mismatch":
      return withHint(
        `${fn}: ${wordMismatch(details)}`,
        details.hint ? wordHint(details.hint) : undefined,
      );
    case "mutated-input":
      return `${fn} changed its argument ${details.argument} in place (${details.path}): leave the inputs alone and return new arrays.`;
    case "nondeterministic":
      return `${fn} returned different results for the same call made twice (${where(details.path)}): does it depend on something other than its arguments?`;
    case "check":
      return withHint(`${fn}: ${details.message.replace(/\.$/, "")}.`, details.hint);
    case "error": {
      const place = details.at
        ? ` (at ${details.at}${details.line ? `, in \`${details.line}\`` : ""})`
        : "";
      return withHint(
        `${fn} threw ${details.name}: ${details.message}${place}`,
        details.hint ? wordErrorHint(details.hint) : undefined,
      );
    }
    case "property":
      if (details.outcome === "passed") return "passed";
      if (details.outcome === "interrupted") {
        return `${fn}: the law "${details.law}" was checked on ${details.runs} inputs before the ${details.timeLimitMs} ms limit ran out: not judged (too slow?).`;
      }
      return (
        withHint(
          `${fn}: the law "${details.law}" fails for ${details.counterexample}: ${details.thrown ? wordThrown(details.thrown) : details.reason}.`,
          details.thrown?.hint && wordErrorHint(details.thrown.hint),
        ) +
        ` (Smallest input found after ${details.shrinks} shrink${details.shrinks === 1 ? "" : "s"}; fast-check seed ${details.seed}, path "${details.path}" replay it.)`
      );
    case "import-failed":
      return `the submission could not be loaded, so ${fn} could not be called: ${loadFailure(details.failure)}.`;
    case "timeout":
      return `${fn} did not return within ${details.limitMs} ms (an endless loop, or far too slow).`;
    case "crashed":
      return `the process running ${fn} ${wordCrash(details.reason)}.`;
    case "missing":
      return details.reason === "not-implemented"
        ? `${fn} is not implemented yet.`
        : `the submission does not export a function named ${fn}.`;
    case "not-run":
      return `${fn}: not run: ${wordNotRun(details.reason)}.`;
    case "build":
      return "the submission does not compile.";
  }
}

function wordMismatch(m: Extract<Details, { type: "mismatch" }>): string {
  switch (m.problem) {
    case "type":
      return `${where(m.path)} is ${m.actual}, expected ${m.expected}.`;
    case "missing-key":
      return m.other === undefined
        ? `${where(m.path)} has no "${m.key}".`
        : `${where(m.path)} has no "${m.key}", but "${m.other}": ${namingRule(m.key, m.other)}.`;
    case "length":
      return `${where(m.path)} has ${m.actual} ${m.actual === 1 ? "entry" : "entries"}, expected ${m.expected}.`;
    case "shape":
      return `${where(m.path)} has shape (${m.actual.join(",")}), expected (${m.expected.join(",")}).`;
    case "value": {
      const share = m.total > 1 ? ` ${m.wrong} of ${m.total} entries are off.` : "";
      // A NaN or an infinity is no distance from the expected value: no tolerance is compared.
      const error = Number.isFinite(m.error)
        ? ` (error ${messageNumber(m.error)} > ${messageNumber(m.tolerance.atol)} + ${messageNumber(m.tolerance.rtol)}·|expected|)`
        : "";
      return `${where(m.path, m.index)} is ${messageNumber(m.actual)}, expected ${messageNumber(m.expected)}${error}.${share}`;
    }
  }
}
