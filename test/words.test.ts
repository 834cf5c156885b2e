/**
 * Every message code has an English and a Korean text: the grader's catalogs (every hint, error
 * hint, outcome, reason, note, gradient verdict, phrase and label, each code through a sample of
 * its data, so that a code added without a sample does not compile) and the assignment's (its
 * phrases, test names, title and named mistakes). English holds no Hangul; Korean holds Hangul
 * and no English sentence.
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { np } from "../assignments/lib/np.ts";
import { cases as learnerCases } from "../assignments/planar-classifier/cases.ts";
import { english as assignmentEnglish } from "../assignments/planar-classifier/words.ts";
import { typeName } from "../grader/checks/compare.ts";
import type { AssignmentLocale } from "../grader/core/assignment.ts";
import { loadManifest } from "../grader/core/manifest.ts";
import type { CrashReason, ImportFailure } from "../grader/core/outcomes.ts";
import { PACKAGE_ROOT } from "../grader/core/paths.ts";
import type { Phrase } from "../grader/core/phrase.ts";
import {
  type Details,
  type ErrorHint,
  type GradientHint,
  type GradientRow,
  type Hint,
  LIST_METHODS,
  type Mismatch,
  type Note,
  type NotRunReason,
  NUMPY_METHODS,
  NUMPY_RANDOM,
  PYTHON_METHODS,
  PYTHON_NAMES,
} from "../grader/core/report.ts";
import { type Budget, encode, freshBudget, LIMITS, TEXT_LIMITS } from "../grader/core/values.ts";
import { assignmentIds } from "../grader/pipeline/load.ts";
import { speaker } from "../grader/render/localize.ts";
import { catalogs } from "../grader/words/catalogs.ts";
import { en } from "../grader/words/en/index.ts";
import type { phrases as englishPhrases } from "../grader/words/en/phrases.ts";
import { ko } from "../grader/words/ko/index.ts";
import { josa } from "../grader/words/ko/josa.ts";
import { typeInKorean } from "../grader/words/ko/messages.ts";
import {
  english as referenceEnglish,
  words as referenceWords,
} from "../reference/planar-classifier/words.ts";
import { englishProse, hasHangul } from "./words-prose.ts";

/** One sample or more of each code of a union: the type checker wants every code. */
type Samples<U extends { code: string }> = { [K in U["code"]]: Extract<U, { code: K }>[] };

