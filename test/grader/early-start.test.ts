import { cpSync, existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, onTestFinished } from "vitest";
import { startEarly } from "../../grader/commands/early-start.ts";
import { gradeSubmission, type SubmissionOptions } from "../../grader/commands/grade.ts";
import { PACKAGE_ROOT } from "../../grader/core/paths.ts";
import { dropSpares, sparesWaiting } from "../../grader/sandbox/launch.ts";
import { planarManifest, tempDir } from "../helpers.ts";

const STUBS = join(PACKAGE_ROOT, "assignments/planar-classifier/model.ts");
const REFERENCE = join(PACKAGE_ROOT, "reference/planar-classifier/model.ts");

const options = (submission: string): SubmissionOptions => ({
  root: PACKAGE_ROOT,
  submission,
  displayRoot: PACKAGE_ROOT,
  assignment: undefined,
  seed: 0,
  hidden: true,
  timeoutMs: undefined,
  toolVersion: "test",
});

/** A course with the planar assignment and no reference: the learner's side. */
function learnerCourse(): string {
  const root = tempDir("gradecheck-early-");
  mkdirSync(join(root, "assignments"));
  cpSync(
    join(PACKAGE_ROOT, "assignments/planar-classifier/assignment.json"),
    join(root, "assignments/planar-classifier/assignment.json"),
  );
  return root;
}

afterEach(dropSpares);

describe("the child a grade starts before its modules load", () => {
  it("is the one its end-to-end tests run in, in the folder the submission is bundled into", async () => {
    const early = startEarly(options(REFERENCE));
    if (!early) throw new Error("no child was started early");
    onTestFinished(() => early.stop());
    const folder = await early.folder;
    expect(sparesWaiting()).toBe(1);
    const { report } = await gradeSubmission({ ...options(REFERENCE), wholeFolder: early.folder });
    expect(report.score).toBe(planarManifest().maxScore);
    // Taken: the sandbox would otherwise have started its own, and the spare would still wait.
    expect(sparesWaiting()).toBe(0);
    await early.stop();
    expect(existsSync(folder.dir)).toBe(false);
  });

  it("is started with the heap a grade is given (--heap-mb), and left unused by a grade given another", async () => {
    const heap = { heapMb: 384 };
    const given = startEarly({ ...options(STUBS), limits: heap });
    onTestFinished(() => given?.stop());
    await gradeSubmission({ ...options(STUBS), limits: heap, wholeFolder: given?.folder });
    expect(sparesWaiting()).toBe(0);

    const other = startEarly(options(STUBS));
    onTestFinished(() => other?.stop());
    const { report } = await gradeSubmission({
      ...options(STUBS),
      limits: heap,
      wholeFolder: other?.folder,
    });
    expect(report.status).toBe("graded");
    expect(sparesWaiting()).toBe(1);
    // Each early start stops its own child only.
    const third = startEarly({ ...options(STUBS), limits: { heapMb: 2 * heap.heapMb } });
    onTestFinished(() => third?.stop());
    await third?.folder;
    expect(sparesWaiting()).toBe(2);
    await other?.stop();
    expect(sparesWaiting()).toBe(1);
    await third?.stop();
    expect(sparesWaiting()).toBe(0);
  });

  it("is not started where the grade may not use it: with the reference, for some functions only", () => {
    expect(startEarly({ ...options(STUBS), selection: { only: ["sigmoid"] } })).toBeUndefined();
    expect(startEarly({ ...options(STUBS), selection: { case: "sigmoid.row" } })).toBeUndefined();
    expect(sparesWaiting()).toBe(0);
  });

  it("is started for the learner's own run (no reference), some functions or all", async () => {
    const root = learnerCourse();
    const some = startEarly({ ...options(STUBS), root, selection: { only: ["sigmoid"] } });
    onTestFinished(() => some?.stop());
    await expect(some?.folder).resolves.toMatchObject({ dir: expect.any(String) });
    expect(sparesWaiting()).toBe(1);
  });

  it("is not started, and says nothing, when the assignment cannot be chosen or read", () => {
    expect(startEarly({ ...options(STUBS), assignment: "no-such-assignment" })).toBeUndefined();
    const root = learnerCourse();
    cpSync(join(root, "assignments/planar-classifier"), join(root, "assignments/broken"), {
      recursive: true,
    });
    const broken = join(root, "assignments/broken/assignment.json");
    cpSync(join(PACKAGE_ROOT, "package.json"), broken);
    expect(startEarly({ ...options(STUBS), root, assignment: "broken" })).toBeUndefined();
    expect(sparesWaiting()).toBe(0);
  });
});
