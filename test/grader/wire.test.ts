/**
 * What the child's encoder makes of values a learner's function may return: plain data crosses,
 * everything else becomes a described `$unsupported`, and reading it never runs learner code
 * (getters) or throws.
 */
import { describe, expect, it } from "vitest";
import { valuesOf } from "../../assignments/lib/ndarray.ts";
import { np } from "../../assignments/lib/np.ts";
import { copyOf, withAllocationLimit } from "../../assignments/lib/storage.ts";
import {
  decode,
  decodeFresh,
  decodeMessage,
  Encoded,
  encode,
  entriesOf,
  freshBudget,
  LIMITS,
  sameForm,
  type Views,
  type WireArray,
} from "../../grader/core/values.ts";

const unsupported = (value: unknown) => (encode(value) as { $unsupported?: string }).$unsupported;

describe("encode", () => {
  it("copies arrays and plain data", () => {
    const a = np.array([[1, 2]]);
    expect(encode({ a, n: [1, "x", null, undefined] })).toEqual({
      a: { $array: [1, 2], data: new Float64Array([1, 2]) },
      n: [1, "x", null, { $undefined: true }],
    });
  });

  it("reports a proxy without asking it anything", () => {
    let asked = 0;
    const spy = new Proxy(np.zeros([1, 1]), {
      get: (target, key) => {
        asked++;
        return Reflect.get(target, key);
      },
      getPrototypeOf: () => {
        asked++;
        return Object.prototype;
      },
    });
    expect(unsupported(spy)).toBe("a Proxy");
    expect(asked).toBe(0);
  });

  it("reports a getter instead of calling it", () => {
    const value = {
      get W1(): never {
        throw new Error("boom");
      },
      b1: 1,
    };
    expect(unsupported({ params: value })).toBe(
      'a value with a getter (key "W1"), which is not called',
    );
  });

  it("reports cycles, prototype-polluting keys, promises and oversized values", () => {
    const cyclic: unknown[] = [1];
    cyclic.push(cyclic);
    expect(unsupported(cyclic)).toBe("a cyclic value (it contains itself)");
    expect(unsupported(JSON.parse('{"__proto__": {"score": 100}}'))).toBe(
      'an object with a "__proto__" key',
    );
    expect(unsupported(new Promise(() => {}))).toContain("a Promise");
    expect(unsupported(np.zeros([3000, 2000]))).toBe("an array too big to send (6000000 entries)");
    expect(unsupported(() => 1)).toBe("a function");
  });

  it("sends a shared value twice, which is not a cycle", () => {
    const shared = { x: 1 };
    expect(encode([shared, shared])).toEqual([{ x: 1 }, { x: 1 }]);
  });

  it("reports marker keys of learner objects, and keeps a generator's seed", () => {
    expect(unsupported({ $array: [1, 1], data: [0] })).toBe('an object with a "$array" key');
    expect(unsupported({ $undefined: true })).toBe('an object with a "$undefined" key');
    expect(encode({ $random: 3 })).toEqual({ $random: 3 });
  });

  it("counts every key: an object reused at every key of every level is cut at the node limit", () => {
    let node: Record<string, unknown> = { leaf: 1 };
    for (let level = 0; level < 6; level++) {
      const next: Record<string, unknown> = {};
      for (let k = 0; k < 64; k++) next[`k${k}`] = node;
      node = next;
    }
    // 64⁶ keys as a tree; what is sent stops at the limit, the rest said to be too big.
    const sent = encode(node);
    expect(entriesOf(sent)).toBeLessThanOrEqual(2 * LIMITS.nodes);
    expect(JSON.stringify(sent)).toContain("an object too big to send");
  });

  it("puts a value encoded earlier in place as it was then, within the limits of the whole", () => {
    const kept = np.array([[1, 2]]);
    const budget = freshBudget();
    const captured = new Encoded(encode(kept, budget, "copied", 1));
    kept.data[0] = 9;
    expect(encode([3, captured], budget)).toEqual([
      3,
      { $array: [1, 2], data: new Float64Array([1, 2]) },
    ]);
    // Its entries counted once, when it was encoded; its depth, that of where it goes.
    expect(budget.entries).toBe(LIMITS.entries - 2);
    let deep: unknown = 1;
    for (let level = 0; level <= LIMITS.depth; level++) deep = [deep];
    expect(JSON.stringify(encode(deep))).toContain("a value nested too deeply");
    deep = (deep as unknown[])[0];
    expect(JSON.stringify(encode(deep))).not.toContain("a value nested too deeply");
    expect(JSON.stringify(encode(deep, freshBudget(), "copied", 1))).toContain(
      "a value nested too deeply",
    );
  });

  it("cuts long strings, and counts text against the message's limit", () => {
    expect(encode("x".repeat(20_000))).toMatch(/^x{10000}… \[10000 more characters\]$/);
    const many = encode(Array.from({ length: 200 }, () => "y".repeat(10_000)));
    expect(JSON.stringify(many)).toContain("a value with too much text to send");
  });
});