const patterns: Samples<Exclude<Hint, { code: "varies" | "mistake" }>> = {
  "array-for-number": [{ code: "array-for-number" }],
  "row-for-column": [
    { code: "row-for-column" },
    { code: "row-for-column", keepdims: true },
    { code: "row-for-column", keepdims: false },
  ],
  "transposed-shape": [{ code: "transposed-shape", actual: [1, 4], expected: [4, 1] }],
  "square-for-column": [
    { code: "square-for-column", keepdims: true },
    { code: "square-for-column", keepdims: false },
  ],
  "all-zeros": [{ code: "all-zeros" }],
  transposed: [{ code: "transposed" }],
  sign: [{ code: "sign" }],
  "m-times": [{ code: "m-times", m: 5 }],
  "m-times-smaller": [{ code: "m-times-smaller", m: 5 }],
  twice: [{ code: "twice" }],
  half: [{ code: "half" }],
  "rows-for-columns": [{ code: "rows-for-columns", rows: 2, cols: 5 }],
  "one-minus": [{ code: "one-minus" }],
  reciprocal: [{ code: "reciprocal" }],
  factor: [{ code: "factor", factor: 0.25 }],
  "tuple-for-object": [
    { code: "tuple-for-object", keys: ["A2", "cache"], inOrder: true },
    { code: "tuple-for-object", keys: ["nX", "nH", "nY"], inOrder: false },
  ],
  "entries-for-array": [
    { code: "entries-for-array", shape: [1, 40], from: "typed" },
    { code: "entries-for-array", shape: [1, 40], from: "list", same: true },
    { code: "entries-for-array", shape: [1, 40], from: "list" },
    { code: "entries-for-array", shape: [2, 3], from: "rows", same: false },
  ],
  "part-for-whole": [{ code: "part-for-whole", part: "parameters", keys: ["parameters", "costs"] }],
  flattened: [{ code: "flattened", key: "grads", keys: ["dw", "db"] }],
  nan: [{ code: "nan" }],
  infinite: [{ code: "infinite" }],
  "no-return": [{ code: "no-return" }],
  "text-for-number": [
    { code: "text-for-number", same: true },
    { code: "text-for-number", same: false },
  ],
  misnamed: [
    { code: "misnamed", pairs: [{ yours: "A", expected: "A2" }] },
    {
      code: "misnamed",
      pairs: Array.from({ length: 6 }, (_, l) => ({ yours: `dW${l}`, expected: `dW${l + 1}` })),
      shift: -1,
    },
    {
      code: "misnamed",
      pairs: [
        { yours: "parameters.W0", expected: "parameters.W1" },
        { yours: "parameters.W1", expected: "parameters.W2" },
      ],
      shift: -1,
    },
  ],
  "every-kth": [
    { code: "every-kth", k: 1000, of: "expected" },
    { code: "every-kth", k: 100, of: "yours" },
    { code: "every-kth", k: null, of: "expected" },
  ],
};
const mistake = { name: "dW1 without 1/m", sentence: "dW1 is (1/m)·dZ1·Xᵀ: divide by m" };
const koMistake = { name: "dW1에 1/m 누락", sentence: "dW1 = (1/m)·dZ1·Xᵀ입니다: m으로 나누세요" };
const hints: Samples<Hint> = {
  ...patterns,
  varies: [{ code: "varies" }],
  mistake: [
    { code: "mistake", mistakes: [mistake] },
    { code: "mistake", mistakes: [mistake, mistake] },
    // biome-ignore lint/suspicious/noThenProperty: the report's field, never awaited
    { code: "mistake", mistakes: [mistake], then: { code: "transposed" } },
  ],
};
const pair = { a: [4, 2] as [number, number], b: [2, 400] as [number, number] };
const errorHints: Samples<ErrorHint> = {
  "entrywise-for-product": (["a·b", "a·bᵀ", "aᵀ·b", "b·a"] as const).map((product) => ({
    code: "entrywise-for-product",
    product,
    ...pair,
  })),
  "product-not-aligned": [
    ...(["a·bᵀ", "aᵀ·b", "b·a"] as const).map((product) => ({
      code: "product-not-aligned" as const,
      product,
      ...pair,
    })),
    // Two arrays of one shape: np.multiply is offered too.
    { code: "product-not-aligned", product: "a·bᵀ", a: [4, 5], b: [4, 5] },
  ],
  "generator-shape": [{ code: "generator-shape", method: "randn" }],
  "broadcast-transposed": [
    { code: "broadcast-transposed", op: "add", operand: "second", a: [4, 400], b: [1, 4] },
    { code: "broadcast-transposed", op: "subtract", operand: "first", a: [1, 4], b: [4, 400] },
  ],
  "maker-shape": [
    { code: "maker-shape", op: "zeros" },
    { code: "maker-shape", op: "reshape" },
  ],
  mistake: [{ code: "mistake", mistakes: [mistake] }],
  "list-for-object": [{ code: "list-for-object" }],
  "text-for-array": [{ code: "text-for-array" }],
  "keyword-argument": [
    { code: "keyword-argument", name: "axis" },
    { code: "keyword-argument", name: "keepdims" },
  ],
  "python-name": PYTHON_NAMES.map((name) => ({ code: "python-name", name })),
  "near-key": [
    { code: "near-key", input: "parameters", wrote: "w1", key: "W1" },
    { code: "near-key", input: "cache", wrote: "a_1", key: "A1" },
  ],
  "object-length": [{ code: "object-length", input: "parameters" }],
  "numbered-key": [
    {
      code: "numbered-key",
      input: "grads",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: TypeScript source, as the learner wrote it
      read: "grads[`dW${l}`]",
      prefix: "dW",
      first: 1,
      last: 2,
    },
    {
      code: "numbered-key",
      input: "grads",
      read: 'grads["dA" + l]',
      prefix: "dA",
      first: 0,
      last: 1,
    },
  ],
  "list-index": [
    { code: "list-index", input: "caches", read: "caches[l]", length: 2 },
    { code: "list-index", input: "caches", read: "caches[l]", length: 1 },
    { code: "list-index", input: "caches", read: "caches[i]", length: 0 },
  ],
  "floor-division": [
    { code: "floor-division", written: "const L = Object.keys(parameters).length // 2;" },
  ],
  "list-method": LIST_METHODS.map((method) => ({ code: "list-method", method })),
  "python-method": PYTHON_METHODS.map((method) => ({ code: "python-method", method })),
  "numpy-method": NUMPY_METHODS.map((method) => ({ code: "numpy-method", method })),
  "global-random": NUMPY_RANDOM.map((method) => ({ code: "global-random", method })),
};
const crashes: Samples<CrashReason> = {
  "out-of-memory": [{ code: "out-of-memory" }],
  signal: [{ code: "signal", signal: "SIGKILL" }],
  exit: [{ code: "exit", exitCode: 3 }],
  protocol: [{ code: "protocol", what: "<what>" }],
  unresponsive: [{ code: "unresponsive" }],
};
const imports: Samples<ImportFailure> = {
  threw: [{ code: "threw", error: { name: "SyntaxError", message: "<thrown>", stack: "" } }],
  "never-settles": [{ code: "never-settles" }],
  "too-many-exports": [{ code: "too-many-exports" }],
  timeout: [{ code: "timeout", limitMs: 2000 }],
  protocol: [{ code: "protocol", what: "<what>" }],
  crashed: [{ code: "crashed", reason: { code: "out-of-memory" } }],
};
const notRun: Samples<NotRunReason> = {
  hung: [{ code: "hung", limitMs: 2000, test: "sigmoid.row" }],
  unreadable: [{ code: "unreadable" }],
  unbuilt: [{ code: "unbuilt" }],
  "no-fixture": [{ code: "no-fixture" }],
  "no-property": [{ code: "no-property", name: "sigmoid.range" }],
  "needs-reference": [{ code: "needs-reference", check: "trainingAccuracy" }],
  "run-time-up": [{ code: "run-time-up" }],
  "grader-fault": [{ code: "grader-fault", what: "<what>" }],
};
const gradientHints: Samples<GradientHint> = {
  transposed: [{ code: "transposed" }],
  zero: [{ code: "zero" }],
  "some-entries": [{ code: "some-entries" }],
  "not-constant": [{ code: "not-constant" }],
  pattern: [{ code: "pattern", pattern: { code: "m-times", m: 6 } }],
};
const rows: GradientRow[] = [
  {
    name: "W1",
    verdict: "wrong-shape",
    expected: [4, 2],
    actual: [2, 4],
    hint: { code: "transposed" },
  },
  { name: "W1", verdict: "missing", expected: [4, 2] },
  { name: "W1", verdict: "right", difference: 1e-10, ratio: 1, cosine: 1, checked: 8, kinks: 1 },
  { name: "b1", verdict: "right", difference: 1e-10, ratio: 1, cosine: 1, checked: null, kinks: 0 },
  {
    name: "W2",
    verdict: "wrong",
    difference: 0.5,
    ratio: 2,
    cosine: 1,
    checked: 4,
    kinks: 2,
    worst: { index: [0, 3], yours: "0.0412", numeric: "0.0206" },
    hint: { code: "pattern", pattern: { code: "twice" } },
  },
  { name: "b2", verdict: "wrong", difference: 1, ratio: null, cosine: 0, checked: 1, kinks: 0 },
];
const tolerance = { rtol: 1e-6, atol: 1e-9 };
const mismatches: { [K in Mismatch["problem"]]: Extract<Mismatch, { problem: K }> } = {
  type: { problem: "type", path: "A2", expected: "an array (1,5)", actual: "a number" },
  "missing-key": { problem: "missing-key", path: "", key: "A2" },
  length: { problem: "length", path: "costs", expected: 3, actual: 2 },
  shape: { problem: "shape", path: "db1", expected: [4, 1], actual: [1, 4] },
  value: {
    problem: "value",
    path: "",
    index: [0, 1],
    expected: 0.5,
    actual: 0.6,
    error: 0.1,
    tolerance,
    wrong: 3,
    total: 8,
  },
};
const lawPhrase: Phrase = { code: "law.computeCost.half" };
/** A law whose check met a throw. */
const threwInLaw = {
  type: "property",
  law: "…",
  seed: 1,
  runs: 100,
  outcome: "failed",
  path: "0",
  shrinks: 2,
  counterexample: "z = [[1]] (1,1)",
  thrown: { fn: "sigmoid", name: "TypeError", message: "<thrown>" },
  phrases: { law: { code: "law.sigmoid.range" } },
} satisfies Extract<Details, { type: "property" }>;
const details: { [K in Details["type"]]: Extract<Details, { type: K }>[] } = {
  passed: [{ type: "passed" }],
  mismatch: [
    ...Object.values(mismatches).map((m) => ({ type: "mismatch" as const, ...m })),
    { type: "mismatch", ...mismatches.shape, hint: { code: "row-for-column", keepdims: true } },
    { type: "mismatch", ...mismatches["missing-key"], other: "a2" },
    {
      type: "mismatch",
      problem: "missing-key",
      path: "",
      key: "learningRate",
      other: "learning_rate",
    },
  ],
  "mutated-input": [{ type: "mutated-input", argument: "parameters", path: "W1" }],
  nondeterministic: [{ type: "nondeterministic", path: "" }],
  check: [
    {
      type: "check",
      message: "training accuracy 50.00% is below 90%",
      hint: "about 50% is no better than a straight line",
      phrases: {
        message: { code: "training.below", params: { percent: "50.00", minimum: "90" } },
        hint: { code: "training.straight-line" },
      },
      values: {},
    },
  ],
  error: [
    {
      type: "error",
      name: "TypeError",
      message: "<thrown>",
      stack: "",
      at: "model.ts:3:5",
      line: "const a = b;",
      hint: { code: "maker-shape", op: "ones" },
    },
  ],
  "import-failed": Object.values(imports)
    .flat()
    .map((failure) => ({ type: "import-failed" as const, failure })),
  property: [
    {
      type: "property",
      law: "with A2 = 0.5 everywhere the cost is ln 2 per output, whatever Y",
      seed: 1,
      runs: 100,
      outcome: "failed",
      path: "0:0",
      shrinks: 1,
      counterexample: "Y = [[0]] (1,1); A2 = 0.5 everywhere",
      reason: "the cost is 0, expected ln 2 = 0.69314718",
      phrases: {
        law: lawPhrase,
        counterexample: { code: "describe.half", params: { Y: "Y = [[0]] (1,1)" } },
        reason: { code: "cost.half", params: { cost: "0", ln2: "0.69314718" } },
      },
    },
    threwInLaw,
    {
      ...threwInLaw,
      thrown: { ...threwInLaw.thrown, hint: { code: "global-random", method: "randn" } },
    },
    {
      type: "property",
      law: "…",
      seed: 1,
      runs: 40,
      outcome: "interrupted",
      timeLimitMs: 3000,
      phrases: { law: lawPhrase },
    },
  ],
  timeout: [{ type: "timeout", limitMs: 2000 }],
  crashed: Object.values(crashes)
    .flat()
    .map((reason) => ({ type: "crashed" as const, reason })),
  missing: [
    { type: "missing", reason: "not-exported" },
    { type: "missing", reason: "not-implemented" },
  ],
  "not-run": Object.values(notRun)
    .flat()
    .map((reason) => ({ type: "not-run" as const, reason })),
  build: [{ type: "build", file: "model.ts", line: 3, column: 5 }],
};
const notes: Samples<Note> = {
  meaning: [{ code: "meaning", meaning: "…", phrase: { code: "meaning.forward" } }],
  "not-graded": [
    { code: "not-graded", needs: ["forwardPropagation"], unmet: ["forwardPropagation"] },
  ],
  unpaid: [{ code: "unpaid", fn: "sigmoid" }],
  pipeline: [
    { code: "pipeline", pipeline: ["nnModel", "predict"], culprits: [] },
    { code: "pipeline", pipeline: ["nnModel", "predict"], culprits: ["predict"] },
  ],
  callees: [{ code: "callees", callees: ["forwardPropagation", "computeCost"] }],
};

