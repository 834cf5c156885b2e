import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { NotImplementedError, np } from "../assignments/lib/np.ts";
import * as stub from "../assignments/planar-classifier/model.ts";
import { runStubs } from "../grader/commands/stubs.ts";
import { PACKAGE_ROOT } from "../grader/core/paths.ts";
import { generateStub, StubError } from "../grader/pipeline/stubs.ts";
import * as ref from "../reference/planar-classifier/model.ts";
import { tempDir } from "./helpers.ts";

const header = 'import { type NDArray, np } from "gradecheck/np";\n';

describe("generateStub", () => {
  it("replaces each marked region by a TODO and a throw naming the function", () => {
    const source = `${header}
/** Doubles. */
export function double(x: NDArray): NDArray {
  const two = 2;
  // BEGIN SOLUTION
  return np.multiply(x, two);
  // END SOLUTION
}
`;
    expect(
      generateStub(source, "ref.ts"),
    ).toBe(`import { type NDArray, NotImplementedError, np } from "gradecheck/np";

/** Doubles. */
export function double(x: NDArray): NDArray {
  const two = 2;
  // TODO: your code here (the doc comment above says what to compute).
  throw new NotImplementedError("double");
}
`);
  });

  it("hands out a stub region's code, uncommented, instead of the TODO of the region before it", () => {
    const source = `${header}
export function backward(x: NDArray): NDArray {
  const one = 1;
  // BEGIN SOLUTION
  const d = np.multiply(x, one);
  // END SOLUTION
  // BEGIN STUB
  // const d = np.multiply(x, 2 * one); // planted bug
  //
  // END STUB
  return d;
}

export function other(x: NDArray): NDArray {
  // BEGIN SOLUTION
  return x;
  // END SOLUTION
}
`;
    expect(
      generateStub(source, "ref.ts"),
    ).toBe(`${header.replace("np }", "NotImplementedError, np }")}
export function backward(x: NDArray): NDArray {
  const one = 1;
  const d = np.multiply(x, 2 * one); // planted bug

  return d;
}

export function other(x: NDArray): NDArray {
  // TODO: your code here (the doc comment above says what to compute).
  throw new NotImplementedError("other");
}
`);
  });

  it.each([
    [
      "an unclosed region",
      `${header}function f() {\n  // BEGIN SOLUTION\n  return 1;\n}\n`,
      "ref.ts:3: // BEGIN SOLUTION is never closed",
    ],
    [
      "a nested region",
      `${header}function f() {\n  // BEGIN SOLUTION\n  // BEGIN SOLUTION\n  // END SOLUTION\n}\n`,
      "ref.ts:4: // BEGIN SOLUTION inside the region opened at line 3",
    ],
    [
      "an END without BEGIN",
      `${header}function f() {\n  // END SOLUTION\n}\n`,
      "ref.ts:3: // END SOLUTION without a // BEGIN SOLUTION",
    ],
    [
      "a region outside any function",
      `${header}// BEGIN SOLUTION\n// END SOLUTION\n`,
      "ref.ts:2: // BEGIN SOLUTION outside any function",
    ],
    [
      "a stub region that does not follow a solution region",
      `${header}function f() {\n  // BEGIN SOLUTION\n  // END SOLUTION\n  return 1;\n  // BEGIN STUB\n  // END STUB\n}\n`,
      "ref.ts:6: // BEGIN STUB must follow a // END SOLUTION at once",
    ],
    [
      "a stub region never closed",
      `${header}function f() {\n  // BEGIN SOLUTION\n  // END SOLUTION\n  // BEGIN STUB\n  // return 2;\n}\n`,
      "ref.ts:7: a line of the stub region is not commented out: }",
    ],
    [
      "a stub region left open at the end",
      `${header}function f() {\n  // BEGIN SOLUTION\n  // END SOLUTION\n  // BEGIN STUB\n  // return 2;\n`,
      "ref.ts:5: // BEGIN STUB is never closed",
    ],
    [
      "no regions at all",
      `${header}function f() {}\n`,
      "ref.ts:1: no // BEGIN SOLUTION / // END SOLUTION regions",
    ],
    [
      "no import from the array module",
      "function f() {\n  // BEGIN SOLUTION\n  // END SOLUTION\n}\n",
      'ref.ts:1: no `import { ... } from "gradecheck/np";` to add NotImplementedError to',
    ],
  ])("rejects %s with file:line", (_, source, message) => {
    expect(() => generateStub(source, "ref.ts")).toThrow(StubError);
    expect(() => generateStub(source, "ref.ts")).toThrow(message);
  });
});

