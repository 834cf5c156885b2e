/**
 * The numbers the logistic-regression README (and its Korean twin) states, recomputed: the points
 * table from the manifest, the dataset's label counts, and the course's learning-rate comparison
 * from the reference. (The training with the default settings, line for line, is checked in the
 * installed release: test/release-install.test.ts.)
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { np } from "../../assignments/lib/np.ts";
import { loadPictureDataset } from "../../assignments/logistic-regression/dataset.ts";
import { PACKAGE_ROOT } from "../../grader/core/paths.ts";
import { model } from "../../reference/logistic-regression/model.ts";

const folder = join(PACKAGE_ROOT, "assignments/logistic-regression");
const readme = readFileSync(join(folder, "README.md"), "utf8");
const korean = readFileSync(join(folder, "README.ko.md"), "utf8");
const manifest = JSON.parse(readFileSync(join(folder, "assignment.json"), "utf8")) as {
  functions: { name: string; tests: { points: number; visibility: string }[] }[];
};

const points = (tests: { points: number }[]) =>
  Number(tests.reduce((s, t) => s + t.points, 0).toFixed(6));
const count = (tests: { points: number }[]) =>
  tests.length === 0 ? "none" : `${tests.length} (${points(tests)})`;

describe("the logistic-regression README's numbers", () => {
  it("its points table is the manifest's, in English and Korean", () => {
    // Table cells padded to line up are compared with single spaces.
    const table = readme.replace(/ +/g, " ");
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
    expect(korean.replace(/ +/g, " ")).toContain(
      `| **합계** | **${points(all)}** | **${visible.length}개 (${points(visible)})** | **${hidden.length}개 (${points(hidden)})** |`,
    );
  });

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