/** Sample parameters of each grader phrase. */
const graderPhrases: {
  [K in keyof typeof englishPhrases]: Parameters<(typeof englishPhrases)[K]>[0];
} = {
  "report.total": { score: 3, maxScore: 4 },
  "report.verbatim": { text: "<verbatim>" },
  "read.cannot": { what: "ann/model.ts", errno: "EACCES" },
  "read.not-a-file": { what: "ann/model.ts", kind: "pipe" },
  "read.too-big": { what: "ann/model.ts", bytes: 3_000_000, file: 2_097_152, total: 16_777_216 },
  "read.none": { what: "ann.ts" },
  "find.empty": { folder: "ann" },
  "find.none": { folder: "ann", names: ["a.pdf", "b.txt", "c", "d", "e", "f", "g"] },
  "find.several": { folder: "ann", names: ["a.ts", "b.ts"] },
  "find.which": { folder: "ann", ids: ["planar-classifier", "deep-network"] },
  "find.bad-zip": { zip: "ann.zip" },
  "read.no-model": { folder: "ann" },
  "read.not-a-submission": { what: "ann.txt" },
  "read.link-to-nothing": { what: "ann/model.ts" },
  "read.link-outside": { what: "ann/model.ts" },
  "hidden.not-run": { count: 9, could: "built" },
  "hidden.ran": { count: 9 },
  "hidden.skipped": { count: 9 },
  "hidden.none": { also: ["end-to-end.accuracy"] },
  "hidden.need-reference": { count: 9, also: [] },
  "warning.not-alone": { why: "<verbatim>" },
  "warning.between-tests": { what: "<verbatim>" },
  "warning.types-skipped": { reason: "<verbatim>" },
  "warning.type-error": { error: "<verbatim>" },
  "warning.syntax-fenced": { fn: "nnModel", error: "<verbatim>" },
  "gradient.compared": { against: { code: "gradient.against-own" }, rows },
  "gradient.rows": { rows },
  "checker.not-a-number": { type: "a list" },
  "checker.no-verdict": undefined,
  "checker.missed": {
    actual: 3e-9,
    expected: 0.285,
    tolerance: 1e-8,
    threshold: 2e-7,
    bug: "<verbatim>",
  },
  "checker.false-alarm": { actual: 0.5, expected: 1.2e-7, tolerance: 1e-8, threshold: 2e-7 },
  "checker.figure": { actual: 2.4e-7, expected: 1.2e-7, tolerance: 1e-8, threshold: 2e-7 },
  refused: { grew: true, returned: 10_000, held: 40, limit: 400 },
  "call.threw": { fn: "sigmoid", name: "TypeError", message: "<thrown>" },
  "call.timeout": { fn: "sigmoid", limitMs: 2000 },
  "call.crashed": { fn: "sigmoid", reason: { code: "exit", exitCode: 1 } },
  "call.missing": { fn: "sigmoid" },
  "call.import-failed": { failure: { code: "never-settles" } },
  "call.refused": { fn: "sigmoid", returned: 10_000, limit: 400 },
  "call.failed": { fn: "sigmoid" },
  "build.cannot-import": { path: "./helpers.ts", why: "no-such-file" },
  "build.reaches-outside": undefined,
  "build.at": {
    where: "ann/model.ts:3:15",
    error: { code: "build.cannot-import", params: { path: "../x.ts", why: "outside" } },
    frame: "const a = b;",
  },
  "standIn.not-served": { fn: "sigmoid" },
  "standIn.not-called": { fn: "initializeParameters", judged: "predict" },
  "standIn.time-up": { fn: "forwardPropagation" },
  "standIn.too-many": { fn: "forwardPropagation", entries: 80_002, limit: 65_536 },
  "standIn.unreadable-generator": { fn: "initializeParameters", why: "<verbatim>" },
  "standIn.reference-failed": {
    fn: "backwardPropagation",
    inputs: "<verbatim>",
    reason: "<thrown>",
  },
};

