/**
 * The grader's side of the sandbox: a child Node process restricted by Node's permission model
 * (file reads only inside the bundle's folder; no writes, child processes, workers or native
 * addons), with an empty environment, a heap limit and whatever else `isolation.ts` finds the
 * platform offers. Each call has a time limit, and so has the whole run; a call that times out or
 * crashes the child kills it, and the next call starts a fresh one.
 *
 * The child starts with the runtime alone (`start.ts`), before the bundle need exist, and imports
 * the bundle's entry when told to: once `written` has settled.
 *
 * Requests go down the child's stdin and results come back on a pipe of their own (fd 3), framed
 * by `frames.ts`, encoded by `codec.ts` and checked by `inbound.ts` before the grader uses them.
 * A frame is read only while a call is in flight and only for that call: one for another call, or
 * one between calls, stops the child before its body is read. Time limits count the time the
 * grader was free to hear the child (`clock.ts`), so another learner's work in the same grader
 * cannot make this one's call time out.
 */
import type { ChildProcess } from "node:child_process";
import { basename } from "node:path";
import type { Readable, Writable } from "node:stream";
import { pathToFileURL } from "node:url";
import type {
  Caller,
  CallLimit,
  CallOutcome,
  CrashReason,
  ImportFailure,
  Then,
  ThrownError,
} from "../core/outcomes.ts";
import type { Said } from "../core/phrase.ts";
import { OUTPUT_LIMIT, type Wire } from "../core/values.ts";
import { wordCrash } from "../words/en/outcomes.ts";

export type { CallOutcome };

import { afterIdle } from "./clock.ts";
import { FrameReader, frame, HANDSHAKE_ID, messageFrame } from "./frames.ts";
import { acceptBody, MAX_FRAME_BYTES } from "./inbound.ts";
import { type Isolation, isolation } from "./isolation.ts";
import { childLaunch, giveFolder, killChild, startChild } from "./launch.ts";
import type {
  BatchRequest,
  CallRequest,
  ChildMessage,
  OracleReply,
  OracleRequest,
  OwnAnswer,
  OwnCallees,
} from "./protocol.ts";

/**
 * The grader's answer to a stand-in's request: the reference's value, or why it was refused, as
 * the grader said it (the child is given its English, which it throws in the learner's code).
 */
export type OracleAnswer = Exclude<OracleReply, { refused: string }> | { refused: Said };

export interface SandboxOptions {
  /** The bundle folder: the only place the child may read. The runtime must be in it already. */
  dir: string;
  /** The bundle's entry, in `dir`: what the child imports (the runner, and through it the module). */
  entry: string;
  /**
   * Settles once the bundle's files are written, when the folder was made before them: a child
   * starts at once all the same and imports `entry` then (`start.ts`), so that Node's own start
   * overlaps the bundling. Rejected: there is no bundle, and the child goes unused.
   */
  written?: Promise<unknown>;
  heapMb: number;
  /** How long importing the learner's module may take. */
  importTimeoutMs: number;
  /**
   * How many copies of the learner's module the child imports as it starts, each allowed
   * `importTimeoutMs` (the child says when one is in): the bundle that judges each function alone
   * imports a second, which the learner's own functions answer from (`stand-ins.ts`), so its
   * top-level code runs twice. 1 if not given.
   */
  moduleCopies?: number;
  /**
   * CPU seconds the child may use in all (RLIMIT_CPU): a child whose grader died while it was
   * stuck in a loop cannot run on for ever.
   */
  cpuSeconds: number;
  /** When the whole run must end (a `performance.now()` time): no call runs past it. */
  deadline?: number;
  /** The protections to apply; what the platform offers by default. */
  protections?: Isolation;
  /**
   * Answers the stand-ins of a bundle that judges each function alone (`stand-ins.ts`); given
   * the milliseconds the call has left for it and the function called. Without one, such a
   * request breaks the protocol.
   */
  oracle?: (request: OracleRequest, budgetMs: number, judged: string) => OracleAnswer;
  /**
   * How many children may compete for each core at once (a class graded with several jobs), 1 by
   * default: it scales what each round trip to the stand-ins adds to a call's allowance.
   */
  contention?: number;
  /**
   * Whether V8 waits longer before it optimises the child's code (`tiering.ts`): for a child that
   * runs many short tests, not for one that runs a whole training.
   */
  optimiseLater?: boolean;
}

