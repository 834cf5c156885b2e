/**
 * Every temporary folder a grader process makes (staged submissions, bundles, type checks) lies in
 * one folder of its own under TMPDIR, `gradecheck-run-<pid>-XXXXXX`. It goes when the process
 * exits; `removeTemporaryFolders` lets the command line remove it on a signal too; and a process
 * that died without either (killed, or out of memory) has its folder removed by the next grader
 * to start, which sees that its pid is gone.
 */
import { chmodSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { constants, tmpdir } from "node:os";
import { join } from "node:path";

const PREFIX = "gradecheck-run-";
const OWN = /^gradecheck-run-(\d+)-/;

let runFolder: string | undefined;

/** Whether a process with this pid exists (one of another user's counts). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === "EPERM";
  }
}

/** Removes the run folders of grader processes that are gone. */
export function sweepAbandonedFolders(parent = tmpdir()): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return removed;
  }
  for (const name of names) {
    const pid = Number(OWN.exec(name)?.[1]);
    if (!Number.isSafeInteger(pid) || pid === process.pid || alive(pid)) continue;
    try {
      rmSync(join(parent, name), { recursive: true, force: true });
      removed.push(name);
    } catch {
      // Another user's, or already gone: not ours to worry about.
    }
  }
  return removed;
}

/** This process's run folder, made (and abandoned ones swept) on first use. */
function ownFolder(): string {
  if (runFolder) return runFolder;
  sweepAbandonedFolders();
  const made = mkdtempSync(join(tmpdir(), `${PREFIX}${process.pid}-`));
  // Others may pass through (the sandboxed child, run as nobody, reaches its own 0700 folder
  // inside) but not list it.
  chmodSync(made, 0o711);
  runFolder = made;
  process.once("exit", removeTemporaryFolders);
  return made;
}

/** A fresh folder (mode 0700) inside this process's run folder. */
export function temporaryFolder(prefix: string): string {
  return mkdtempSync(join(ownFolder(), prefix));
}

/** Removes the run folder and everything in it (at exit, or when a signal ends the process). */
export function removeTemporaryFolders(): void {
  if (!runFolder) return;
  rmSync(runFolder, { recursive: true, force: true });
  runFolder = undefined;
}

/**
 * Ends the process on SIGINT, SIGTERM or SIGHUP through `process.exit`, so that its exit handlers
 * run (the sandbox's children are killed, the run folder removed), with the shell's usual code.
 * A signal that comes twice (^C reaches a relaunched command from the terminal and from its
 * parent) ends it the same way. For the command line only: a library leaves signals to its host.
 * Returns what undoes it (a command that hands its work to a new process waits for that instead).
 */
export function exitCleanlyOnSignals(): () => void {
  const handlers = (["SIGINT", "SIGTERM", "SIGHUP"] as const).map((signal) => {
    const exit = () => process.exit(128 + (constants.signals[signal] ?? 0));
    process.on(signal, exit);
    return () => process.off(signal, exit);
  });
  return () => {
    for (const undo of handlers) undo();
  };
}
