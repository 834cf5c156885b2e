/**
 * When V8 optimises (grader/sandbox/tiering.ts): the flag each V8 line has, set without a word on
 * stderr under each Node line the suite runs on (scripts/node-versions.sh), for the command itself
 * and for the children that judge each function alone, never for the one that runs a whole
 * training.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../../grader/core/paths.ts";
import { OPTIMISE_LATER, tieringFlag } from "../../grader/sandbox/tiering.ts";
import { referenceSource } from "../corpus/bugs.ts";
import { gradeSource } from "../helpers.ts";

/** What Node writes on stderr for a script that sets `flag` at run time. */
function stderrSetting(flag: string): string {
  const run = spawnSync(
    process.execPath,
    ["-e", `require("node:v8").setFlagsFromString(${JSON.stringify(flag)})`],
    { encoding: "utf8" },
  );
  return run.stderr;
}

describe("the tiering flag", () => {
  it("is the one each V8 line has, and none for a line not known", () => {
    expect(tieringFlag("11.3.244.8-node.33")).toBe("--interrupt-budget=500000");
    expect(tieringFlag("12.4.254.21-node.33")).toBe("--invocation-count-for-turbofan=22000");
    expect(tieringFlag("13.6.233.17-node.33")).toBe("--invocation-count-for-turbofan=22000");
    expect(tieringFlag("11.8.172.17-node.19")).toBeUndefined();
    expect(tieringFlag("14.2.1")).toBeUndefined();
  });

  it("is known to this Node's V8: the command sets it without a word, where an unknown flag writes an error", () => {
    expect(OPTIMISE_LATER, `V8 ${process.versions.v8}`).toHaveLength(1);
    expect(stderrSetting("--gradecheck-no-such-flag")).toMatch(/unrecognized flag/);
    expect(stderrSetting(OPTIMISE_LATER[0] as string)).toBe("");
    const command = spawnSync(
      process.execPath,
      [join(PACKAGE_ROOT, "bin/gradecheck.mjs"), "--version"],
      { encoding: "utf8" },
    );
    expect(command.status).toBe(0);
    expect(command.stderr).toBe("");
  });

  it("is given to the children that judge each function alone, not to the whole training's", async () => {
    const says = (where: string) =>
      `console.log("${where}", JSON.stringify(process.execArgv.filter((f) => ${JSON.stringify(OPTIMISE_LATER)}.includes(f))));`;
    const source = referenceSource()
      .replace(/export function sigmoid\([^)]*\)[^{]*\{/, (head) => `${head}\n  ${says("sigmoid")}`)
      .replace("const { nX, nY } = layerSizes(X, Y);", (line) => `${line}\n  ${says("nnModel")}`);
    expect(source).toContain('console.log("sigmoid"');
    expect(source).toContain('console.log("nnModel"');
    const report = await gradeSource(source, {
      hidden: false,
      select: (test) => test.id === "end-to-end.accuracy" || test.id.startsWith("sigmoid."),
    });
    const output = (id: string) => report.tests.find((t) => t.id === id)?.output ?? "";
    const sigmoid = report.tests.find((t) => t.id.startsWith("sigmoid."));
    expect(sigmoid?.status, JSON.stringify(sigmoid)).toBe("passed");
    expect(output(sigmoid?.id ?? "")).toContain(`sigmoid ${JSON.stringify(OPTIMISE_LATER)}`);
    expect(output("end-to-end.accuracy")).toContain("nnModel []");
  }, 60_000);
});
