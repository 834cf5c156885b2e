/**
 * The hostile corpus (test/corpus/hostile.ts) graded as one class, through the real command line
 * (`gradecheck batch`, in a process of its own with its own TMPDIR), with the honest submissions
 * the attacks are built on alongside. Every report must validate, every verdict hold, every test
 * the attack does not touch be graded exactly as without it, no score beat the honest one, the
 * gradebook be intact, and no file appear anywhere but in the output folder.
 */
import { spawn } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../grader/core/paths.ts";
import type { Report, TestReport } from "../grader/core/report.ts";
import { adapters } from "../grader/render/index.ts";
import { reportProblems } from "../grader/render/json.ts";
import { isolation } from "../grader/sandbox/isolation.ts";
import { applyBug, bugs, REFERENCE_PATH, referenceSource } from "./corpus/bugs.ts";
import { type Context, type HostileCase, hostileCases, type Verdict } from "./corpus/hostile.ts";
import { SECRET } from "./corpus/hostile-kit.ts";

const EXPECTED_PATH = join(PACKAGE_ROOT, "assignments/planar-classifier/expected.json");
const CLI = join(PACKAGE_ROOT, "grader/cli.ts");
const TSX = join(PACKAGE_ROOT, "node_modules/.bin/tsx");
/** Files an attack tries to create outside every folder it was given. */
const ESCAPES = ["/tmp/gradecheck-corpus-pwned.txt", "/tmp/gradecheck-corpus-spawned"];

/**
 * Attacks on the grader's own processes run only where the sandbox keeps them off it: in a PID
 * namespace, or as another user. Elsewhere a child can signal the grader (the README says so).
 */
const { namespaces, unprivilegedUser } = isolation();
const guarded: Record<string, boolean> = {
  "kills-parent": namespaces || unprivilegedUser !== undefined,
  "kills-everything": namespaces,
};
const cases = hostileCases.filter((c) => guarded[c.name] ?? true);

/** The honest submissions the attacks build on, as learners of the same class. */
const honest = (base: string | undefined) => `honest-${(base ?? "reference").replace(/\W+/g, "-")}`;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(TSX, [CLI, ...args], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Every path under `dir`, relative to it (symbolic links listed, not followed), but for tsx's
 * compile cache, which the command line's TypeScript runner keeps in TMPDIR.
 */
function tree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .filter((path) => !/(^|\/)tsx-\d+(\/|$)/.test(path))
    .sort();
}

let root: string;
let classDir: string;
let out: string;
let tmp: string;
let server: Server;
let connections = 0;
let batch: Run;
let before: string[];
let after: string[];
/** Each learner's report, as parsed from the JSON the batch wrote. */
const reports = new Map<string, Report>();

beforeAll(async () => {
  server = createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;

  root = mkdtempSync(join(tmpdir(), "gradecheck-hostile-"));
  // The sandboxed child may run as nobody, and its bundle lies under TMPDIR, inside this folder.
  chmodSync(root, 0o755);
  classDir = join(root, "class");
  out = join(root, "out");
  tmp = join(root, "tmp");
  mkdirSync(tmp);
  const bases = new Map<string | undefined, string>([[undefined, referenceSource()]]);
  for (const c of cases) {
    const bug = bugs.find((b) => b.name === c.base);
    if (c.base !== undefined && !bug) throw new Error(`${c.name}: no bug named "${c.base}"`);
    if (bug) bases.set(c.base, applyBug(referenceSource(), bug));
  }
  // Only the grader may read these; the batch's environment holds the marker too.
  const secretModule = join(root, "secret.ts");
  const secretText = join(root, "secret.txt");
  writeFileSync(
    secretModule,
    `export const SECRET = ${JSON.stringify(SECRET)} as const;\ndeclare global {\n  const SECRET_VALUE: ${JSON.stringify(SECRET)};\n}\n`,
  );
  writeFileSync(secretText, `${SECRET}\n`);
  const write = (learner: string, source: string) => {
    const folder = join(classDir, learner);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, "model.ts"), source);
    return folder;
  };
  for (const [base, source] of bases) write(honest(base), source);
  for (const c of cases) {
    const folder = join(classDir, c.name);
    const context: Context = {
      reference: REFERENCE_PATH,
      expected: EXPECTED_PATH,
      port,
      folder,
      base: bases.get(c.base) as string,
      secretModule,
      secretText,
    };
    write(c.name, c.source(context));
    c.files?.(context);
  }

  before = tree(root);
  // Four at a time on two cores: many attacks spend their time waiting for a limit. The hidden
  // tests add nothing an attack could change.
  batch = await cli(["batch", classDir, "--out", out, "--jobs", "4", "--no-hidden"], root, {
    ...process.env,
    TMPDIR: tmp,
    FORCE_COLOR: "0",
    GRADECHECK_CORPUS_CANARY: SECRET,
  });
  after = tree(root).filter((path) => path !== "out" && !path.startsWith(`out/`));
  for (const file of readdirSync(join(out, "reports"))) {
    const report = JSON.parse(readFileSync(join(out, "reports", file), "utf8")) as Report;
    // Each learner is a folder of the class: the report's path starts with its name.
    reports.set(report.submission.path.split("/")[0] as string, report);
  }
}, 900_000);