const VERBATIM = ["<thrown>", "<verbatim>", "<what>", "const a = b;"];
const assignmentKo = {
  ...learnerCases.words?.ko,
  phrases: { ...learnerCases.words?.ko?.phrases, ...referenceWords.ko?.phrases },
};
const speakKo = speaker({ words: ko, assignment: assignmentKo });
const speakEn = speaker({
  words: en,
  assignment: { phrases: { ...assignmentEnglish, ...referenceEnglish } },
});

/** Both texts of one sample: English without Hangul, Korean with Hangul and no English prose. */
function expectBoth(what: string, english: string, korean: string) {
  expect(english.length, what).toBeGreaterThan(0);
  expect(hasHangul(english), `${what}: ${english}`).toBe(false);
  expect(hasHangul(korean), `${what}: ${korean}`).toBe(true);
  expect(englishProse(korean, VERBATIM), `${what}: ${korean}`).toEqual([]);
}

describe("every code has an English and a Korean text", () => {
  it.each(Object.values(hints).flat())("hint %j", (hint) => {
    const koHint =
      hint.code === "mistake" ? { ...hint, mistakes: hint.mistakes.map(() => koMistake) } : hint;
    expectBoth(hint.code, en.hint(hint), ko.hint(koHint));
  });

  it.each(Object.values(errorHints).flat())("error hint %j", (hint) => {
    const koHint = hint.code === "mistake" ? { ...hint, mistakes: [koMistake] } : hint;
    expectBoth(hint.code, en.errorHint(hint), ko.errorHint(koHint));
  });

  it.each(Object.values(gradientHints).flat())("gradient hint %j", (hint) => {
    expectBoth(hint.code, en.gradientHint(hint), ko.gradientHint(hint));
  });

  it.each(rows)("gradient row %j", (row) => {
    expectBoth(row.verdict, en.gradientLine(row), ko.gradientLine(row));
  });

  it.each(Object.values(details).flat())("a test's message from %j", (d) => {
    expectBoth(d.type, en.message("sigmoid", d, speakEn), ko.message("sigmoid", d, speakKo));
  });

  it("compares a value with the tolerance, but a NaN with nothing", () => {
    const value = { type: "mismatch" as const, ...mismatches.value };
    const said = (d: Details) => [
      en.message("sigmoid", d, speakEn),
      ko.message("sigmoid", d, speakKo),
    ];
    expect(said(value)).toEqual([
      "sigmoid: the result[0,1] is 0.6, expected 0.5 (error 0.1 > 1.000e-9 + 1.000e-6·|expected|). 3 of 8 entries are off.",
      expect.stringContaining(
        "(오차 0.1 > 1.000e-9 + 1.000e-6·|기댓값|). 원소 8개 중 3개가 틀렸습니다.",
      ),
    ]);
    const nan = { ...value, actual: Number.NaN, error: Number.POSITIVE_INFINITY };
    const [nanEn, nanKo] = said(nan);
    expect(nanEn).toBe("sigmoid: the result[0,1] is NaN, expected 0.5. 3 of 8 entries are off.");
    expect(nanKo).not.toContain("오차");
  });

  it("says a key is Python's snake_case only where it is, and case-sensitive otherwise", () => {
    const missing = (key: string, other: string): Details => ({
      type: "mismatch",
      problem: "missing-key",
      path: "",
      key,
      other,
    });
    const said = (d: Details) => [en.message("model", d, speakEn), ko.message("model", d, speakKo)];
    const [snakeEn, snakeKo] = said(missing("learningRate", "learning_rate"));
    expect(snakeEn).toContain("names here are written in camelCase, not Python's snake_case");
    expect(snakeKo).toContain("snake_case가 아니라 camelCase");
    const [caseEn, caseKo] = said(missing("dW1", "dw1"));
    expect(caseEn).toContain("names are case-sensitive");
    expect(caseKo).toContain("대소문자를 구분합니다");
  });

  it.each(Object.values(notes).flat())("note %j", (note) => {
    expectBoth(
      note.code,
      en.note(note, "<verbatim>", "predict", speakEn),
      ko.note(note, "<verbatim>", "predict", speakKo),
    );
  });

  it.each(Object.entries(graderPhrases))("the grader's phrase %s", (code, params) => {
    const phrase = { code, params } as Phrase;
    const [english, korean] = [speakEn(phrase, ""), speakKo(phrase, "")];
    // A compiler's or a file system's message is given as it is, in every language.
    if (code === "report.verbatim") expect(korean).toBe(english);
    else expectBoth(code, english, korean);
  });

  it("the same phrase codes and labels in both languages", () => {
    expect(Object.keys(ko.phrases).sort()).toEqual(Object.keys(en.phrases).sort());
    const shape = (o: object): unknown =>
      Object.fromEntries(
        Object.entries(o).map(([k, v]) => [
          k,
          typeof v === "object" && !Array.isArray(v)
            ? shape(v)
            : Array.isArray(v)
              ? v.length
              : typeof v,
        ]),
      );
    expect(shape(ko.labels)).toEqual(shape(en.labels));
    expect(Object.keys(catalogs).sort()).toEqual(["en", "ko"]);
  });

  it("every label", () => {
    const walk = (enValue: unknown, koValue: unknown, path: string): number => {
      if (typeof enValue === "function") {
        const args = path.endsWith("hiddenSentence") ? ["failed"] : [2, 3, 4];
        const [e, k] = [enValue(...args), (koValue as (...a: unknown[]) => string)(...args)];
        // A note on no hidden tests is no text at all, in either language.
        if (path.endsWith("hiddenNote"))
          expectBoth(path, enValue(2), (koValue as (n: number) => string)(2));
        else expectBoth(path, e, k);
        return 1;
      }
      if (typeof enValue === "string") {
        if (enValue !== "") expectBoth(path, enValue, koValue as string);
        return 1;
      }
      return Object.entries(enValue as object).reduce(
        (n, [key, value]) =>
          n + walk(value, (koValue as Record<string, unknown>)[key], `${path}.${key}`),
        0,
      );
    };
    expect(walk(en.labels, ko.labels, "labels")).toBeGreaterThan(40);
  });
});

