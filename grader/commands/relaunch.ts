/**
 * Starts this same command again in a new Node process with V8 flags added, for a command that
 * runs long enough to want them: Node reads V8's flags at start only (`v8.setFlagsFromString`
 * cannot change how the heap is collected once it runs). The new process gets the terminal and
 * every signal sent to this one, and this one ends as it ends.
 */
import { spawn } from "node:child_process";
import { constants } from "node:os";

/** Whether this process already runs with every flag of `flags` (by name, whatever its value). */
export function runsWith(flags: readonly string[]): boolean {
  const names = process.execArgv.map((flag) => flag.split("=")[0]);
  return flags.every((flag) => names.includes(flag.split("=")[0]));
}

const FORWARDED = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/** Runs `node <this process's flags> <flags> <script and arguments>`; resolves to its exit code. */
export function relaunchWith(flags: readonly string[]): Promise<number> {
  const child = spawn(process.execPath, [...process.execArgv, ...flags, ...process.argv.slice(1)], {
    stdio: "inherit",
  });
  // A signal to this process (a CI's timeout, or ^C, which the terminal sends to both) goes on to
  // the new one, which ends cleanly (its temporary folders removed); this one waits for it.
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  for (const signal of FORWARDED) process.on(signal, forward);
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      for (const name of FORWARDED) process.off(name, forward);
      resolve(code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0));
    });
  });
}
