/**
 * The grader's layers, kept true: each folder of `grader/` imports only its own folder and the
 * layers below it, and no import cycle exists anywhere in it. The assignments' own code (their
 * cases and laws, plug-ins the pipeline loads) imports only the data and the checks.
 *
 *     core  <-  words  <-  sandbox, checks  <-  pipeline  <-  render  <-  commands  <-  cli.ts
 *
 * Words (what a report says, worded from its data) sit low, so that the checks and the pipeline
 * can word what they find; the formats that lay a report out sit above the pipeline.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../grader/core/paths.ts";

const LAYERS: Record<string, number> = {
  core: 0,
  words: 1,
  sandbox: 2,
  checks: 2,
  pipeline: 3,
  render: 4,
  commands: 5,
  ".": 6,
};

const GRADER = join(PACKAGE_ROOT, "grader");

function sources(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".ts"))
    .map((name) => join(folder, name));
}

/** The files of the grader a file imports (static, dynamic and re-exports), by absolute path. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)]
    .map((match) => resolve(dirname(file), match[1] as string))
    .filter((target) => target.startsWith(`${GRADER}/`) && target.endsWith(".ts"));
}

/** A file's layer folder: the first folder under grader/ ("." for cli.ts). */
const folderOf = (file: string) => {
  const [first, ...rest] = relative(GRADER, file).split("/");
  return rest.length === 0 ? "." : (first as string);
};

describe("the grader's layers", () => {
  const files = sources(GRADER);

  it("has a layer for every folder", () => {
    expect(files.map(folderOf).filter((folder) => !(folder in LAYERS))).toEqual([]);
  });

  it("imports only downward, or within its own folder", () => {
    const upward = files.flatMap((file) =>
      importsOf(file)
        .filter((target) => {
          const [from, to] = [folderOf(file), folderOf(target)];
          return from !== to && (LAYERS[to] as number) >= (LAYERS[from] as number);
        })
        .map((target) => `${relative(GRADER, file)} -> ${relative(GRADER, target)}`),
    );
    expect(upward).toEqual([]);
  });

  it("has no import cycle", () => {
    const graph = new Map(files.map((file) => [file, importsOf(file)]));
    const cycles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === "done") return;
      if (state.get(file) === "open") {
        cycles.push(
          [...path.slice(path.indexOf(file)), file].map((f) => relative(GRADER, f)).join(" -> "),
        );
        return;
      }
      state.set(file, "open");
      for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
      state.set(file, "done");
    };
    for (const file of files) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it("lets the assignments' code import only the data, the words and the checks", () => {
    const assignments = sources(join(PACKAGE_ROOT, "assignments"));
    const reaching = assignments.flatMap((file) =>
      importsOf(file)
        .filter((target) => !["core", "words", "checks"].includes(folderOf(target)))
        .map((target) => `${relative(PACKAGE_ROOT, file)} -> ${relative(GRADER, target)}`),
    );
    expect(reaching).toEqual([]);
  });

  it("names no assignment in its code: an assignment is declared, not coded into the grader", () => {
    const ids = readdirSync(join(PACKAGE_ROOT, "assignments"), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && entry.name !== "lib")
      .map((entry) => entry.name);
    expect(ids.length).toBeGreaterThan(0);
    const naming = files.flatMap((file) =>
      readFileSync(file, "utf8")
        .split("\n")
        .map((line, k) => ({ line: line.trim(), at: `${relative(GRADER, file)}:${k + 1}` }))
        // Comments may name an assignment as an example.
        .filter(({ line }) => !/^(\/\/|\/\*|\*)/.test(line))
        .filter(({ line }) => ids.some((id) => line.includes(id)))
        .map(({ at, line }) => `${at}: ${line}`),
    );
    expect(naming).toEqual([]);
  });
});
