/**
 * How a sandboxed child is started, as a value (`childLaunch`), and children started before their
 * sandbox (`startSpare`): the command line starts the child a grade is sure to need while the
 * grader's own modules are still loading, which takes as long as Node's start in the child. A
 * spare is taken only by a sandbox that would start the very same command (program, arguments,
 * folder, environment, user, process group), so it is the child that sandbox would have started,
 * only started earlier; a spare no sandbox takes is killed.
 */
import { type ChildProcess, type SpawnOptions, spawn } from "node:child_process";
import { chownSync } from "node:fs";
import { dirname, join } from "node:path";
import { type Isolation, launchCommand, memoryLimitMb, unreachableFolder } from "./isolation.ts";
import { CHILD_ENVIRONMENT, START_MODULE } from "./protocol.ts";
import { OPTIMISE_LATER } from "./tiering.ts";

/** What decides how a child is started. */
export interface LaunchOptions {
  /** The bundle folder, with the runtime in it: the only place the child may read. */
  dir: string;
  heapMb: number;
  cpuSeconds: number;
  optimiseLater?: boolean;
}

/** A child's command, and the options of its process. */
export interface Launch {
  file: string;
  args: string[];
  options: SpawnOptions & { detached: boolean };
}

function permissionFlag(): string {
  const major = Number(process.versions.node.split(".")[0]);
  return major >= 22 ? "--permission" : "--experimental-permission";
}

/** How a child of a bundle in `dir` starts under `protections`. Pure. */
export function childLaunch(
  { dir, heapMb, cpuSeconds, optimiseLater }: LaunchOptions,
  protections: Isolation,
): Launch {
  const nodeArgs = [
    permissionFlag(),
    `--allow-fs-read=${dir}`,
    `--max-old-space-size=${heapMb}`,
    "--enable-source-maps",
    "--no-warnings",
    // One thread collects garbage, the child's own: V8's helper threads would compete for the
    // cores the other children and the grader are using (a class of 20 graded with --jobs 2
    // took 5% less CPU in all), and a learner's process has no idle core to lend them.
    "--single-threaded-gc",
    ...(optimiseLater ? OPTIMISE_LATER : []),
    join(dir, START_MODULE),
  ];
  const { file, args } = launchCommand(protections, nodeArgs, {
    cpuSeconds,
    memoryMb: memoryLimitMb(heapMb),
  });
  return {
    file,
    args,
    options: {
      cwd: dir,
      env: { ...CHILD_ENVIRONMENT },
      // 3: results and requests from the child; 4: the grader's answers to its stand-ins.
      stdio: ["pipe", "pipe", "pipe", "pipe", "pipe"],
      // A process group of its own: "signal my group" (process.kill(0)) reaches only the child.
      detached: protections.processGroup,
      // Run as root, the grader gives the child an unprivileged user: it cannot signal the grader
      // (process.kill(process.ppid)) or any other process that is not its own.
      ...(protections.unprivilegedUser ?? {}),
    },
  };
}

/**
 * Makes the bundle folder `dir` (0700 from mkdtemp) the child's: no other user may read it.
 * Throws when the unprivileged user could not reach it.
 */
export function giveFolder(protections: Isolation, dir: string): void {
  const user = protections.unprivilegedUser;
  if (!user) return;
  const problem = unreachableFolder(protections, dirname(dir));
  if (problem) throw new Error(problem);
  chownSync(dir, user.uid, user.gid);
}

/** Kills a child started by `launch`, and whatever it started in its group. */
export function killChild(child: ChildProcess, launch: Launch): void {
  // No pid: it never started. Node would signal process 0 for it, the grader's own group.
  if (child.pid === undefined) return;
  try {
    // The whole group: the shell, unshare and node, whichever are alive.
    if (launch.options.detached) process.kill(-child.pid, "SIGKILL");
    else child.kill("SIGKILL");
  } catch {
    // Already gone.
  }
}

const spares = new Map<string, { child: ChildProcess; launch: Launch }>();

const keyOf = ({ file, args, options }: Launch) =>
  JSON.stringify([
    file,
    args,
    options.cwd,
    options.env,
    options.detached,
    options.uid,
    options.gid,
  ]);

/** Starts a child as `launch` says, for the sandbox that will start the same (`startChild`). */
export function startSpare(launch: Launch): ChildProcess {
  const key = keyOf(launch);
  const waiting = spares.get(key);
  if (waiting) return waiting.child;
  const child = spawn(launch.file, launch.args, launch.options);
  // A spare that cannot start is not there to take; the sandbox then starts its own.
  child.on("error", () => {
    if (spares.get(key)?.child === child) spares.delete(key);
  });
  spares.set(key, { child, launch });
  return child;
}

/** How many spares wait for their sandbox. */
export function sparesWaiting(): number {
  return spares.size;
}

/** A child started as `launch` says: the spare started so, while it is alive, else a new one. */
export function startChild(launch: Launch): ChildProcess {
  const key = keyOf(launch);
  const spare = spares.get(key);
  spares.delete(key);
  if (spare) {
    const { child } = spare;
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null)
      return child;
    killChild(child, launch);
  }
  return spawn(launch.file, launch.args, launch.options);
}

/** Kills the spare started as `launch` says, if no sandbox took it. */
export function dropSpare(launch: Launch): void {
  const key = keyOf(launch);
  const spare = spares.get(key);
  spares.delete(key);
  if (spare) killChild(spare.child, launch);
}

/** Kills every spare no sandbox took. */
export function dropSpares(): void {
  for (const { launch } of [...spares.values()]) dropSpare(launch);
}

process.on("exit", dropSpares);
