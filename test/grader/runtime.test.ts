/**
 * The sandboxed child's runtime (grader/pipeline/runtime.ts): bundled once, written beside every
 * submission's bundle, which then holds the submission's own files only.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../../grader/core/paths.ts";
import { type Built, buildSubmission, removeBuild } from "../../grader/pipeline/build.ts";
import { childRuntime, RUNTIME } from "../../grader/pipeline/runtime.ts";

/** The sources a file's inline source map names. */
function mapSources(code: string): string[] {
  const data = /\/\/# sourceMappingURL=data:application\/json;base64,(\S+)\s*$/.exec(code)?.[1];
  if (!data) return [];
  return (JSON.parse(Buffer.from(data, "base64").toString()) as { sources: string[] }).sources;
}

const builds: Built[] = [];
afterAll(() => {
  for (const built of builds) removeBuild(built);
});

describe("the child's runtime", () => {
  it("is the files a bundle imports, each mapped to the grader's own sources by address", async () => {
    const files = await childRuntime();
    const names = files.map((f) => f.name);
    for (const imported of Object.values(RUNTIME)) expect(names).toContain(imported.slice(2));
    for (const { name, contents } of files) {
      // An entry that only re-exports its chunk maps no source of its own.
      for (const source of mapSources(contents)) {
        expect(source, name).toMatch(/^file:\/\//);
        const path = fileURLToPath(source);
        expect(path.startsWith(`${PACKAGE_ROOT}/`), source).toBe(true);
        expect(existsSync(path), source).toBe(true);
        // The child never holds the instructor's side.
        expect(path.startsWith(join(PACKAGE_ROOT, "reference")), source).toBe(false);
      }
    }
    expect(files.flatMap((f) => mapSources(f.contents))).toContain(
      `file://${join(PACKAGE_ROOT, "assignments/lib/ndarray.ts")}`,
    );
  });

  it("lies beside a submission's bundle, which holds the submission's own files only", async () => {
    const built = await buildSubmission(
      join(PACKAGE_ROOT, "assignments/planar-classifier/model.ts"),
      PACKAGE_ROOT,
    );
    if (built.status !== "built") throw new Error(built.message);
    builds.push(built);
    const runtime = (await childRuntime()).map((f) => f.name);
    const inFolder = readdirSync(built.dir);
    expect(inFolder).toEqual(expect.arrayContaining(runtime));
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
});