/** An assignment's words as its four modules give them: learner and instructor side, English and all. */
async function assignmentWords(id: string) {
  const module = (side: string, file: string) =>
    import(pathToFileURL(join(PACKAGE_ROOT, side, id, file)).href);
  const [learner, reference, mistakes] = await Promise.all([
    module("assignments", "words.ts"),
    module("reference", "words.ts"),
    module("reference", "mistakes.ts"),
  ]);
  return {
    english: { ...learner.english, ...reference.english } as Record<string, unknown>,
    korean: {
      ...learner.words.ko,
      phrases: { ...learner.words.ko?.phrases, ...reference.words.ko?.phrases },
      mistakes: reference.words.ko?.mistakes ?? {},
    } as AssignmentLocale,
    library: mistakes.mistakes as Record<string, { mistakes?: { name: string }[] }>,
  };
}

describe.each(assignmentIds(PACKAGE_ROOT))("the words of %s in Korean", (id) => {
  const manifest = loadManifest(join(PACKAGE_ROOT, "assignments", id, "assignment.json"));

  it("has every phrase of the English catalogs, and no other", async () => {
    const { english, korean } = await assignmentWords(id);
    expect(Object.keys(korean.phrases ?? {}).sort()).toEqual(Object.keys(english).sort());
  });

  it("names every test and the assignment in Korean", async () => {
    const { korean } = await assignmentWords(id);
    const tests = manifest.functions.flatMap((f) => f.tests ?? []);
    expect(tests.length).toBeGreaterThan(25);
    for (const test of tests) {
      const name = korean.tests?.[test.id];
      expect(name, test.id).toBeDefined();
      expectBoth(test.id, test.name, name ?? "");
    }
    const ids = tests.map((t) => t.id);
    expect(Object.keys(korean.tests ?? {}).filter((t) => !ids.includes(t))).toEqual([]);
    expectBoth("title", manifest.title, korean.title ?? "");
  });

  it("has every named mistake, and no other", async () => {
    const { korean, library } = await assignmentWords(id);
    const names = [
      ...new Set(
        Object.values(library).flatMap(({ mistakes = [] }) => mistakes.map((m) => m.name)),
      ),
    ].sort();
    expect(names.length).toBeGreaterThanOrEqual(20);
    const koMistakes = korean.mistakes ?? {};
    expect(Object.keys(koMistakes).sort()).toEqual(names);
    for (const [name, words] of Object.entries(koMistakes)) {
      expectBoth(name, name, words.name);
      expect(hasHangul(words.sentence), words.sentence).toBe(true);
      expect(englishProse(words.sentence), words.sentence).toEqual([]);
    }
  });
});

