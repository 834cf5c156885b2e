/**
 * Training you can see: `gradecheck train` draws the data with each model's decision regions and
 * the cost curves as SVG (read back here as XML: what was drawn, not how it looks), trains a sweep
 * of hidden layer sizes, and shows its progress from the model's own cost lines.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SaxesParser } from "saxes";
import { afterAll, describe, expect, it } from "vitest";
import { runTrain, type TrainOptions, withProgress } from "../grader/commands/train.ts";
import { PACKAGE_ROOT } from "../grader/core/paths.ts";
import { displayWidth } from "../grader/render/columns.ts";
import { tempDir } from "./helpers.ts";
import { englishProse } from "./words-prose.ts";

const REFERENCE = join(PACKAGE_ROOT, "reference/planar-classifier/model.ts");

/**
 * A learner's model.ts, in the repository (git-ignored): `train` runs it in this process, and its
 * `gradecheck/np` import resolves from within the package, as in a learner's repository.
 */
function learnerModel(source: string): string {
  const folder = join(PACKAGE_ROOT, "test/.generated");
  mkdirSync(folder, { recursive: true });
  const made = mkdtempSync(join(folder, "train-"));
  madeFolders.push(made);
  const model = join(made, "model.ts");
  writeFileSync(model, source);
  return model;
}

const madeFolders: string[] = [];
afterAll(() => {
  for (const folder of madeFolders) rmSync(folder, { recursive: true, force: true });
});

/** The SVG's drawn marks by vega's class ("mark-symbol", "mark-line", "mark-rect") and its texts. */
function drawn(svg: string): { marks: Record<string, number>; texts: string[] } {
  const parser = new SaxesParser();
  const marks: Record<string, number> = {};
  const texts: string[] = [];
  const classes: string[] = [];
  let inText = false;
  parser.on("opentag", (tag) => {
    const cls = String(tag.attributes.class ?? "");
    classes.push(cls);
    // The chart's own marks, not the legend's symbols.
    const group = classes.filter((c) => c.includes("mark-")).at(-1) ?? "";
    const mark = group.includes("role-mark") ? /mark-(\w+)/.exec(group)?.[1] : undefined;
    if (mark && (tag.name === "path" || tag.name === "rect")) marks[mark] = (marks[mark] ?? 0) + 1;
    inText = tag.name === "text";
  });
  parser.on("text", (text) => {
    if (inText) texts.push(text);
  });
  parser.on("closetag", () => {
    classes.pop();
    inText = false;
  });
  parser.write(svg).close();
  return { marks, texts };
}

function options(model: string, extra: Partial<TrainOptions> = {}): TrainOptions {
  return {
    root: PACKAGE_ROOT,
    assignment: "planar-classifier",
    model,
    trainsReference: model === REFERENCE,
    pictures: join(tempDir("gradecheck-train-test-"), "run"),
    settings: { modelName: "model.ts", iterations: 400 },
    lang: "en",
    ...extra,
  };
}

