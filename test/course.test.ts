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
const course = {
  ids: ["deep-neural-network", "gradient-checking", "logistic-regression", "planar-classifier"],
  current: "planar-classifier",
};

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
      `name the assignment with --assignment: there are several (${course.ids.join(", ")})`,
    );
    expect(thrown(() => choose(course, { named: "nope" })).message).toBe(
      `unknown assignment "nope"; known: ${course.ids.join(", ")}`,
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

/** What each assignment other than the current one shows through the commands. */
const OTHERS = [
  {
    id: "logistic-regression",
    total: 18.5,
    visible: 15.5,
    gradients: ["dw", "db"],
    train: "Training accuracy: [\\d.]+%, test accuracy: [\\d.]+%",
    refused: [
      ["--hidden-size", "3"],
      ["--seed", "4"],
      ["--sweep", "1,2"],
    ],
    takes: "--iterations, --learning-rate",
    mistake: {
      name: "m from the rows of X",
      from: "const m = X.shape[1];",
      to: "const m = X.shape[0];",
    },
  },
  {
    id: "deep-neural-network",
    total: 28.5,
    visible: 23,
    gradients: ["dW1", "db1", "dW2", "db2", "dW3", "db3"],
    train: "Training accuracy: [\\d.]+% \\(\\d+ of 300\\)",
    refused: [
      ["--hidden-size", "3"],
      ["--sweep", "1,2"],
    ],
    takes: "--iterations, --learning-rate, --seed",
    mistake: {
      name: "dW without 1/m",
      from: "const dW = np.divide(np.dot(dZ, APrev.T), m);",
      to: "const dW = np.dot(dZ, APrev.T);",
    },
  },
  {
    id: "gradient-checking",
    total: 24.25,
    visible: 20.25,
    gradients: ["dW1", "db1", "dW2", "db2", "dW3", "db3"],
    // Nothing to train: the assignment checks gradients.
    train: undefined,
    refused: [],
    takes: "",
    mistake: {
      name: "cost without 1/m",
      from: "const cost = (1 / m) * np.sum(logprobs);",
      to: "const cost = np.sum(logprobs);",
    },
  },
];

describe.each(OTHERS)("assignment $id, through every command", (a) => {
  const out = () => join(tempDir("gradecheck-course-"), "report.json");
  const manifest = JSON.parse(
    readFileSync(join(root, "assignments", a.id, "assignment.json"), "utf8"),
  ) as { functions: { tests: { points: number; visibility: string }[] }[] };
  const tests = manifest.functions.flatMap((f) => f.tests);
  const sum = (t: { points: number }[]) => t.reduce((s, x) => s + x.points, 0);

  it("has the totals this test expects (from its manifest)", () => {
    expect(sum(tests)).toBe(a.total);
    expect(sum(tests.filter((t) => t.visibility === "visible"))).toBe(a.visible);
  });

  it("grade in its folder grades its working copy, with no argument", async () => {
    const path = out();
    expect(await main(["grade", "--out", path], join(root, "assignments", a.id))).toBe(0);
    expect(stdout()).toContain(`gradecheck ${a.id} 1.0.0`);
    expect(stdout()).toContain(`Total: 0 of ${a.total} points (0%)`);
    const report = JSON.parse(readFileSync(path, "utf8"));
    expect(reportProblems(report)).toEqual([]);
    expect(report.assignment.id).toBe(a.id);
  });

  it("grade of its reference's path grades it from anywhere, in Korean too", async () => {
    expect(
      await main(["grade", `reference/${a.id}/model.ts`, "--out", out(), "--lang", "ko"], root),
    ).toBe(0);
    expect(stdout()).toContain(`gradecheck ${a.id} 1.0.0`);
    expect(stdout()).toContain(`합계: ${a.total}점 중 ${a.total}점 (100%)`);
  });

  it("gradcheck prints the gradient table of every parameter", async () => {
    expect(await main(["gradcheck", `reference/${a.id}/model.ts`], root)).toBe(0);
    const text = stdout();
    for (const name of a.gradients) expect(text).toMatch(new RegExp(`^ {4}${name} +right `, "m"));
  });

  it.runIf(a.train)(
    "train draws the cost at the iterations it was recorded, and refuses a setting its trainer does not take",
    async () => {
      const pictures = join(tempDir("gradecheck-course-train-"), "run");
      expect(
        await main(
          ["train", "--assignment", a.id, "--reference", "--iterations", "300", "--out", pictures],
          root,
        ),
      ).toBe(0);
      expect(stdout()).toMatch(new RegExp(a.train ?? ""));
      // Costs every 100 iterations, drawn at 0, 100, 200: the axis reaches 200, not 2.
      expect(readFileSync(`${pictures}.cost.svg`, "utf8")).toContain(">200<");
      for (const refused of a.refused) {
        expect(await main(["train", "--assignment", a.id, "--reference", ...refused], root)).toBe(
          2,
        );
        expect(stderr()).toContain(
          `${refused[0]}: the trainer of ${a.id} does not take it (it takes ${a.takes})`,
        );
      }
    },
  );

  it.skipIf(a.train)(
    "train says there is nothing to train, and the release has no train command",
    async () => {
      expect(await main(["train", "--assignment", a.id, "--reference"], root)).toBe(2);
      expect(stderr()).toContain(`assignment ${a.id} has no trainer`);
      const release = join(tempDir("gradecheck-course-release-"), "repo");
      expect(await main(["release", "--assignment", a.id, "--out", release], root)).toBe(0);
      expect(readFileSync(join(release, "README.md"), "utf8")).not.toContain("npm run train");
      const pkg = JSON.parse(readFileSync(join(release, "package.json"), "utf8"));
      expect(Object.keys(pkg.scripts)).not.toContain("train");
      expect(Object.keys(pkg.scripts)).toContain("gradcheck");
    },
  );

  it("batch grades a class of it into a gradebook", async () => {
    const folder = tempDir("gradecheck-course-class-");
    const reference = readFileSync(join(root, "reference", a.id, "model.ts"), "utf8");
    expect(reference).toContain(a.mistake.from);
    for (const [name, text] of [
      ["ada", reference.replace(a.mistake.from, a.mistake.to)],
      ["bo", reference],
    ] as const) {
      mkdirSync(join(folder, name));
      writeFileSync(join(folder, name, "model.ts"), text);
    }
    const classOut = tempDir("gradecheck-course-batch-");
    const rows = await batchOf(folder, classOut, { assignment: a.id });
    expect(rows.map((r) => [r.learner, r.maxScore])).toEqual([
      ["ada", a.visible],
      ["bo", a.visible],
    ]);
    expect(rows[1]?.score).toBe(a.visible);
    expect((rows[0]?.score ?? 99) < a.visible).toBe(true);
    expect(readFileSync(join(classOut, "grades.csv"), "utf8")).toContain(a.mistake.name);
  }, 120_000);

  it("release --assignment writes a learner repository of it alone, whose default is it", async () => {
    const release = join(tempDir("gradecheck-course-release-"), "repo");
    expect(await main(["release", "--assignment", a.id, "--out", release], root)).toBe(0);
    expect(readdirSync(join(release, "assignments")).sort()).toEqual(
      ["course.json", "lib", a.id].sort(),
    );
    expect(JSON.parse(readFileSync(join(release, "assignments", "course.json"), "utf8"))).toEqual({
      current: a.id,
    });
    const readme = readFileSync(join(release, "README.md"), "utf8");
    expect(readme).toContain(`grades your \`assignments/${a.id}/model.ts\`;`);
    // Its vitest example is its own first function.
    const first = (manifest as unknown as { functions: { name: string }[] }).functions[0]?.name;
    expect(readme).toContain(`\`npx vitest -t ${first}\` runs one function's tests`);
    expect(courseAt(release)).toEqual({ ids: [a.id], current: a.id });
  });

  it("export gradescope --assignment bundles it, and states its total", async () => {
    const zip = join(tempDir("gradecheck-course-gs-"), "autograder.zip");
    expect(await main(["export", "gradescope", "--assignment", a.id, "--out", zip], root)).toBe(0);
    expect(stdout()).toContain(`set the assignment's total to ${a.total} points`);
    const files = unzipSync(readFileSync(zip));
    expect(Object.keys(files)).toContain(`reference/${a.id}/model.ts`);
    expect(new TextDecoder().decode(files.run_autograder)).toContain(`--assignment ${a.id}`);
  });
});
