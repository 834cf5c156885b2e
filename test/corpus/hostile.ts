/**
 * The hostile corpus: submissions that attack the grader or break in ways an honest mistake does
 * not (exit, hang, flood, escape the sandbox, forge results, patch globals), each made from the
 * reference (or from one of the buggy submissions) so that it stays in sync with it, and each with
 * the verdict the grader must give. test/hostile.test.ts grades them all through `gradecheck
 * batch` and checks every verdict against the report of the same submission without the attack.
 */
import { symlinkSync } from "node:fs";
import { join } from "node:path";
import { buildCases } from "./hostile-build.ts";
import {
  atStartOf,
  atTop,
  attempts,
  type HostileCase,
  inPredict,
  predictOnly,
  predictReturning,
  unharmed,
} from "./hostile-kit.ts";
import { outputCases } from "./hostile-output.ts";
import { transportCases } from "./hostile-transport.ts";

export type { Context, HostileCase, Verdict } from "./hostile-kit.ts";

const PATCHED_BASE = "dW1 without 1/m";

const coreCases: HostileCase[] = [
  // Loading.
  {
    name: "syntax-error",
    attack: "a syntax error in a function (it costs that function only)",
    source: (c) => c.base.replace("export function predict(", "export function predict(("),
    verdict: {
      kind: "graded",
      affected: "predict",
      statuses: ["error"],
      message: /predict threw SyntaxError: .*model\.ts:\d+:\d+/,
      warning: /^syntax error in predict, /,
    },
  },
  {
    name: "syntax-error-outside",
    attack: "a syntax error outside every function",
    source: (c) => `${c.base}
const broken = ;
`,
    verdict: { kind: "build-error", message: /model\.ts:\d+:\d+/ },
  },
  {
    name: "type-error-only",
    attack: "a type error and nothing else (types are not checked when grading)",
    source: (c) => atStartOf(c.base, "layerSizes", "  const rows: number = X.shape;\n  void rows;"),
    verdict: { kind: "graded", warning: /type error \(graded anyway.*model\.ts:\d+:\d+: TS2322/ },
  },
  {
    name: "imports-reference",
    attack: "imports the reference solution by its path",
    source: (c) =>
      atTop(
        predictReturning(c.base, "  return solved(parameters, X);"),
        `import { predict as solved } from ${JSON.stringify(c.reference)};`,
      ),
    verdict: { kind: "build-error", message: /cannot import ".*": it lies outside the submission/ },
  },
  {
    name: "symlinked-helper",
    attack: "imports a file of its own folder that is a symbolic link to the reference",
    source: (c) =>
      atTop(
        predictReturning(c.base, "  return solved(parameters, X);"),
        'import { predict as solved } from "./helper.ts";',
      ),
    files: (c) => symlinkSync(c.reference, join(c.folder, "helper.ts")),
    // A link out of the submission is not one of its files: it is never read.
    verdict: {
      kind: "build-error",
      message: /cannot import "\.\/helper\.ts": there is no such file/,
    },
  },
  ...buildCases,
  {
    name: "throws-at-import",
    attack: "throws while being imported",
    source: (c) => atTop(c.base, 'throw new Error("thrown at import by the corpus");'),
    verdict: { kind: "unloadable", message: /could not be loaded.*thrown at import by the corpus/ },
  },
  {
    name: "exit-at-import",
    attack: "process.exit(0) while being imported",
    source: (c) => atTop(c.base, "process.exit(0);"),
    verdict: { kind: "unloadable", message: /exited with code 0/ },
  },
  {
    name: "await-forever-at-import",
    attack: "a top-level await of a promise that never resolves",
    source: (c) => atTop(c.base, "await new Promise(() => {});"),
    verdict: { kind: "unloadable", message: /awaits a promise that never settles/ },
  },
  {
    name: "microtask-flood-at-import",
    attack: "an endless chain of promises started at import",
    source: (c) =>
      atTop(
        c.base,
        "const spin = (): Promise<void> => Promise.resolve().then(spin);\nvoid spin();",
      ),
    // Whichever comes first: the import's time limit, or the heap the growing chain fills.
    verdict: {
      kind: "unloadable",
      message: /importing the module took longer than|ran out of memory while being imported/,
    },
  },

  // One function misbehaving: predict, which no other function calls.
  {
    name: "throws-in-predict",
    attack: "predict throws",
    source: inPredict('  throw new RangeError("predict gave up (corpus)");'),
    verdict: predictOnly(["error"], /RangeError: predict gave up \(corpus\)/),
  },
  {
    name: "throws-unreadable",
    attack: "predict throws a value whose toString throws",
    source: inPredict('  throw { toString() { throw new Error("nothing to see"); } };'),
    verdict: predictOnly(["error"], /a value that could not be read/),
  },
  {
    name: "forged-shape-error",
    attack:
      "predict throws an error it names ShapeError, in the array module's words with a size of 400 digits, for the hint that reads its shapes to carry a size no report can hold",
    source: inPredict(
      `  const forged = new Error("np.multiply: operands could not be broadcast together with shapes (1,2) (2,${"9".repeat(400)})");
  forged.name = "ShapeError";
  throw forged;`,
    ),
    verdict: predictOnly(
      ["error"],
      /predict threw ShapeError: np\.multiply: operands could not be broadcast/,
    ),
  },
  {
    name: "exit-in-predict",
    attack: "predict calls process.exit(0)",
    source: inPredict("  process.exit(0);"),
    verdict: predictOnly(["error"], /exited with code 0/),
  },
  {
    name: "endless-loop",
    attack: "predict loops for ever (synchronously)",
    source: inPredict("  while (X.size > 0) {}"),
    verdict: predictOnly(["timeout"], /did not return within \d+ ms/),
  },
  {
    name: "never-resolving-promise",
    attack: "predict returns a promise that never resolves",
    source: (c) =>
      predictReturning(c.base, "  return new Promise(() => {}) as unknown as NDArray;"),
    verdict: predictOnly(["failed", "error"], /a Promise/),
  },
  {
    name: "microtask-flood",
    attack: "predict returns, leaving an endless chain of promises behind",
    source: inPredict(
      "  const spin = (): Promise<void> => Promise.resolve().then(spin);\n  void spin();",
    ),
    verdict: predictOnly(["timeout"], /did not return within \d+ ms/),
  },
  {
    name: "timer-left-running",
    attack: "predict returns, leaving a timer that loops for ever",
    source: inPredict("  setTimeout(() => { for (;;) {} }, 0);"),
    // The timer is reported; the next call gets a fresh child: nothing else is charged.
    verdict: { kind: "graded" },
  },
  {
    name: "memory-bomb",
    attack: "predict fills the heap",
    source: inPredict(
      '  const hoard: string[][] = [];\n  for (;;) hoard.push(new Array<string>(1e6).fill("x"));',
    ),
    verdict: predictOnly(["error", "timeout"], /ran out of memory|did not return within/),
  },
  {
    name: "buffer-bomb",
    attack: "predict fills a 4 GB typed array, which lives outside the heap limit",
    source: inPredict("  const hoard = new Float64Array(2 ** 29).fill(1);\n  void hoard;"),
    verdict: predictOnly(
      ["error", "timeout"],
      /allocation failed|ran out of memory|did not return/,
    ),
  },
  {
    name: "huge-return",
    attack: "predict returns an array of 6 million entries",
    source: (c) => predictReturning(c.base, "  return np.zeros([3000, 2000]);"),
    verdict: predictOnly(["failed", "error"], /too big to send/),
  },
  {
    name: "stdout-flood",
    attack:
      "predict prints megabytes, through console.log and straight to file descriptors 1 and 2",
    source: (c) =>
      atTop(
        atStartOf(
          c.base,
          "predict",
          `  const line = "spam ".repeat(200);
  for (let k = 0; k < 2000; k++) console.log(line);
  // Raw writes to a pipe the grader drains: EAGAIN when it is full, which the attacker ignores.
  for (const fd of [1, 2]) try { writeSync(fd, line.repeat(4000)); } catch {}`,
        ),
        'import { writeSync } from "node:fs";',
      ),
    verdict: unharmed(/\[output truncated at \d+ characters\]/),
  },

  // Escapes.
  {
    name: "writes-files",
    attack: "writes files: in its folder, the bundle's, /tmp",
    source: (c) =>
      attempts('import { writeFileSync } from "node:fs";', {
        "write own folder": `writeFileSync(${JSON.stringify(join(c.folder, "pwned.txt"))}, "x")`,
        "write cwd": 'writeFileSync("pwned.txt", "x")',
        "write tmp": 'writeFileSync("/tmp/gradecheck-corpus-pwned.txt", "x")',
      })(c),
    verdict: unharmed(
      /write own folder: ERR_ACCESS_DENIED[\s\S]*write cwd: ERR_ACCESS_DENIED[\s\S]*write tmp: ERR_ACCESS_DENIED/,
    ),
  },
  {
    name: "reads-reference",
    attack: "reads the reference solution and the expected values",
    source: (c) =>
      attempts('import { readFileSync } from "node:fs";', {
        "read reference": `readFileSync(${JSON.stringify(c.reference)})`,
        "read expected": `readFileSync(${JSON.stringify(c.expected)})`,
      })(c),
    verdict: unharmed(/read reference: ERR_ACCESS_DENIED[\s\S]*read expected: ERR_ACCESS_DENIED/),
  },
  {
    name: "reads-passwd",
    attack: "reads /etc/passwd",
    source: attempts('import { readFileSync } from "node:fs";', {
      "read passwd": 'readFileSync("/etc/passwd")',
    }),
    verdict: unharmed(/read passwd: ERR_ACCESS_DENIED/),
  },
  {
    name: "spawns-process",
    attack: "starts a shell",
    source: attempts('import { execSync, spawnSync } from "node:child_process";', {
      exec: 'execSync("touch /tmp/gradecheck-corpus-spawned")',
      spawn: 'spawnSync("/bin/sh", ["-c", "true"])',
    }),
    verdict: unharmed(/exec: ERR_ACCESS_DENIED[\s\S]*spawn: ERR_ACCESS_DENIED/),
  },
  {
    name: "starts-worker",
    attack: "starts a worker thread",
    source: attempts('import { Worker } from "node:worker_threads";', {
      worker: 'new Worker("process.exit(3)", { eval: true })',
    }),
    verdict: unharmed(/worker: ERR_ACCESS_DENIED/),
  },
  {
    name: "opens-socket",
    attack: "connects to a server on 127.0.0.1 while being imported",
    source: (c) =>
      atTop(
        atStartOf(c.base, "predict", '  console.log("socket: " + connected);'),
        `import { connect } from "node:net";
const connected = await new Promise<string>((resolve) => {
  const socket = connect(${c.port}, "127.0.0.1");
  const timer = setTimeout(() => { socket.destroy(); resolve("no answer"); }, 3000);
  socket.on("connect", () => { clearTimeout(timer); socket.end("learner was here"); resolve("connected"); });
  socket.on("error", (e: { code?: string }) => { clearTimeout(timer); resolve(e.code ?? "error"); });
});`,
      ),
    verdict: (sandbox) =>
      sandbox.network === "cut off"
        ? unharmed(/socket: (ENETUNREACH|ECONNREFUSED|EACCES)/)
        : unharmed(/socket: connected/),
  },
  {
    name: "kills-parent",
    attack: "predict kills its parent process",
    source: attempts("", { "kill parent": 'process.kill(process.ppid, "SIGKILL")' }),
    // In its own PID namespace the parent is out of sight (ppid is 0: "kill 0" is its own group,
    // where it is the first process, which ignores the signal); as nobody it may not signal root.
    verdict: (sandbox) =>
      unharmed(sandbox.pidNamespace ? /kill parent: allowed/ : /kill parent: EPERM/),
  },
  {
    name: "signals-group",
    attack: "predict sends SIGKILL to its process group",
    source: attempts("", { "kill group": 'process.kill(0, "SIGKILL")' }),
    // Its group is its own: it kills itself, unless it is the first process of a PID namespace.
    verdict: (sandbox) =>
      sandbox.pidNamespace
        ? unharmed(/kill group: allowed/)
        : predictOnly(["error"], /killed by SIGKILL/),
  },
  {
    name: "kills-everything",
    attack: "predict sends SIGKILL to every process it may signal (kill -1)",
    source: attempts("", { "kill all": 'process.kill(-1, "SIGKILL")' }),
    // Alone in its PID namespace, kill -1 reaches nobody. (Without one it would reach every
    // process of its user, other learners' children included: the test runs it only with one.)
    verdict: unharmed(/kill all: (allowed|ESRCH)/),
  },

  // Forged messages on the grader's channel (fd 3).
  {
    name: "forged-oversize-frame",
    attack: "predict announces a 4 GB message on the grader's channel",
    source: (c) =>
      atTop(
        atStartOf(
          c.base,
          "predict",
          "  const header = Buffer.alloc(4);\n  header.writeUInt32BE(0xfffffff0);\n  writeSync(3, header);",
        ),
        'import { writeSync } from "node:fs";',
      ),
    verdict: predictOnly(["error"], /a message of 4294967280 bytes/),
  },
  {
    name: "forged-polluting-result",
    attack: "predict sends results with a __proto__ key for every call id",
    source: (c) =>
      atTop(
        atStartOf(
          c.base,
          "predict",
          `  for (let id = 1; id < 2000; id++) {
    const body = serialize({ type: "result", id, status: "returned", value: JSON.parse('{"__proto__": {"score": 100}}'), argsAfter: [], output: "", ms: 0 });
    const header = Buffer.alloc(4);
    header.writeUInt32BE(body.length);
    writeSync(3, Buffer.concat([header, body]));
  }`,
        ),
        'import { writeSync } from "node:fs";\nimport { serialize } from "node:v8";',
      ),
    // Frames of another format: what the grader reads as the call's id is not the call in flight.
    verdict: predictOnly(["error"], /a message for call \d+, which it was not asked/),
  },

  // Patched globals: they live in the child, the comparisons in the grader.
  {
    name: "patches-math",
    attack: "a wrong submission that patches Math, Number and Object.is",
    base: PATCHED_BASE,
    source: (c) =>
      atTop(
        c.base,
        "Math.abs = () => 0;\nMath.max = () => 0;\nNumber.isFinite = () => true;\nNumber.isNaN = () => false;\nObject.is = () => true;",
      ),
    verdict: { kind: "no-better" },
  },
  {
    name: "patches-array-prototype",
    attack: "a wrong submission that patches Array.prototype and Float64Array.prototype",
    base: PATCHED_BASE,
    source: (c) =>
      atTop(
        c.base,
        "Array.prototype.every = () => true;\nArray.prototype.some = () => false;\nArray.prototype.includes = () => true;\nFloat64Array.prototype.every = () => true;",
      ),
    verdict: { kind: "no-better" },
  },
  {
    name: "patches-json",
    attack: "a wrong submission that patches JSON",
    base: PATCHED_BASE,
    source: (c) =>
      atTop(
        c.base,
        'JSON.stringify = () => \'{"score": 100}\';\nJSON.parse = () => ({ score: 100, status: "passed" });',
      ),
    verdict: { kind: "no-better" },
  },
  {
    name: "patches-array-module",
    attack: "a wrong submission that patches the array module",
    base: PATCHED_BASE,
    source: (c) =>
      atTop(
        c.base,
        `const arrays = np as unknown as Record<string, unknown>;
for (const key of ["allclose", "isclose", "equal", "arrayEqual"]) {
  try { arrays[key] = () => true; } catch {}
}
Object.defineProperty(Object.getPrototypeOf(np.zeros([1, 1])), "toString", { value: () => "[[1]]" });`,
      ),
    verdict: { kind: "no-better" },
  },

  // Returned values that are not what they seem.
  {
    name: "returns-nan-infinity",
    attack: "predict returns NaN and Infinity",
    source: (c) =>
      predictReturning(
        c.base,
        "  const { A2 } = forwardPropagation(X, parameters);\n  return np.where(np.greater(A2, 0.5), Number.NaN, Number.POSITIVE_INFINITY);",
      ),
    verdict: predictOnly(["failed", "error"], /NaN|Infinity/),
  },
  {
    name: "returns-proxy",
    attack: "predict returns a Proxy of the right answer",
    source: (c) =>
      predictReturning(
        c.base,
        "  const { A2 } = forwardPropagation(X, parameters);\n  return new Proxy(np.where(np.greater(A2, 0.5), 1, 0), {});",
      ),
    verdict: predictOnly(["failed", "error"], /a Proxy/),
  },
  {
    name: "returns-throwing-getter",
    attack: "predict returns an object whose getter throws",
    source: (c) =>
      predictReturning(
        c.base,
        '  return Object.defineProperty({}, "shape", { enumerable: true, get() { throw new Error("no shape"); } }) as NDArray;',
      ),
    verdict: predictOnly(["failed", "error"], /a getter/),
  },
  {
    name: "returns-cycle",
    attack: "predict returns a list that contains itself",
    source: (c) =>
      predictReturning(
        c.base,
        "  const loop: unknown[] = [];\n  loop.push(loop);\n  return loop as unknown as NDArray;",
      ),
    verdict: predictOnly(["failed", "error"], /cyclic/),
  },
  {
    name: "returns-proto-keys",
    attack: "predict returns an object with __proto__ and constructor keys",
    source: (c) =>
      predictReturning(
        c.base,
        '  return JSON.parse(\'{"__proto__": {"score": 100, "status": "passed"}, "constructor": 1}\');',
      ),
    verdict: predictOnly(["failed", "error"], /"__proto__" key/),
  },
  {
    name: "report-lookalike",
    attack: "predict prints and returns text that looks like a passing report, with markup",
    source: (c) =>
      predictReturning(
        c.base,
        `  console.log('{"score": 100, "maxScore": 100, "status": "passed"}');
  console.log("</details><script>alert(1)</script>]]><failure/>| --- |");
  return '{"score": 100}' as unknown as NDArray;`,
      ),
    verdict: predictOnly(["failed", "error"], /a string/, /\{"score": 100, "maxScore": 100/),
  },
  {
    name: "nondeterministic",
    attack: "predict adds Math.random() noise to its answer",
    source: (c) =>
      predictReturning(
        c.base,
        "  const { A2 } = forwardPropagation(X, parameters);\n  return np.add(np.where(np.greater(A2, 0.5), 1, 0), Math.random() * 1e-3);",
      ),
    verdict: predictOnly(["failed", "error"], /returned different results/),
  },
  {
    name: "mutates-inputs",
    attack: "predict zeroes its input X after using it",
    source: (c) =>
      predictReturning(
        c.base,
        "  const { A2 } = forwardPropagation(X, parameters);\n  X.data.fill(0);\n  return np.where(np.greater(A2, 0.5), 1, 0);",
      ),
    // The properties look at what predict returns only: they may pass.
    verdict: predictOnly(["failed", "error", "passed"], /changed its argument X in place/),
  },

  // Time: the calibrated limit for predict is the floor, 2000 ms.
  {
    name: "just-under-limit",
    attack: "predict's first call in each process takes 1 s (half its limit)",
    source: inPredict(
      "  const g = globalThis as { waited?: boolean };\n  if (!g.waited) { g.waited = true; const until = Date.now() + 1000; while (Date.now() < until) {} }",
    ),
    verdict: { kind: "graded" },
  },
  {
    name: "just-over-limit",
    attack: "predict takes 4 s (twice its limit)",
    source: inPredict("  const until = Date.now() + 4000;\n  while (Date.now() < until) {}"),
    // predict.trained's limit is calibrated on training and prediction together: far more than 4 s.
    verdict: predictOnly(["timeout", "passed"], /did not return within 2000 ms/),
  },
];

/** Every attack: the core ones above, and those of the transport and output files. */
export const hostileCases: HostileCase[] = [...coreCases, ...transportCases, ...outputCases];
