/**
 * Report stage: the report of a run, from what each stage found: the build's failure as a test of
 * its own, totals, warnings, an honest account of the hidden tests, and the sandbox's protections.
 */
import { createHash } from "node:crypto";
import { plannedTests } from "../core/manifest.ts";
import type { Said } from "../core/phrase.ts";
import { type Report, SCHEMA_VERSION, type TestReport } from "../core/report.ts";
import { describeIsolation, memoryLimitMb } from "../sandbox/isolation.ts";
import { en } from "../words/en/index.ts";
import { said } from "../words/en/phrases.ts";
import type { BuildResult } from "./build.ts";
import type { Bundles } from "./bundles.ts";
import type { GradeContext } from "./context.ts";
import { declarationLines } from "./declarations.ts";
import { totals } from "./score.ts";
import { shownPath } from "./submission.ts";

export function assembleReport(
  ctx: GradeContext,
  { read, build }: Bundles,
  tests: TestReport[],
  warnings: Said[],
  /** Visible tests left out because they need the reference solution. */
  needReference: string[],
): Report {
  const { inputs, options, manifest, protections, runLimitMs, runHidden, source } = ctx;
  const all = build.status === "failed" ? [buildFailureTest(build), ...tests] : tests;
  const { score, maxScore, functions: scored } = totals(all);
  const declared = declarationLines(
    read.status === "read" ? (read.files.get(read.entry)?.toString("utf8") ?? "") : "",
  );
  const functions = scored.map((f) =>
    Object.hasOwn(declared, f.name) ? { ...f, line: declared[f.name] as number } : f,
  );
  const select = options.select ?? (() => true);
  const planned = plannedTests(manifest);
  const hiddenCount = planned.filter(
    ({ test }) => test.visibility === "hidden" && select(test),
  ).length;
  const selected = planned.filter(({ test }) => select(test));
  const message =
    build.status === "failed"
      ? (build.said ?? said("report.verbatim", { text: build.message }))
      : said("report.total", { score, maxScore });
  const count = hiddenCount;
  const hiddenNote = runHidden
    ? build.status === "failed"
      ? said("hidden.not-run", { count, could: read.status === "read" ? "built" : "read" })
      : said("hidden.ran", { count })
    : inputs.reference
      ? said("hidden.skipped", { count })
      : count === 0
        ? said("hidden.none", { also: needReference })
        : said("hidden.need-reference", { count, also: needReference });
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: "gradecheck", version: options.toolVersion },
    assignment: { id: manifest.id, version: manifest.version, title: manifest.title },
    submission: {
      path: shownPath(source, options.displayRoot, source.entry),
      sha256: createHash("sha256")
        .update(read.status === "read" ? (read.files.get(read.entry) ?? "") : "")
        .digest("hex"),
    },
    seed: options.seed,
    startedAt: ctx.startedAt.toISOString(),
    durationMs: Math.round(performance.now() - ctx.started),
    status: build.status === "failed" ? "error" : "graded",
    message: message.text,
    warnings: warnings.map((w) => w.text),
    score,
    maxScore,
    ...(options.select
      ? {
          partial: {
            tests: selected.length,
            of: planned.length,
            functions: [...new Set(selected.map((p) => p.group))],
          },
        }
      : {}),
    hidden: {
      ran: runHidden,
      tests: hiddenCount,
      note: hiddenNote.text,
    },
    sandbox: {
      summary: describeIsolation(protections, {
        heapMb: manifest.limits.heapMb,
        cpuSeconds: manifest.limits.childCpuSeconds,
        runSeconds: runLimitMs / 1000,
      }),
      permissionModel: true,
      heapMb: manifest.limits.heapMb,
      cpuSeconds: protections.resourceLimits ? manifest.limits.childCpuSeconds : null,
      memoryMb: protections.resourceLimits ? memoryLimitMb(manifest.limits.heapMb) : null,
      runSeconds: runLimitMs / 1000,
      unprivilegedUser: protections.unprivilegedUser !== undefined,
      processGroup: protections.processGroup,
      network: protections.namespaces ? "cut off" : "open",
      pidNamespace: protections.namespaces,
      node: process.versions.node,
    },
    functions,
    tests: all,
    phrases: {
      message: message.phrase,
      warnings: warnings.map((w) => w.phrase),
      hidden: hiddenNote.phrase,
    },
  };
}

/** The report's line for a submission that could not be read or built. */
function buildFailureTest({
  message,
  location,
}: Extract<BuildResult, { status: "failed" }>): TestReport {
  return {
    id: "build",
    function: "(build)",
    kind: "build",
    name: en.labels.buildTest,
    status: "error",
    score: 0,
    maxScore: 0,
    visibility: "visible",
    seed: null,
    timeLimitMs: null,
    message,
    details: {
      type: "build",
      file: location?.file ?? null,
      line: location?.line ?? null,
      column: location?.column ?? null,
    },
    durationMs: 0,
    output: "",
  };
}
