/**
 * The grader's side of the sandbox: a child Node process restricted by Node's permission model
 * (file reads only inside the bundle's folder; no writes, child processes, workers or native
 * addons), with an empty environment, a heap limit and whatever else `isolation.ts` finds the
 * platform offers. Each call has a time limit, and so has the whole run; a call that times out or
 * crashes the child kills it, and the next call starts a fresh one.
 *
 * Requests go down the child's stdin and results come back on a pipe of their own (fd 3), framed
 * by `frames.ts` and checked by `inbound.ts` before the grader uses them.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { chownSync } from "node:fs";
import { dirname } from "node:path";
import type { Readable, Writable } from "node:stream";
import { FrameReader, frame } from "./frames.ts";
import { acceptMessage } from "./inbound.ts";
import {
  type Isolation,
  isolation,
  launchCommand,
  memoryLimitMb,
  unreachableFolder,
} from "./isolation.ts";
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
   * CPU seconds the child may use in all (RLIMIT_CPU): a child whose grader died while it was
   * stuck in a loop cannot run on for ever.
   */
  cpuSeconds: number;
  /** When the whole run must end (a `performance.now()` time): no call runs past it. */
  deadline?: number;
  /** The protections to apply; what the platform offers by default. */
  protections?: Isolation;
}

/** The largest message the grader reads from a child: the wire's entry limit, with room to spare. */
const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

/** Every child alive, so that they die with the grader even when it exits early. */
const running = new Set<() => void>();
process.on("exit", () => {
  for (const kill of running) kill();
});

/** What one call came to, as seen from the grader. */
export type CallOutcome =
  | Omit<Extract<CallResult, { status: "returned" }>, "type" | "id">
  | Omit<Extract<CallResult, { status: "threw" }>, "type" | "id">
  | Omit<Extract<CallResult, { status: "batch" }>, "type" | "id">
  | { status: "missing"; output: string }
  /** `run`: the whole run's time ran out, not the call's own limit. */
  | { status: "timeout"; limitMs: number; output: string; run?: true }
  /** The child died during the call (process.exit, out of memory, a signal) or broke the protocol. */
  | { status: "crashed"; reason: string; output: string }
  /** The module could not be loaded at all, so no call could be made. */
  | { status: "import-failed"; error: ThrownError; output: string };

type ImportFailed = Extract<CallOutcome, { status: "import-failed" }>;

type Request = { fn: string; args: Wire[]; repeat: boolean } | { fn: string; batch: Wire[][] };

const STRAY_LIMIT = 4096;

function permissionFlag(): string {
  const major = Number(process.versions.node.split(".")[0]);
  return major >= 22 ? "--permission" : "--experimental-permission";
}

/** Who hears the child's next message: the import handshake, or the call in flight. */
interface Listener {
  message(message: ChildMessage): void;
  /** The child broke the protocol: it is killed, and this says how. */
  problem(what: string): void;
  exit(code: number | null, signal: NodeJS.Signals | null): void;
}

interface Live {
  child: ChildProcess;
  kill: () => void;
  /** Calls this child has answered. */
  served: number;
  /** Raw stderr/stdout the child wrote around our console capture (crash messages, mostly). */
  stray: string;
  listener: Listener | undefined;
}

export class Sandbox {
  #options: SandboxOptions;
  #protections: Isolation;
  #live: Live | undefined;
  #nextId = 1;
  /** Set when the module itself cannot be imported: every later call gets the same answer. */
  #importFailure: ImportFailed | undefined;
  /** Settles when the request in flight has. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: SandboxOptions) {
    this.#options = options;
    this.#protections = options.protections ?? isolation();
    const user = this.#protections.unprivilegedUser;
    if (user) {
      const problem = unreachableFolder(this.#protections, dirname(options.dir));
      if (problem) throw new Error(problem);
      // The bundle's folder (0700 from mkdtemp) becomes the child's: no other user may read it.
      chownSync(options.dir, user.uid, user.gid);
    }
  }

  call(fn: string, args: Wire[], timeoutMs: number, repeat = false): Promise<CallOutcome> {
    return this.#request({ fn, args, repeat }, timeoutMs);
  }

  /** Many calls of `fn` in one round trip; one time limit for the whole batch. */
  callMany(fn: string, batch: Wire[][], timeoutMs: number): Promise<CallOutcome> {
    return this.#request({ fn, batch }, timeoutMs);
  }

