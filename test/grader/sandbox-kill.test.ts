import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadAssignment } from "../../grader/assignments.ts";
import { grade } from "../../grader/grade.ts";
import { PACKAGE_ROOT } from "../../grader/paths.ts";
import { isolation } from "../../grader/sandbox/isolation.ts";
import { tempDir } from "../helpers.ts";

// A learner's function that tries to kill the grader, and reports whether it was allowed.
const KILLER = `
import { type NDArray, np } from "gradecheck/np";
export function sigmoid(z: NDArray): NDArray {
  try {
    process.kill(process.ppid, "SIGKILL");
  } catch {
    return np.full(z.shape, -1);
  }
  return np.divide(1, np.add(1, np.exp(np.negative(z))));
}
`;

describe("a submission that tries to kill the grader", () => {
  it.runIf(isolation().unprivilegedUser !== undefined)(
    "cannot, when the grader runs as root: the child is an unprivileged user",
    async () => {
      const file = join(tempDir("gradecheck-killer-"), "model.ts");
      writeFileSync(file, KILLER);
      const parts = await loadAssignment(PACKAGE_ROOT, "planar-classifier", true);
      const report = await grade(parts, {
        submission: file,
        displayRoot: PACKAGE_ROOT,
        seed: 0,
        hidden: false,
        timeoutMs: undefined,
        toolVersion: "test",
      });
      // The grader is alive to write the report; the attempt failed (EPERM), so sigmoid returned -1.
      const first = report.tests.find((t) => t.id === "sigmoid.mixed-signs");
      expect(first?.message).toContain("is -1, expected");
    },
    60_000,
  );
});
