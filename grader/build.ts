/**
 * Build stage: bundles the learner's module, the array module it imports and the child runner
 * into a fresh temporary folder, which is all the sandboxed child may read. A syntax error
 * becomes a result with `file:line:column` and a code frame, never an exception.
 */
import { mkdtempSync, readFileSync, realpathSync, rmSync } from "node:fs";
import { isBuiltin } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative, sep } from "node:path";
import { build, type Message, type Plugin } from "esbuild";
import { PACKAGE_ROOT } from "./paths.ts";

export interface BuildFailure {
  status: "failed";
  /** `model.ts:12:7: Expected ";" but found "x"`, then the code frame. */
  message: string;
  location: { file: string; line: number; column: number } | null;
}

export type BuildResult = { status: "built"; dir: string; entry: string } | BuildFailure;

const ARRAY_MODULE = join(PACKAGE_ROOT, "assignments/lib/np.ts");
const CHILD_RUNNER = join(PACKAGE_ROOT, "grader/sandbox/child.ts");

/**
 * Bundles `submission` for the sandbox. `displayRoot` is what file names in messages are relative
 * to (the folder the user graded from).
 */
export async function buildSubmission(
  submission: string,
  displayRoot: string,
): Promise<BuildResult> {
  const real = realpathSync(submission);
  if (!isInside(realpathSync(dirname(submission)), real)) {
    return {
      status: "failed",
      message: `${relative(displayRoot, submission) || submission} is a symbolic link to ${real}, outside its folder: submit the file itself`,
      location: null,
    };
  }
  const dir = mkdtempSync(join(tmpdir(), "gradecheck-"));
  try {
    await build({
      stdin: {
        // A dynamic import, so that the child reports an import-time failure instead of dying.
        contents: `import { run } from ${JSON.stringify(CHILD_RUNNER)};\nrun(() => import(${JSON.stringify(submission)}));\n`,
        resolveDir: PACKAGE_ROOT,
        sourcefile: "gradecheck-child.ts",
        loader: "ts",
      },
      bundle: true,
      splitting: true,
      format: "esm",
      platform: "node",
      target: "node20",
      outdir: dir,
      entryNames: "child",
      outExtension: { ".js": ".mjs" },
      // Learners import the array module by package name wherever their file lies.
      alias: { "gradecheck/np": ARRAY_MODULE },
      plugins: [confineImports(dirname(submission))],
      sourcemap: "inline",
      absWorkingDir: PACKAGE_ROOT,
      logLevel: "silent",
      write: true,
    });
    return { status: "built", dir, entry: join(dir, "child.mjs") };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const errors = (error as { errors?: Message[] }).errors;
    const first = errors?.[0];
    if (!first) throw error;
    return { status: "failed", ...describeBuildError(first, displayRoot) };
  }
}

function describeBuildError(error: Message, displayRoot: string): Omit<BuildFailure, "status"> {
  const location = error.location;
  if (!location) return { message: error.text, location: null };
  const file = relative(displayRoot, join(PACKAGE_ROOT, location.file)) || location.file;
  const where = `${file}:${location.line}:${location.column + 1}`;
  return {
    message: `${where}: ${error.text}\n${codeFrame(join(PACKAGE_ROOT, location.file), location.line, location.column)}`,
    location: { file, line: location.line, column: location.column + 1 },
  };
}

const ALLOWED_IMPORTS =
  "a submission may import gradecheck/np, Node's own modules and files in its own folder";

/**
 * Keeps the learner's code to its own folder at build time: the bundler runs as the grader, so
 * without this a submission could bundle `../../reference/...` (or a symbolic link to it) and
 * carry the reference solution into the sandbox. Every file the learner's code imports must
 * really lie (symbolic links followed) inside the submission's folder.
 */
function confineImports(folder: string): Plugin {
  const root = realpathSync(folder);
  const inside = (path: string) => isInside(root, path);
  return {
    name: "confine-imports",
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData === "confined") return undefined;
        const fromLearner =
          args.kind === "dynamic-import" && args.importer.endsWith("gradecheck-child.ts");
        if (!fromLearner && !inside(args.importer)) return undefined;
        if (args.path === "gradecheck/np" || isBuiltin(args.path)) return undefined;
        const resolved = await build.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          importer: args.importer,
          pluginData: "confined",
        });
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        if (resolved.external || inside(realpathSync(resolved.path))) return resolved;
        return {
          errors: [
            { text: `"${args.path}" lies outside the submission's folder: ${ALLOWED_IMPORTS}` },
          ],
        };
      });
    },
  };
}

function isInside(folder: string, path: string): boolean {
  return path === folder || path.startsWith(folder + sep);
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