describe("sameForm", () => {
  const form = (a: unknown, b: unknown) => sameForm(encode(a), encode(b));

  it("lets numbers differ, in arrays of the same shape and objects of the same keys", () => {
    expect(
      form({ W: np.ones([2, 3]), lr: 1.2, n: [1, 2] }, { W: np.zeros([2, 3]), lr: 0.5, n: [3, 4] }),
    ).toBe(true);
    expect(form([np.ones([1, 2]), Number.NaN], [np.ones([1, 2]), 7])).toBe(true);
  });

  it("tells apart shapes, kinds, keys, lengths, strings, flags, null and undefined", () => {
    expect(form(np.ones([2, 3]), np.ones([3, 2]))).toBe(false);
    expect(form(np.ones([1, 1]), 1)).toBe(false);
    expect(form({ W1: 1 }, { W2: 1 })).toBe(false);
    expect(form({ W1: 1 }, { W1: 1, b1: 1 })).toBe(false);
    expect(form([1, 2], [1, 2, 3])).toBe(false);
    expect(form("relu", "sigmoid")).toBe(false);
    expect(form(true, false)).toBe(false);
    expect(form(null, undefined)).toBe(false);
    expect(form(1, "1")).toBe(false);
    expect(form([1], { 0: 1 })).toBe(false);
  });
});

describe("values crossing between processes", () => {
  it("are copies of their own, not charged to an allocation limit they cross inside", () => {
    const x = np.array([
      [1, 2, 3, 4],
      [5, 6, 7, 8],
      [9, 10, 11, 12],
    ]);
    // A stand-in's arguments and answer cross inside the limit of the learner's own function.
    const back = withAllocationLimit(0, () => decode(encode(x))) as typeof x;
    expect(back.tolist()).toEqual(x.tolist());
    expect(back.data).not.toBe(x.data);
    expect(() => withAllocationLimit(0, () => copyOf(x.data))).toThrow(RangeError);
  });

  it("copy an array's entries by default, so a later write to it changes nothing sent", () => {
    const x = np.array([[1, 2, 3]]);
    const wire = encode(x) as WireArray;
    x.set(0, 0, 9);
    expect(Array.from(wire.data)).toEqual([1, 2, 3]);
    const back = decode(wire) as typeof x;
    wire.data[1] = 7;
    expect(back.tolist()).toEqual([[1, 2, 3]]);
  });

  it("are the values' own entries where asked: an answer written into its message at once, a message's arrays decoded once", () => {
    const x = np.array([[1, 2, 3]]);
    const shared = encode(x, freshBudget(), "shared") as WireArray;
    expect(shared.data.buffer).toBe(x.data.buffer);
    const wire = { $array: [1, 3] as [number, number], data: new Float64Array([4, 5, 6]) };
    const back = decodeMessage(wire) as typeof x;
    expect(back.tolist()).toEqual([[4, 5, 6]]);
    expect(back.data.buffer).toBe(wire.data.buffer);
    // Nested in lists and objects alike.
    const [inner] = (decodeMessage({ list: [wire] }) as { list: (typeof x)[] }).list;
    expect(inner?.data.buffer).toBe(wire.data.buffer);
  });

  it("are read where they are when shared, without handing them out (copied first where an expression holds them)", () => {
    const x = np.ones([40, 40]);
    // Computed when read: it holds x's entries as they are now.
    const y = x.add(1);
    const shared = encode(x, freshBudget(), "shared") as WireArray;
    expect(Array.from(shared.data.subarray(0, 3))).toEqual([1, 1, 1]);
    // Handed out now, they are copied first, as y still reads them: the wire had the same entries.
    const handedOut = x.data;
    const same = (a: Float64Array, b: Float64Array) =>
      a.buffer === b.buffer && a.byteOffset === b.byteOffset;
    expect(same(handedOut, shared.data)).toBe(false);
    handedOut[0] = 5;
    expect(y.data[0]).toBe(2);
  });

  it("decoded fresh from an encode noting its views, share their arrays' entries until either side writes", () => {
    const x = np.random.seed(3).randn(2, 3);
    const W = np.multiply(np.random.seed(4).randn(3, 2), 2);
    const value = { caches: [{ x, W }], m: 3 };
    const views: Views = new Map();
    const back = withAllocationLimit(0, () =>
      decodeFresh(encode(value, freshBudget(), views), views),
    );
    const { caches } = back as typeof value;
    const [cache] = caches;
    expect(valuesOf(cache?.x as typeof x)).toBe(valuesOf(x));
    expect(valuesOf(cache?.W as typeof W)).toBe(valuesOf(W));
    expect(back).toEqual(value);
    cache?.x.set(0, 0, 100);
    x.data[1] = 200;
    expect(x.get(0, 0)).not.toBe(100);
    expect(cache?.x.get(0, 1)).not.toBe(200);
    // A wire of copies, or of views not noted, decodes to copies, as `decode` does.
    const copied = decodeFresh(encode(W), views) as typeof W;
    expect(valuesOf(copied)).not.toBe(valuesOf(W));
    const unnoted = decodeFresh(encode(W, freshBudget(), "shared"), views) as typeof W;
    expect(valuesOf(unnoted)).not.toBe(valuesOf(W));
    expect([copied.tolist(), unnoted.tolist()]).toEqual([W.tolist(), W.tolist()]);
  });

  it.each([
    ["copied", "copied"],
    ["shared", "shared"],
  ] as const)(
    "leave, %s, an array's entries not handed out: nothing copies them later",
    (_, arrays) => {
      const x = np.ones([40, 40]);
      encode(x, freshBudget(), arrays);
      // Handed out, x would be copied by the expression that reads it: an allocation beyond the
      // result's, which this limit does not allow.
      const y = withAllocationLimit(x.size, () => np.add(x, 1));
      expect(y.data[0]).toBe(2);
    },
  );
});