afterAll(() => {
  server?.close();
  if (root) rmSync(root, { recursive: true, force: true });
  for (const path of ESCAPES) rmSync(path, { force: true });
});

function reportOf(learner: string): Report {
  const report = reports.get(learner);
  if (!report)
    throw new Error(`no report for ${learner}; batch said:\n${batch.stdout}\n${batch.stderr}`);
  return report;
}

/** What must not change from the honest report: the status, the points and the message. */
const graded = (t: TestReport) => ({
  id: t.id,
  status: t.status,
  score: t.score,
  message: t.message,
});

function checkVerdict(c: HostileCase, report: Report, base: Report): void {
  const verdict: Verdict = typeof c.verdict === "function" ? c.verdict(report.sandbox) : c.verdict;
  expect(report.score).toBeLessThanOrEqual(base.score);
  switch (verdict.kind) {
    case "build-error":
      expect(report.status).toBe("error");
      expect(report.score).toBe(0);
      expect(report.message).toMatch(verdict.message);
      for (const t of report.tests) expect(t.status, t.id).toBe("error");
      return;
    case "unloadable":
      expect(report.score).toBe(0);
      expect(report.tests.map((t) => t.id)).toEqual(base.tests.map((t) => t.id));
      for (const t of report.tests) {
        expect(t.status, t.id).toBe("error");
        expect(t.message, t.id).toMatch(verdict.message);
      }
      return;
    case "no-better":
      expect(report.tests.map((t) => t.id)).toEqual(base.tests.map((t) => t.id));
      base.tests.forEach((honestTest, k) => {
        if (honestTest.status !== "passed")
          expect(report.tests[k]?.status, honestTest.id).not.toBe("passed");
      });
      return;
    case "graded": {
      expect(report.status).toBe("graded");
      const affectedNames: string[] = [verdict.affected ?? []].flat();
      const untouched = (t: TestReport) => !affectedNames.includes(t.function);
      expect(report.tests.filter(untouched).map(graded)).toEqual(
        base.tests.filter(untouched).map(graded),
      );
      if (verdict.warning) expect(report.warnings.join("\n")).toMatch(verdict.warning);
      if (!verdict.affected) return;
      const affected = report.tests.filter((t) => !untouched(t));
      expect(affected.length).toBeGreaterThan(0);
      for (const t of affected)
        expect(verdict.statuses, `${t.id}: ${t.message}`).toContain(t.status);
      const failing = affected.find((t) => t.status !== "passed");
      if (verdict.message) expect(failing?.message ?? "(all passed)").toMatch(verdict.message);
      if (verdict.output) expect(affected.map((t) => t.output).join("\n")).toMatch(verdict.output);
    }
  }
}

