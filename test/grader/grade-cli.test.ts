import {
  chmodSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../grader/cli.ts";
import { PACKAGE_ROOT } from "../../grader/core/paths.ts";
import { displayWidth } from "../../grader/render/columns.ts";
import { reportProblems } from "../../grader/render/json.ts";
import { isolation } from "../../grader/sandbox/isolation.ts";
import { applyBug, referenceSource } from "../corpus/bugs.ts";
import { captureTerminal, planarManifest, tempDir } from "../helpers.ts";
import { englishProse, hasHangul } from "../words-prose.ts";

const out = () => join(tempDir("gradecheck-cli-"), "report.json");
const { stdout, stderr } = captureTerminal();
const { maxScore, hidden } = planarManifest();

const readReport = (path: string) => JSON.parse(readFileSync(path, "utf8"));

describe("gradecheck grade", () => {
  it.runIf(isolation().unprivilegedUser !== undefined)(
    "refuses, exit 2, where the child's user could not reach the sandbox's folder, leaving nothing",
    async () => {
      const closed = tempDir("gradecheck-closed-");
      chmodSync(closed, 0o700);
      const path = out();
      const previous = process.env.TMPDIR;
      process.env.TMPDIR = closed;
      try {
        expect(
          await main(["grade", "reference/planar-classifier", "--out", path], PACKAGE_ROOT),
        ).toBe(2);
        expect(stderr()).toContain(`${closed} is not searchable by others. Set TMPDIR`);
        expect(readdirSync(closed)).toEqual([]);
      } finally {
        if (previous === undefined) delete process.env.TMPDIR;
        else process.env.TMPDIR = previous;
      }
    },
  );

  it("grades the untouched stubs by default: 0 points, one 'not implemented yet' line per function, exit 0", async () => {
    const path = out();
    expect(await main(["grade", "--out", path], PACKAGE_ROOT)).toBe(0);
    const text = stdout();
    expect(text).toContain(`Total: 0 of ${maxScore} points (0%)`);
    // One line per function, and the end-to-end test's, which calls nnModel.
    expect(text.match(/is not implemented yet/g)).toHaveLength(10);
    const report = readReport(path);
    expect(reportProblems(report)).toEqual([]);
    expect(report.tests.every((t: { status: string }) => t.status === "missing")).toBe(true);
  });

  it("grades a folder holding model.ts, prints the report with --json, and passes --fail-under 100%", async () => {
    const path = out();
    const code = await main(
      ["grade", "reference/planar-classifier", "--out", path, "--json", "--fail-under", "100%"],
      PACKAGE_ROOT,
    );
    expect(stderr()).toBe("");
    expect(code).toBe(0);
    const printed = JSON.parse(stdout());
    expect(printed).toEqual(readReport(path));
    expect(printed.score).toBe(maxScore);
    expect(printed.submission.path).toBe("reference/planar-classifier/model.ts");
  });

  it.each([
    { argv: ["--fail-under", "50%"], code: 1, err: `score 0 of ${maxScore} is below --fail-under` },
    { argv: ["--fail-under", "0.5"], code: 1, err: "below --fail-under" },
    { argv: ["--fail-under", "0"], code: 0, err: "" },
    {
      argv: ["--fail-under", "lots"],
      code: 2,
      err: '--fail-under must be points (15) or a percentage (75%), got "lots"',
    },
    {
      argv: ["--assignment", "nope"],
      code: 2,
      err: 'unknown assignment "nope"; known: deep-neural-network, gradient-checking, logistic-regression, planar-classifier',
    },
    { argv: ["missing/model.ts"], code: 2, err: "no submission at" },
    // A folder with nothing to grade is a report that says what it holds (find-submission.ts).
    { argv: ["test"], code: 0, err: "" },
    { argv: ["--seed", "-3"], code: 2, err: "--seed must be an integer >= 0, got -3" },
    { argv: ["--timeout", "0"], code: 2, err: "--timeout must be an integer >= 1, got 0" },
    {
      argv: ["--only", "nope"],
      code: 2,
      err: "--only nope: no such function; there are sigmoid, layerSizes,",
    },
    { argv: ["--case", "sigmoid.nope"], code: 2, err: "--case sigmoid.nope: no such test" },
    {
      argv: ["--only", "sigmoid", "--case", "predict.random"],
      code: 2,
      err: "--case predict.random is a test of predict, not of sigmoid",
    },
    { argv: ["--only", " "], code: 2, err: "--only needs a name" },
    { argv: ["--only", "sigmoid,nope"], code: 2, err: "--only nope: no such function" },
    { argv: ["--case", "sigmoid.row,sigmoid.tails"], code: 2, err: "--case takes one name" },
  ])("grade $argv -> exit $code", async ({ argv, code, err }) => {
    expect(await main(["grade", "--quiet", "--out", out(), ...argv], PACKAGE_ROOT)).toBe(code);
    if (err) expect(stderr()).toContain(err);
    else expect(stderr()).toBe("");
  });

  it("--quiet prints nothing; --no-hidden runs the visible tests only and says so", async () => {
    const path = out();
    expect(await main(["grade", "--quiet", "--no-hidden", "--out", path], PACKAGE_ROOT)).toBe(0);
    expect(stdout()).toBe("");
    const report = readReport(path);
    expect(report.hidden).toEqual({
      ran: false,
      tests: hidden,
      note: `${hidden} hidden tests were skipped (--no-hidden)`,
    });
    expect(report.tests.some((t: { visibility: string }) => t.visibility === "hidden")).toBe(false);
  });

  it("grades a link to nothing into a report that says so (it crashed on it)", async () => {
    const link = join(tempDir("gradecheck-dangling-"), "model.ts");
    symlinkSync(join(link, "..", "nowhere.ts"), link);
    const path = out();
    expect(await main(["grade", link, "--quiet", "--out", path], PACKAGE_ROOT)).toBe(0);
    const report = readReport(path);
    expect(report.status).toBe("error");
    expect(report.message).toMatch(
      /model\.ts is a symbolic link to nothing: submit the file itself/,
    );
  });
});

describe("gradecheck in Korean", () => {
  /** A learner's folder whose backwardPropagation forgets the 1/m of dW1. */
  function withoutOneOverM(): string {
    const folder = join(tempDir("gradecheck-ko-"), "learner");
    mkdirSync(folder);
    const source = applyBug(referenceSource(), {
      name: "dW1 without 1/m",
      replace: [["const dW1 = np.divide(np.dot(dZ1, X.T), m);", "const dW1 = np.dot(dZ1, X.T);"]],
    });
    writeFileSync(join(folder, "model.ts"), source);
    return folder;
  }

  it("--lang ko words the summary and every format in Korean; the JSON report stays English", async () => {
    const path = out();
    const code = await main(
      [
        "grade",
        withoutOneOverM(),
        "--out",
        path,
        "--only",
        "backwardPropagation",
        "--lang",
        "ko",
        "--format",
        "json,html,markdown,gradescope,junit,exercism",
      ],
      PACKAGE_ROOT,
    );
    expect(code).toBe(0);
    const text = stdout();
    expect(text).toContain("“dW1에 1/m 누락”");
    expect(text).toContain("평면 데이터의 층 크기, m=5, 크기가 1 정도인 가중치");
    expect(text).toMatch(/합계: [\d.]+점 중 [\d.]+점 \(\d+%\)/);
    expect(englishProse(text)).toEqual([]);
    const json = readFileSync(path, "utf8");
    expect(reportProblems(JSON.parse(json))).toEqual([]);
    expect(hasHangul(json)).toBe(false);
    expect(json).toContain('exactly what the mistake \\"dW1 without 1/m\\" gives');
    const html = readFileSync(path.replace(/\.json$/, ".html"), "utf8");
    expect(html).toContain('<html lang="ko">');
    expect(html).toContain("은닉층 하나로 평면 데이터 분류하기");
    // Markdown escapes its punctuation: 1\/m.
    const markdown = readFileSync(path.replace(/\.json$/, ".md"), "utf8");
    expect(markdown).toContain("“dW1에 1\\/m 누락”");
    expect(markdown).toContain("(실패)");
    for (const extension of [".gradescope.json", ".junit.xml", ".exercism.json"]) {
      const written = readFileSync(path.replace(/\.json$/, extension), "utf8");
      expect(written, extension).toContain("“dW1에 1/m 누락”");
      expect(written, extension).toContain("평면 데이터의 층 크기, m=5");
    }
  });

  it("GRADECHECK_LANG=ko does the same; --lang en overrides it", async () => {
    const previous = process.env.GRADECHECK_LANG;
    process.env.GRADECHECK_LANG = "ko";
    try {
      const folder = withoutOneOverM();
      expect(await main(["grade", folder, "--out", out(), "--only", "sigmoid"], PACKAGE_ROOT)).toBe(
        0,
      );
      expect(stdout()).toContain("합계:");
      expect(
        await main(
          ["grade", folder, "--out", out(), "--only", "sigmoid", "--lang", "en"],
          PACKAGE_ROOT,
        ),
      ).toBe(0);
      expect(stdout()).toContain("Total:");
      process.env.GRADECHECK_LANG = "fr";
      expect(await main(["grade", folder, "--out", out()], PACKAGE_ROOT)).toBe(2);
      expect(stderr()).toContain('GRADECHECK_LANG must be one of en, ko, got "fr"');
    } finally {
      process.env.GRADECHECK_LANG = previous;
    }
  });

  it("says in Korean why a submission could not be read", async () => {
    // A folder whose model.ts is a folder.
    const folder = tempDir("gradecheck-ko-folder-");
    mkdirSync(join(folder, "model.ts"));
    expect(await main(["grade", folder, "--out", out(), "--lang", "ko"], PACKAGE_ROOT)).toBe(0);
    const text = stdout();
    expect(text).toContain("✗ 채점할 수 없습니다:");
    expect(text).toContain("model.ts은(는) 파일이 아니라 폴더입니다");
    expect(text).toContain(
      `숨겨진 테스트 ${hidden}개를 실행하지 않았습니다: 제출물을 읽을 수 없었습니다`,
    );
    expect(englishProse(text)).toEqual([]);
  });

  it("gradcheck's table lines up in Korean", async () => {
    expect(await main(["gradcheck", withoutOneOverM(), "--lang", "ko"], PACKAGE_ROOT)).toBe(0);
    const lines = stdout().split("\n");
    const header = lines.findIndex((l) => l.includes("기울기") && l.includes("판정"));
    expect(header).toBeGreaterThan(0);
    // Each column starts at the same terminal column in the header and the rows under it.
    const column = (line: string, word: string) => displayWidth(line.slice(0, line.indexOf(word)));
    const start = column(lines[header] as string, "판정");
    for (const row of lines.slice(header + 1, header + 5))
      expect(column(row, row.includes("틀림") ? "틀림" : "맞음"), row).toBe(start);
  });
});

describe("gradecheck validate-report", () => {
  it("accepts a report the grader wrote, rejects a tampered one with the JSON path, and a non-JSON file", async () => {
    const path = out();
    await main(["grade", "--quiet", "--out", path], PACKAGE_ROOT);
    expect(await main(["validate-report", path], PACKAGE_ROOT)).toBe(0);
    expect(stdout()).toContain("is a valid gradecheck report");

    const tampered = readReport(path);
    tampered.tests[0].status = "excellent";
    writeFileSync(path, JSON.stringify(tampered));
    expect(await main(["validate-report", path], PACKAGE_ROOT)).toBe(1);
    expect(stderr()).toContain("/tests/0/status: must be equal to one of the allowed values");

    writeFileSync(path, "{ not json");
    expect(await main(["validate-report", path], PACKAGE_ROOT)).toBe(2);
  });
});

describe("gradecheck gradcheck", () => {
  it("prints a table per parameter for each gradient check of the reference", async () => {
    expect(await main(["gradcheck", "reference/planar-classifier"], PACKAGE_ROOT)).toBe(0);
    const text = stdout();
    expect(text).toContain("✓ backwardPropagation.gradient: ");
    expect(text).toContain("✓ backwardPropagation.consistency: ");
    expect(text).toMatch(/gradient +verdict +difference +worst entry +hint/);
    for (const name of ["dW1", "db1", "dW2", "db2"])
      expect(text).toMatch(new RegExp(`${name} +right +\\d`));
    expect(text).not.toContain("sigmoid");
  });

  it("says which function is not implemented yet on the stubs", async () => {
    expect(await main(["gradcheck"], PACKAGE_ROOT)).toBe(0);
    expect(stdout()).toContain("✗ backwardPropagation.gradient: ");
    expect(stdout()).toContain("backwardPropagation is not implemented yet.");
    expect(stdout()).toContain("forwardPropagation is not implemented yet.");
  });
});

describe("gradecheck grade --format", () => {
  it("writes each format next to the JSON report, creating the folder; an unknown format is exit 2", async () => {
    const path = join(tempDir("gradecheck-formats-"), "nested", "report.json");
    expect(
      await main(
        [
          "grade",
          "--quiet",
          "--out",
          path,
          "--format",
          "json,junit,markdown,gradescope,exercism,html",
        ],
        PACKAGE_ROOT,
      ),
    ).toBe(0);
    const base = path.replace(/\.json$/, "");
    for (const ext of [
      ".json",
      ".junit.xml",
      ".md",
      ".gradescope.json",
      ".exercism.json",
      ".html",
    ]) {
      expect(readFileSync(`${base}${ext}`, "utf8").length, ext).toBeGreaterThan(0);
    }
    expect(
      await main(["grade", "--quiet", "--out", path, "--format", "json,pdf"], PACKAGE_ROOT),
    ).toBe(2);
    expect(stderr()).toContain(
      'unknown format "pdf"; known: json, gradescope, exercism, junit, junit-lines, classroom, annotations, markdown, html',
    );
  });
});

describe("gradecheck grade --only", () => {
  it("grades only the functions named, and says the score is partial", async () => {
    const path = out();
    expect(
      await main(
        ["grade", "reference/planar-classifier", "--only", "sigmoid,layerSizes", "--out", path],
        PACKAGE_ROOT,
      ),
    ).toBe(0);
    const report = readReport(path);
    expect(reportProblems(report)).toEqual([]);
    const functions = new Set(report.tests.map((t: { function: string }) => t.function));
    expect([...functions]).toEqual(["sigmoid", "layerSizes"]);
    const { tests } = planarManifest();
    expect(report.partial).toEqual({
      tests: report.tests.length,
      of: tests,
      functions: ["sigmoid", "layerSizes"],
    });
    expect(stdout()).toContain(
      `Partial: only the tests of sigmoid, layerSizes ran (${report.tests.length} of ${tests}); the total counts those only.`,
    );
  });
});

describe("a failing test on screen", () => {
  it("shows its case, inputs, verdict, values, printed output and the command that replays it alone", async () => {
    const folder = tempDir("gradecheck-replay-");
    const file = join(folder, "model.ts");
    const source = readFileSync(join(PACKAGE_ROOT, "reference/planar-classifier/model.ts"), "utf8");
    const buggy = source.replace(
      "const dW1 = np.divide(np.dot(dZ1, X.T), m);",
      'console.log("dZ1 is", dZ1.shape);\n  const dW1 = np.dot(dZ1, X.T);',
    );
    expect(buggy).not.toBe(source);
    writeFileSync(file, buggy);
    const path = out();
    expect(await main(["grade", file, "--out", path], PACKAGE_ROOT)).toBe(0);
    const text = stdout();
    const block = text.slice(text.indexOf("✗ the planar layer sizes, m=5"));
    expect(block).toContain("(backwardPropagation.planar)");
    expect(block).toContain(
      "called with parameters {W1: (4,2), b1: (4,1), W2: (1,4), b2: (1,1)}, cache {Z1: (4,5), A1: (4,5), Z2: (1,5), A2: (1,5)}, X (2,5), Y (1,5)",
    );
    expect(block).toContain('the mistake "dW1 without 1/m"');
    // numpy's print() of the expected and the learner's dW1, (4,2), 8 significant digits.
    expect(block).toMatch(/expected dW1:\n +\[\[ ?-?\d\.\d+ +-?\d\.\d+ *\]\n/);
    expect(block).toMatch(/yours:\n +\[\[/);
    expect(block).toContain("your code printed:\n        | dZ1 is 4,5");
    const replay = /replay: npm run grade -- (.*)\n/.exec(block)?.[1];
    expect(replay).toBe(
      `${relative(process.cwd(), file)} --only backwardPropagation --case backwardPropagation.planar`,
    );
    const again = out();
    expect(
      await main(["grade", ...(replay as string).split(" "), "--out", again], PACKAGE_ROOT),
    ).toBe(0);
    const report = readReport(again);
    expect(report.tests.map((t: { id: string }) => t.id)).toEqual(["backwardPropagation.planar"]);
    expect(report.tests[0].message).toBe(
      readReport(path).tests.find((t: { id: string }) => t.id === "backwardPropagation.planar")
        .message,
    );
    expect(report.hidden.tests).toBe(0);
  });
});