describe("gradecheck train's pictures", () => {
  it("draws the learner's decision regions beside the reference's, and both cost curves", async () => {
    const model = learnerModel(readFileSync(REFERENCE, "utf8"));
    const lines: string[] = [];
    const run = options(model, { reference: REFERENCE });
    const result = await runTrain(run, (line) => lines.push(line));
    expect(result.costs).toHaveLength(400);
    expect(lines.at(-1)).toMatch(/^Pictures: .*run\.boundary\.svg, .*run\.cost\.svg$/);
    const boundary = drawn(readFileSync(`${run.pictures}.boundary.svg`, "utf8"));
    // Both panels, each with the 400 examples as dots over its regions.
    expect(boundary.texts).toEqual(expect.arrayContaining(["yours", "reference", "x₁", "x₂"]));
    expect(boundary.marks.symbol).toBe(800);
    expect(boundary.marks.rect).toBeGreaterThan(2 * 60);
    const cost = drawn(readFileSync(`${run.pictures}.cost.svg`, "utf8"));
    expect(cost.marks.line).toBe(2);
    expect(cost.texts).toEqual(expect.arrayContaining(["cost J", "iteration"]));
  });

  it("trains a sweep of hidden layer sizes: a line each, and a panel each", async () => {
    const lines: string[] = [];
    const run = options(REFERENCE, { sweep: [1, 3] });
    await runTrain(run, (line) => lines.push(line));
    expect(lines[0]).toBe("hidden layer size   accuracy   time");
    expect(lines[1]).toMatch(/^ {16}1 +\d+\.\d\d% +\d+\.\d\d s$/);
    expect(lines[2]).toMatch(/^ {16}3 +\d+\.\d\d% +\d+\.\d\d s$/);
    const sweep = drawn(readFileSync(`${run.pictures}.sweep.svg`, "utf8"));
    expect(sweep.texts).toEqual(expect.arrayContaining(["nH = 1", "nH = 3"]));
    expect(sweep.marks.symbol).toBe(800);
  });

  it("says so, and draws the cost alone, when the model's predict fails on the grid", async () => {
    const source = readFileSync(REFERENCE, "utf8");
    const model = learnerModel(
      source.replace(
        "const { A2 } = forwardPropagation(X, parameters);",
        'if (X.shape[1] !== 400) throw new Error("only the training data");\n  const { A2 } = forwardPropagation(X, parameters);',
      ),
    );
    const lines: string[] = [];
    const run = options(model);
    await runTrain(run, (line) => lines.push(line));
    expect(lines).toContain(
      "No decision boundary: predict failed on a grid of points (only the training data)",
    );
    expect(existsSync(`${run.pictures}.boundary.svg`)).toBe(false);
    expect(existsSync(`${run.pictures}.cost.svg`)).toBe(true);
  });
});

describe("gradecheck train in Korean", () => {
  it("says what it does, and names its pictures' parts, in Korean", async () => {
    const model = learnerModel(readFileSync(REFERENCE, "utf8"));
    const lines: string[] = [];
    const run = options(model, { reference: REFERENCE, lang: "ko" });
    await runTrain(run, (line) => lines.push(line));
    expect(lines[0]).toMatch(/^model\.ts 학습: nH = 4, 반복 400번, 학습률 1\.2, 시드 2$/);
    expect(lines).toContainEqual(
      expect.stringMatching(/^훈련 정확도: \d+\.\d\d% \(400개 중 \d+개\)/),
    );
    expect(lines.at(-1)).toMatch(/^그림: .*run\.boundary\.svg, .*run\.cost\.svg$/);
    for (const line of lines) expect(englishProse(line), line).toEqual([]);
    const boundary = drawn(readFileSync(`${run.pictures}.boundary.svg`, "utf8"));
    expect(boundary.texts).toEqual(
      expect.arrayContaining(["여러분의 모델", "참조 답안", "레이블"]),
    );
    const cost = drawn(readFileSync(`${run.pictures}.cost.svg`, "utf8"));
    expect(cost.texts).toEqual(expect.arrayContaining(["비용 J", "반복"]));
  });

  it("lines up a sweep's table by the width Korean takes on a terminal", async () => {
    const lines: string[] = [];
    await runTrain(options(REFERENCE, { sweep: [1, 20], lang: "ko" }), (line) => lines.push(line));
    expect(lines[0]).toBe("은닉층 크기     정확도   시간");
    // The numbers end under the end of their heading.
    const end = (line: string, text: string) =>
      displayWidth(line.slice(0, line.indexOf(text) + text.length));
    expect(end(lines[1] as string, "1")).toBe(displayWidth("은닉층 크기"));
    expect(end(lines[2] as string, "20")).toBe(displayWidth("은닉층 크기"));
    expect(lines[1]).toMatch(/\d+\.\d\d초$/);
  });
});

describe("training's progress", () => {
  it("follows the model's cost lines, and clears itself before each line printed and at the end", () => {
    const shown: string[] = [];
    const printed: string[] = [];
    const log = console.log;
    console.log = (line: string) => printed.push(line);
    try {
      const result = withProgress(
        () => {
          console.log("Cost after iteration 0: 0.69");
          console.log("Cost after iteration 1000: 0.28");
          return 7;
        },
        (line) => shown.push(line),
      );
      expect(result).toBe(7);
    } finally {
      console.log = log;
    }
    expect(printed).toEqual(["Cost after iteration 0: 0.69", "Cost after iteration 1000: 0.28"]);
    expect(shown.map((s) => s.replace(/[\d.]+ s$/, "T s"))).toEqual([
      "",
      "training… iteration 0, T s",
      "",
      "training… iteration 1000, T s",
      "",
    ]);
  });
});
