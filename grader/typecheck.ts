/**
 * Type checking, for warnings only: grading runs the code as esbuild builds it, types stripped,
 * so a type error alone costs no points, but the learner should hear of it. Runs the TypeScript
 * compiler (a development dependency: where it is not installed, the check is skipped and the
 * report says so) on the submission and the array module, and keeps only the diagnostics located
 * in the submission itself, worded `model.ts:12:7: message`.
 */
import { execFile } from "node:child_process";
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { PACKAGE_ROOT } from "./paths.ts";

export type TypeCheck =
  | { status: "checked"; errors: string[] }
  | { status: "skipped"; reason: string };

const TSC = join(PACKAGE_ROOT, "node_modules/typescript/bin/tsc");
const LIB = join(PACKAGE_ROOT, "assignments/lib");
/** At most this many errors are reported; the count says how many more there were. */
const MAX_ERRORS = 5;
const TIMEOUT_MS = 60_000;

/** `model.ts(12,7): error TS2322: text` -> file, line, column, text. */
const DIAGNOSTIC = /^(.+?)\((\d+),(\d+)\): error (TS\d+: .*)$/;

export async function typeCheck(submission: string, displayRoot: string): Promise<TypeCheck> {
  if (!existsSync(TSC)) return { status: "skipped", reason: "TypeScript is not installed" };
  // Such a directive would have the compiler read any file, whose contents its errors may quote.
  if (/^\s*\/\/\/\s*<reference/m.test(readFileSync(submission, "utf8"))) {
    return { status: "skipped", reason: "the file has /// <reference> directives" };
  }
  const dir = mkdtempSync(join(tmpdir(), "gradecheck-types-"));
  try {
    writeFileSync(
      join(dir, "tsconfig.json"),
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
          types: ["node"],
          typeRoots: [join(PACKAGE_ROOT, "node_modules/@types")],
          paths: { "gradecheck/np": [join(LIB, "np.ts")] },
        },
        files: [submission, ...readdirSync(LIB).map((f) => join(LIB, f))],
      }),
    );
    const output = await new Promise<string>((done) =>
      execFile(
        process.execPath,
        [TSC, "-p", join(dir, "tsconfig.json"), "--pretty", "false"],
        { cwd: dir, timeout: TIMEOUT_MS, maxBuffer: 1 << 22 },
        (_error, stdout) => done(String(stdout)),
      ),
    );
    const errors = output
      .split("\n")
      .map((line) => DIAGNOSTIC.exec(line.trim()))
      .filter(
        (m): m is RegExpExecArray =>
          m !== null && sameFile(resolve(dir, m[1] as string), submission),
      )
      .map(
        ([, , line, column, text]) =>
          `${relative(displayRoot, submission) || submission}:${line}:${column}: ${text}`,
      );
    return {
      status: "checked",
      errors:
        errors.length > MAX_ERRORS
          ? [...errors.slice(0, MAX_ERRORS), `and ${errors.length - MAX_ERRORS} more type errors`]
          : errors,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function sameFile(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}

/** The report's warnings from a type check. */
export function typeWarnings(check: TypeCheck): string[] {
  if (check.status === "skipped") return [`types were not checked: ${check.reason}`];
  return check.errors.map(
    (error) => `type error (graded anyway, as the code runs with its types stripped): ${error}`,
  );
}
