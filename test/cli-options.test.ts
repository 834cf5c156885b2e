/**
 * Arguments to options, as a table: what each command line resolves to, given a fixed
 * environment. Nothing runs; `parseArguments` only parses and resolves.
 */
import { describe, expect, it } from "vitest";
import { type Invocation, parseArguments } from "../grader/cli.ts";
import { colourOf, type Environment } from "../grader/commands/options.ts";
import { FORMAT_NAMES } from "../grader/render/formats.ts";
import { adapters } from "../grader/render/index.ts";

const env: Environment = {
  cwd: "/home/ann/work",
  root: "/pkg",
  toolVersion: "9.9.9",
  assignments: ["planar-classifier"],
  references: ["planar-classifier"],
  stdoutIsTTY: false,
  colour: false,
  cores: 2,
};

const submission = {
  root: "/pkg",
  displayRoot: "/home/ann/work",
  assignment: undefined,
  seed: 0,
  hidden: true,
  timeoutMs: undefined,
  toolVersion: "9.9.9",
};

/** What a bare `gradecheck grade` resolves to. */
const plainGrade = {
  ...submission,
  submission: "/pkg/assignments/planar-classifier/model.ts",
  out: "/home/ann/work/gradecheck-report.json",
  failUnder: undefined,
  quiet: false,
  json: false,
  colour: false,
  formats: ["json" as const],
  lang: "en" as const,
};

/** What a bare `gradecheck train` of the learner's model resolves its settings to. */
const learnerSettings = {
  modelName: "../../../pkg/assignments/planar-classifier/model.ts",
  hiddenSize: undefined,
  iterations: undefined,
  learningRate: undefined,
  seed: undefined,
};

