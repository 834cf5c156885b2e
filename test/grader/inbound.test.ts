/**
 * The grader's side of the channel from the sandboxed child: frames read back whole whatever the
 * chunking, and every message checked before use (learner code can write to the channel itself).
 */
import { serialize } from "node:v8";
import { describe, expect, it } from "vitest";
import { FrameReader, frame } from "../../grader/sandbox/frames.ts";
import { acceptMessage } from "../../grader/sandbox/inbound.ts";

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

describe("FrameReader", () => {
  it("gives back every value, in order, however the bytes are split", () => {
    const values = [{ a: 1 }, "two", new Float64Array([3, Number.NaN]), [4, [5]]];
    const bytes = Buffer.concat(values.map(frame));
    for (const size of [1, 3, 7, bytes.length]) {
      const reader = new FrameReader(1024);
      const out: unknown[] = [];
      for (let at = 0; at < bytes.length; at += size) {
        for (const event of reader.push(bytes.subarray(at, at + size))) {
          if ("problem" in event) throw new Error(event.problem);
          out.push(event.value);
        }
      }
      expect(out).toEqual(values);
    }
  });

  it("refuses a frame over the limit from its header alone, before the body arrives", () => {
    const header = Buffer.alloc(4);
    header.writeUInt32BE(2 ** 31);
    const events = new FrameReader(1024).push(header);
    expect(events).toEqual([{ problem: "a message of 2147483648 bytes (the limit is 1024)" }]);
  });

  it("reports a frame that does not parse", () => {
    const junk = Buffer.from([0, 0, 0, 3, 0xff, 0xfe, 0xfd]);
    const [event] = new FrameReader(1024).push(junk);
    expect(event).toHaveProperty("problem", expect.stringContaining("does not parse"));
  });
});

describe("acceptMessage", () => {
  it("accepts wire data and copies it", () => {
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

  it("rejects what the child's encoder never sends: classes, holes, generators, too much", () => {
    expect(problemOf(returned(new Map()))).toBe("a value is not a plain object");
    expect(problemOf(returned(new Array(3)))).toBe("a list with holes");
    expect(problemOf(returned({ $random: 1 }))).toContain("random generator");
    let deep: unknown = 1;
    for (let k = 0; k < 20; k++) deep = [deep];
    expect(problemOf(returned(deep))).toBe("a value nested too deeply");
    const sparse: unknown[] = [];
    sparse.length = 2 ** 31;
    expect(problemOf(returned(sparse))).toBe("values with too many entries");
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

  it("survives a round trip through V8's serializer of hostile values", () => {
    const bytes = serialize(returned(JSON.parse('{"__proto__": 1}')));
    const [event] = new FrameReader(1 << 20).push(
      Buffer.concat([Buffer.from([0, 0, 0, bytes.length]), bytes]),
    );
    if (!event || !("value" in event)) throw new Error("no value");
    expect(problemOf(event.value)).toBe('an object with a "__proto__" key');
  });
});