describe("the English-sentence finder the Korean checks use", () => {
  it.each([
    ["비용이 0입니다: the cost is 0", ["the cost is"]],
    ["힌트: it is exactly twice the expected value", ["it is exactly twice the expected value"]],
  ])("finds the English in %s", (text, found) => {
    expect(englishProse(text)).toEqual(found);
  });

  it.each([
    "np.sum(dZ1, 1, true)로 차원을 유지하세요",
    "rng.randn(rows, cols), 예를 들어 rng.randn(nH, nX)",
    "dW1 = (1/m)·dZ1·Xᵀ입니다",
    "`the grader's own words` in code",
    "axis 1을 따라 keepdims 없이",
  ])("finds none in %s", (text) => {
    expect(englishProse(text)).toEqual([]);
  });

  it("leaves out what is quoted as it is", () => {
    expect(
      englishProse("오류: Cannot read properties of undefined", [
        "Cannot read properties of undefined",
      ]),
    ).toEqual([]);
  });
});

describe("Korean particles after a word known at run time", () => {
  it.each([
    ["기울기", "과/와", "기울기와"],
    ["참조 답안", "과/와", "참조 답안과"],
    ["결과", "이/가", "결과가"],
    ["예측", "이/가", "예측이"],
    ["0.5", "으로/로", "0.5로"],
    ["0.7", "으로/로", "0.7로"],
    ["0.3", "으로/로", "0.3으로"],
    ["비용", "을/를", "비용을"],
    // A name ending in a digit reads as the digit: dW1 (일), A2 (이).
    ["dW1", "이/가", "dW1이"],
    ["A2", "으로/로", "A2로"],
    ["backwardPropagation", "을/를", "backwardPropagation을(를)"],
    ["sigmoid", "으로/로", "sigmoid(으)로"],
    ["dW1[1,0]", "이/가", "dW1[1,0]이"],
    ["σ(0.5)", "이/가", "σ(0.5)가"],
  ] as const)("%s + %s = %s", (word, pair, expected) => {
    expect(josa(word, pair)).toBe(expected);
  });
});

