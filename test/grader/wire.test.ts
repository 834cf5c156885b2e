/**
 * What the child's encoder makes of values a learner's function may return: plain data crosses,
 * everything else becomes a described `$unsupported`, and reading it never runs learner code
 * (getters) or throws.
 */
import { describe, expect, it } from "vitest";
import { np } from "../../assignments/lib/np.ts";
import { encode } from "../../grader/sandbox/wire.ts";

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
});