  /** Milliseconds left of the whole run. */
  #remaining(): number {
    const { deadline } = this.#options;
    return deadline === undefined ? Number.POSITIVE_INFINITY : deadline - performance.now();
  }

  /**
   * One request at a time: the child serves one call, and a caller that gave up waiting (a
   * property out of time) leaves its call in flight until that call's own limit ends it.
   */
  #request(request: Request, timeoutMs: number): Promise<CallOutcome> {
    const result = this.#queue.then(() => this.#serve(request, timeoutMs));
    this.#queue = result.catch(() => undefined);
    return result;
  }

  async #serve(request: Request, timeoutMs: number): Promise<CallOutcome> {
    const first = await this.#attempt(request, timeoutMs);
    if (!("unstarted" in first)) return first;
    // The child never picked the call up: something an earlier call (or the import) left
    // running holds it (a timer, an endless chain of promises). Not this call's fault: it gets
    // one more try, in a fresh child.
    const second = await this.#attempt(request, timeoutMs);
    if (!("unstarted" in second)) return second;
    return {
      status: "crashed",
      reason:
        "stopped answering before the call could start (code left running by the import or an earlier call: a timer, or an endless chain of promises?)",
      output: second.output,
    };
  }

  /** One try of a request; `unstarted` when the child died or hung before it picked the call up. */
  async #attempt(
    request: Request,
    timeoutMs: number,
  ): Promise<CallOutcome | { unstarted: true; output: string }> {
    const runLeft = this.#remaining();
    if (runLeft <= 0) return { status: "timeout", limitMs: 0, output: "", run: true };
    const live = await this.#ensure();
    if (!("child" in live)) return live;
    const id = this.#nextId++;
    live.stray = "";
    const byRun = runLeft < timeoutMs;
    const limitMs = Math.max(1, Math.floor(Math.min(timeoutMs, runLeft)));
    let started = false;
    return new Promise((resolve) => {
      const finish = (outcome: CallOutcome) => {
        clearTimeout(timer);
        live.listener = undefined;
        // Worth another try only in a child that had served calls (a fresh one would do the
        // same again); and a run out of time is the run's answer, started or not.
        const unstarted =
          !started && live.served > 0 && !(outcome.status === "timeout" && outcome.run);
        resolve(unstarted ? { unstarted: true, output: live.stray } : outcome);
      };
      const timer = setTimeout(() => {
        this.#kill();
        finish({
          status: "timeout",
          limitMs,
          output: live.stray,
          ...(byRun ? { run: true as const } : {}),
        });
      }, limitMs);
      live.listener = {
        message: (message) => {
          if (message.type === "started" && message.id === id) started = true;
          if (message.type !== "result" || message.id !== id) return;
          started = true;
          live.served++;
          const { type: _type, id: _id, ...outcome } = message;
          // A timer or socket left running could hold up the next call: that one starts afresh.
          if ("leftRunning" in outcome) {
            delete outcome.leftRunning;
            this.#kill();
          }
          finish({ ...outcome, output: outcome.output + live.stray } as CallOutcome);
        },
        problem: (what) => {
          this.#kill();
          finish({
            status: "crashed",
            reason: `sent the grader ${what}, so it was stopped`,
            output: live.stray,
          });
        },
        exit: (code, signal) => {
          this.#live = undefined;
          finish({
            status: "crashed",
            reason: exitReason(code, signal, live.stray),
            output: live.stray,
          });
        },
      };
      (live.child.stdin as Writable).write(frame({ id, ...request }));
    });
  }

  close(): void {
    this.#kill();
  }

  #kill(): void {
    this.#live?.kill();
    this.#live = undefined;
  }

  async #ensure(): Promise<Live | ImportFailed> {
    if (this.#importFailure) return this.#importFailure;
    if (this.#live) return this.#live;
    const started = await this.#start();
    if ("child" in started) this.#live = started;
    else this.#importFailure = started;
    return started;
  }

  #spawn(): Live {
    const { dir, entry, heapMb, cpuSeconds } = this.#options;
    const protections = this.#protections;
    const nodeArgs = [
      permissionFlag(),
      `--allow-fs-read=${dir}`,
      `--max-old-space-size=${heapMb}`,
      "--enable-source-maps",
      "--no-warnings",
      entry,
    ];
    const { file, args } = launchCommand(protections, nodeArgs, {
      cpuSeconds,
      memoryMb: memoryLimitMb(heapMb),
    });
    const child = spawn(file, args, {
      cwd: dir,
      env: {},
      stdio: ["pipe", "pipe", "pipe", "pipe"],
      // A process group of its own: "signal my group" (process.kill(0)) reaches only the child.
      detached: protections.processGroup,
      // Run as root, the grader gives the child an unprivileged user: it cannot signal the grader
      // (process.kill(process.ppid)) or any other process that is not its own.
      ...(protections.unprivilegedUser ?? {}),
    });
    const kill = () => {
      try {
        // The whole group: the shell, unshare and node, whichever are alive.
        if (protections.processGroup && child.pid !== undefined)
          process.kill(-child.pid, "SIGKILL");
        else child.kill("SIGKILL");
      } catch {
        // Already gone.
      }
    };
    running.add(kill);
    const live: Live = { child, kill, served: 0, stray: "", listener: undefined };
    const collect = (chunk: Buffer) => {
      if (live.stray.length < STRAY_LIMIT)
        live.stray += chunk.toString("utf8").slice(0, STRAY_LIMIT);
    };
    child.stdout?.on("data", collect);
    child.stderr?.on("data", collect);
    // A write to a child that has just died is not an error of the grader's.
    child.stdin?.on("error", () => {});
    const reader = new FrameReader(MAX_MESSAGE_BYTES);
    (child.stdio[3] as Readable).on("data", (chunk: Buffer) => {
      for (const event of reader.push(chunk)) {
        const message = "problem" in event ? event : acceptMessage(event.value);
        if ("problem" in message) live.listener?.problem(message.problem);
        else live.listener?.message(message);
      }
    });
    child.on("exit", (code, signal) => {
      running.delete(kill);
      live.listener?.exit(code, signal);
    });
    return live;
  }

  #start(): Promise<Live | ImportFailed> {
    const { importTimeoutMs } = this.#options;
    const live = this.#spawn();
    return new Promise((resolve) => {
      const fail = (error: ThrownError, output: string) => {
        clearTimeout(timer);
        live.listener = undefined;
        live.kill();
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
      live.listener = {
        message: (message) => {
          if (message.type === "ready") {
            clearTimeout(timer);
            live.listener = undefined;
            resolve(live);
          } else if (message.type === "import-failed") {
            fail(message.error, message.output + live.stray);
          }
        },
        problem: (what) =>
          fail(
            {
              name: "Protocol",
              message: `the module sent the grader ${what} while being imported`,
              stack: "",
            },
            live.stray,
          ),
        exit: (code, signal) =>
          fail(
            {
              name: "Exit",
              message: `the module ${exitReason(code, signal, live.stray)} while being imported`,
              stack: "",
            },
            live.stray,
          ),
      };
    });
  }
}

function exitReason(code: number | null, signal: NodeJS.Signals | null, stray: string): string {
  if (/heap limit|out of memory/i.test(stray)) return "ran out of memory";
  if (signal) return `was killed by ${signal}`;
  return `exited with code ${code} (process.exit?)`;
}
