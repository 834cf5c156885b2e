/**
 * What isolation costs: starting a sandboxed child (spawn, import of the bundled reference, first
 * answer) and one call's round trip (sigmoid on a 4 × 400 array: frame out, call, frame back,
 * checks), with every protection this machine offers and with the namespaces left out, measured
 * alternately in the same run.
 */
import { rmSync } from "node:fs";
import { np } from "../assignments/lib/np.ts";
import { buildSubmission } from "../grader/build.ts";
import { PACKAGE_ROOT } from "../grader/paths.ts";
import { type Isolation, isolation } from "../grader/sandbox/isolation.ts";
import { Sandbox } from "../grader/sandbox/sandbox.ts";
import { encode } from "../grader/sandbox/wire.ts";
import { median } from "../grader/stats.ts";

export async function benchSandbox(starts = 10, calls = 200): Promise<void> {
  const build = await buildSubmission(
    `${PACKAGE_ROOT}/reference/planar-classifier/model.ts`,
    PACKAGE_ROOT,
  );
  if (build.status !== "built") throw new Error(build.message);
  const full = isolation();
  const variants: [string, Isolation][] = [
    ["all protections", full],
    ["no namespaces", { ...full, namespaces: false }],
  ];
  const args = [encode(np.random.seed(1).randn(4, 400))];
  const startMs = new Map(variants.map(([name]) => [name, [] as number[]]));
  const callMs = new Map(variants.map(([name]) => [name, [] as number[]]));
  for (let r = 0; r < starts; r++) {
    for (const [name, protections] of variants) {
      const sandbox = new Sandbox({
        dir: build.dir,
        entry: build.entry,
        heapMb: 512,
        importTimeoutMs: 10_000,
        cpuSeconds: 60,
        protections,
      });
      let t = performance.now();
      await sandbox.call("sigmoid", args, 10_000);
      startMs.get(name)?.push(performance.now() - t);
      for (let k = 0; k < calls / starts; k++) {
        t = performance.now();
        await sandbox.call("sigmoid", args, 10_000);
        callMs.get(name)?.push(performance.now() - t);
      }
      sandbox.close();
    }
  }
  rmSync(build.dir, { recursive: true, force: true });
  console.log(
    `\nsandbox: start to first answer (${starts} starts) and one call's round trip (${calls} calls), median`,
  );
  console.log(
    `  this machine: ${full.namespaces ? "namespaces available" : "no namespaces"}, ${full.unprivilegedUser ? "child as nobody" : "child as the grader's user"}`,
  );
  for (const [name] of variants) {
    console.log(
      `  ${name.padEnd(16)} start ${median(startMs.get(name) ?? []).toFixed(1)} ms   call ${median(callMs.get(name) ?? []).toFixed(2)} ms`,
    );
  }
  const ratio =
    median(startMs.get("all protections") ?? []) / median(startMs.get("no namespaces") ?? []);
  console.log(`  ratio of start times, all / no namespaces: ${ratio.toFixed(2)}`);
}