/** What a round trip to the stand-ins adds to a call's allowance (see `call`), before contention. */
export const STAND_IN_ALLOWANCE_MS = 1;

/**
 * Every child alive, so that they die with the grader even when it exits early: how to kill it,
 * and what it has been through (`runningChildrenDescribed`).
 */
const running = new Map<() => void, () => string>();
process.on("exit", () => {
  for (const kill of running.keys()) kill();
});

/** How many children this process runs now, of every sandbox. */
export function runningChildren(): number {
  return running.size;
}

/**
 * Each child alive, a line each: its process, its bundle's folder, and what happened to it when
 * (milliseconds since it started): what a test that finds a child left running says of it.
 */
export function runningChildrenDescribed(): string[] {
  return [...running.values()].map((describe) => describe());
}

type ImportFailed = Extract<CallOutcome, { status: "import-failed" }>;

type Request = (
  | Pick<CallRequest, "fn" | "args" | "repeat">
  | Pick<BatchRequest, "fn" | "batch" | "then">
) &
  Pick<CallRequest, "ownCallees">;

/** The learner's own functions answering, within `limits`; their answers as the child gives them. */
export interface OwnAnswering {
  limits: OwnCallees;
  answered: OwnAnswer[];
}

/**
 * The outcome without the answers the learner's own functions gave (a child may send them with
 * any result: only a call that asked for them keeps them, in `own.answered`).
 */
async function answersTaken(
  outcome: Promise<CallOutcome>,
  own: OwnAnswering | undefined,
): Promise<CallOutcome> {
  const result = (await outcome) as CallOutcome & { ownAnswers?: OwnAnswer[] };
  if (!("ownAnswers" in result)) return result;
  const { ownAnswers, ...rest } = result;
  if (own && ownAnswers) for (const answer of ownAnswers) own.answered.push(answer);
  return rest as CallOutcome;
}

/** What the child wrote around the console capture, kept (crash messages, mostly). */
const STRAY_LIMIT = OUTPUT_LIMIT;

/** Bytes of answers to stand-ins the child may leave unread: several times the largest answer. */
const ANSWERS_BACKLOG = 32 << 20;

/** Who hears the child's next message: the import handshake, or the call in flight. */
interface Listener {
  /** Whether a frame for call `id` is expected: undefined if so, else what is wrong with it. */
  accepts(id: number): string | undefined;
  message(message: ChildMessage): void;
  /** The child broke the protocol: it is killed, and this says how. */
  problem(what: string): void;
  exit(code: number | null, signal: NodeJS.Signals | null): void;
}

interface Live {
  child: ChildProcess;
  /** Stops the child, and reads nothing more from it. */
  kill: () => void;
  /** Calls this child has answered. */
  served: number;
  /** Raw stderr/stdout the child wrote around our console capture (crash messages, mostly). */
  stray: string;
  listener: Listener | undefined;
  /** The sandbox whose calls it serves: the one that started it, or one that took it over. */
  owner: Sandbox;
  /** What happened to it, for `runningChildrenDescribed` (`tell`). */
  story: string[];
  /** When it started (`performance.now()`). */
  started: number;
}

/** Adds `what` to `live`'s story, with the time since it started. */
function tell(live: Live, what: string): void {
  live.story.push(`${what} at ${Math.round(performance.now() - live.started)} ms`);
}

export class Sandbox implements Caller {
  #options: SandboxOptions;
  #protections: Isolation;
  #live: Live | undefined;
  #nextId = 1;
  /** Set when the module itself cannot be imported: every later call gets the same answer. */
  #importFailure: ImportFailed | undefined;
  /** Settles when the request in flight has. */
  #queue: Promise<unknown> = Promise.resolve();
  /** Why children were stopped between calls (when no call was there to be charged). */
  #incidents: string[] = [];
  /** The child being started, and its start, which every call that needs it meanwhile waits for. */
  #starting: { live: Live; done: Promise<Live | ImportFailed> } | undefined;
  /** Closed: warming starts no child any more (a call still would). */
  #closed = false;

