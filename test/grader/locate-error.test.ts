/**
 * Where an error points the learner (grader/pipeline/annotate.ts, `locateError`): the first frame
 * in the submission's entry file, with the learner's line there, and every file by the name the
 * learner knows it by. A stack is the learner's to make.
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import type { Details } from "../../grader/core/report.ts";
import { locateError } from "../../grader/pipeline/annotate.ts";
import type { StagedSubmission } from "../../grader/pipeline/build.ts";

const dir = "/tmp/gradecheck-run-1-abc/src-def";
const entry = join(dir, "model.ts");
const staged: StagedSubmission = {
  dir,
  entry,
  shown: new Map([
    [entry, "learner/model.ts"],
    [join(dir, "helper.ts"), "learner/helper.ts"],
  ]),
  bundled: [entry],
  entryLines: ["import { np } from 'gradecheck/np';", "", "  const A = np.dot(W, X);"],
};

const thrown = (stack: string): Details => ({
  type: "error",
  name: "ShapeError",
  message: "np.dot: shapes not aligned",
  stack,
});

describe("an error's place", () => {
  it("is the first frame in the entry file, by the learner's name, with the learner's line", () => {
    const stack = [
      "ShapeError: np.dot: shapes not aligned",
      `    at helper (${pathToFileURL(join(dir, "helper.ts")).href}:7:3)`,
      `    at forwardPropagation (${entry}:3:15)`,
      `    at ${pathToFileURL(entry).href}:9:1`,
    ].join("\n");
    expect(locateError(thrown(stack), staged)).toEqual({
      ...thrown(
        [
          "ShapeError: np.dot: shapes not aligned",
          "    at helper (learner/helper.ts:7:3)",
          "    at forwardPropagation (learner/model.ts:3:15)",
          "    at learner/model.ts:9:1",
        ].join("\n"),
      ),
      at: "learner/model.ts:3:15",
      line: "const A = np.dot(W, X);",
    });
  });

  it("is found past lines a learner made up, however long", () => {
    const madeUp = ["/".repeat(8000), `x${":1".repeat(4000)}`, "(".repeat(8000)];
    const stack = [
      "Error: made up",
      ...madeUp.map((line) => `    at ${line}`),
      `    at f (${entry}:3:5)`,
    ];
    const located = locateError(thrown(stack.join("\n")), staged);
    expect(located).toMatchObject({ at: "learner/model.ts:3:5" });
  });

  it("is left out where no frame is in the entry file", () => {
    const located = locateError(
      thrown(`Error: elsewhere\n    at f (/somewhere/else.ts:1:1)`),
      staged,
    );
    expect(located).not.toHaveProperty("at");
    expect(located).toMatchObject({ stack: "Error: elsewhere\n    at f (/somewhere/else.ts:1:1)" });
  });
});

describe("an error about undefined in a call whose arguments go on over lines", () => {
  it("reads the call's lines after the one the stack names, for a computed index", () => {
    const lines = [
      "export function lModelBackward(AL, Y, caches) {",
      "  for (let l = L; l >= 1; l--) {",
      "    const layer = linearActivationBackward(",
      "      dA,",
      "      caches[l],",
      '      "relu",',
      "    );",
      "    const next = caches[l];",
      "  }",
      "}",
    ];
    const error: Details = {
      type: "error",
      name: "TypeError",
      message: "Cannot destructure property 'linearCache' of 'cache' as it is undefined.",
      stack: `TypeError: undefined\n    at lModelBackward (${entry}:3:19)`,
    };
    const inputs = [{ name: "caches", value: [{ A: 1 }, { A: 2 }] }];
    const located = locateError(error, { ...staged, entryLines: lines }, inputs);
    expect(located).toMatchObject({
      hint: { code: "list-index", input: "caches", read: "caches[l]", length: 2 },
    });
    // The statement ends where the call does: the line after it is another statement's.
    const oneLine = [...lines.slice(0, 2), "    const layer = f(dA);", ...lines.slice(7)];
    expect(locateError(error, { ...staged, entryLines: oneLine }, inputs)).not.toHaveProperty(
      "hint",
    );
  });
});