const cases: [string[], Invocation, Partial<Environment>?][] = [
  [["grade"], { command: "grade", options: plainGrade }],
  [
    ["grade", "--only", "sigmoid", "--case", " sigmoid.row "],
    {
      command: "grade",
      options: { ...plainGrade, selection: { only: ["sigmoid"], case: "sigmoid.row" } },
    },
  ],
  [
    ["grade", "--only", "sigmoid, layerSizes,sigmoid,"],
    {
      command: "grade",
      options: { ...plainGrade, selection: { only: ["sigmoid", "layerSizes"] } },
    },
  ],
  [
    [
      "grade",
      "ann",
      "--seed",
      "7",
      "--no-hidden",
      "--timeout",
      "500",
      "--fail-under",
      "75%",
      "--format",
      "json, junit",
      "--out",
      "../r.json",
    ],
    {
      command: "grade",
      options: {
        ...submission,
        submission: "/home/ann/work/ann",
        seed: 7,
        hidden: false,
        timeoutMs: 500,
        out: "/home/ann/r.json",
        failUnder: { percent: 75 },
        quiet: false,
        json: false,
        colour: true,
        formats: ["json", "junit"],
        lang: "en",
      },
    },
    { stdoutIsTTY: true, colour: true },
  ],
  // A platform's container: the manifest's limits, lowered.
  [
    ["grade", "--heap-mb", "256", "--run-seconds", "540"],
    { command: "grade", options: { ...plainGrade, limits: { heapMb: 256, runSeconds: 540 } } },
  ],
  // In a folder holding model.ts, that model.ts is the default submission.
  [
    ["grade"],
    { command: "grade", options: { ...plainGrade, submission: "/home/ann/work/model.ts" } },
    { modelHere: true },
  ],
  // The language: --lang, else $GRADECHECK_LANG (any case, spaces trimmed), else English.
  [["grade", "--lang", "ko"], { command: "grade", options: { ...plainGrade, lang: "ko" } }],
  [
    ["grade"],
    { command: "grade", options: { ...plainGrade, lang: "ko" } },
    { langVariable: " KO " },
  ],
  [
    ["grade", "--lang", "en"],
    { command: "grade", options: { ...plainGrade, lang: "en" } },
    { langVariable: "ko" },
  ],
  [["grade"], { command: "grade", options: plainGrade }, { langVariable: "" }],
  [
    ["gradcheck", "--assignment", "planar-classifier"],
    {
      command: "gradcheck",
      options: {
        ...submission,
        assignment: "planar-classifier",
        submission: "/pkg/assignments/planar-classifier/model.ts",
        lang: "en",
      },
    },
  ],
  [
    ["batch", "class", "--force"],
    {
      command: "batch",
      options: {
        root: "/pkg",
        folder: "/home/ann/work/class",
        out: "/home/ann/work/gradecheck-batch",
        jobs: 2,
        force: true,
        assignment: undefined,
        seed: 0,
        hidden: true,
        timeoutMs: undefined,
        toolVersion: "9.9.9",
        tty: false,
      },
    },
  ],
  [
    ["train", "--reference", "-n", "3", "--iterations", "30"],
    {
      command: "train",
      options: {
        root: "/pkg",
        assignment: "planar-classifier",
        model: "/pkg/reference/planar-classifier/model.ts",
        trainsReference: true,
        lang: "en",
        pictures: "/home/ann/work/gradecheck-train",
        settings: {
          modelName: "the reference solution",
          hiddenSize: 3,
          iterations: 30,
          learningRate: undefined,
          seed: undefined,
        },
      },
    },
  ],
  [
    // GRADECHECK_LANG=ko npm run train: Korean, the reference named in Korean.
    ["train", "--reference"],
    {
      command: "train",
      options: {
        root: "/pkg",
        assignment: "planar-classifier",
        model: "/pkg/reference/planar-classifier/model.ts",
        trainsReference: true,
        lang: "ko",
        pictures: "/home/ann/work/gradecheck-train",
        settings: { ...learnerSettings, modelName: "참조 답안" },
      },
    },
    { langVariable: "ko" },
  ],
  [
    // The learner's own model by default, beside the reference where there is one.
    ["train", "--sweep", "1, 2,20", "--out", "pics/run"],
    {
      command: "train",
      options: {
        root: "/pkg",
        assignment: "planar-classifier",
        model: "/pkg/assignments/planar-classifier/model.ts",
        trainsReference: false,
        lang: "en",
        reference: "/pkg/reference/planar-classifier/model.ts",
        pictures: "/home/ann/work/pics/run",
        sweep: [1, 2, 20],
        settings: learnerSettings,
      },
    },
  ],
  [
    ["train"],
    {
      command: "train",
      options: {
        root: "/pkg",
        assignment: "planar-classifier",
        model: "/pkg/assignments/planar-classifier/model.ts",
        trainsReference: false,
        lang: "en",
        pictures: "/home/ann/work/gradecheck-train",
        settings: learnerSettings,
      },
    },
    // A learner's release: no reference, so the learner's own model alone.
    { references: [] },
  ],
  [
    ["export", "gradescope"],
    {
      command: "export gradescope",
      options: {
        root: "/pkg",
        out: "/home/ann/work/autograder.zip",
        assignment: "planar-classifier",
      },
    },
  ],
  [
    ["validate-report", "r.json"],
    { command: "validate-report", options: { path: "/home/ann/work/r.json", name: "r.json" } },
  ],
  [["expected", "--check"], { command: "expected", options: { root: "/pkg", check: true } }],
  [
    ["stubs", "--force"],
    { command: "stubs", options: { root: "/pkg", check: false, force: true } },
  ],
  [
    ["release", "--out", "rel"],
    {
      command: "release",
      options: { root: "/pkg", out: "/home/ann/work/rel", assignment: "planar-classifier" },
    },
  ],
];

