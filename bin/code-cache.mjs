/**
 * The command as one classic script (dist/gradecheck.cjs, made by bin/bundle.mjs), run with
 * V8's compiled code of it, which the build records from a grade of each assignment's stubs: a
 * command then neither parses nor compiles the JavaScript it runs. That took about a third of the
 * grader's CPU in a stubs grade: Node 20 keeps no compiled code of ES modules between runs, and
 * Node 22's compile cache keeps only what a module compiles as it loads, not the functions V8
 * compiles when they are first called, most of them.
 *
 * V8 takes the code only from the Node and under the flags that made it. The record beside it
 * says which; for any other Node, flags given to node (a command that starts itself again with
 * flags of its own) or a script that is not the one the code was made from, `loadProgram` gives
 * nothing and the command runs the ES module build, as without a record. Plain JavaScript, as it
 * runs before anything is built.
 */
import { isAscii } from "node:buffer";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { setFlagsFromString } from "node:v8";
import vm from "node:vm";

/** The build's classic script, relative to the package root. */
export const SCRIPT = "dist/gradecheck.cjs";
/** V8's code of it; the record is beside it, with `.json` added. */
export const CODE = "dist/gradecheck.code";
/**
 * Names a file: the command loads the script with the code already there (if its record fits) and
 * writes V8's code of it there as it exits, with its record: how the build records the code,
 * grade after grade, each adding the functions it compiled.
 */
export const RECORD_CODE_TO = "GRADECHECK_RECORD_CODE_TO";

/** `import()` lent to the script (grader/core/modules.ts), which has no module loader of its own. */
const HOST_IMPORT = Symbol.for("gradecheck.import");

/** What V8's code was made under, and of which script. */
function recordOf(script, flags) {
  const { size, mtimeMs } = statSync(script);
  return {
    node: process.version,
    execArgv: process.execArgv,
    nodeOptions: process.env.NODE_OPTIONS ?? "",
    v8Flags: flags,
    script: { size, mtimeMs },
  };
}

/** The record at `file`, if there is one and it was made as this process runs, of `script`. */
function fittingRecord(file, script) {
  let record;
  try {
    record = JSON.parse(readFileSync(`${file}.json`, "utf8"));
  } catch {
    return undefined;
  }
  const now = recordOf(script, record.v8Flags);
  return JSON.stringify(now) === JSON.stringify(record) ? record : undefined;
}

/**
 * The program (the script's exports: `runProgram`), loaded with V8's code where the record fits
 * this process, and what became of the code: "taken", "rejected" by V8 (the script then compiles
 * as it runs, as the ES module build does), or "none" (recording the first code). Undefined where
 * there is no script or no fitting record: the command then runs the ES module build.
 */
export function loadProgram(root) {
  const recordTo = process.env[RECORD_CODE_TO];
  const codeFile = recordTo ?? join(root, CODE);
  const script = join(root, SCRIPT);
  let record;
  let code;
  let bytes;
  try {
    record = fittingRecord(codeFile, script);
    code = record ? readFileSync(codeFile) : undefined;
    bytes = record || recordTo ? readFileSync(script) : undefined;
  } catch (error) {
    // Recording, a script that cannot be read is the build's to report (bin/bundle.mjs).
    if (recordTo) throw error;
    return undefined;
  }
  if (bytes === undefined) return undefined;
  // The code was made after the command set its flags: V8 takes it only under the same.
  for (const flag of record?.v8Flags ?? []) setFlagsFromString(flag);
  // The build writes the script in ASCII: read as Latin-1, the same characters, without UTF-8's
  // decoding (about 8 ms for the script's 2 MB).
  const source = isAscii(bytes) ? bytes.toString("latin1") : bytes.toString("utf8");
  const compiled = new vm.Script(
    `(function (exports, require, module, __filename, __dirname) {${source}\n})`,
    { filename: script, ...(code ? { cachedData: code } : {}) },
  );
  globalThis[HOST_IMPORT] = (specifier) => import(specifier);
  const module = { exports: {} };
  compiled.runInThisContext()(
    module.exports,
    createRequire(script),
    module,
    script,
    dirname(script),
  );
  if (recordTo)
    process.once("exit", () => {
      writeFileSync(recordTo, compiled.createCachedData());
      const flags = module.exports.STARTING_V8_FLAGS ?? [];
      writeFileSync(`${recordTo}.json`, JSON.stringify(recordOf(script, [...flags])));
    });
  const taken = code ? (compiled.cachedDataRejected ? "rejected" : "taken") : "none";
  return { program: module.exports, code: taken };
}
