/**
 * The sandboxed child's runtime (grader/pipeline/runtime.ts): bundled once, written beside every
 * submission's bundle, which then holds the submission's own files only.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../../grader/core/paths.ts";
import { type Built, buildSubmission, removeBuild } from "../../grader/pipeline/build.ts";
import { childRuntime, RUNTIME, runtimeFrames } from "../../grader/pipeline/runtime.ts";

/** The sources a file's inline source map names. */
function mapSources(code: string): string[] {
  const data = /\/\/# sourceMappingURL=data:application\/json;base64,(\S+)\s*$/.exec(code)?.[1];
  if (!data) return [];
  return (JSON.parse(Buffer.from(data, "base64").toString()) as { sources: string[] }).sources;
}

/** The sources a source map names. */
const sourcesOf = (map: string | undefined): string[] =>
  map ? (JSON.parse(map) as { sources: string[] }).sources : [];

const builds: Built[] = [];
afterAll(() => {
  for (const built of builds) removeBuild(built);
});

/** The planar stubs, bundled (removed after the tests). */
async function buildStubs(): Promise<Built> {
  const built = await buildSubmission(
    join(PACKAGE_ROOT, "assignments/planar-classifier/model.ts"),
    PACKAGE_ROOT,
  );
  if (built.status !== "built") throw new Error(built.message);
  builds.push(built);
  return built;
}

describe("the child's runtime", () => {
  it("is the files a bundle imports, each mapped to the grader's own sources by address", async () => {
    const files = await childRuntime();
    const names = files.map((f) => f.name);
    for (const imported of Object.values(RUNTIME)) expect(names).toContain(imported.slice(2));
    for (const { name, contents, map } of files) {
      // The map stays with the grader: a child would parse it at its start.
      expect(contents, name).not.toContain("sourceMappingURL");
      // An entry that only re-exports its chunk maps no source of its own.
      for (const source of sourcesOf(map)) {
        expect(source, name).toMatch(/^file:\/\//);
        const path = fileURLToPath(source);
        expect(path.startsWith(`${PACKAGE_ROOT}/`), source).toBe(true);
        expect(existsSync(path), source).toBe(true);
        // The child never holds the instructor's side.
        expect(path.startsWith(join(PACKAGE_ROOT, "reference")), source).toBe(false);
      }
    }
    expect(files.flatMap((f) => sourcesOf(f.map))).toContain(
      `file://${join(PACKAGE_ROOT, "assignments/lib/ndarray.ts")}`,
    );
  });

  it("lies beside a submission's bundle, which holds the submission's own files only", async () => {
    const built = await buildStubs();
    const runtime = (await childRuntime()).map((f) => f.name);
    const inFolder = readdirSync(built.dir);
    expect(inFolder).toEqual(expect.arrayContaining(runtime));
    expect(inFolder.filter((name) => name.endsWith(".map"))).toEqual([]);
    const own = inFolder.filter((name) => !runtime.includes(name));
    expect(own).toContain("child.mjs");
    for (const name of own) {
      const code = readFileSync(join(built.dir, name), "utf8");
      expect(code, name).not.toMatch(/class _?NDArray\b/);
      for (const source of mapSources(code))
        expect(source, name).not.toMatch(/assignments\/lib|grader\//);
    }
    const imports = own.map((name) => readFileSync(join(built.dir, name), "utf8")).join("\n");
    expect(imports).toContain(JSON.stringify(RUNTIME.runner));
    expect(imports).toContain(JSON.stringify(RUNTIME.np));
  });

  it("has its frames in a stack put at the array module's sources by the grader", async () => {
    const built = await buildStubs();
    // The runtime as a child loads it, with no map: its frames name the bundle folder's files
    // (by address in a child; vitest writes them as paths).
    const { np } = await import(pathToFileURL(join(built.dir, "gradecheck-np.mjs")).href);
    let stack = "";
    try {
      np.multiply(np.zeros([2, 3]), np.zeros([4, 5]));
    } catch (error) {
      stack = (error as Error).stack ?? "";
    }
    const raw = stack.split("\n").slice(1, 4);
    for (const frame of raw) expect(frame).toContain(`${built.dir}/gradecheck-`);
    const learner = "    at sigmoid (file:///tmp/elsewhere/model-ABC.mjs:3:4)";
    const unknown = "    at f (file:///tmp/elsewhere/gradecheck-nothing.mjs:1:1)";
    const mapped = runtimeFrames([stack.split("\n")[0], ...raw, learner, unknown].join("\n"));
    // A child writes the same frames by address.
    const byAddress = raw.map((frame) => frame.replace(built.dir, pathToFileURL(built.dir).href));
    expect(runtimeFrames(byAddress.join("\n"))).toBe(mapped.split("\n").slice(1, 4).join("\n"));
    const lib = join(PACKAGE_ROOT, "assignments/lib");
    expect(mapped.split("\n").slice(1)).toEqual([
      expect.stringMatching(
        new RegExp(`^ {4}at broadcastShapes \\(${lib}/shape\\.ts:\\d+:\\d+\\)$`),
      ),
      expect.stringMatching(new RegExp(`^ {4}at elementwise \\(${lib}/ndarray\\.ts:\\d+:\\d+\\)$`)),
      expect.stringMatching(
        new RegExp(`^ {4}at Object\\.multiply \\(${lib}/np\\.ts:\\d+:\\d+\\)$`),
      ),
      learner,
      unknown,
    ]);
  });
});
