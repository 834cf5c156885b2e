/**
 * A course of several assignments: which one a command is about (named, the submission's or the
 * user's folder, the only one, the course's current one), and every command working for the
 * second assignment as for the first: grade, gradcheck, train, batch, release, Gradescope.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { main } from "../grader/cli.ts";
import { chooseAssignment, courseAt } from "../grader/commands/choose-assignment.ts";
import { ExitError } from "../grader/commands/errors.ts";
import { PACKAGE_ROOT } from "../grader/core/paths.ts";
import { reportProblems } from "../grader/render/json.ts";
import { batchOf, captureTerminal, tempDir, thrown } from "./helpers.ts";

const { stdout, stderr } = captureTerminal();
const LOGISTIC = "logistic-regression";
const root = PACKAGE_ROOT;
const course = { ids: ["logistic-regression", "planar-classifier"], current: "planar-classifier" };

describe("which assignment a command is about", () => {
  it("the one named, else the submission's folder, else the user's, else the only one, else the current one", () => {
    const choose = (c: typeof course | { ids: string[]; current: undefined }, how = {}) =>
      chooseAssignment(c, root, how);
    expect(choose(course, { named: LOGISTIC })).toBe(LOGISTIC);
    expect(choose(course, { paths: [join(root, "assignments", LOGISTIC, "model.ts")] })).toBe(
      LOGISTIC,
    );
    expect(
      choose(course, { paths: ["/elsewhere/model.ts", join(root, "assignments", LOGISTIC)] }),
    ).toBe(LOGISTIC);
    expect(choose({ ids: [LOGISTIC], current: undefined })).toBe(LOGISTIC);
    expect(choose(course, { paths: ["/elsewhere/model.ts"] })).toBe("planar-classifier");
    const none = thrown(() => choose({ ids: course.ids, current: undefined }));
    expect(none).toBeInstanceOf(ExitError);
    expect(none.message).toBe(
      "name the assignment with --assignment: there are several (logistic-regression, planar-classifier)",
    );
    expect(thrown(() => choose(course, { named: "nope" })).message).toBe(
      'unknown assignment "nope"; known: logistic-regression, planar-classifier',
    );
  });

  it("reads the current one from assignments/course.json, and says what is wrong with a bad one", () => {
    expect(courseAt(root)).toEqual(course);
    const other = tempDir("gradecheck-course-");
    mkdirSync(join(other, "assignments", "a"), { recursive: true });
    writeFileSync(join(other, "assignments", "a", "assignment.json"), "{}");
    expect(courseAt(other)).toEqual({ ids: ["a"], current: undefined });
    writeFileSync(join(other, "assignments", "course.json"), '{"current": "b"}');
    expect(thrown(() => courseAt(other)).message).toBe(
      'assignments/course.json: "current" must name one of a, got "b"',
    );
    writeFileSync(join(other, "assignments", "course.json"), "{");
    expect(thrown(() => courseAt(other)).message).toMatch(/^assignments\/course.json is not JSON/);
  });
});

describe("the second assignment, through every command", () => {
  const out = () => join(tempDir("gradecheck-course-"), "report.json");

  it("grade in its folder grades its working copy, with no argument", async () => {
    const path = out();
    expect(await main(["grade", "--out", path], join(root, "assignments", LOGISTIC))).toBe(0);
    expect(stdout()).toContain(`gradecheck ${LOGISTIC} 1.0.0`);
    expect(stdout()).toContain("Total: 0 of 18.5 points (0%)");
    const report = JSON.parse(readFileSync(path, "utf8"));
    expect(reportProblems(report)).toEqual([]);
    expect(report.assignment.id).toBe(LOGISTIC);
  });

  it("grade --assignment grades it from anywhere, in Korean too", async () => {
    const path = out();
    expect(
      await main(
        ["grade", "reference/logistic-regression/model.ts", "--out", path, "--lang", "ko"],
        root,
      ),
    ).toBe(0);
    expect(stdout()).toContain(`gradecheck ${LOGISTIC} 1.0.0`);
    expect(stdout()).toContain("합계: 18.5점 중 18.5점 (100%)");
  });

  it("gradcheck prints the gradient table of propagate's dw and db", async () => {
    expect(await main(["gradcheck", "reference/logistic-regression/model.ts"], root)).toBe(0);
    const text = stdout();
    expect(text).toContain("✓ propagate.gradient");
    expect(text).toMatch(/^ {4}dw +right /m);
    expect(text).toMatch(/^ {4}db +right /m);
  });

  it("train draws the cost at the iterations it was recorded, and refuses a setting its trainer does not take", async () => {
    const pictures = join(tempDir("gradecheck-course-train-"), "run");
    expect(
      await main(
        [
          "train",
          "--assignment",
          LOGISTIC,
          "--reference",
          "--iterations",
          "300",
          "--out",
          pictures,
        ],
        root,
      ),
    ).toBe(0);
    expect(stdout()).toMatch(/Training accuracy: [\d.]+%, test accuracy: [\d.]+%/);
    const svg = readFileSync(`${pictures}.cost.svg`, "utf8");
    // Costs every 100 iterations, drawn at 0, 100, 200: the axis reaches 200, not 2.
    expect(svg).toContain(">200<");
    for (const refused of [
      ["--hidden-size", "3"],
      ["--seed", "4"],
      ["--sweep", "1,2"],
    ]) {
      expect(await main(["train", "--assignment", LOGISTIC, "--reference", ...refused], root)).toBe(
        2,
      );
      expect(stderr()).toContain(
        `${refused[0]}: the trainer of ${LOGISTIC} does not take it (it takes --iterations, --learning-rate)`,
      );
    }
  });

  it("batch grades a class of it into a gradebook", async () => {
    const folder = tempDir("gradecheck-course-class-");
    const reference = readFileSync(join(root, "reference", LOGISTIC, "model.ts"), "utf8");
    for (const [name, text] of [
      ["ada", reference.replace("const m = X.shape[1];", "const m = X.shape[0];")],
      ["bo", reference],
    ] as const) {
      mkdirSync(join(folder, name));
      writeFileSync(join(folder, name, "model.ts"), text);
    }
    const classOut = tempDir("gradecheck-course-batch-");
    const rows = await batchOf(folder, classOut, { assignment: LOGISTIC });
    expect(rows.map((r) => [r.learner, r.score, r.maxScore])).toEqual([
      ["ada", expect.any(Number), 15.5],
      ["bo", 15.5, 15.5],
    ]);
    expect((rows[0]?.score ?? 99) < 15.5).toBe(true);
    expect(readFileSync(join(classOut, "grades.csv"), "utf8")).toContain("m from the rows of X");
  }, 120_000);

  it("release --assignment writes a learner repository of it alone, whose default is it", async () => {
    const release = join(tempDir("gradecheck-course-release-"), "repo");
    expect(await main(["release", "--assignment", LOGISTIC, "--out", release], root)).toBe(0);
    expect(readdirSync(join(release, "assignments")).sort()).toEqual([
      "course.json",
      "lib",
      LOGISTIC,
    ]);
    expect(JSON.parse(readFileSync(join(release, "assignments", "course.json"), "utf8"))).toEqual({
      current: LOGISTIC,
    });
    expect(readFileSync(join(release, "README.md"), "utf8")).toContain(
      `grades your \`assignments/${LOGISTIC}/model.ts\`;`,
    );
    expect(courseAt(release)).toEqual({ ids: [LOGISTIC], current: LOGISTIC });
  });

  it("export gradescope --assignment bundles it, and states its total", async () => {
    const zip = join(tempDir("gradecheck-course-gs-"), "autograder.zip");
    expect(await main(["export", "gradescope", "--assignment", LOGISTIC, "--out", zip], root)).toBe(
      0,
    );
    expect(stdout()).toContain("set the assignment's total to 18.5 points");
    const files = unzipSync(readFileSync(zip));
    expect(Object.keys(files)).toContain(`reference/${LOGISTIC}/model.ts`);
    expect(new TextDecoder().decode(files.run_autograder)).toContain(`--assignment ${LOGISTIC}`);
  });
});
