/**
 * The grader's side of the channel from the sandboxed child: frames read back whole whatever the
 * chunking, a frame refused from its header (length, call id) before its body, and every message
 * decoded within the limits and checked before use (learner code can write to the channel itself).
 */
import { serialize } from "node:v8";
import { describe, expect, it } from "vitest";
import { encodeBody } from "../../grader/sandbox/codec.ts";
import { FrameReader, frame, messageFrame } from "../../grader/sandbox/frames.ts";
import { acceptBody, acceptMessage } from "../../grader/sandbox/inbound.ts";

const returned = (value: unknown) => ({
  type: "result",
  id: 1,
  status: "returned",
  value,
  argsAfter: [],
  output: "",
  ms: 1,
});

function problemOf(message: unknown): string {
  const accepted = acceptMessage(message);
  if (!("problem" in accepted)) throw new Error(`accepted: ${JSON.stringify(accepted)}`);
  return accepted.problem;
}

/** What a reader made of `bytes` pushed in pieces of `size`, refusing headers `refuse` names. */
function read(
  bytes: Buffer,
  size: number,
  max = 1024,
  refuse: (id: number) => boolean = () => false,
) {
  const events: unknown[] = [];
  const reader = new FrameReader(max, {
    header: (id, length) => {
      events.push({ header: id, length });
      return refuse(id) ? `call ${id}` : undefined;
    },
    body: (id, body) => events.push({ id, body: body.toString() }),
    problem: (what) => events.push({ problem: what }),
  });
  for (let at = 0; at < bytes.length; at += size) reader.push(bytes.subarray(at, at + size));
  return events;
}

describe("FrameReader", () => {
  it("gives back every frame with its call, in order, however the bytes are split", () => {
    const bytes = Buffer.concat([
      frame(1, Buffer.from("one")),
      frame(2, Buffer.from("")),
      frame(7, Buffer.from("seven")),
    ]);
    const expected = [
      { header: 1, length: 3 },
      { id: 1, body: "one" },
      { header: 2, length: 0 },
      { id: 2, body: "" },
      { header: 7, length: 5 },
      { id: 7, body: "seven" },
    ];
    for (const size of [1, 3, 7, bytes.length]) expect(read(bytes, size)).toEqual(expected);
  });

  it("refuses a frame over the limit from its length alone, before the rest arrives", () => {
    const header = Buffer.alloc(4);
    header.writeUInt32BE(2 ** 31);
    expect(read(header, 4)).toEqual([
      { problem: "a message of 2147483648 bytes (the limit is 1024)" },
    ]);
  });

  it("refuses a frame from its header, reading nothing after it", () => {
    const bytes = Buffer.concat([
      frame(1, Buffer.from("ok")),
      frame(9, Buffer.from("no")),
      frame(1, Buffer.from("late")),
    ]);
    expect(read(bytes, 3, 1024, (id) => id === 9)).toEqual([
      { header: 1, length: 2 },
      { id: 1, body: "ok" },
      { header: 9, length: 2 },
      { problem: "call 9" },
    ]);
  });
});

describe("a message's frame", () => {
  it("is its header and body in one buffer, read back whole, with its arrays in place", () => {
    const message = returned({ $array: [1, 3], data: new Float64Array([1, 2, 3]) });
    const bytes = messageFrame(5, message);
    expect(bytes).toEqual(frame(5, encodeBody(message)));
    const got: [number, Buffer][] = [];
    const reader = new FrameReader(1 << 20, {
      header: () => undefined,
      body: (id, body) => got.push([id, body]),
      problem: (what) => {
        throw new Error(what);
      },
    });
    reader.push(bytes);
    const [[id, body] = [0, Buffer.alloc(0)]] = got;
    expect(id).toBe(5);
    const accepted = acceptBody(body) as { value: { data: Float64Array } };
    expect(Array.from(accepted.value.data)).toEqual([1, 2, 3]);
    expect(accepted.value.data.buffer).toBe(body.buffer);
  });
});

