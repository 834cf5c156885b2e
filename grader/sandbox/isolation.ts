/**
 * Which protections the platform offers the sandboxed child, found out once per grader process,
 * and the command line that applies them: the CPU-time limit through the shell's `ulimit -t`; an
 * unprivileged user when the grader runs as root; and, where the kernel lets an unprivileged
 * user create them, new user, network and PID namespaces (`unshare`), which cut the network off
 * (not even loopback) and hide every process outside the child's own.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { dirname } from "node:path";

export interface Isolation {
  /**
   * RLIMIT_CPU and RLIMIT_DATA through `ulimit -t` and `-d` (needs a POSIX shell). The data limit
   * also bounds memory outside V8's heap (typed arrays), which the heap limit does not.
   */
  resourceLimits: boolean;
  /** The child runs as nobody:nogroup (only when the grader runs as root). */
  unprivilegedUser: { uid: number; gid: number } | undefined;
  /** The child runs in a process group of its own, so a signal to "its group" reaches only it. */
  processGroup: boolean;
  /** No network and its own PID namespace (`unshare`), where the kernel allows it. */
  namespaces: boolean;
}

const SHELL = "/bin/sh";
const UNSHARE = ["/usr/bin/unshare", "/bin/unshare"].find((path) => existsSync(path));
/**
 * --fork: the child is the first process of its PID namespace; --kill-child: it dies with
 * unshare, which is what the grader kills.
 */
const UNSHARE_ARGS = ["--user", "--net", "--pid", "--fork", "--kill-child"];
/**
 * Inside, the child leaves unshare's process group for one of its own: the first process of a PID
 * namespace ignores signals sent from within it, so "signal my group" then reaches nothing, where
 * it would otherwise kill unshare, and the child with it, at a moment that races with its result.
 */
const SETSID = ["/usr/bin/setsid", "/bin/setsid"].find((path) => existsSync(path));

const posix = process.platform !== "win32";
const unprivilegedUser = posix && process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;

/** Whether namespaces can be tried here at all (the probe then tells whether they work). */
const namespacesPossible =
  process.platform === "linux" && UNSHARE !== undefined && SETSID !== undefined;

/** The probe: `unshare` run as the user the child will run as. */
const PROBE = [
  UNSHARE as string,
  [...UNSHARE_ARGS, "--", "/bin/true"],
  { env: {}, timeout: 5000, stdio: "ignore", ...(unprivilegedUser ?? {}) },
] as const;

/** Whether `unshare` works here, tried as the user the child will run as. */
export function namespacesWork(): boolean {
  return namespacesPossible && spawnSync(...PROBE).status === 0;
}

/** `namespacesWork`, without holding this process up while the probe runs (some 12 ms). */
export function probeNamespaces(): Promise<boolean> {
  if (!namespacesPossible) return Promise.resolve(false);
  return new Promise((resolve) => {
    const probe = spawn(...PROBE);
    probe.on("error", () => resolve(false));
    probe.on("exit", (code) => resolve(code === 0));
  });
}

const offered = (namespaces: boolean): Isolation => ({
  resourceLimits: posix && existsSync(SHELL),
  unprivilegedUser,
  processGroup: posix,
  namespaces,
});

let detected: Isolation | undefined;
let probing: Promise<Isolation> | undefined;

/** What this machine offers (probed on first use, waiting for the probe). */
export function isolation(): Isolation {
  detected ??= offered(namespacesWork());
  return detected;
}

/**
 * `isolation()` without waiting for the probe: a grade starts it, and loads the assignment
 * meanwhile. Afterwards `isolation()` answers at once.
 */
export function probeIsolation(): Promise<Isolation> {
  if (detected) return Promise.resolve(detected);
  probing ??= probeNamespaces().then((works) => {
    detected ??= offered(works);
    return detected;
  });
  return probing;
}

/** The program and arguments that start `node nodeArgs…` under `protections`. */
export function launchCommand(
  protections: Isolation,
  nodeArgs: string[],
  limits: { cpuSeconds: number; memoryMb: number },
): { file: string; args: string[] } {
  const namespaces =
    protections.namespaces && UNSHARE && SETSID ? [UNSHARE, ...UNSHARE_ARGS, "--", SETSID] : [];
  if (!protections.resourceLimits) {
    const [file, ...args] = [...namespaces, process.execPath, ...nodeArgs] as [string, ...string[]];
    return { file, args };
  }
  // exec keeps one process (and the child's pipes) while the shell applies the limits; the
  // shell's own PWD is unset so that the environment stays what the grader gives (CHILD_ENVIRONMENT).
  const limit = `ulimit -t ${limits.cpuSeconds} && ulimit -d ${limits.memoryMb * 1024}`;
  return {
    file: SHELL,
    args: [
      "-c",
      `${limit} && unset PWD OLDPWD && exec ${namespaces.map((part) => `${part} `).join("")}"$0" "$@"`,
      process.execPath,
      ...nodeArgs,
    ],
  };
}

/** The data-segment limit for a child with a `heapMb` heap: the heap, and 1 GB for everything else. */
export function memoryLimitMb(heapMb: number): number {
  return heapMb + 1024;
}

/** The one line a report gives to what was in force. */
export function describeIsolation(
  protections: Isolation,
  limits: { heapMb: number; cpuSeconds: number; runSeconds: number },
): string {
  const { heapMb, cpuSeconds, runSeconds } = limits;
  return [
    "files: Node's permission model (reads only its own folder; no writes, processes, workers or addons)",
    protections.namespaces ? "network: cut off" : "network: open (no namespaces here)",
    [
      "processes:",
      protections.namespaces ? "its own PID namespace" : "shares the PID space",
      protections.processGroup ? "and process group" : "",
      protections.unprivilegedUser ? "as user nobody" : "as the grader's user",
    ]
      .filter(Boolean)
      .join(" "),
    `limits: heap ${heapMb} MB${protections.resourceLimits ? `, memory ${memoryLimitMb(heapMb)} MB, CPU ${cpuSeconds} s` : ""}, time per call, ${runSeconds} s per run`,
  ].join("; ");
}

/**
 * Why a child running as `protections`' user could not reach a folder made in `parent` (each
 * folder above must be searchable by others), or undefined when it can. Checked before grading:
 * otherwise every import would fail and every learner score 0 for the grader's configuration.
 */
export function unreachableFolder(protections: Isolation, parent: string): string | undefined {
  if (!protections.unprivilegedUser) return undefined;
  for (let path = parent; ; path = dirname(path)) {
    if ((statSync(path).mode & 0o001) === 0) {
      return `the sandbox's folders go in ${parent}, which the unprivileged user the child runs as cannot reach: ${path} is not searchable by others. Set TMPDIR to a folder they can reach (such as /tmp).`;
    }
    if (dirname(path) === path) return undefined;
  }
}
