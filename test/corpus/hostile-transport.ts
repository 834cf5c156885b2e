/**
 * Attacks on the grader's transport: see test/corpus/hostile.ts for how the corpus is graded.
 *
 * The learner's code knows the channel's format (grader/sandbox/frames.ts and codec.ts): it reads
 * the id of the call it is in from the requests on stdin, and writes frames of its own to fd 3.
 * Each attack costs its own function's tests at most; every honest classmate graded in the same
 * batch must still get its exact honest report (nothing here may stall or starve the grader).
 */
import {
  atStartOf,
  atTop,
  type Context,
  type HostileCase,
  inPredict,
  predictOnly,
} from "./hostile-kit.ts";

/**
 * At the top of the module: the id of the call in flight (from each request's frame header),
 * `sendFrame(id, body)`, and `enc(value)`, the codec's bytes of a JSON-like value.
 */
const CHANNEL = `import { writeSync } from "node:fs";
import { serialize } from "node:v8";
let callId = 0;
process.stdin.on("data", (chunk: Buffer) => { if (chunk.length >= 8) callId = chunk.readUInt32BE(4); });
function sendFrame(id: number, body: Uint8Array): void {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(body.length, 0);
  header.writeUInt32BE(id, 4);
  const bytes = Buffer.concat([header, body]);
  for (let at = 0; at < bytes.length; ) {
    try { at += writeSync(3, bytes, at); } catch (e) { if ((e as { code?: string }).code !== "EAGAIN") return; }
  }
}
const u32 = (n: number) => { const b = Buffer.alloc(4); b.writeUInt32LE(n); return b; };
const counted = (tag: number, n: number) => Buffer.concat([Buffer.from([tag]), u32(n)]);
function enc(value: unknown): Buffer {
  if (value === null) return Buffer.from([0]);
  if (typeof value === "number") { const b = Buffer.alloc(9); b[0] = 4; b.writeDoubleLE(value, 1); return b; }
  if (typeof value === "string") { const s = Buffer.from(value); return Buffer.concat([counted(5, s.length), s]); }
  if (Array.isArray(value)) return Buffer.concat([counted(6, value.length), ...value.map(enc)]);
  const entries = Object.entries(value as object);
  return Buffer.concat([counted(7, entries.length), ...entries.flatMap(([k, v]) => { const s = Buffer.from(k); return [u32(s.length), s, enc(v)]; })]);
}
void serialize; void enc; void sendFrame;`;

/** predict runs `code` (which may use CHANNEL's helpers) first, then does its work. */
const predictSends = (code: string) => (c: Context) =>
  atTop(atStartOf(c.base, "predict", code), CHANNEL);

/** A result for the call in flight, whatever its value: what a forger would send. */
const forgedResult = (value: string) =>
  `{ type: "result", id: callId, status: "returned", value: ${value}, argsAfter: [0, 0], output: "", ms: 0 }`;