describe("what the wire does not carry, in Korean", () => {
  /** The type a message names for `value` as it reaches the grader (`encode`, within `budget`). */
  const named = (value: unknown, budget: Partial<Budget> = {}, depth = 0) =>
    typeName(encode(value, { ...freshBudget(), ...budget }, "copied", depth));
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  const withGetter = Object.defineProperty({}, "shape", { get: () => [1, 1], enumerable: true });
  const broken = Object.create(np.ones([1, 1])) as unknown;
  const cases: [string, string, string[]][] = [
    ["a function", named(() => 1), []],
    ["a symbol", named(Symbol("s")), []],
    ["a Proxy", named(new Proxy({}, {})), []],
    ["a cycle", named(cyclic), []],
    ["too deep", named({ deeper: 1 }, {}, LIMITS.depth), []],
    ["too much text", named("x".repeat(100), { textBytes: 10 }), []],
    ["an array too big", named(np.ones([2, 3]), { entries: 5 }), []],
    ["a list too long", named([1, 2, 3], { nodes: 2 }), []],
    ["a Promise", named(Promise.resolve(1)), []],
    ["a class's object", named(new (class Layer {})()), ["Layer"]],
    [
      "many keys",
      named(Object.fromEntries(Array.from({ length: 70 }, (_, i) => [`k${i}`, i]))),
      [],
    ],
    ["a marker key", named(JSON.parse('{"__proto__": 1}')), ["__proto__"]],
    ["a long key", named({ ["k".repeat(TEXT_LIMITS.value + 1)]: 1 }), []],
    ["an object too big", named({ a: 1, b: 2, c: 3 }, { nodes: 2 }), []],
    ["a getter", named(withGetter), ["shape"]],
    ["what threw when read", named(broken), [String(captured(broken))]],
    ["the child's result too big", "a result too big to send to the grader", []],
  ];

  it.each(cases)("%s", (_, english, verbatim) => {
    const korean = typeInKorean(english);
    expect(hasHangul(korean), `${english} -> ${korean}`).toBe(true);
    expect(englishProse(korean, verbatim), korean).toEqual([]);
  });
});

