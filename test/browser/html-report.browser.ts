/**
 * The HTML report in a real browser: headless Chromium (Debian's package; `.ci/run` installs it
 * where it is missing) loads the page of the reference, of the untouched stubs and of a buggy
 * submission, and the DOM it built is checked: every visible test is there, failures are open,
 * passes folded, the named mistake shown. Screenshots are saved in test/.generated/browser/ to
 * look at.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "vitest";
import { PACKAGE_ROOT } from "../../grader/core/paths.ts";
import type { Report } from "../../grader/core/report.ts";
import { loadAssignment } from "../../grader/pipeline/load.ts";
import { html } from "../../grader/render/html.ts";
import { localize } from "../../grader/render/localize.ts";
import { ko } from "../../grader/words/ko/index.ts";
import { gradeFiles } from "../helpers.ts";

const planar = () => loadAssignment(PACKAGE_ROOT, "planar-classifier", true);

const OUT = join(PACKAGE_ROOT, "test/.generated/browser");

/** The Chromium on this machine: Debian's package names it chromium. */
function chromium(): string {
  for (const path of ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"])
    if (existsSync(path)) return path;
  throw new Error("no Chromium here: apt-get install chromium (.ci/run does)");
}

function browse(page: string, args: string[]): string {
  return execFileSync(
    chromium(),
    ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", ...args, `file://${page}`],
    { encoding: "utf8", timeout: 60_000, stdio: ["ignore", "pipe", "ignore"] },
  );
}

const source = (path: string) => readFileSync(join(PACKAGE_ROOT, path), "utf8");
const REFERENCE = source("reference/planar-classifier/model.ts");

const submissions: Record<string, string> = {
  reference: REFERENCE,
  stubs: source("assignments/planar-classifier/model.ts"),
  buggy: REFERENCE.replace(
    "const dW1 = np.divide(np.dot(dZ1, X.T), m);",
    'console.log("dZ1", dZ1.shape);\n  const dW1 = np.dot(dZ1, X.T);',
  ).replace("np.exp(np.negative(z))", "np.exp(z)"),
};

describe.concurrent("the HTML report, rendered by Chromium", () => {
  for (const [name, text] of Object.entries(submissions)) {
    it(`${name}: every visible test is there, failures open, passes folded`, async ({ expect }) => {
      const report: Report = await gradeFiles({ "model.ts": text });
      mkdirSync(OUT, { recursive: true });
      const page = join(OUT, `${name}.html`);
      writeFileSync(page, html(report));
      const dom = browse(page, ["--dump-dom"]);
      const visible = report.tests.filter((t) => t.visibility === "visible" && t.kind !== "build");
      for (const test of visible) {
        const element = new RegExp(
          `<details [^>]*data-test-id="${test.id.replace(/\./g, "\\.")}"[^>]*>`,
        ).exec(dom)?.[0];
        expect(element, test.id).toBeDefined();
        expect(element?.includes('open=""'), `${test.id} is ${test.status}`).toBe(
          test.status !== "passed",
        );
      }
      expect(dom.match(/<details /g)).toHaveLength(visible.length);
      expect(dom).toContain(`id="score">`);
      if (name === "buggy") {
        // sigmoid's laws pass but pay nothing while its comparisons fail: the page says why.
        expect(dom).toContain("passed, but unpaid");
        expect(dom).toContain("Mistake: “dW1 without 1/m”");
        expect(dom).toContain("Mistake: “σ(−z) for σ(z)”");
        expect(dom).toContain("dZ1 4,5");
      }
      browse(page, [`--screenshot=${join(OUT, `${name}.png`)}`, "--window-size=1200,2400"]);
      expect(existsSync(join(OUT, `${name}.png`))).toBe(true);
    });
  }

  it("buggy, in Korean: the same page in the learner's language", async ({ expect }) => {
    const report = await gradeFiles({ "model.ts": submissions.buggy as string });
    const locale = { words: ko, assignment: (await planar()).cases.words.ko };
    mkdirSync(OUT, { recursive: true });
    const page = join(OUT, "buggy.ko.html");
    writeFileSync(page, html(localize(report, locale), ko));
    const dom = browse(page, ["--dump-dom"]);
    expect(dom).toContain('<html lang="ko">');
    expect(dom).toContain("은닉층 하나로 평면 데이터 분류하기");
    expect(dom).toContain("실수: “dW1에 1/m 누락”");
    expect(dom).toContain("통과했지만 점수는 아직 없습니다");
    expect(dom).toContain("여러분의 코드가 출력한 내용");
    expect(dom.match(/<details [^>]*open=""/g)?.length).toBe(
      report.tests.filter(
        (t) => t.visibility === "visible" && t.status !== "passed" && t.kind !== "build",
      ).length,
    );
    browse(page, [`--screenshot=${join(OUT, "buggy.ko.png")}`, "--window-size=1200,2400"]);
    expect(existsSync(join(OUT, "buggy.ko.png"))).toBe(true);
  });
});