  constructor(options: SandboxOptions) {
    this.#options = options;
    // A sandbox never started has nothing to do with a bundle that was not made.
    options.written?.catch(() => undefined);
    this.#protections = options.protections ?? isolation();
    giveFolder(this.#protections, options.dir);
  }

  /** `own`: the learner's own functions answer the function's calls of the others. */
  call(
    fn: string,
    args: Wire[],
    limit: CallLimit,
    repeat = false,
    own?: OwnAnswering,
  ): Promise<CallOutcome> {
    const ownCallees = own ? { ownCallees: own.limits } : {};
    return answersTaken(this.#request({ fn, args, repeat, ...ownCallees }, limit), own);
  }

  /** Many calls of `fn` (each followed by `then`'s) in one round trip; one time limit for the whole batch. */
  callMany(
    fn: string,
    batch: Wire[][],
    limit: CallLimit,
    then?: Then,
    own?: OwnAnswering,
  ): Promise<CallOutcome> {
    const ownCallees = own ? { ownCallees: own.limits } : {};
    const chained = then ? { then } : {};
    return answersTaken(this.#request({ fn, batch, ...chained, ...ownCallees }, limit), own);
  }

  /**
   * This sandbox's child, with the called function's calls of the assignment's other functions
   * answered by the learner's own instead of the reference's (see `OwnCallees`); what the child
   * says they answered goes to `own.answered` (checked as all its messages are), for the grader
   * to check against the reference.
   */
  withOwnCallees(own: OwnAnswering): Caller {
    return {
      call: (fn, args, limit, repeat) => this.call(fn, args, limit, repeat, own),
      callMany: (fn, batch, limit, then) => this.callMany(fn, batch, limit, then, own),
    };
  }

  /**
   * What children did between calls that got them stopped: sending the grader a message while no
   * call was in flight. No test is charged for it (the next call runs in a fresh child).
   */
  get incidents(): readonly string[] {
    return this.#incidents;
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
  #request(request: Request, limit: CallLimit): Promise<CallOutcome> {
    const result = this.#queue.then(() => this.#serve(request, limit));
    this.#queue = result.catch(() => undefined);
    return result;
  }

  async #serve(request: Request, limit: CallLimit): Promise<CallOutcome> {
    const first = await this.#attempt(request, limit);
    if (!("unstarted" in first)) return first;
    // The child never picked the call up: something an earlier call (or the import) left
    // running holds it (a timer, an endless chain of promises). Not this call's fault: it gets
    // one more try, in a fresh child.
    const second = await this.#attempt(request, limit);
    if (!("unstarted" in second)) return second;
    return {
      status: "crashed",
      reason: { code: "unresponsive" },
      output: second.output,
    };
  }

  /** One try of a request; `unstarted` when the child died or hung before it picked the call up. */
  async #attempt(
    request: Request,
    limit: CallLimit,
  ): Promise<CallOutcome | { unstarted: true; output: string }> {
    if (this.#remaining() <= 0) return { status: "timeout", limitMs: 0, output: "", run: true };
    const live = await this.#ensure();
    if (!("child" in live)) return live;
    const runLeft = this.#remaining();
    if (runLeft <= 0) return { status: "timeout", limitMs: 0, output: "", run: true };
    const id = this.#nextId++;
    live.stray = "";
    let started = false;
    /** Time the grader spent answering stand-ins during this call: charged to its limit. */
    let oracleMs = 0;
    /** The stand-ins' requests refused during this call. */
    const refusals: Said[] = [];
    return new Promise((resolve) => {
      const stops: (() => void)[] = [];
      const finish = (outcome: CallOutcome) => {
        for (const stop of stops) stop();
        live.listener = undefined;
        // Worth another try only in a child that had served calls (a fresh one would do the
        // same again); and a run out of time is the run's answer, started or not.
        const unstarted =
          !started && live.served > 0 && !(outcome.status === "timeout" && outcome.run);
        resolve(unstarted ? { unstarted: true, output: live.stray } : outcome);
      };
      const timeout = (limitMs: number, run: boolean) => () => {
        this.#stop(live);
        finish({
          status: "timeout",
          limitMs: Math.max(1, Math.floor(limitMs)),
          output: live.stray,
          ...(run ? { run: true as const } : {}),
        });
      };
      // The call's own limit counts the grader's idle time (the run's is wall-clock). A round trip
      // to the stand-ins leaves the child waiting for the grader and then for a core: each adds
      // STAND_IN_ALLOWANCE_MS (times the contention for cores) to what the call is allowed, up to
      // its limit again. The limit it is told of stays the one given.
      let standIns = 0;
      const perStandIn = STAND_IN_ALLOWANCE_MS * Math.max(1, this.#options.contention ?? 1);
      let timeoutMs = typeof limit === "number" ? limit : limit.floor;
      let settle = typeof limit === "number" ? undefined : limit.settle;
      const allowed = () => timeoutMs + Math.min(timeoutMs, standIns * perStandIn);
      // A limit worked out only once the call has run for its floor: worked out now (the grader
      // is busy meanwhile, which the idle-time clock does not count against the call).
      const stretch = async () => {
        if (!settle) return false;
        const settling = settle;
        settle = undefined;
        // Failing to work it out (the reference's failure) is the test's to report, not a
        // reason to stop the call: it keeps its floor.
        const settled = await settling().catch(() => timeoutMs);
        if (settled <= timeoutMs) return false;
        timeoutMs = settled;
        return true;
      };
      stops.push(afterIdle(allowed, () => timeout(timeoutMs, false)(), stretch));
      if (Number.isFinite(runLeft)) {
        const timer = setTimeout(timeout(runLeft, true), runLeft);
        stops.push(() => clearTimeout(timer));
      }
      const listener: Listener = {
        accepts: (frameId) =>
          frameId === id ? undefined : `a message for call ${frameId}, which it was not asked`,
        message: (message) => {
          const problem = callProblem(request, id, message, started);
          if (problem) return listener.problem(problem);
          if (message.type === "started") {
            started = true;
            return;
          }
          if (message.type === "oracle") {
            const { oracle } = this.#options;
            if (!oracle) return listener.problem("a request for another function");
            const answers = live.child.stdio[4] as Writable;
            // The stand-ins read each answer before they ask again: answers piling up in the
            // grader's memory are asked for by other code.
            if (answers.writableLength > ANSWERS_BACKLOG)
              return listener.problem("requests for other functions without reading the answers");
            standIns++;
            const begin = performance.now();
            const answer = oracle(message, timeoutMs - oracleMs, request.fn);
            oracleMs += performance.now() - begin;
            if ("refused" in answer) refusals.push(answer.refused);
            const reply = "refused" in answer ? { refused: answer.refused.text } : answer;
            answers.write(messageFrame(id, reply));
            return;
          }
          if (message.type !== "result") return;
          started = true;
          live.served++;
          const { type: _type, id: _id, ...outcome } = message;
          // A timer or socket left running could hold up the next call: that one starts afresh.
          if ("leftRunning" in outcome) {
            delete outcome.leftRunning;
            this.#stop(live);
          }
          const output = outcome.output + live.stray;
          finish(withRefusals({ ...outcome, output } as CallOutcome, refusals));
        },
        problem: (what) => {
          this.#stop(live);
          finish({
            status: "crashed",
            reason: { code: "protocol", what },
            output: live.stray,
          });
        },
        exit: (code, signal) => {
          finish({
            status: "crashed",
            reason: exitReason(code, signal, live.stray),
            output: live.stray,
          });
        },
      };
      live.listener = listener;
      (live.child.stdin as Writable).write(messageFrame(id, request));
    });
  }

  /**
   * Starts the child now, if none runs, so that the first call does not wait for it: a child
   * takes tens of milliseconds to start, which the grader can spend making that call's inputs.
   * A closed sandbox is not warmed: no call is coming.
   */
  warm(): void {
    if (!this.#closed) void this.#ensure();
  }

  close(): void {
    this.#closed = true;
    this.#kill();
    // A child still starting (warmed, never called), or just up and not yet this sandbox's, goes
    // at once: left to finish its import, it would hold up the grader's exit for as long. Its
    // start is given up: a call made from now on starts afresh, rather than wait for its end.
    this.#starting?.live.kill();
    this.#starting = undefined;
  }

  #kill(): void {
    if (this.#live) this.#stop(this.#live);
  }

  /** Stops this child; the next call starts a fresh one. */
  #stop(live: Live): void {
    live.kill();
    if (this.#live === live) this.#live = undefined;
  }

  /**
   * Takes over `from`'s child, if it has one between calls, for this sandbox's calls from now on:
   * a child already started, with its code already warm, instead of a new one. `from` is left
   * with none (a call there starts a fresh child). Both sandboxes must be of the same bundle;
   * this one must have no child of its own. Whether it took one.
   */
  takeChildOf(from: Sandbox): boolean {
    const live = from.#live;
    if (!live || live.listener || this.#live || this.#starting || this.#closed) return false;
    if (from.#options.dir !== this.#options.dir || from.#options.entry !== this.#options.entry)
      return false;
    from.#live = undefined;
    live.owner = this;
    this.#live = live;
    // Call ids go on from the child's last: a late frame can never pass for a new call's.
    this.#nextId = Math.max(this.#nextId, from.#nextId);
    return true;
  }

  async #ensure(): Promise<Live | ImportFailed> {
    if (this.#importFailure) return this.#importFailure;
    if (this.#live) return this.#live;
    if (this.#starting) return this.#starting.done;
    const live = this.#spawn();
    const starting = {
      live,
      done: this.#start(live).then((started) => {
        // Given up by close(), which stopped it: cut short, it says nothing of the bundle.
        if (this.#starting !== starting) return started;
        this.#starting = undefined;
        if ("child" in started) this.#live = started;
        else this.#importFailure = started;
        return started;
      }),
    };
    this.#starting = starting;
    return starting.done;
  }

  #spawn(): Live {
    const launch = childLaunch(this.#options, this.#protections);
    const child = startChild(launch);
    const kill = () => {
      tell(live, "killed");
      reader.stop();
      killChild(child, launch);
    };
    const live: Live = {
      child,
      kill,
      served: 0,
      stray: "",
      listener: undefined,
      owner: this,
      story: [],
      started: performance.now(),
    };
    const folder = basename(this.#options.dir);
    running.set(kill, () => {
      const closed = live.owner.#closed ? "closed" : "open";
      return `pid ${child.pid} in ${folder} (its sandbox ${closed}): ${live.story.join(", ") || "started"}`;
    });
    const reader = new FrameReader(MAX_FRAME_BYTES, {
      // The id first: a frame no one is waiting for is refused before its body is read.
      header: (id) =>
        live.listener
          ? live.listener.accepts(id)
          : `a message for call ${id} while no call was in flight`,
      body: (_id, body) => {
        const message = acceptBody(body);
        if ("problem" in message) live.listener?.problem(message.problem);
        else live.listener?.message(message);
      },
      problem: (what) => {
        if (live.listener) return live.listener.problem(what);
        // Between calls: no test to charge. The child goes, and the next call starts afresh.
        live.owner.#incidents.push(wordCrash({ code: "protocol", what }));
        live.owner.#stop(live);
      },
    });
    (child.stdio[3] as Readable).on("data", (chunk: Buffer) => reader.push(chunk));
    const collect = (chunk: Buffer) => {
      if (live.stray.length < STRAY_LIMIT)
        live.stray += chunk.toString("utf8").slice(0, STRAY_LIMIT);
    };
    child.stdout?.on("data", collect);
    child.stderr?.on("data", collect);
    // A write to a child that has just died is not an error of the grader's.
    child.stdin?.on("error", () => {});
    child.stdio[4]?.on("error", () => {});
    child.on("exit", (code, signal) => {
      running.delete(kill);
      if (live.owner.#live === live) live.owner.#live = undefined;
      // What the child wrote just before it went (the import's "never settles", a result) is
      // read first: 'exit' may come before the last data on fd 3, which ends once all is read.
      afterResults(child.stdio[3] as Readable, () => live.listener?.exit(code, signal));
    });
    return live;
  }

  /** `live`'s start: it imports the bundle once it is written. */
  #start(live: Live): Promise<Live | ImportFailed> {
    const { importTimeoutMs, entry, written, moduleCopies = 1 } = this.#options;
    return new Promise((resolve) => {
      /** Copies of the module the child may still say it has imported. */
      let copiesLeft = moduleCopies - 1;
      let settled = false;
      /** Stops the import's time limit, once it has begun. */
      let stop = () => {};
      const settle = (outcome: Live | ImportFailed) => {
        if (settled) return;
        settled = true;
        stop();
        live.listener = undefined;
        resolve(outcome);
      };
      const fail = (failure: ImportFailure, output: string) => {
        if (settled) return;
        tell(live, `not imported (${failure.code})`);
        live.kill();
        settle({ status: "import-failed", failure, output });
      };
      /** The import's time limit, from now. */
      const importLimit = () =>
        afterIdle(importTimeoutMs, () =>
          fail({ code: "timeout", limitMs: importTimeoutMs }, live.stray),
        );
      // The import's time limit counts from when the child is told to import: the time the
      // bundle took to write is not the module's.
      const importNow = () => {
        if (settled) return;
        tell(live, "told to import");
        const address = Buffer.from(pathToFileURL(entry).href, "utf8");
        (live.child.stdio[4] as Writable).write(frame(HANDSHAKE_ID, address));
        stop = importLimit();
      };
      Promise.resolve(written).then(importNow, () =>
        fail({ code: "protocol", what: "no bundle to import" }, live.stray),
      );
      const listener: Listener = {
        accepts: (id) =>
          id === HANDSHAKE_ID ? undefined : `a message for call ${id}, which it was not asked`,
        message: (message) => {
          tell(live, `said ${message.type}`);
          if (message.type === "ready") {
            settle(live);
          } else if (message.type === "imported" && copiesLeft > 0) {
            // The next copy has the import's time again.
            copiesLeft--;
            stop();
            stop = importLimit();
          } else if (message.type === "import-failed") {
            fail(
              message.code ? { code: message.code } : { code: "threw", error: message.error },
              message.output + live.stray,
            );
          } else {
            listener.problem(`a "${message.type}" message`);
          }
        },
        problem: (what) => fail({ code: "protocol", what }, live.stray),
        exit: (code, signal) =>
          fail({ code: "crashed", reason: exitReason(code, signal, live.stray) }, live.stray),
      };
      live.listener = listener;
    });
  }
}

/**
 * What is wrong with a message during call `id` of `request`, if anything: it must be about this
 * call, say it started once, then give a result of the request's kind (as many inputs after the
 * call as went in; a batch's results, up to the first call that threw).
 */
function callProblem(
  request: Request,
  id: number,
  message: ChildMessage,
  started: boolean,
): string | undefined {
  if (message.type !== "started" && message.type !== "result" && message.type !== "oracle")
    return `a "${message.type}" message during a call`;
  if (message.id !== id) return `a message for call ${message.id} in a frame for call ${id}`;
  if (message.type === "started") return started ? "a second start of the same call" : undefined;
  if (message.type === "oracle") return started ? undefined : "a request before the call started";
  if (message.status === "missing") return undefined;
  if ("batch" in request) {
    if (message.status !== "batch") return `a "${message.status}" result for a batch of calls`;
    const count = message.items.length;
    const last = message.items[count - 1];
    const stoppedAtError = last !== undefined && "error" in last;
    if (count > request.batch.length || (count < request.batch.length && !stoppedAtError))
      return `${count} results for a batch of ${request.batch.length} calls`;
    return undefined;
  }
  if (message.status === "batch") return "a batch's results for a single call";
  if (message.argsAfter.length !== request.args.length)
    return `${message.argsAfter.length} inputs after a call given ${request.args.length}`;
  return undefined;
}

/** Waits at most this long, after a child's exit, for what it wrote before it went. */
const LAST_WORDS_MS = 1000;

/** Runs `then` once everything the child wrote on `results` has been read (or after a while). */
export function afterResults(results: Readable, then: () => void): void {
  if (results.readableEnded || results.destroyed) {
    then();
    return;
  }
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    then();
  };
  const timer = setTimeout(once, LAST_WORDS_MS);
  results.once("end", once);
  results.once("close", once);
}

function exitReason(
  code: number | null,
  signal: NodeJS.Signals | null,
  stray: string,
): CrashReason {
  if (/heap limit|out of memory/i.test(stray)) return { code: "out-of-memory" };
  if (signal) return { code: "signal", signal };
  return { code: "exit", exitCode: code };
}

/**
 * A call whose error is a stand-in's refusal as the grader said it (stand-ins.ts throws its text,
 * and the learner's code let it through unchanged), with the refusal's phrase: a report in
 * another language words it again. Any other error, or one the learner's code rewrote, is left as
 * it came. A batch's calls too: a property's counterexample may be refused.
 */
function withRefusals(outcome: CallOutcome, refusals: readonly Said[]): CallOutcome {
  if (refusals.length === 0) return outcome;
  const phrased = (error: ThrownError): ThrownError => {
    const refusal = refusals.find(({ text }) => error.message === text);
    return refusal ? { ...error, phrase: refusal.phrase } : error;
  };
  if (outcome.status === "threw") return { ...outcome, error: phrased(outcome.error) };
  if (outcome.status === "batch")
    return {
      ...outcome,
      items: outcome.items.map((item) => ("error" in item ? { error: phrased(item.error) } : item)),
    };
  return outcome;
}
