/**
 * Build stage: bundles the learner's module into a fresh temporary folder, made first with the
 * child's runtime in it (the child runner and the array module it imports: runtime.ts), which is
 * all the sandboxed child may read. A syntax error becomes a result with `file:line:column` and a
 * code frame, never an exception.
 *
 * The build reads nothing but the submission. Its files are first copied into a fresh folder
 * (`stageSubmission`), and bundled from there with a fixed configuration: no tsconfig.json,
 * jsconfig.json or package.json of the learner's is read (there is none in the copy, and the
 * grader gives esbuild its own), and every import of learner code is resolved and checked:
 * `gradecheck/np`, a Node built-in that esbuild really leaves external, or a TypeScript or
 * JavaScript file of the copy itself. Nothing else is bundled, no other loader is used, and a build
 * error quotes only the submission's own files.
 */
import { readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { isBuiltin } from "node:module";
import { dirname, extname, join, relative, sep } from "node:path";
import { PACKAGE_ROOT } from "../core/paths.ts";
import type { Phrase, Said } from "../core/phrase.ts";
import { type ImportRefusal, said } from "../words/en/phrases.ts";
import { type BundleFolder, bundleFolder, ENTRY } from "./bundle-folder.ts";
import {
  build,
  type Message,
  type OnResolveArgs,
  type OnResolveResult,
  type Plugin,
  transform,
} from "./esbuild.ts";
import { RUNTIME } from "./runtime.ts";
import { STUB_ERROR } from "./stubs.ts";
import {
  isInside,
  readSubmission,
  realPath,
  SOURCE_EXTENSIONS,
  type SubmissionFiles,
  type SubmissionSource,
  stageSubmission,
  submissionAt,
} from "./submission.ts";
import {
  type Declaration,
  declarationsOf,
  parseModule,
  STAND_INS_MODULE,
  type StandIns,
  standInsModule,
  substitute,
} from "./substitute.ts";
import { type Fenced, fenceSyntaxErrors, type SyntaxErrorAt } from "./syntax-fence.ts";
import { type Throws, untouchedStubs } from "./untouched-stubs.ts";

export interface BuildFailure {
  status: "failed";
  /** `model.ts:12:7: Expected ";" but found "x"`, then the code frame. */
  message: string;
  location: { file: string; line: number; column: number } | null;
  /** The message as a phrase, where it is the grader's own (an unreadable submission). */
  said?: Said;
}

export interface Built {
  status: "built";
  /** The bundle's folder: what the sandboxed child may read. */
  dir: string;
  entry: string;
  /** The copy of the submission that was bundled, and how its paths read in messages. */
  staged: StagedSubmission;
}

export type BuildResult = Built | BuildFailure;

export interface StagedSubmission {
  /** The copy's folder. */
  dir: string;
  /** The entry file in the copy. */
  entry: string;
  /** Every file of the copy, by absolute path, with the name it is shown by in messages. */
  shown: Map<string, string>;
  /** The files of the copy the bundle took in (the entry and what it imports): what is checked. */
  bundled: string[];
  /** The entry file's lines, for the learner's own line where an error was raised. */
  entryLines: string[];
  /** The learner's functions that held a syntax error, replaced to throw it (`syntax-fence.ts`). */
  fenced?: Fenced[];
}

const CHILD_SOURCE = "gradecheck-child.ts";
const STAND_INS_NAMESPACE = "gradecheck-stand-ins";
/**
 * The second bundle's copy of the learner's files as written (`stand-ins.ts`'s `answerWith`): the
 * entry imported by this name, and every file it reaches in a namespace of its own, which esbuild
 * keeps apart from the rewritten files of the same paths.
 */
const ANSWERING_COPY = "gradecheck:answering-copy";
const ANSWERING_NAMESPACE = "gradecheck-answering";

/** Copies of the learner's module the second bundle's child imports: its own, and the answering copy. */
export const ALONE_MODULE_COPIES = 2;
/** The runtime's files, as the bundle's own code imports them (never the learner's). */
const RUNTIME_IMPORTS = new Set<string>(Object.values(RUNTIME));

/** Reads, copies and bundles a submission given by its path (a folder, a model.ts or a file). */
export async function buildSubmission(
  submission: string | SubmissionSource,
  displayRoot: string,
): Promise<BuildResult> {
  const source = typeof submission === "string" ? submissionAt(submission, false) : submission;
  const read = readSubmission(source, displayRoot);
  if (read.status === "unreadable")
    return { status: "failed", message: read.message, location: null, said: read.said };
  return buildFiles(read, displayRoot);
}

/**
 * Copies the submission's files into a fresh folder and bundles them from there, into `folder`
 * (a fresh one when none is given). A failed build removes the folder. With `readAhead`, the
 * entry is also read for the second bundle (`buildAlone`) while this one is made, as it is where it
 * may leave stubs (`entryStubs`).
 */
export async function buildFiles(
  submission: SubmissionFiles,
  displayRoot: string,
  folder?: BundleFolder,
  { readAhead = false }: { readAhead?: boolean } = {},
): Promise<BuildResult> {
  const { dir, entry } = folder ?? (await bundleFolder());
  const copy = stageSubmission(submission);
  // The path esbuild reports errors at: symbolic links in TMPDIR resolved.
  const stagedDir = realpathSync(copy.dir);
  const staged: StagedSubmission = {
    dir: stagedDir,
    entry: join(stagedDir, ...submission.entry.split("/")),
    shown: new Map(
      [...submission.files.keys()].map((name) => [
        join(stagedDir, ...name.split("/")),
        submission.shownAs !== undefined
          ? `${submission.shownAs}/${name}`
          : relative(displayRoot, join(submission.root, ...name.split("/"))) || name,
      ]),
    ),
    bundled: [],
    entryLines: (submission.files.get(submission.entry)?.toString("utf8") ?? "").split(/\r?\n/),
  };
  // Read while esbuild bundles: for the second bundle, or for the stubs the entry may leave.
  if (readAhead || mayLeaveStubs(staged))
    void declarationsIn(staged, staged.entry).catch(() => undefined);
  try {
    const { metafile } = await bundleFencing(staged, dir);
    staged.bundled = Object.keys(metafile.inputs)
      .map((input) => join(PACKAGE_ROOT, input))
      .filter((path) => staged.shown.has(path));
    return { status: "built", dir, entry, staged };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const errors = (error as { errors?: Message[] }).errors;
    const first = errors?.[0];
    // Worded while the copy is still there to quote.
    const failure = first ? describeBuildError(first, staged) : undefined;
    rmSync(copy.dir, { recursive: true, force: true });
    if (!failure) throw error;
    return { status: "failed", ...failure };
  }
}

/** Rounds of fencing at most: esbuild stops at a file's first syntax error, so one a round. */
const MAX_FENCES = 12;

/**
 * `bundle`, with each function of the learner's files that holds a syntax error fenced
 * (`syntax-fence.ts`), one error a round, until the files build: a syntax error costs the function
 * it is in. Where an error cannot be fenced, every file is put back as the learner wrote it and the
 * first failure is thrown, to be reported as it would have been.
 */
async function bundleFencing(staged: StagedSubmission, dir: string) {
  let first: unknown;
  // Each file as the learner wrote it, read before it is first fenced.
  const written = new Map<string, string>();
  for (let round = 0; ; round++) {
    try {
      return await bundle(staged, dir);
    } catch (error) {
      first ??= error;
      if (round >= MAX_FENCES || !fenceFiles(staged, error, written)) {
        for (const [file, text] of written) {
          writeFileSync(file, text);
          declared.get(staged)?.delete(file);
        }
        staged.fenced = undefined;
        throw first;
      }
    }
  }
}

/**
 * Fences the functions of the learner's files that hold esbuild's syntax errors, keeping in
 * `written` each file as it was before; false where it cannot (an error outside the learner's
 * files, or outside a function).
 */
function fenceFiles(staged: StagedSubmission, error: unknown, written: Map<string, string>) {
  const errors = (error as { errors?: Message[] }).errors ?? [];
  const byFile = new Map<string, SyntaxErrorAt[]>();
  for (const { location, text, detail } of errors) {
    const file = location && join(PACKAGE_ROOT, location.file);
    if (!file || !staged.shown.has(file) || ownPhrase(detail)) return false;
    const at = { line: location.line, column: location.column + 1 };
    const message = `${placeOf(staged.shown.get(file), location)}: ${text}`;
    byFile.set(file, [...(byFile.get(file) ?? []), { ...at, message }]);
  }
  if (byFile.size === 0) return false;
  // Every file's fence is made before any is written: where one cannot be, none is.
  const fencings = [];
  for (const [file, at] of byFile) {
    const text = readFileSync(file, "utf8");
    const fenced = fenceSyntaxErrors(text, at);
    if (!fenced) return false;
    fencings.push({ file, text, fenced });
  }
  for (const { file, text, fenced } of fencings) {
    if (!written.has(file)) written.set(file, text);
    writeFileSync(file, fenced.text);
    // Read again by the second bundle: what was read ahead is the file as it failed.
    declared.get(staged)?.delete(file);
    staged.fenced = [...(staged.fenced ?? []), ...fenced.fenced];
  }
  return true;
}

/**
 * The second bundle, made from a built submission's copy into `folder` (a fresh one when none is
 * given): the same module, in which each function of `callers` the learner's files declare is
 * called through a stand-in (`substitute.ts`), so that each function can be judged alone. Its
 * folder is the caller's to remove; when a file could not be rewritten or bundled, the folder is
 * removed, and the reason given.
 */
export async function buildAlone(
  built: Built,
  callers: StandIns,
  folder?: BundleFolder,
): Promise<BundleFolder | { unavailable: string }> {
  const made = folder ?? (await bundleFolder());
  try {
    const rewritten = await rewriteForStandIns(built.staged, Object.keys(callers));
    await bundle(built.staged, made.dir, { rewritten, callers });
    return made;
  } catch (error) {
    rmSync(made.dir, { recursive: true, force: true });
    const first = (error as { errors?: Message[] }).errors?.[0];
    return {
      unavailable: first ? first.text : error instanceof Error ? error.message : String(error),
    };
  }
}

/**
 * The functions the submission's entry file leaves as their stubs (`untouched-stubs.ts`); none
 * where it cannot be read, and, without reading it, where it never names the stubs' class (a
 * learner's finished file: a run without a second bundle then loads no parser).
 */
export function entryStubs(built: Built): Promise<ReadonlyMap<string, Throws>> {
  if (!mayLeaveStubs(built.staged)) return Promise.resolve(new Map());
  return declarationsIn(built.staged, built.staged.entry).then(
    ({ stubs }) => stubs,
    () => new Map(),
  );
}

/** Whether the entry names the stubs' class: unless it does, it leaves no stub. */
function mayLeaveStubs(staged: StagedSubmission): boolean {
  return staged.entryLines.some((line) => line.includes(STUB_ERROR));
}

/**
 * A file of the copy as JavaScript, its top-level declarations (of every name), and the functions
 * it leaves as their stubs.
 */
interface Declared {
  code: string;
  declarations: Declaration[];
  stubs: ReadonlyMap<string, Throws>;
}

/** Each copy's files as `declarationsIn` read them, once each. */
const declared = new WeakMap<StagedSubmission, Map<string, Promise<Declared>>>();

/**
 * A file of the copy as JavaScript (esbuild's transform, its source map inline) and its top-level
 * declarations: read once, whether first ahead of the second bundle (`readAhead`) or for it.
 */
function declarationsIn(staged: StagedSubmission, path: string): Promise<Declared> {
  let files = declared.get(staged);
  if (!files) {
    files = new Map();
    declared.set(staged, files);
  }
  let file = files.get(path);
  if (!file) {
    // The parser loads while esbuild transforms: this process waits on esbuild's meanwhile.
    void import("acorn");
    file = transform(learnerSource(path), {
      loader: extname(path).endsWith("ts") ? "ts" : "js",
      sourcemap: "inline",
      sourcefile: path,
      tsconfigRaw: {},
      logLevel: "silent",
    }).then(async ({ code }) => {
      const program = await parseModule(code);
      return { code, declarations: declarationsOf(program), stubs: untouchedStubs(program) };
    });
    files.set(path, file);
  }
  return file;
}

/**
 * Each bundled file of the submission as JavaScript with its declarations of `names` renamed. A
 * name declared by more than one file besides the entry is left alone: which of them the module
 * exports is not known here.
 */
async function rewriteForStandIns(
  staged: StagedSubmission,
  names: readonly string[],
): Promise<Map<string, string>> {
  const wanted = new Set(names);
  const files = await Promise.all(
    staged.bundled.map(async (path) => {
      const { code, declarations } = await declarationsIn(staged, path);
      return { path, code, declarations: declarations.filter(({ name }) => wanted.has(name)) };
    }),
  );
  const declaredBy = new Map<string, string[]>();
  for (const { path, declarations } of files)
    for (const { name } of declarations)
      declaredBy.set(name, [...(declaredBy.get(name) ?? []), path]);
  const unambiguous = (name: string) => {
    const paths = declaredBy.get(name) ?? [];
    return paths.includes(staged.entry) || paths.length === 1;
  };
  return new Map(
    files.map(({ path, code, declarations }) => [
      path,
      substitute(
        code,
        declarations.filter((d) => unambiguous(d.name)),
        path === staged.entry,
      ),
    ]),
  );
}

/** A file of the submission's copy, as it is bundled. */
function learnerSource(path: string): string {
  // A source map comment would have esbuild read the map it names, anywhere, and put its
  // sources into the bundle, which the learner's code may read.
  return readFileSync(path, "utf8").replace(
    /(\/[/*][#@]\s*)sourceMappingURL=/g,
    "$1sourceMappingURL-ignored=",
  );
}

/** Bundles the copy, with the child runner, into `dir`. */
async function bundle(
  staged: StagedSubmission,
  dir: string,
  standIns?: { rewritten: Map<string, string>; callers: StandIns },
) {
  // A dynamic import, so that the child reports an import-time failure instead of dying.
  const load = `() => import(${JSON.stringify(staged.entry)})`;
  const runner = JSON.stringify(RUNTIME.runner);
  // Judging alone, the learner's own functions answer from a copy of the module as written.
  const copy = `() => import(${JSON.stringify(ANSWERING_COPY)}).then(answerWith)`;
  const contents = standIns
    ? `import { run, ownFunction, answerWith } from ${runner};\nrun(${load}, ownFunction, ${copy});\n`
    : `import { run } from ${runner};\nrun(${load});\n`;
  const { metafile, outputFiles } = await build({
    stdin: {
      contents,
      resolveDir: PACKAGE_ROOT,
      sourcefile: CHILD_SOURCE,
      loader: "ts",
    },
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    outdir: dir,
    entryNames: ENTRY,
    outExtension: { ".js": ".mjs" },
    // The grader's own configuration, whatever configuration files lie anywhere.
    tsconfigRaw: {},
    plugins: [confineImports(staged, standIns)],
    sourcemap: "inline",
    sourcesContent: false,
    absWorkingDir: PACKAGE_ROOT,
    logLevel: "silent",
    // Written here, not by esbuild's own process, which could still be writing after this
    // process was ended and its temporary folders removed.
    write: false,
    metafile: true,
  });
  for (const file of outputFiles) writeFileSync(file.path, file.contents);
  return { metafile };
}

/** Removes what a build made. */
export function removeBuild(built: Built): void {
  rmSync(built.dir, { recursive: true, force: true });
  rmSync(built.staged.dir, { recursive: true, force: true });
}

/**
 * The error, located in the submission's own file when it is one; an error anywhere else (which
 * the confinement should make impossible) is reported without quoting that file.
 */
function describeBuildError(
  error: Message,
  staged: StagedSubmission,
): Omit<BuildFailure, "status"> {
  const location = error.location;
  const path = location ? join(PACKAGE_ROOT, location.file) : undefined;
  const shown = path === undefined ? undefined : staged.shown.get(path);
  // The grader's own refusal (`saidError`), which a report in another language words again.
  const phrase = ownPhrase(error.detail);
  const own: Said | undefined = phrase ? { text: error.text, phrase } : undefined;
  if (!location || !path || shown === undefined)
    return { message: error.text, location: null, ...(own ? { said: own } : {}) };
  const where = placeOf(shown, location);
  const frame = codeFrame(path, location.line, location.column);
  return {
    message: `${where}: ${error.text}\n${frame}`,
    location: { file: shown, line: location.line, column: location.column + 1 },
    ...(own ? { said: said("build.at", { where, error: own, frame }) } : {}),
  };
}

/** Where esbuild found an error, as a learner reads it: `model.ts:217:7` (esbuild's column is 0-based). */
const placeOf = (shown: string | undefined, { line, column }: { line: number; column: number }) =>
  `${shown}:${line}:${column + 1}`;

/**
 * An error of the build's own plugin, its phrase kept in esbuild's `detail` (which esbuild hands
 * back with the error as it was given) for the message.
 */
const saidError = ({ text, phrase }: Said) => ({ text, detail: { gradecheck: phrase } });

/** The phrase `saidError` kept; undefined in esbuild's own errors, which have no detail. */
const ownPhrase = (detail: unknown): Phrase | undefined =>
  (detail as { gradecheck?: Phrase } | undefined)?.gradecheck;

/**
 * Resolves every import of learner code itself, so that nothing but the submission's own files,
 * the array module and Node's built-ins can reach the bundle: the bundler runs as the grader and
 * could read any file the grader can.
 */
function confineImports(
  staged: StagedSubmission,
  standIns?: { rewritten: Map<string, string>; callers: StandIns },
): Plugin {
  const root = staged.dir;
  const fromLearner = (importer: string) => isInside(root, importer);
  const refuse = (path: string, why: ImportRefusal) => ({
    errors: [saidError(said("build.cannot-import", { path, why }))],
  });
  /**
   * Every file outside the copy that an import resolved to (the array module, the child runner
   * and what they import). A file esbuild loads without resolving an import to it first (a glob
   * such as import(`../x/${name}.ts`), which skips plugins' resolvers) must be one of these.
   */
  const resolvedOutside = new Set<string>();
  const learnerImport = async (args: OnResolveArgs): Promise<OnResolveResult> => {
    if (Object.keys(args.with).length > 0) return refuse(args.path, "attributes");
    if (args.path === "gradecheck/np") return { path: RUNTIME.np, external: true };
    // Only the rewritten files import it: the first bundle refused it in the learner's own.
    if (standIns && args.path === STAND_INS_MODULE && args.namespace !== ANSWERING_NAMESPACE)
      return { path: STAND_INS_MODULE, namespace: STAND_INS_NAMESPACE };
    const resolved = await resolveAsUsual(args);
    if (resolved.external) {
      // A built-in only when esbuild itself leaves it to Node: a name Node knows but esbuild
      // does not would otherwise be looked for on disk.
      return isBuiltin(args.path) && resolved.errors.length === 0
        ? { path: args.path, external: true }
        : refuse(args.path, "not-node");
    }
    if (resolved.errors.length > 0 || !resolved.path) {
      return refuse(args.path, isBuiltin(args.path) ? "node-not-allowed" : "no-such-file");
    }
    // Another namespace (a data: URL) is no file of the submission's.
    const real = resolved.namespace === "file" ? realPath(resolved.path) : undefined;
    if (real === undefined) return refuse(args.path, "not-a-file");
    if (!isInside(root, real)) return refuse(args.path, "outside");
    if (!SOURCE_EXTENSIONS.includes(extname(real))) return refuse(args.path, "not-source");
    return { path: real };
  };
  let resolveAsUsual: (args: OnResolveArgs) => Promise<OnResolveResult & { errors: Message[] }>;
  return {
    name: "confine-imports",
    setup(build) {
      resolveAsUsual = (args) =>
        build.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          importer: args.importer,
          pluginData: "confined",
        });
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData === "confined") return undefined;
        if (!fromLearner(args.importer) && RUNTIME_IMPORTS.has(args.path))
          return { path: args.path, external: true };
        const fromChildSource =
          args.importer === CHILD_SOURCE || args.importer.endsWith(`${sep}${CHILD_SOURCE}`);
        if (standIns && fromChildSource && args.path === ANSWERING_COPY)
          return { path: staged.entry, namespace: ANSWERING_NAMESPACE };
        const result =
          fromChildSource && args.path === staged.entry
            ? { path: staged.entry }
            : fromLearner(args.importer)
              ? await learnerImport(args)
              : await resolveAsUsual(args);
        // A file of the copy imports the copy's files.
        if (
          args.namespace === ANSWERING_NAMESPACE &&
          result.path &&
          !result.external &&
          !result.errors?.length &&
          isInside(root, result.path)
        )
          return { path: result.path, namespace: ANSWERING_NAMESPACE };
        if (result.path && !result.external && !isInside(root, result.path))
          resolvedOutside.add(result.path);
        return result;
      });
      if (standIns) {
        build.onLoad({ filter: /.*/, namespace: STAND_INS_NAMESPACE }, () => ({
          contents: standInsModule(RUNTIME.runner, standIns.callers),
          resolveDir: PACKAGE_ROOT,
          loader: "js",
        }));
      }
      // The copy's files as written, never rewritten (the resolver let only the submission's in).
      build.onLoad({ filter: /.*/, namespace: ANSWERING_NAMESPACE }, (args) =>
        isInside(root, args.path) && SOURCE_EXTENSIONS.includes(extname(args.path))
          ? {
              contents: learnerSource(args.path),
              loader: extname(args.path).endsWith("ts") ? "ts" : "js",
              resolveDir: dirname(args.path),
            }
          : { errors: [{ text: `${args.path} is not a file of the submission` }] },
      );
      // The submission's files are loaded as what their names say; any other file only when an
      // import of the grader's own code, or an accepted one of the learner's, resolved to it.
      build.onLoad({ filter: /.*/ }, (args) => {
        if (!isInside(root, args.path)) {
          if (resolvedOutside.has(args.path)) return undefined;
          return { errors: [saidError(said("build.reaches-outside"))] };
        }
        const extension = extname(args.path);
        if (!SOURCE_EXTENSIONS.includes(extension))
          return { errors: [{ text: `${args.path} is not a TypeScript or JavaScript file` }] };
        const rewritten = standIns?.rewritten.get(args.path);
        if (rewritten !== undefined) return { contents: rewritten, loader: "js" };
        return {
          contents: learnerSource(args.path),
          loader: extension.endsWith("ts") ? "ts" : "js",
        };
      });
    },
  };
}

/** Two lines of context around a 1-based line, and a caret under the 0-based column. */
export function codeFrame(path: string, line: number, column: number): string {
  let lines: string[];
  try {
    lines = readFileSync(path, "utf8").split("\n");
  } catch {
    return "";
  }
  const first = Math.max(1, line - 2);
  const last = Math.min(lines.length, line + 1);
  const width = String(last).length;
  const frame: string[] = [];
  for (let n = first; n <= last; n++) {
    frame.push(`${n === line ? ">" : " "} ${String(n).padStart(width)} | ${lines[n - 1] ?? ""}`);
    if (n === line) frame.push(`  ${" ".repeat(width)} | ${" ".repeat(column)}^`);
  }
  return frame.join("\n");
}
