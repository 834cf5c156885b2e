/**
 * The numbers the learner READMEs of the course's later assignments (and their Korean twins)
 * state, recomputed: each points table from its manifest, and what the learner's own `npm run
 * grade` runs; for logistic regression the dataset's label counts and the course's learning-rate
 * comparison (its default training, line for line, is checked in the installed release:
 * test/release-install.test.ts); for the deep network its default training line for line and the
 * comparisons it draws.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadMoons } from "../assignments/deep-neural-network/dataset.ts";
import { np } from "../assignments/lib/np.ts";
import { loadPictureDataset } from "../assignments/logistic-regression/dataset.ts";
import { isNamedCheck } from "../grader/core/assignment.ts";
import { PACKAGE_ROOT } from "../grader/core/paths.ts";
import { assignmentIds } from "../grader/pipeline/load.ts";
import * as deep from "../reference/deep-neural-network/model.ts";
import { model } from "../reference/logistic-regression/model.ts";
import { assignmentParts } from "./helpers.ts";

const read = (id: string, file: string) =>
  readFileSync(join(PACKAGE_ROOT, "assignments", id, file), "utf8");
const readme = read("logistic-regression", "README.md");

const points = (tests: { points: number }[]) =>
  Number(tests.reduce((s, t) => s + t.points, 0).toFixed(6));
const count = (tests: { points: number }[]) =>
  tests.length === 0 ? "none" : `${tests.length} (${points(tests)})`;

describe.each(["logistic-regression", "deep-neural-network", "gradient-checking"])(
  "the README of %s",
  (id) => {
    const manifest = JSON.parse(read(id, "assignment.json")) as {
      functions: { name: string; tests: { points: number; visibility: string }[] }[];
    };

    it("has the manifest's points table, in English and Korean, and says what the learner's grade runs", async () => {
      // Table cells padded to line up are compared with single spaces.
      const table = read(id, "README.md").replace(/ +/g, " ");
      for (const f of manifest.functions) {
        const visible = f.tests.filter((t) => t.visibility === "visible");
        const hidden = f.tests.filter((t) => t.visibility === "hidden");
        const label = f.name === "end-to-end" ? f.name : `\`${f.name}\``;
        expect(table).toContain(
          `| ${label} | ${points(f.tests)} | ${count(visible)} | ${count(hidden)} |`,
        );
      }
      const all = manifest.functions.flatMap((f) => f.tests);
      const visible = all.filter((t) => t.visibility === "visible");
      const hidden = all.filter((t) => t.visibility === "hidden");
      expect(table).toContain(
        `| **Total** | **${points(all)}** | **${count(visible)}** | **${count(hidden)}** |`,
      );
      // The learner's own `npm run grade`: the visible tests but those a named check judges, with
      // the reference (an end-to-end accuracy); a recorded session check runs without it.
      const { cases } = await assignmentParts(id);
      const local = visible.filter((t) => !isNamedCheck(t as never, cases));
      expect(table).toContain(
        `runs ${local.length} of the ${visible.length} visible tests, worth ${points(local)} points`,
      );
      expect(read(id, "README.ko.md").replace(/ +/g, " ")).toContain(
        `| **합계** | **${points(all)}** | **${visible.length}개 (${points(visible)})** | **${hidden.length}개 (${points(hidden)})** |`,
      );
    });
  },
);

describe("the logistic-regression README's numbers", () => {
  it("the pictures' labels: 143 of 209 training and 35 of 50 test pictures are 0", () => {
    const { trainY, testY } = loadPictureDataset();
    expect(trainY.size - np.sum(trainY)).toBe(143);
    expect(testY.size - np.sum(testY)).toBe(35);
    expect(readme).toContain("143 of the 209 training pictures have label 0");
    expect(readme).toContain("35 of the 50 test pictures have label 0");
  });

  it("the course's learning rates, 1500 iterations: 0.01 fits, 0.001 and 0.0001 still predict 0 everywhere", () => {
    const { trainX, trainY, testX, testY } = loadPictureDataset();
    const accuracy = (p: typeof trainY, Y: typeof trainY) =>
      (100 * np.mean(np.equal(p, Y))).toFixed(2);
    const run = (learningRate: number) => {
      const d = model(trainX, trainY, testX, testY, { numIterations: 1500, learningRate });
      return {
        cost: d.costs.at(-1)?.toFixed(3),
        train: accuracy(d.yPredictionTrain, trainY),
        test: accuracy(d.yPredictionTest, testY),
      };
    };
    expect(run(0.01)).toMatchObject({ train: "100.00", test: "86.00" });
    expect(run(0.001)).toEqual({ cost: "0.546", train: "68.42", test: "70.00" });
    expect(run(0.0001)).toEqual({ cost: "0.615", train: "68.42", test: "70.00" });
    expect(readme).toContain("(about 0.546 and 0.615)");
    expect(readme).toContain("predicts 0 for every picture (68.42% and 70%)");
  });
});

describe("the deep network README's numbers", () => {
  const text = read("deep-neural-network", "README.md");
  const { X, Y } = loadMoons();
  const accuracy = (p: deep.Parameters) => {
    const right = np.sum(np.equal(np.greater(deep.lModelForward(X, p).AL, 0.5), Y));
    return `${((100 * right) / Y.size).toFixed(2)}% (${right} of ${Y.size})`;
  };
  const train = (layers: number[], options: deep.TrainingOptions) =>
    deep.lLayerModel(X, Y, layers, { numIterations: 3000, learningRate: 0.3, seed: 1, ...options });

  it("its default training, line for line, and its accuracy", () => {
    const { parameters, costs } = train([2, 20, 7, 5, 1], {});
    for (const i of [0, 1, 29])
      expect(text).toContain(`Cost after iteration ${i * 100}: ${costs[i]}`);
    expect(accuracy(parameters)).toBe("96.67% (290 of 300)");
    expect(text).toContain("predicts 96.67% of the points correctly (290 of 300)");
  });

  it("the comparisons it draws: a single unit, a smaller learning rate, other seeds", () => {
    expect(accuracy(train([2, 1], {}).parameters)).toMatch(/^86\.33%/);
    expect(text).toContain("a single sigmoid unit gets 86.33%");
    const slow = train([2, 20, 7, 5, 1], { learningRate: 0.0075 });
    expect(accuracy(slow.parameters)).toBe("88.33% (265 of 300)");
    expect(slow.costs[29]?.toFixed(3)).toBe("0.268");
    expect(text).toContain("the cost is still 0.268 at iteration 2900");
    expect(text).toContain("88.33% of the points (265 of 300)");
    expect(accuracy(train([2, 20, 7, 5, 1], { seed: 2 }).parameters)).toMatch(/^97\.00%/);
    expect(accuracy(train([2, 20, 7, 5, 1], { seed: 3 }).parameters)).toMatch(/^96\.67%/);
    expect(text).toContain("`--seed 2` reaches 97.00% and `--seed 3` 96.67%");
  });
});

describe("the gradient-checking README's numbers", () => {
  const text = read("gradient-checking", "README.md");
  const ko = read("gradient-checking", "README.ko.md");
  const fixture = JSON.parse(
    readFileSync(join(PACKAGE_ROOT, "test/fixtures/gradient-checking.json"), "utf8"),
  ) as {
    oneDimensional: { difference: number };
    course: {
      cost: number;
      difference: { planted: number; fixed: number };
      steps: Record<string, { fixed: number; planted: number }>;
    };
  };
  /** Three significant digits, as the table writes them: 0.285, 1.68e-8. */
  const three = (x: number) => (x < 1e-3 ? x.toExponential(2) : x.toPrecision(3));

  it("the course's checker at four steps, from numpy, in both languages", () => {
    for (const [step, { fixed, planted }] of Object.entries(fixture.course.steps)) {
      const epsilon = Number(step).toExponential(0).replace("e-", "e-");
      const row = new RegExp(
        `\\| ${epsilon} +\\| ${three(fixed).replace(".", "\\.")} +\\| ${three(planted).replace(".", "\\.")} +\\|`,
      );
      expect(text).toMatch(row);
      expect(ko).toMatch(row);
    }
    // What the table is quoted for: smallest at 1e-5; at 1e-9 right gradients called a mistake.
    const fixedAt = (s: string) => fixture.course.steps[s]?.fixed as number;
    expect(Math.min(...Object.keys(fixture.course.steps).map(fixedAt))).toBe(fixedAt("1e-05"));
    expect(fixedAt("1e-09")).toBeGreaterThan(2e-7);
    expect(fixedAt("1e-07")).toBeLessThan(2e-7);
  });

  it("the course's printed values and cost", () => {
    for (const readme of [text, ko]) {
      expect(readme).toContain(String(fixture.oneDimensional.difference));
      expect(readme).toContain(String(fixture.course.difference.planted));
      expect(readme).toContain("1.1890913024229996e-07");
      expect(readme).toContain(String(fixture.course.cost));
    }
    expect(fixture.course.difference.fixed).toBe(1.1890913024229996e-7);
  });
});

describe("the project README", () => {
  it("lists every assignment of the course, with a link to its README, and says how many", async () => {
    const text = readFileSync(join(PACKAGE_ROOT, "README.md"), "utf8");
    const ids = assignmentIds(PACKAGE_ROOT);
    const words = ["none", "one", "two", "three", "four", "five", "six"];
    expect(text).toContain(`The course has ${words[ids.length]} assignments`);
    for (const id of ids)
      expect(text).toContain(`[assignments/${id}/README.md](assignments/${id}/README.md)`);
  });
});
