/**
 * Every bad path a command is given is an exit 2 with a message that names it, before any work:
 * a submission from standard input, an output folder that cannot be made (a file in the way, a
 * virtual file system such as /proc, where Node's recursive mkdir never returns), a report's
 * folder that does not exist yet (made, as `mkdir -p` would).
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../grader/cli.ts";
import { PACKAGE_ROOT } from "../grader/core/paths.ts";
import { captureTerminal, tempDir } from "./helpers.ts";

const { stdout, stderr } = captureTerminal();

describe("a bad path is an exit 2 that names it", () => {
  it("a report's folder that is a file", async () => {
    const file = join(tempDir("gradecheck-paths-"), "taken");
    writeFileSync(file, "");
    const code = await main(["grade", "--out", join(file, "report.json")], PACKAGE_ROOT);
    expect(code).toBe(2);
    expect(stderr()).toContain(`cannot write into ${file}: it is a file, not a folder`);
    // Refused before grading: no summary was printed.
    expect(stdout()).toBe("");
  });

  it.runIf(existsSync("/proc/self"))(
    "a release into /proc, where no folder can be made",
    async () => {
      const code = await main(["release", "--out", "/proc/gradecheck-release"], PACKAGE_ROOT);
      expect(code).toBe(2);
      expect(stderr()).toContain("cannot create the folder /proc/gradecheck-release (ENOENT)");
    },
  );

  it("a Gradescope bundle into folders that do not exist yet: made", async () => {
    const out = join(tempDir("gradecheck-paths-"), "new", "deeper", "autograder.zip");
    expect(await main(["export", "gradescope", "--out", out], PACKAGE_ROOT)).toBe(0);
    expect(existsSync(out)).toBe(true);
  });

  it("a submission from standard input", async () => {
    expect(await main(["grade", "-"], PACKAGE_ROOT)).toBe(2);
    expect(stderr()).toContain("a submission cannot be read from standard input");
  });

  it("grades ./model.ts by default in a folder holding one", async () => {
    const folder = tempDir("gradecheck-paths-here-");
    mkdirSync(join(folder, "sub"));
    writeFileSync(
      join(folder, "model.ts"),
      'export function sigmoid() { throw new Error("mine"); }\n',
    );
    const out = join(folder, "sub", "report.json");
    expect(await main(["grade", "--only", "sigmoid", "--out", out], folder)).toBe(0);
    expect(stdout()).toContain("· model.ts ·");
    expect(stdout()).toContain("sigmoid threw Error: mine");
  });
});
