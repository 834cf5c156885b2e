/** What happened to the process running a learner's call, or to its import, in words. */
import type { CrashReason, ImportFailure, ThrownCall } from "../../core/outcomes.ts";

/** "ran out of memory", "was killed by SIGKILL": what the process did, after its subject. */
export function wordCrash(reason: CrashReason): string {
  switch (reason.code) {
    case "out-of-memory":
      return "ran out of memory";
    case "signal":
      return `was killed by ${reason.signal}`;
    case "exit":
      return `exited with code ${reason.exitCode} (process.exit?)`;
    case "protocol":
      return `sent the grader ${reason.what}, so it was stopped`;
    case "unresponsive":
      return "stopped answering before the call could start (code left running by the import or an earlier call: a timer, or an endless chain of promises?)";
  }
}

/** Why the module could not be loaded, in a sentence (its error's name: words/import-error.ts). */
export function importMessage(failure: ImportFailure): string {
  switch (failure.code) {
    case "threw":
      return failure.error.message;
    case "never-settles":
      return "the module's top-level code awaits a promise that never settles";
    case "too-many-exports":
      return "the module has too many exports to list";
    case "timeout":
      return `importing the module took longer than ${failure.limitMs} ms (code at the top level that never ends?)`;
    case "protocol":
      return `the module sent the grader ${failure.what} while being imported`;
    case "crashed":
      return `the module ${wordCrash(failure.reason)} while being imported`;
  }
}

/** A learner's function that threw: "forwardPropagation threw TypeError: …". */
export function wordThrown({ fn, name, message }: ThrownCall): string {
  return `${fn} threw ${name}: ${message}`;
}
