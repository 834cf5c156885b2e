/**
 * The command's V8 threshold for TurboFan (bin/tiering.mjs): a flag this V8 has, set without a
 * word on stderr, under each Node line the suite runs on (scripts/node-versions.sh).
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tieringFlag } from "../bin/tiering.mjs";
import { PACKAGE_ROOT } from "../grader/core/paths.ts";

/** What Node writes on stderr for a script that sets `flag` at run time. */
function stderrSetting(flag: string): string {
  const run = spawnSync(
    process.execPath,
    ["-e", `require("node:v8").setFlagsFromString(${JSON.stringify(flag)})`],
    { encoding: "utf8" },
  );
  return run.stderr;
}

describe("the command's tiering flag", () => {
  it("is the one each V8 line has, and none for a line not known", () => {
    expect(tieringFlag("11.3.244.8-node.33")).toBe("--interrupt-budget=500000");
    expect(tieringFlag("12.4.254.21-node.33")).toBe("--invocation-count-for-turbofan=22000");
    expect(tieringFlag("13.6.233.17-node.33")).toBe("--invocation-count-for-turbofan=22000");
    expect(tieringFlag("11.8.172.17-node.19")).toBeUndefined();
    expect(tieringFlag("14.2.1")).toBeUndefined();
  });

  it("is known to this Node's V8: setting it writes nothing, where an unknown flag writes an error", () => {
    const flag = tieringFlag(process.versions.v8);
    expect(flag, `V8 ${process.versions.v8}`).toBeDefined();
    expect(stderrSetting("--gradecheck-no-such-flag")).toMatch(/unrecognized flag/);
    expect(stderrSetting(flag as string)).toBe("");
    const command = spawnSync(
      process.execPath,
      [join(PACKAGE_ROOT, "bin/gradecheck.mjs"), "--version"],
      {
        encoding: "utf8",
      },
    );
    expect(command.status).toBe(0);
    expect(command.stderr).toBe("");
  });
});
