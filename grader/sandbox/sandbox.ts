/**
 * The grader's side of the sandbox: a child Node process restricted by Node's permission model
 * (file reads only inside the bundle's folder; no writes, child processes, workers or native
 * addons), with an empty environment and a heap limit. Each call has a time limit; a call that
 * times out or crashes the child kills it, and the next call starts a fresh one.
 */
import { type ChildProcess, fork, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import type { CallResult, ChildMessage, ThrownError } from "./protocol.ts";
import type { Wire } from "./wire.ts";

export interface SandboxOptions {
  /** The bundle folder: the only place the child may read. */
  dir: string;
  entry: string;
  heapMb: number;
  /** How long importing the learner's module may take. */
  importTimeoutMs: number;
  /**
   * CPU seconds the child may use in all (RLIMIT_CPU, set through the shell's `ulimit -t`): a
   * child whose grader died while it was stuck in a loop cannot run on for ever.
   */
  cpuSeconds: number;
}

const SHELL = "/bin/sh";

/** Whether children run under a CPU-time limit (needs a POSIX shell). */
export const CPU_LIMIT_AVAILABLE = process.platform !== "win32" && existsSync(SHELL);

/** nobody:nogroup, used when the grader runs as root; otherwise the child runs as the grader. */
export const UNPRIVILEGED =
  process.platform !== "win32" && process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;

/** Every child alive, so that they die with the grader even when it exits early. */
const running = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

/** What one call came to, as seen from the grader. */
export type CallOutcome =
  | Omit<Extract<CallResult, { status: "returned" }>, "type" | "id">
  | Omit<Extract<CallResult, { status: "threw" }>, "type" | "id">
  | Omit<Extract<CallResult, { status: "batch" }>, "type" | "id">
  | { status: "missing"; output: string }
  | { status: "timeout"; limitMs: number; output: string }
  /** The child died during the call: process.exit, out of memory, a signal. */
  | { status: "crashed"; reason: string; output: string }
  /** The module could not be loaded at all, so no call could be made. */
  | { status: "import-failed"; error: ThrownError; output: string };

const STDERR_LIMIT = 4096;

function permissionFlag(): string {
  const major = Number(process.versions.node.split(".")[0]);
  return major >= 22 ? "--permission" : "--experimental-permission";
}

interface Live {
  child: ChildProcess;
  exports: string[];
  /** Raw stderr/stdout the child wrote around our console capture (crash messages, mostly). */
  stray: string;
}

export class Sandbox {
  #options: SandboxOptions;
  #live: Live | undefined;
  #nextId = 1;
  /** Set when the module itself cannot be imported: every later call gets the same answer. */
  #importFailure: Extract<CallOutcome, { status: "import-failed" }> | undefined;

  constructor(options: SandboxOptions) {
    this.#options = options;
  }

  /** Names the learner's module exports, or the import failure. */
  async exports(): Promise<string[] | Extract<CallOutcome, { status: "import-failed" }>> {
    const live = await this.#ensure();
    return "child" in live ? live.exports : live;
  }

  async call(fn: string, args: Wire[], timeoutMs: number, repeat = false): Promise<CallOutcome> {
    return this.#request({ fn, args, repeat }, timeoutMs);
  }

  /** Many calls of `fn` in one round trip; one time limit for the whole batch. */
  async callMany(fn: string, batch: Wire[][], timeoutMs: number): Promise<CallOutcome> {
    return this.#request({ fn, batch }, timeoutMs);
  }

  async #request(
    request: { fn: string; args: Wire[]; repeat: boolean } | { fn: string; batch: Wire[][] },
    timeoutMs: number,
  ): Promise<CallOutcome> {
    const live = await this.#ensure();
    if (!("child" in live)) return live;
    const id = this.#nextId++;
    live.stray = "";
    return new Promise<CallOutcome>((resolve) => {
      const timer = setTimeout(() => {
        cleanup();
        this.#kill();
        resolve({ status: "timeout", limitMs: timeoutMs, output: live.stray });
      }, timeoutMs);
      const onMessage = (message: ChildMessage) => {
        if (message.type !== "result" || message.id !== id) return;
        cleanup();
        const { type: _type, id: _id, ...outcome } = message;
        resolve({ ...outcome, output: outcome.output + live.stray } as CallOutcome);
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
        cleanup();
        this.#live = undefined;
        resolve({
          status: "crashed",
          reason: exitReason(code, signal, live.stray),
          output: live.stray,
        });
      };
      const cleanup = () => {
        clearTimeout(timer);
        live.child.off("message", onMessage);
        live.child.off("exit", onExit);
      };
      live.child.on("message", onMessage);
      live.child.on("exit", onExit);
      live.child.send({ id, ...request });
    });
  }

  close(): void {
    this.#kill();
  }

  #kill(): void {
    this.#live?.child.kill("SIGKILL");
    this.#live = undefined;
  }

  async #ensure(): Promise<Live | Extract<CallOutcome, { status: "import-failed" }>> {
    if (this.#importFailure) return this.#importFailure;
    if (this.#live) return this.#live;
    const started = await this.#start();
    if ("child" in started) this.#live = started;
    else this.#importFailure = started;
    return started;
  }

  #start(): Promise<Live | Extract<CallOutcome, { status: "import-failed" }>> {
    const { dir, entry, heapMb, importTimeoutMs, cpuSeconds } = this.#options;
    const nodeOptions = [
      permissionFlag(),
      `--allow-fs-read=${dir}`,
      `--max-old-space-size=${heapMb}`,
      "--enable-source-maps",
      "--no-warnings",
    ];
    const options = {
      cwd: dir,
      env: {},
      serialization: "advanced" as const,
      stdio: ["ignore", "pipe", "pipe", "ipc"] as ("ignore" | "pipe" | "ipc")[],
      // Run as root, the grader gives the child an unprivileged user: it cannot signal the grader
      // (process.kill(process.ppid)) or any other process that is not its own.
      ...(UNPRIVILEGED ? { uid: UNPRIVILEGED.uid, gid: UNPRIVILEGED.gid } : {}),
    };
    // exec keeps the process (and the IPC channel) while the shell applies the CPU limit; the
    // shell's own PWD is unset so that the environment stays empty.
    const child = CPU_LIMIT_AVAILABLE
      ? spawn(
          SHELL,
          [
            "-c",
            `ulimit -t ${cpuSeconds} && unset PWD OLDPWD && exec "$0" "$@"`,
            process.execPath,
            ...nodeOptions,
            entry,
          ],
          options,
        )
      : fork(entry, [], { ...options, execArgv: nodeOptions });
    running.add(child);
    child.on("exit", () => running.delete(child));
    const live: Live = { child, exports: [], stray: "" };
    const collect = (chunk: Buffer) => {
      if (live.stray.length < STDERR_LIMIT)
        live.stray += chunk.toString("utf8").slice(0, STDERR_LIMIT);
    };
    child.stdout?.on("data", collect);
    child.stderr?.on("data", collect);
    return new Promise((resolve) => {
      const fail = (error: ThrownError, output: string) => {
        cleanup();
        child.kill("SIGKILL");
        resolve({ status: "import-failed", error, output });
      };
      const timer = setTimeout(
        () =>
          fail(
            {
              name: "Timeout",
              message: `importing the module took longer than ${importTimeoutMs} ms (code at the top level that never ends?)`,
              stack: "",
            },
            live.stray,
          ),
        importTimeoutMs,
      );
      const onMessage = (message: ChildMessage) => {
        if (message.type === "ready") {
          cleanup();
          live.exports = message.exports;
          resolve(live);
        } else if (message.type === "import-failed") {
          fail(message.error, message.output + live.stray);
        }
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
        fail(
          {
            name: "Exit",
            message: `the module ${exitReason(code, signal, live.stray)} while being imported`,
            stack: "",
          },
          live.stray,
        );
      const cleanup = () => {
        clearTimeout(timer);
        child.off("message", onMessage);
        child.off("exit", onExit);
      };
      child.on("message", onMessage);
      child.on("exit", onExit);
    });
  }
}

function exitReason(code: number | null, signal: NodeJS.Signals | null, stray: string): string {
  if (/heap limit|out of memory/i.test(stray)) return "ran out of memory";
  if (signal) return `was killed by ${signal}`;
  return `exited with code ${code} (process.exit?)`;
}