describe("the hostile corpus, graded as one class by gradecheck batch", () => {
  it("has at least 70 attacks (as the README says), each a learner of its own", () => {
    expect(hostileCases.length).toBeGreaterThanOrEqual(70);
    expect(new Set(hostileCases.map((c) => c.name)).size).toBe(hostileCases.length);
  });

  it("exits 0 with a report for every submission and an intact gradebook", () => {
    expect(batch.code, batch.stderr).toBe(0);
    const learners = readdirSync(classDir).sort();
    expect([...reports.keys()].sort()).toEqual(learners);
    const [header, ...rows] = readFileSync(join(out, "grades.csv"), "utf8").trim().split("\n");
    expect(header).toMatch(/^learner,score,/);
    expect(rows.map((row) => row.split(",")[0]).sort()).toEqual(learners);
    for (const row of rows) {
      const [learner, score] = row.split(",");
      expect(Number(score), learner).toBe(reportOf(learner as string).score);
    }
  });

  it("writes reports that all validate against the schema", () => {
    for (const [learner, report] of reports) expect(reportProblems(report), learner).toEqual([]);
  });

  it("grades the honest submissions as they deserve", () => {
    const reference = reportOf(honest(undefined));
    expect(reference.score).toBe(reference.maxScore);
    expect(reference.warnings).toEqual([]);
  });

  it("lets no secret of the grader's (its files, its environment) reach a report or an output", () => {
    const outputs = [
      batch.stdout,
      batch.stderr,
      ...readdirSync(out, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => readFileSync(join(entry.parentPath, entry.name), "utf8")),
      ...[...reports.values()].flatMap((report) =>
        Object.values(adapters).map((adapter) => adapter.render(report)),
      ),
    ];
    expect(outputs.filter((text) => text.includes(SECRET))).toEqual([]);
  });

  it("leaves no file anywhere but in the output folder", () => {
    expect(after).toEqual(before);
    expect(tree(tmp)).toEqual([]);
    for (const path of ESCAPES) expect(existsSync(path), path).toBe(false);
  });

  it("says in every report which protections were in force", () => {
    for (const report of reports.values()) {
      expect(report.sandbox.summary).toContain("files: Node's permission model");
      expect(report.sandbox.network).toBe(isolation().namespaces ? "cut off" : "open");
    }
  });

  it.runIf(isolation().namespaces)("lets no connection through to 127.0.0.1", () => {
    expect(connections).toBe(0);
  });

  it("leaves the grader's own objects unpolluted", () => {
    expect(({} as Record<string, unknown>).score).toBeUndefined();
    expect(Object.getPrototypeOf(reportOf("returns-proto-keys"))).toBe(Object.prototype);
  });

  it("escapes what the learner printed in every format", () => {
    const report = reportOf("report-lookalike");
    const printed = report.tests.find((t) => t.output.includes("<script>"))?.output;
    // JSON keeps the text as it was printed: a string, which no score is read from.
    expect(
      JSON.parse(adapters.json.render(report)).tests.some((t: TestReport) => t.output === printed),
    ).toBe(true);
    for (const name of ["junit", "markdown"] as const) {
      const text = adapters[name].render(report);
      expect(text, name).not.toContain("<script>");
      expect(text, name).not.toContain("<failure/>");
    }
    expect(report.score).toBeLessThan(report.maxScore);
  });

  for (const c of hostileCases) {
    it.runIf(cases.includes(c))(`${c.name}: ${c.attack}`, () => {
      checkVerdict(c, reportOf(c.name), reportOf(honest(c.base)));
    });
  }
});

describe("one submission graded on its own", () => {
  it("gives the same report as in the batch, times apart, and exits 0 (a report was written)", async () => {
    const names = ["exit-in-predict", "report-lookalike", "forged-oversize-frame"];
    await Promise.all(
      names.map(async (name) => {
        const report = join(root, `${name}.single.json`);
        const run = await cli(
          ["grade", join(classDir, name), "--out", report, "--quiet", "--no-hidden"],
          root,
          {
            ...process.env,
            TMPDIR: tmp,
          },
        );
        expect(run.code, run.stderr).toBe(0);
        const single = JSON.parse(readFileSync(report, "utf8")) as Report;
        // Deterministic: everything but the times (limits are calibrated on the reference's time).
        const untimed = ({ durationMs: _d, timeLimitMs: _l, ...rest }: TestReport) => rest;
        expect(single.tests.map(untimed)).toEqual(reportOf(name).tests.map(untimed));
        expect([single.score, single.status, single.message, single.warnings]).toEqual([
          reportOf(name).score,
          reportOf(name).status,
          reportOf(name).message,
          reportOf(name).warnings,
        ]);
      }),
    );
    expect(tree(tmp)).toEqual([]);
  }, 300_000);
});