describe("acceptBody", () => {
  it("decodes and checks a message", () => {
    const data = new Float64Array([1, Number.NaN]);
    const message = returned({ W1: { $array: [1, 2], data }, n: 3, list: [null, true, "x"] });
    expect(acceptBody(encodeBody(message))).toEqual(message);
  });

  it("refuses what V8's serializer writes (the old format), without deserializing it", () => {
    const shared = { a: 1 };
    const dag = serialize(returned({ x: shared, y: shared }));
    expect(acceptBody(dag)).toEqual({ problem: "a value of unknown type 255 at byte 0" });
  });

  it("refuses a prototype-polluting key while decoding", () => {
    // The encoder never writes one: a same-length key is swapped in afterwards, as an attacker would.
    const body = encodeBody(returned({ xxxxxxxxx: { score: 100 } }));
    const polluted = Buffer.from(
      body.toString("latin1").replace("xxxxxxxxx", "__proto__"),
      "latin1",
    );
    expect(acceptBody(polluted)).toEqual({ problem: 'an object with a "__proto__" key' });
    expect(({} as Record<string, unknown>).score).toBeUndefined();
  });

  it("refuses a message that ends early, or goes on after its value", () => {
    const body = encodeBody(returned(1));
    expect(acceptBody(body.subarray(0, -1))).toEqual({
      problem: "a message that ends inside a value",
    });
    expect(acceptBody(Buffer.concat([body, Buffer.from([0])]))).toEqual({
      problem: "1 bytes after the end of the message",
    });
  });
});

describe("acceptMessage", () => {
  it("accepts wire data", () => {
    const data = new Float64Array([1, 2]);
    const message = returned({ W1: { $array: [1, 2], data }, n: 3, list: [null, true, "x"] });
    expect(acceptMessage(message)).toEqual(message);
  });

  it("rejects prototype-polluting keys, wherever they are", () => {
    const polluted = JSON.parse('{"ok": {"__proto__": {"score": 100}}}');
    expect(problemOf(returned(polluted))).toBe('an object with a "__proto__" key');
    expect(problemOf(returned([{ constructor: 1 }]))).toBe('an object with a "constructor" key');
    expect(({} as Record<string, unknown>).score).toBeUndefined();
  });

  it("rejects arrays whose shape and data disagree, and data that is not float64", () => {
    expect(problemOf(returned({ $array: [2, 2], data: new Float64Array(3) }))).toContain(
      "malformed array",
    );
    expect(problemOf(returned({ $array: [1, 1], data: [1] }))).toContain("malformed array");
    expect(problemOf(returned({ $array: [1, -1], data: new Float64Array(0) }))).toContain(
      "malformed array",
    );
  });

  it("rejects what the child's encoder never sends: classes, generators, nesting too deep", () => {
    expect(problemOf(returned(new Map()))).toBe("a value is not a plain object");
    expect(problemOf(returned({ $random: 1 }))).toContain("random generator");
    let deep: unknown = 1;
    for (let k = 0; k < 20; k++) deep = [deep];
    expect(problemOf(returned(deep))).toBe("a value nested too deeply");
  });

  it("rejects messages of the wrong shape", () => {
    expect(problemOf("ready")).toBe("the message is not a plain object");
    expect(problemOf({ type: "result", id: "1", status: "missing", output: "" })).toBe(
      "the call's id is not a number",
    );
    expect(problemOf({ type: "score", output: "" })).toBe("a message of an unknown type");
    expect(problemOf({ ...returned(1), status: "passed" })).toBe("a result of an unknown kind");
  });

  it("cuts long text with a visible mark", () => {
    const accepted = acceptMessage({ ...returned(1), output: "x".repeat(100_000) });
    if ("problem" in accepted || !("output" in accepted)) throw new Error("rejected");
    expect(accepted.output.length).toBeLessThan(8300);
    expect(accepted.output).toMatch(/… \[91808 more characters\]$/);
  });
});
