/**
 * What isolation costs: starting a sandboxed child (spawn, import of the bundled reference, first
 * answer) and one call's round trip (sigmoid on a 4 × 400 array: frame out, call, frame back,
 * checks), with every protection this machine offers and with the namespaces left out, measured
 * alternately in the same run. And what reading a message costs the grader at the limits: the
 * largest message the child may send, and the worst frames a learner can write (as many nodes as
 * the limit allows; one refused at the last node).
 */
import { rmSync } from "node:fs";
import { np } from "../assignments/lib/np.ts";
import { PACKAGE_ROOT } from "../grader/core/paths.ts";
import { median } from "../grader/core/stats.ts";
import { encode, LIMITS } from "../grader/core/values.ts";
import { buildSubmission } from "../grader/pipeline/build.ts";
import { decodeBody, encodeBody, Refused } from "../grader/sandbox/codec.ts";
import { acceptBody, MAX_FRAME_BYTES, MESSAGE_LIMITS } from "../grader/sandbox/inbound.ts";
import { type Isolation, isolation } from "../grader/sandbox/isolation.ts";
import { Sandbox } from "../grader/sandbox/sandbox.ts";

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
  benchCodec();
}

/** Milliseconds per run of `f`, median of `runs`. */
function timed(runs: number, f: () => void): number {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  return median(times);
}

export function benchCodec(runs = 7): void {
  const result = (value: unknown) => ({
    type: "result",
    id: 1,
    status: "returned",
    value,
    argsAfter: [],
    output: "",
    ms: 0,
  });
  const largest = encodeBody(
    result({
      big: { $array: [1, LIMITS.entries], data: new Float64Array(LIMITS.entries) },
      list: Array.from({ length: LIMITS.nodes - 2 }, () => 0.5),
    }),
  );
  // One key of one letter to an empty object, as often as the node limit allows: the most
  // objects per byte a learner can make the grader build.
  const objects = encodeBody(
    result(
      Array.from({ length: LIMITS.nodes / 64 }, () =>
        Object.fromEntries(Array.from({ length: 63 }, (_, k) => [String.fromCharCode(65 + k), {}])),
      ),
    ),
  );
  const overNodes = Buffer.from(objects);
  const refuse = (bytes: Buffer) => () => {
    try {
      decodeBody(bytes, { ...MESSAGE_LIMITS, nodes: LIMITS.nodes - 1 });
    } catch (error) {
      if (!(error instanceof Refused)) throw error;
    }
  };
  console.log("\ncodec: decoding and checking a message in the grader, median");
  console.log(`  frame limit ${(MAX_FRAME_BYTES / 2 ** 20).toFixed(1)} MiB`);
  for (const [name, bytes] of [
    [`largest result (8 MiB of array, ${LIMITS.nodes - 2} numbers)`, largest],
    [`${LIMITS.nodes / 64} objects of 63 keys, to empty objects`, objects],
  ] as const) {
    const ms = timed(runs, () => acceptBody(bytes));
    console.log(
      `  ${name.padEnd(50)} ${(bytes.length / 2 ** 20).toFixed(1)} MiB  ${ms.toFixed(1)} ms  (${((bytes.length / 2 ** 20 / ms) * 1000).toFixed(0)} MiB/s)`,
    );
  }
  console.log(
    `  ${"the same, refused at its last node".padEnd(50)} ${(overNodes.length / 2 ** 20).toFixed(1)} MiB  ${timed(runs, refuse(overNodes)).toFixed(1)} ms`,
  );
}
