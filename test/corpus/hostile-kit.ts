/**
 * What every file of the hostile corpus shares: the case and verdict types, and the helpers that
 * build an attack from the reference (or a buggy submission) by inserting code into it.
 */
import type { TestStatus } from "../../grader/core/report.ts";
import { FUNCTIONS, type FunctionName, type Loser } from "./bugs.ts";

/** What an attack may know: the grader's paths, and a port on 127.0.0.1 the test listens on. */
export interface Context {
  reference: string;
  expected: string;
  port: number;
  /** The learner's own folder. */
  folder: string;
  /** The reference, or the buggy submission the case builds on. */
  base: string;
  /**
   * Files only the grader may read, each holding the marker SECRET: a TypeScript module (its
   * marker in an exported literal type) and a text file. No report or output may contain it.
   */
  secretModule: string;
  secretText: string;
}

/** In the grader's secret files and environment: it must never reach anything a learner sees. */
export const SECRET = "gradecheck-corpus-secret-7f3a91";

export type Verdict =
  /** The submission does not build: report status "error", every test an error. */
  | { kind: "build-error"; message: RegExp }
  /** The module cannot be loaded: every test an error with this message. */
  | { kind: "unloadable"; message: RegExp }
  /**
   * Graded; every test of a function other than `affected` exactly as in the base's report. The
   * affected function's tests have one of `statuses`, the first one not passing says `message`,
   * and one of them printed `output`.
   */
  | {
      kind: "graded";
      /** A function, or with the end-to-end test, which runs nnModel too. */
      affected?: FunctionName | Loser[];
      statuses?: TestStatus[];
      message?: RegExp;
      output?: RegExp;
      /** One of the report's warnings says this. */
      warning?: RegExp;
    }
  /**
   * Learner code that patches globals may break itself, never earn a point: no test the base
   * fails passes, and the score is no higher than the base's.
   */
  | { kind: "no-better" };

export interface HostileCase {
  /** Its folder in the class: a learner's name. */
  name: string;
  attack: string;
  /** The buggy submission (test/corpus/bugs.ts) it builds on; the reference by default. */
  base?: string;
  source(context: Context): string;
  /** Extra things in the learner's folder (symbolic links, configuration files). */
  files?(context: Context): void;
  /** The verdict, which may depend on what the sandbox could do on this machine. */
  verdict: Verdict | ((sandbox: { pidNamespace: boolean; network: string }) => Verdict);
}

export const IMPORT_LINE = 'import { type NDArray, np, type RandomState } from "gradecheck/np";';
export const PREDICT_BODY = `  const { A2 } = forwardPropagation(X, parameters);
  return np.where(np.greater(A2, 0.5), 1, 0);`;

export function once(text: string, needle: string): number {
  const at = text.indexOf(needle);
  if (at === -1 || text.indexOf(needle, at + 1) !== -1)
    throw new Error(`${JSON.stringify(needle)} must occur exactly once in the base`);
  return at;
}

/** `code` just after the array module's import: it runs when the module is imported. */
export function atTop(base: string, code: string): string {
  const at = once(base, IMPORT_LINE) + IMPORT_LINE.length;
  return `${base.slice(0, at)}\n${code}\n${base.slice(at)}`;
}

/** `code` at the start of function `fn`'s body. */
export function atStartOf(base: string, fn: string, code: string): string {
  const header = once(base, `export function ${fn}(`);
  const marker = "// BEGIN SOLUTION\n";
  const at = base.indexOf(marker, header) + marker.length;
  return `${base.slice(0, at)}${code}\n${base.slice(at)}`;
}

/** Prints a fingerprint of this call's first array argument, then those of every earlier call. */
const REMEMBER = `const seen: string[] = [];
function remember(args: unknown[]): void {
  const first = args.find((a) => (a as { data?: unknown })?.data instanceof Float64Array) as { data: Float64Array } | undefined;
  if (!first) return;
  const fp = "fp" + first.data.reduce((s, x) => s + x, 0).toPrecision(14);
  console.log(\`\${fp} seen \${seen.slice(-80).reverse().join(" ")}\`);
  seen.push(fp);
}`;

/**
 * `base` with every function remembering its inputs: each call prints the fingerprint of its own
 * (`fp…`), then `seen` and those of the calls before it in the same child, latest first.
 */
export function remembering(base: string): string {
  let source = atTop(base, REMEMBER);
  for (const fn of FUNCTIONS) source = atStartOf(source, fn, "  remember([...arguments]);");
  return source;
}

/** The fingerprints a test's output says its own calls were given (not those they had seen). */
export const ownFingerprints = (output: string) =>
  [...output.matchAll(/^(fp\S+) seen/gm)].map((m) => m[1] as string);

/** The fingerprints a test's output says its calls had seen, in the child, before their own. */
export const seenFingerprints = (output: string) =>
  [...output.matchAll(/^fp\S+ seen(.*)$/gm)].flatMap((m) => (m[1] as string).match(/fp\S+/g) ?? []);

/** predict's body replaced by `body`. */
export function predictReturning(base: string, body: string): string {
  const at = once(base, PREDICT_BODY);
  return `${base.slice(0, at)}${body}${base.slice(at + PREDICT_BODY.length)}`;
}

/** predict runs `code` first, then does its work. */
export const inPredict = (code: string) => (c: Context) => atStartOf(c.base, "predict", code);

/** A predict that prints what each attempt came to (an error code, or what it got away with). */
export function attempts(imports: string, tries: Record<string, string>) {
  return (c: Context) =>
    atTop(
      atStartOf(
        c.base,
        "predict",
        Object.entries(tries)
          .map(
            ([label, code]) =>
              `  try { ${code}; console.log("${label}: allowed"); } catch (e) { console.log("${label}: " + ((e as { code?: string }).code ?? String(e))); }`,
          )
          .join("\n"),
      ),
      imports,
    );
}

export const predictOnly = (statuses: TestStatus[], message: RegExp, output?: RegExp): Verdict => ({
  kind: "graded",
  affected: "predict",
  statuses,
  message,
  ...(output ? { output } : {}),
});

/** Attempts that came to nothing leave predict's results as they were, saying so in its output. */
export const unharmed = (output: RegExp): Verdict => ({
  kind: "graded",
  affected: "predict",
  statuses: ["passed"],
  output,
});
