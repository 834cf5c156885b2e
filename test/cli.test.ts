import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../grader/cli.ts";
import { PACKAGE_ROOT } from "../grader/core/paths.ts";
import { captureTerminal } from "./helpers.ts";

const { stdout, stderr } = captureTerminal();

/** Where a training's pictures go: a folder of this file's own, never the repository. */
const picturesDir = mkdtempSync(join(tmpdir(), "gradecheck-train-"));
const pictures = (name: string) => join(picturesDir, name);
afterAll(() => rmSync(picturesDir, { recursive: true, force: true }));

describe("gradecheck command line", () => {
  it.each([
    {
      argv: [],
      code: 2,
      err: "Name a command: grade, batch, merge, gradcheck, release, export gradescope, validate-report, expected, train or stubs.",
    },
    { argv: ["bogus"], code: 2, err: "Unknown argument: bogus" },
    {
      argv: ["train", "--iterations", "0"],
      code: 2,
      err: "--iterations must be an integer >= 1, got 0",
    },
    {
      argv: ["train", "--hidden-size", "2.5"],
      code: 2,
      err: "--hidden-size must be an integer >= 1, got 2.5",
    },
    {
      argv: ["train", "--learning-rate", "fast"],
      code: 2,
      err: "--learning-rate must be a number, got NaN",
    },
    { argv: ["train", "--seed", "-1"], code: 2, err: "--seed must be an integer >= 0, got -1" },
    {
      argv: ["train", "--model", "missing/model.ts"],
      code: 2,
      err: "could not load missing/model.ts",
    },
    {
      argv: ["train", "--model", "assignments/planar-classifier/model.ts", "--iterations", "3"],
      code: 1,
      err: "assignments/planar-classifier/model.ts: nnModel is not implemented yet",
    },
    {
      argv: ["train", "--reference", "--iterations", "30", "-n", "3", "--out", pictures("quick")],
      code: 0,
      out: "Training accuracy: ",
    },
    {
      argv: ["train", "--iterations", "30", "--out", pictures("stub")],
      code: 1,
      err: "assignments/planar-classifier/model.ts: nnModel is not implemented yet",
    },
    { argv: ["train", "--sweep", "2,0"], code: 2, err: "--sweep must be an integer >= 1, got 0" },
    {
      argv: ["train", "--reference", "--model", "x.ts"],
      code: 2,
      err: "--reference and --model name two models: give one",
    },
    {
      argv: ["stubs", "--check"],
      code: 0,
      out: "up to date: assignments/planar-classifier/model.ts",
    },
    { argv: ["--help"], code: 0, out: "Exit codes:" },
  ])("$argv -> exit $code", async ({ argv, code, out, err }) => {
    expect(await main(argv, PACKAGE_ROOT)).toBe(code);
    if (out) expect(stdout()).toContain(out);
    if (err) expect(stderr()).toContain(err);
    if (code === 0) expect(stderr()).toBe("");
  });

  it("train prints the settings it used and the cost every 1000 iterations", async () => {
    const out = pictures("settings");
    expect(
      await main(
        ["train", "--reference", "--iterations", "1001", "--seed", "3", "--out", out],
        PACKAGE_ROOT,
      ),
    ).toBe(0);
    const text = stdout();
    expect(text).toContain("nH = 4, 1001 iterations, learning rate 1.2, seed 3");
    expect(text).toContain("Cost after iteration 1000: ");
    expect(text).toMatch(/Training accuracy: \d+\.\d\d% \(\d+ of 400\)/);
    expect(text).toContain(`Pictures: ${relative(process.cwd(), `${out}.boundary.svg`)}, `);
  });
});