describe("gradecheck's arguments, resolved", () => {
  it.each(cases)("%j", async (argv, expected, changes) => {
    expect(await parseArguments(argv, { ...env, ...changes })).toEqual(expected);
  });

  it.each([
    [["grade"], "name the assignment with --assignment: there are several (a, b)"],
    [["grade", "--assignment", "c"], 'unknown assignment "c"; known: a, b'],
    [["batch", "class", "--jobs", "0"], "--jobs must be an integer >= 1, got 0"],
    [["grade", "x", "--format", "pdf"], 'unknown format "pdf"'],
    [["train", "--assignment", "a", "--learning-rate", "fast"], "--learning-rate must be a number"],
    [["release", "--out", "r"], "name the assignment with --assignment: there are several (a, b)"],
  ])("%j is refused: %s", async (argv, message) => {
    const several = { ...env, assignments: ["a", "b"], references: [] };
    await expect(parseArguments(argv, several)).rejects.toThrow(message);
  });

  it("knows every file format by name, and only those: the renderers' own", async () => {
    expect([...FORMAT_NAMES].sort()).toEqual(Object.keys(adapters).sort());
    const all = await parseArguments(["grade", "x", "--format", FORMAT_NAMES.join(",")], env);
    expect((all as { options: { formats: string[] } }).options.formats).toEqual([...FORMAT_NAMES]);
  });

  it("of several assignments, takes the one whose folder the user is in, else the course's current one", async () => {
    const several = { ...env, assignments: ["a", "b"], references: [], current: "a" };
    const graded = async (cwd: string) =>
      (
        (await parseArguments(["grade"], { ...several, cwd })) as {
          options: { submission: string };
        }
      ).options.submission;
    expect(await graded("/home/ann/work")).toBe("/pkg/assignments/a/model.ts");
    expect(await graded("/pkg/assignments/b")).toBe("/pkg/assignments/b/model.ts");
    expect(await graded("/pkg/reference/b/extra")).toBe("/pkg/assignments/b/model.ts");
    const release = await parseArguments(["release", "--out", "r"], several);
    expect((release as { options: { assignment: string } }).options.assignment).toBe("a");
  });

  it.each([
    [["grade", "x", "--lang", "fr"], {}, '--lang must be one of en, ko, got "fr"'],
    [["grade", "-"], {}, "a submission cannot be read from standard input"],
    [["grade", "x", "--heap-mb", "8"], {}, "--heap-mb must be an integer >= 64, got 8"],
    [["grade", "x", "--run-seconds", "1.5"], {}, "--run-seconds must be an integer >= 10, got 1.5"],
    [["gradcheck", "-"], {}, "a submission cannot be read from standard input"],
    // Only the commands a learner reads take a language; an instructor's batch is English.
    [["batch", "class", "--lang", "ko"], {}, "Unknown argument: lang"],
    [["train", "--lang", "jp"], {}, '--lang must be one of en, ko, got "jp"'],
    [["grade", "x"], { langVariable: "kr" }, 'GRADECHECK_LANG must be one of en, ko, got "kr"'],
    // An option given twice, which yargs makes a list of: refused before any command reads it.
    [
      ["grade", "x", "--out", "a", "--out", "b"],
      {},
      "--out was given 2 times (a, b): give it once",
    ],
    [
      ["grade", "x", "--fail-under", "1", "--fail-under", "2"],
      {},
      "--fail-under was given 2 times",
    ],
    [["batch", "class", "--seed", "1", "--seed", "2"], {}, "--seed was given 2 times (1, 2)"],
    [["train", "--lang", "en", "--lang", "ko"], {}, "--lang was given 2 times (en, ko)"],
  ])("%j with %j is refused: %s", async (argv, changes, message) => {
    await expect(parseArguments(argv, { ...env, ...changes })).rejects.toThrow(message);
  });
});

describe("colour, as command-line programs agree (no-color.org, force-color.org)", () => {
  it.each([
    [true, {}, true],
    [false, {}, false],
    [true, { NO_COLOR: "1" }, false],
    // An empty NO_COLOR is not set.
    [true, { NO_COLOR: "" }, true],
    [false, { FORCE_COLOR: "1" }, true],
    [false, { FORCE_COLOR: "" }, true],
    [true, { FORCE_COLOR: "0" }, false],
    [true, { FORCE_COLOR: "false" }, false],
    [true, { TERM: "dumb" }, false],
    [false, { TERM: "dumb", FORCE_COLOR: "1" }, true],
    [true, { NO_COLOR: "1", FORCE_COLOR: "1" }, false],
  ] as const)("a terminal: %s, with %j: colour %s", (tty, variables, expected) => {
    expect(colourOf(tty, variables)).toBe(expected);
  });
});

describe("the usual short options", () => {
  it.each([["-h"], ["--help"], ["-v"], ["--version"], ["grade", "-h"]])(
    "%s answers by itself, with no command run",
    async (...argv) => {
      expect(await parseArguments(argv, env)).toBeUndefined();
    },
  );
});