describe("runStubs", () => {
  const reference = `${header}export function f(x: NDArray): NDArray {\n  // BEGIN SOLUTION\n  return x;\n  // END SOLUTION\n}\n\nexport function g(x: NDArray): NDArray {\n  // BEGIN SOLUTION\n  return np.negative(x);\n  // END SOLUTION\n}\n`;
  function project(stubText?: string) {
    const root = tempDir("gradecheck-stubs-");
    mkdirSync(join(root, "reference", "demo"), { recursive: true });
    mkdirSync(join(root, "assignments", "demo"), { recursive: true });
    writeFileSync(join(root, "reference", "demo", "model.ts"), reference);
    const stubPath = join(root, "assignments", "demo", "model.ts");
    if (stubText !== undefined) writeFileSync(stubPath, stubText);
    return { root, read: () => readFileSync(stubPath, "utf8") };
  }
  const fresh = generateStub(reference, "reference/demo/model.ts");

  it("writes a missing stub, and check reports it without writing", () => {
    const { root, read } = project();
    expect(runStubs({ root, check: true, force: false }).changed).toEqual([
      "assignments/demo/model.ts",
    ]);
    expect(runStubs({ root, check: false, force: false }).changed).toEqual([
      "assignments/demo/model.ts",
    ]);
    expect(read()).toBe(fresh);
    expect(runStubs({ root, check: true, force: false }).unchanged).toEqual([
      "assignments/demo/model.ts",
    ]);
  });

  it("regenerates a stale but untouched stub", () => {
    const { root, read } = project(
      fresh.replace("export function f", "// old doc\nexport function f"),
    );
    expect(runStubs({ root, check: false, force: false }).changed).toEqual([
      "assignments/demo/model.ts",
    ]);
    expect(read()).toBe(fresh);
  });

  it("keeps a stub where a learner has written functions, unless forced", () => {
    const edited = fresh.replace('throw new NotImplementedError("g");', "return x;");
    const { root, read } = project(edited);
    const result = runStubs({ root, check: false, force: false });
    expect(result.kept).toEqual([{ file: "assignments/demo/model.ts", written: ["g"] }]);
    expect(result.changed).toEqual([]);
    expect(read()).toBe(edited);
    expect(runStubs({ root, check: false, force: true }).changed).toEqual([
      "assignments/demo/model.ts",
    ]);
    expect(read()).toBe(fresh);
  });
});

describe("the committed planar-classifier stub", () => {
  it("is in sync with the reference", () => {
    const { changed } = runStubs({ root: PACKAGE_ROOT, check: true, force: false });
    expect(changed).toEqual([]);
  });

  it("keeps the reference's doc comments and signatures but none of its solution code", () => {
    const reference = readFileSync(
      new URL("../reference/planar-classifier/model.ts", import.meta.url),
      "utf8",
    );
    const stubText = readFileSync(
      new URL("../assignments/planar-classifier/model.ts", import.meta.url),
      "utf8",
    );
    expect(stubText).not.toContain("BEGIN SOLUTION");
    expect(stubText).not.toContain("np.tanh(Z1)");
    for (const line of reference.split("\n").filter((l) => l.startsWith("export function"))) {
      expect(stubText).toContain(line);
    }
    expect(Object.keys(stub).sort()).toEqual(Object.keys(ref).sort());
  });

  const X = np.zeros([2, 3]);
  const Y = np.zeros([1, 3]);
  const parameters = ref.initializeParameters(2, 4, 1, np.random.seed(1));
  const { cache } = ref.forwardPropagation(X, parameters);
  const grads = ref.backwardPropagation(parameters, cache, X, Y);
  const calls: Record<keyof typeof stub, () => unknown> = {
    sigmoid: () => stub.sigmoid(X),
    layerSizes: () => stub.layerSizes(X, Y),
    initializeParameters: () => stub.initializeParameters(2, 4, 1, np.random.seed(1)),
    forwardPropagation: () => stub.forwardPropagation(X, parameters),
    computeCost: () => stub.computeCost(cache.A2, Y),
    backwardPropagation: () => stub.backwardPropagation(parameters, cache, X, Y),
    updateParameters: () => stub.updateParameters(parameters, grads),
    nnModel: () => stub.nnModel(X, Y, 4),
    predict: () => stub.predict(parameters, X),
  };

  it.each(Object.entries(calls))("%s throws NotImplementedError naming itself", (name, call) => {
    expect(call).toThrow(NotImplementedError);
    expect(call).toThrow(`${name} is not implemented yet`);
  });
});
