/** What happened to the process running a learner's call, in words. */
import type { CrashReason } from "../core/outcomes.ts";

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
