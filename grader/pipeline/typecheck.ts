/**
 * Type checking, for warnings only: grading runs the code as esbuild builds it, types stripped,
 * so a type error alone costs no points, but the learner should hear of it. Runs the TypeScript
 * compiler (a development dependency: where it is not installed, the check is skipped and the
 * report says so) on the submission and the array module, and keeps only the diagnostics located
 * in the submission's own files, worded `model.ts:12:7: message`.
 */
import { type ChildProcess, execFile } from "node:child_process";
import { existsSync, readdirSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { constants, getPriority, setPriority } from "node:os";
import { dirname, join, resolve } from "node:path";
import { inBuild } from "../core/modules.ts";
import { PACKAGE_ROOT } from "../core/paths.ts";
import type { Said } from "../core/phrase.ts";
import { said } from "../words/en/phrases.ts";
import type { StagedSubmission } from "./build.ts";
import { temporaryFolder } from "./tempdirs.ts";

export type TypeCheck =
  | {
      status: "checked";
      errors: string[];
      /** Whether Node's declarations were read: only where the light check found an error. */
      nodeTypes: boolean;
    }
  | { status: "skipped"; reason: string };

/** A type check under way. */
export interface TypeChecking {
  result: Promise<TypeCheck>;
  /**
   * The grade now waits on the check alone: the compiler, which ran at the lowest priority so as
   * not to slow the children's calls, gets the grader's own. Where this user may not raise a
   * process's priority, a second compiler starts at the grader's priority, and the first to
   * finish answers. On a machine whose cores are busy with other work, a compiler at the lowest
   * priority barely runs: a stub grade waited 5 s for it, measured.
   */
  hurry(): void;
  /** The process ids of the compilers still running. */
  compilers(): number[];
}

const TSC = join(PACKAGE_ROOT, "node_modules/typescript/bin/tsc");

/**
 * The compiler's own executable (TypeScript 7 is native; its `bin/tsc` is a Node script that
 * starts it), run directly to spare every check a Node start; `bin/tsc` where it is not found.
 */
function compiler(): [string, ...string[]] {
  try {
    const platformPackage = `@typescript/typescript-${process.platform}-${process.arch}/package.json`;
    const native = join(dirname(createRequire(TSC).resolve(platformPackage)), "lib", "tsc");
    if (existsSync(native)) return [native];
  } catch {
    // Another layout: the script knows where its compiler is.
  }
  return [process.execPath, TSC];
}
const COMPILER = compiler();

/**
 * Go's collector, which the native compiler runs under, left off until the heap nears 512 MiB: a
 * check lives a fraction of a second in some 60 MB, and the collector's work was a quarter of its
 * CPU (0.30 -> 0.23 s a check, measured). The limit still bounds what types a learner wrote to be
 * costly can make it hold.
 */
const COMPILER_ENVIRONMENT = { GOGC: "off", GOMEMLIMIT: "512MiB" };

/**
 * The array module as the check reads it: its declarations, made by the build (bin/bundle.mjs),
 * so that its own code is not checked again with each submission; its sources otherwise.
 */
const DECLARED = inBuild("types");
const LIB =
  DECLARED && existsSync(join(DECLARED, "np.d.ts"))
    ? DECLARED
    : join(PACKAGE_ROOT, "assignments/lib");
const NP = join(LIB, LIB === DECLARED ? "np.d.ts" : "np.ts");
const NODE_TYPES = join(PACKAGE_ROOT, "node_modules/@types/node");
/** At most this many errors are reported; the count says how many more there were. */
const MAX_ERRORS = 5;
/** The whole check's time, both steps together: types a learner made slow cost it once. */
const TIMEOUT_MS = 60_000;
const LOWEST_PRIORITY = constants.priority.PRIORITY_LOW;

/** `model.ts(12,7): error TS2322: text` -> file, line, column, text. */
const DIAGNOSTIC = /^(.+?)\((\d+),(\d+)\): error (TS\d+: .*)$/;

/**
 * What the light check declares of Node's globals: the console's methods most submissions use, as
 * @types/node declares them. Node's own declarations are 2.4 MB that took two thirds of a check's
 * CPU (0.18 -> 0.06 s on a stub, measured); a submission that uses anything else of Node's (or has
 * any other error) is checked again with them, and that check's errors are the ones reported. What
 * the light check cannot see is an error Node's declarations would bring in themselves: a script
 * (a file with no import or export) declaring a global of Node's own, such as `process`.
 */
const LIGHT_GLOBALS = `declare var console: {
${["log", "error", "warn", "info", "debug"].map((method) => `  ${method}(message?: any, ...optionalParams: any[]): void;`).join("\n")}
};
`;

/**
 * Checks the files of the copy of the submission that the build bundled (never the learner's
 * folder, whose tsconfig.json is not read; nor files beside the entry that it does not import).
 * The compiler reads only the files named here: `noResolve` keeps it from loading whatever an
 * import, an import type (`typeof import("/any/file")`, which the build never sees, as types are
 * stripped) or a triple-slash directive points at, so no diagnostic can quote a file outside the
 * submission. It checks first without Node's declarations (LIGHT_GLOBALS), then, where that finds
 * any error, with them.
 */
export function typeCheck(staged: StagedSubmission, timeoutMs = TIMEOUT_MS): TypeChecking {
  if (!existsSync(TSC))
    return {
      result: Promise.resolve({ status: "skipped", reason: "TypeScript is not installed" }),
      hurry: () => undefined,
      compilers: () => [],
    };
  // Real, as the compiler reports paths relative to it and the copy's names are real paths.
  const dir = realpathSync(temporaryFolder("types-"));
  const running = new Set<ChildProcess>();
  const deadline = performance.now() + timeoutMs;
  /** Once hurried, every compiler runs at the grader's priority. */
  let hurried = false;
  let hurryCurrent = () => {};
  /** The errors of one compiler run, on the submission's files, as the report shows them. */
  const compile = async (withNode: boolean): Promise<string[]> => {
    const light = join(dir, "globals.d.ts");
    if (!withNode) writeFileSync(light, LIGHT_GLOBALS);
    const config = join(dir, withNode ? "tsconfig.node.json" : "tsconfig.json");
    writeFileSync(
      config,
      JSON.stringify({
        compilerOptions: {
          target: "es2023",
          lib: ["es2023"],
          module: "preserve",
          moduleResolution: "bundler",
          allowImportingTsExtensions: true,
          noEmit: true,
          strict: true,
          skipLibCheck: true,
          noResolve: true,
          types: [],
          paths: { "gradecheck/np": [NP] },
        },
        files: [
          ...staged.bundled,
          // The module's TypeScript only: its folder also holds the WebAssembly kernel's source.
          ...readdirSync(LIB)
            .filter((f) => f.endsWith(".ts"))
            .map((f) => join(LIB, f)),
          ...(withNode ? [] : [light]),
        ],
        include: withNode && existsSync(NODE_TYPES) ? [join(NODE_TYPES, "**/*.d.ts")] : [],
      }),
    );
    const output = await new Promise<string>((done) => {
      let finished = false;
      const start = () => {
        const [file, ...args] = COMPILER;
        const compiler = execFile(
          file,
          [...args, "-p", config, "--pretty", "false"],
          {
            cwd: dir,
            // What the light step left of the limit; a compiler stopped by it reports nothing.
            timeout: Math.max(1, Math.ceil(deadline - performance.now())),
            maxBuffer: 1 << 22,
            env: COMPILER_ENVIRONMENT,
          },
          (_error, stdout) => {
            running.delete(compiler);
            if (finished) return;
            finished = true;
            for (const other of running) other.kill("SIGKILL");
            done(String(stdout));
          },
        );
        running.add(compiler);
        return compiler;
      };
      const first = start();
      // Only warnings come of it: types that take the compiler long (a learner can write such)
      // must not take CPU from the children whose calls are being timed.
      if (!hurried) {
        try {
          if (first.pid !== undefined) setPriority(first.pid, LOWEST_PRIORITY);
        } catch {
          // Not allowed here: it runs at the grader's priority.
        }
      }
      hurryCurrent = () => {
        if (finished || first.pid === undefined) return;
        try {
          raise(first.pid, getPriority());
        } catch {
          start();
        }
      };
    });
    return output
      .split("\n")
      .map((line) => DIAGNOSTIC.exec(line.trim()))
      .flatMap((m) => {
        const path = m ? resolve(dir, m[1] as string) : "";
        const shown = staged.bundled.includes(path) ? staged.shown.get(path) : undefined;
        return m && shown !== undefined ? [`${shown}:${m[2]}:${m[3]}: ${m[4]}`] : [];
      });
  };
  const result = (async (): Promise<TypeCheck> => {
    let errors = await compile(false);
    const nodeTypes = errors.length > 0;
    if (nodeTypes) errors = await compile(true);
    return {
      status: "checked",
      nodeTypes,
      errors:
        errors.length > MAX_ERRORS
          ? [...errors.slice(0, MAX_ERRORS), `and ${errors.length - MAX_ERRORS} more type errors`]
          : errors,
    };
  })().finally(() => rmSync(dir, { recursive: true, force: true }));
  return {
    result,
    hurry: () => {
      hurried = true;
      hurryCurrent();
    },
    compilers: () => [...running].flatMap((compiler) => compiler.pid ?? []),
  };
}

/**
 * Gives every thread of process `pid` this priority. Linux keeps a priority per thread, and the
 * compiler's threads, started after it was lowered, each have their own: raising the process's
 * first thread alone would leave its work at the lowest.
 */
function raise(pid: number, priority: number): void {
  let threads: number[];
  try {
    threads = readdirSync(`/proc/${pid}/task`).map(Number);
  } catch {
    threads = [pid];
  }
  for (const thread of threads) {
    try {
      setPriority(thread, priority);
    } catch (error) {
      // A thread that has just ended is no reason to start again.
      if ((error as { code?: string }).code !== "ESRCH") throw error;
    }
  }
}

/** The report's warnings from a type check. */
export function typeWarnings(check: TypeCheck): Said[] {
  if (check.status === "skipped") return [said("warning.types-skipped", { reason: check.reason })];
  return check.errors.map((error) => said("warning.type-error", { error }));
}