export const transportCases: HostileCase[] = [
  {
    name: "forged-dag-frame",
    attack:
      "predict sends, for its own call, a V8 frame of a few KB whose value reuses one object at every key of 12 levels",
    source: predictSends(`  let node: Record<string, unknown> = { leaf: 1 };
  for (let d = 0; d < 12; d++) { const next: Record<string, unknown> = {}; for (let k = 0; k < 64; k++) next["k" + k] = node; node = next; }
  sendFrame(callId, serialize(${forgedResult("node")}));`),
    // The channel's format is a tree: V8's bytes are refused at their first, never unfolded.
    verdict: predictOnly(["error"], /sent the grader a value of unknown type 255 at byte 0/),
  },
  {
    name: "forged-node-bomb",
    attack:
      "predict sends, for its own call, a well-formed 300 KB frame of 300 lists of 1000 entries",
    source: predictSends(`  const inner = Buffer.concat([counted(6, 1000), Buffer.alloc(1000)]);
  sendFrame(callId, Buffer.concat([counted(6, 300), ...Array.from({ length: 300 }, () => inner)]));`),
    verdict: predictOnly(["error"], /a message with more than \d+ list entries and object keys/),
  },
  {
    name: "forged-deep-frame",
    attack: "predict sends, for its own call, a frame of 100 000 lists nested in one another",
    source: predictSends(`  const level = counted(6, 1);
  sendFrame(callId, Buffer.concat([...Array.from({ length: 100_000 }, () => level), Buffer.from([0])]));`),
    verdict: predictOnly(["error"], /a value nested too deeply/),
  },
  {
    name: "forged-codec-pollution",
    attack: "predict sends, for its own call, a well-formed result with a __proto__ key",
    source: predictSends(
      `  sendFrame(callId, enc(${forgedResult(`JSON.parse('{"__proto__": {"score": 100}}')`)}));`,
    ),
    verdict: predictOnly(["error"], /an object with a "__proto__" key/),
  },
  {
    name: "forged-batch-result",
    attack: "predict sends, for its own call, a well-formed result of a batch of calls",
    source: predictSends(
      `  sendFrame(callId, enc({ type: "result", id: callId, status: "batch", items: [], output: "", ms: 0 }));`,
    ),
    verdict: predictOnly(["error"], /a batch's results for a single call/),
  },
  {
    name: "forged-other-calls",
    attack: "predict sends well-formed results for the next calls and for the handshake's",
    source: predictSends(`  for (const id of [callId + 1, callId + 2, 0])
    sendFrame(id, enc(${forgedResult("1")}));`),
    verdict: predictOnly(["error"], /a message for call \d+, which it was not asked/),
  },
  {
    name: "flood-between-calls",
    attack:
      "predict leaves an unref'd timer (no handle the grader sees) that floods the channel for 3 s after its result",
    source: predictSends(`  const until = Date.now() + 3000;
  const flood = () => { for (let k = 0; k < 100; k++) sendFrame(0xfffffff0, enc(null)); if (Date.now() < until) setTimeout(flood, 1).unref(); };
  setTimeout(flood, 0).unref();`),
    // The frames land between calls (the child is stopped, no test charged) or in the next call
    // of predict (that call is charged): predict's own tests only, either way.
    verdict: predictOnly(
      ["passed", "error"],
      /a message for call 4294967280, which it was not asked|\(all passed\)/,
    ),
  },
  {
    name: "huge-hidden-layer",
    attack:
      "nnModel returns parameters of 100 000 hidden units, for the grader to run the reference's predict on",
    source: (c) =>
      atStartOf(
        c.base,
        "nnModel",
        `  const wide = 100_000;
  return {
    parameters: {
      W1: np.zeros([wide, X.shape[0]]),
      b1: np.zeros([wide, 1]),
      W2: np.zeros([Y.shape[0], wide]),
      b2: np.zeros([Y.shape[0], 1]),
    },
    costs: [nH, learningRate, numIterations, seed, printCost ? 1 : 0],
  };`,
      ),
    verdict: {
      kind: "graded",
      affected: ["nnModel", "end-to-end"],
      statuses: ["failed"],
      message:
        /returned \d+ values, far more than this test's inputs and answer hold \(\d+; at most \d+ are accepted\): refused before judging/,
    },
  },
  {
    name: "stand-in-product-bomb",
    attack:
      "predict asks the grader's forwardPropagation (the reference's, standing in for the learner's) for an (8000,1)·(1,8000) product from 32 001 small inputs: 64 million entries",
    source: inPredict(`  forwardPropagation(np.ones([1, 8000]), {
    W1: np.ones([8000, 1]), b1: np.zeros([8000, 1]), W2: np.ones([1, 8000]), b2: np.zeros([1, 1]),
  });`),
    verdict: predictOnly(
      ["error"],
      /could not run on the inputs your code gave it \(X \(1,8000\), parameters \{W1: \(8000,1\), b1: \(8000,1\), W2: \(1,8000\), b2: \(1,1\)\}\): an array of 64000000 entries is more than this computation may allocate/,
    ),
  },
  {
    name: "stand-in-input-flood",
    attack: "predict asks the grader's forwardPropagation to run on an X of 80 000 values",
    source: inPredict("  forwardPropagation(np.ones([2, 40000]), parameters);"),
    verdict: predictOnly(
      ["error"],
      /forwardPropagation was called with 80\d{3} values, more than the grader computes for a stand-in \(65536\)/,
    ),
  },
  {
    name: "stand-in-for-itself",
    attack:
      "a wrong backwardPropagation that returns a call of its own name, which judged alone would reach the reference's backwardPropagation, standing in for the learner's in the other functions",
    base: "dW1 without 1/m",
    source: (c) =>
      atStartOf(
        c.base,
        "backwardPropagation",
        "  return backwardPropagation(parameters, cache, X, Y);",
      ),
    verdict: { kind: "no-better" },
  },
  {
    name: "stand-in-works-it-out",
    attack:
      "sigmoid made by the grader's forwardPropagation, which sigmoid does not call: with W1 and X the identity, W2 = z / tanh 1 and zero biases, A2 = σ(z)",
    source: (c) =>
      atStartOf(
        c.base,
        "sigmoid",
        `  const [r, c] = z.shape;
  const I = np.zeros([c, c]);
  for (let i = 0; i < c; i++) I.set(i, i, 1);
  return forwardPropagation(I, { W1: I, b1: np.zeros([c, 1]), W2: np.divide(z, Math.tanh(1)), b2: np.zeros([r, 1]) }).A2;`,
      ),
    // Its call runs the learner's forwardPropagation, which calls this sigmoid again.
    verdict: {
      kind: "graded",
      affected: ["sigmoid", "end-to-end"],
      statuses: ["error"],
      message: /Maximum call stack size exceeded/,
    },
  },
  {
    name: "stand-in-unread-answers",
    attack:
      "nnModel writes requests for the reference's initializeParameters, which it calls (3 MB answers each), on the results pipe, for its own call, and never reads the answers, for the grader to keep them in memory",
    source: (c) =>
      atTop(
        atStartOf(
          c.base,
          "nnModel",
          `  const { mt } = new np.random.RandomState(1).getState();
  const ask = enc({ type: "oracle", id: callId, fn: "initializeParameters", args: [200, 2000, 1, null, 1], randoms: [{ index: 3, mt: [...mt], gauss: null }] });
  for (let k = 0; k < 40; k++) sendFrame(callId, ask);
  for (;;) {}`,
        ),
        CHANNEL,
      ),
    // The end-to-end test's child has no stand-ins: there, any request breaks the protocol.
    verdict: {
      kind: "graded",
      affected: ["nnModel", "end-to-end"],
      statuses: ["error"],
      message:
        /sent the grader requests for other functions without reading the answers, so it was stopped/,
    },
  },
];