/** What reading `value` as an array throws. */
function captured(value: unknown): unknown {
  try {
    return (value as { shape: unknown }).shape && (value as { data: unknown }).data;
  } catch (error) {
    return error;
  }
}

describe("the array module's advice, in Korean", () => {
  /** The message the array module throws for `f`. */
  const thrown = (f: () => unknown): string => {
    try {
      f();
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error("expected an error");
  };
  const loose = np.zeros([2, 1]) as unknown as Record<string, unknown> & number;

  it.each([
    ["an operator", () => loose - 1, "np.subtract"],
    ["Math.log", () => Math.log(loose), "Math의 함수(Math.log, Math.exp…)"],
    ["x[i]", () => loose[1], "x[1]로는"],
    [
      "x[i] = v",
      () => {
        loose[0] = 1;
      },
      "x[0] = …로는",
    ],
    [
      "x[mask] = v",
      () => {
        loose[String(np.zeros([3, 3]))] = 1;
      },
      "x[…] = …로는",
    ],
    ["x.length", () => loose.length, "x.shape[0](Python의 len(x))"],
  ])("%s: the module's own words, worded again", (_, f, words) => {
    const message = thrown(f);
    const details = { type: "error", name: "TypeError", message, stack: "" } as const;
    const korean = ko.message("sigmoid", details, (_, english) => english);
    expect(korean).toContain(words);
    expect(korean).toMatch(/[가-힣]{2}/);
    expect(korean).not.toContain(message);
    expect(en.message("sigmoid", details, (_, english) => english)).toContain(message);
  });

  it("leaves every other error as it was thrown", () => {
    const message = thrown(() => np.dot(np.zeros([2, 3]), np.zeros([2, 3])));
    const details = { type: "error", name: "ShapeError", message, stack: "" } as const;
    expect(ko.message("sigmoid", details, (_, english) => english)).toContain(message);
  });
});
