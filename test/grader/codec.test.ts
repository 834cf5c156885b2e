/**
 * The bytes of a message (grader/sandbox/codec.ts): values survive a round trip bit for bit, every
 * limit is refused while decoding (before the decoder allocates for it), and no byte string makes
 * the decoder throw anything but a `Refused`.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LIMITS, type Wire } from "../../grader/core/values.ts";
import { type DecodeLimits, decodeBody, encodeBody, Refused } from "../../grader/sandbox/codec.ts";
import { MAX_FRAME_BYTES, MESSAGE_LIMITS } from "../../grader/sandbox/inbound.ts";

const LOOSE: DecodeLimits = {
  depth: 64,
  nodes: 1 << 20,
  entries: 1 << 20,
  keys: 1 << 10,
  stringBytes: 1 << 20,
  textBytes: 1 << 22,
};

const roundTrip = (value: unknown, limits = LOOSE) => decodeBody(encodeBody(value), limits);

/** The same bytes at an address that is not a multiple of 8: arrays cannot be read in place there. */
function misaligned(bytes: Buffer): Buffer {
  const out = Buffer.alloc(bytes.length + 1).subarray(1);
  bytes.copy(out);
  return out;
}

/** A round trip through a body that lies at an odd address. */
const roundTripMisaligned = (value: unknown) => decodeBody(misaligned(encodeBody(value)), LOOSE);

function refusal(bytes: Buffer, limits: DecodeLimits = LOOSE): Refused {
  try {
    decodeBody(bytes, limits);
  } catch (error) {
    if (error instanceof Refused) return error;
    throw error;
  }
  throw new Error("decoded");
}

/** Bytes by hand: a tag, then little-endian counts and numbers. */
const tag = (t: number) => Buffer.from([t]);
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
};
const str = (s: string) => Buffer.concat([u32(Buffer.byteLength(s)), Buffer.from(s)]);
const list = (...items: Buffer[]) => Buffer.concat([tag(6), u32(items.length), ...items]);
const object = (entries: [string, Buffer][]) =>
  Buffer.concat([tag(7), u32(entries.length), ...entries.flatMap(([k, v]) => [str(k), v])]);
const NULL = tag(0);

describe("round trips", () => {
  it.each([
    [1, 6, "in place", roundTrip],
    [3, 40, "in place", roundTrip],
    [1, 6, "copied", roundTripMisaligned],
    [3, 40, "copied", roundTripMisaligned],
  ])(
    "keeps numbers to the bit: NaN, -0, ±Infinity, in a %i × %i array read %s a NaN's payload too",
    (rows, cols, _, trip) => {
      const data = new Float64Array(rows * cols).map((_, k) => k / 7);
      data.set([Number.NaN, -0, Number.POSITIVE_INFINITY, -1e-308]);
      const bits = new DataView(data.buffer);
      // A quiet NaN with a payload of its own (not the canonical one), and a signaling NaN.
      bits.setUint32(4 * 8 + 4, 0x7ff80000 | 0x1234, true);
      bits.setUint32(4 * 8, 0xdeadbeef, true);
      bits.setUint32(5 * 8 + 4, 0x7ff00000, true);
      bits.setUint32(5 * 8, 1, true);
      const message = {
        pair: [
          { $array: [rows, cols], data },
          { $array: [1, 2], data: data.slice(0, 2) },
        ],
      };
      const [back] = (trip(message) as { pair: { $array: number[]; data: Float64Array }[] }).pair;
      expect(back?.$array).toEqual([rows, cols]);
      const bytes = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
      expect(bytes(back?.data as Float64Array)).toEqual(bytes(data));
    },
  );

  it("keeps numbers outside arrays to the bit: NaN, -0, ±Infinity", () => {
    const numbers = roundTrip([Number.NaN, -0, 0, Number.NEGATIVE_INFINITY, 5e-324]) as number[];
    expect(numbers.map((x) => Object.is(x, -0))).toEqual([false, true, false, false, false]);
    expect(numbers).toEqual([Number.NaN, -0, 0, Number.NEGATIVE_INFINITY, 5e-324]);
  });

  it("keeps empty arrays, lists and objects, and unicode text", () => {
    const value = {
      empty: { $array: [0, 3], data: new Float64Array(0) },
      none: { $array: [0, 0], data: new Float64Array(0) },
      list: [],
      object: {},
      "키 🔑": "μ = Σx / m — 학습률 😀 \u0000 e\u0301",
    };
    expect(roundTrip(value)).toEqual(value);
  });

  it("keeps the markers and leaves an object's undefined properties out", () => {
    const value = [{ $undefined: true }, { $unsupported: "a Proxy" }, { $random: 7 }, true, null];
    expect(roundTrip(value)).toEqual(value);
    expect(roundTrip({ a: 1, b: undefined })).toEqual({ a: 1 });
  });

  it("reads an array's numbers in place, at a multiple of 8 bytes into the body, whatever comes before", () => {
    for (const before of ["", "a", "abc", "abcdefg"]) {
      const bytes = encodeBody([before, { $array: [1, 2], data: new Float64Array([1, 2]) }]);
      const [, back] = decodeBody(bytes, LOOSE) as [string, { data: Float64Array }];
      expect(Array.from(back.data)).toEqual([1, 2]);
      expect(back.data.buffer).toBe(bytes.buffer);
      expect((back.data.byteOffset - bytes.byteOffset) % 8).toBe(0);
    }
  });

  it("copies an array's numbers out of a body at an address they cannot be read in place at", () => {
    const bytes = misaligned(encodeBody({ $array: [1, 2], data: new Float64Array([1, 2]) }));
    const back = decodeBody(bytes, LOOSE) as { data: Float64Array };
    bytes.fill(0);
    expect(Array.from(back.data)).toEqual([1, 2]);
  });

  it("round-trips any wire value, in place and copied", () => {
    fc.assert(
      fc.property(wireValue, (value) => {
        expect(roundTrip(value)).toEqual(value);
        expect(roundTripMisaligned(value)).toEqual(value);
      }),
      { numRuns: 300 },
    );
  });

  it("leaves a frame header's room before the body, and writes nothing but zeros between", () => {
    const value = ["ab", { $array: [1, 1], data: new Float64Array([3]) }];
    const body = encodeBody(value);
    const framed = encodeBody(value, 8);
    expect(framed.subarray(8)).toEqual(body);
    // The padding before the array's number: zeros, not whatever the memory held.
    expect([...body.subarray(5 + 7 + 9, 5 + 7 + 9 + 3)]).toEqual([0, 0, 0]);
  });
});

describe("limits, refused while decoding", () => {
  it("refuses a value nested too deeply, at the level past the limit", () => {
    let deep = NULL;
    for (let k = 0; k < 10; k++) deep = list(deep);
    expect(() => decodeBody(deep, { ...LOOSE, depth: 10 })).not.toThrow();
    const refused = refusal(deep, { ...LOOSE, depth: 9 });
    expect(refused.message).toBe("a value nested too deeply");
    // It stopped at the tenth list, just after its tag: 9 lists of 5 bytes read before it.
    expect(refused.at).toBe(9 * 5 + 1);
  });

  it("counts every list entry and every object key", () => {
    const keys = object(Array.from({ length: 10 }, (_, k) => [`k${k}`, list(NULL, NULL)] as const));
    // 10 keys and 2 entries under each: 30 nodes.
    expect(() => decodeBody(keys, { ...LOOSE, nodes: 30 })).not.toThrow();
    expect(refusal(keys, { ...LOOSE, nodes: 29 }).message).toBe(
      "a message with more than 29 list entries and object keys",
    );
  });

  it("refuses too many keys in one object from its count, before reading them", () => {
    const wide = object(Array.from({ length: 65 }, (_, k) => [`k${k}`, NULL] as const));
    const refused = refusal(wide, MESSAGE_LIMITS);
    expect(refused.message).toBe("an object with 65 keys");
    expect([refused.at, refused.nodes]).toEqual([5, 0]);
  });

  it("counts array entries over the whole message", () => {
    // An array starting at byte `at`: its numbers after zeros, to a multiple of 8.
    const array = (n: number, at: number) =>
      Buffer.concat([tag(8), u32(1), u32(n), Buffer.alloc(-(at + 9) & 7), Buffer.alloc(8 * n)]);
    const two = list(array(6, 5), array(4, 64));
    expect(() => decodeBody(two, { ...LOOSE, entries: 10 })).not.toThrow();
    expect(refusal(two, { ...LOOSE, entries: 9 }).message).toBe(
      "a message with more than 9 array entries",
    );
    // An array that claims 2³² × 2³² entries is refused from its shape, nothing allocated.
    const huge = Buffer.concat([tag(8), u32(0xffffffff), u32(0xffffffff)]);
    expect(refusal(huge, MESSAGE_LIMITS).message).toBe(
      `a message with more than ${LIMITS.entries} array entries`,
    );
  });

  it("limits each string and all text together", () => {
    const text = (n: number) => Buffer.concat([tag(5), str("x".repeat(n))]);
    expect(refusal(text(11), { ...LOOSE, stringBytes: 10 }).message).toBe(
      "a string of 11 bytes (the limit is 10)",
    );
    expect(refusal(object([["y".repeat(11), NULL]]), { ...LOOSE, stringBytes: 10 }).message).toBe(
      "a key of 11 bytes (the limit is 10)",
    );
    expect(refusal(list(text(6), text(6)), { ...LOOSE, textBytes: 11 }).message).toBe(
      "a message with more than 11 bytes of text",
    );
  });

  it("refuses prototype-polluting keys, marker keys and keys given twice", () => {
    for (const key of ["__proto__", "constructor", "prototype", "$array", "$undefined"]) {
      expect(refusal(object([[key, NULL]])).message).toBe(`an object with a "${key}" key`);
    }
    expect(
      refusal(
        object([
          ["a", NULL],
          ["a", NULL],
        ]),
      ).message,
    ).toBe('an object with the key "a" twice');
  });

  it("refuses unknown tags, truncated values and bytes after the value", () => {
    expect(refusal(Buffer.from([0xff, 0x0f])).message).toBe(
      "a value of unknown type 255 at byte 0",
    );
    expect(refusal(Buffer.from([4, 0, 0])).message).toBe("a message that ends inside a value");
    expect(refusal(Buffer.from([])).message).toBe("a message that ends inside a value");
    expect(refusal(Buffer.from([0, 0])).message).toBe("1 bytes after the end of the message");
  });

  it("refuses a count larger than the bytes left, before allocating for it", () => {
    // Five bytes that claim a list of 4 294 967 295 entries: over the node limit, and over the
    // bytes left where nodes are not limited.
    const claim = list();
    claim.writeUInt32LE(0xffffffff, 1);
    const overNodes = refusal(claim, MESSAGE_LIMITS);
    expect(overNodes.message).toMatch(/^a message with more than \d+ list entries/);
    expect([overNodes.at, overNodes.nodes]).toEqual([5, 0]);
    const overBytes = refusal(claim, { ...LOOSE, nodes: Number.POSITIVE_INFINITY });
    expect(overBytes.message).toBe("a message that ends inside a value");
    expect([overBytes.at, overBytes.nodes]).toEqual([5, 0]);
  });

  it("stops a frame that spells a huge tree after at most its node limit", () => {
    // 300 lists of 1000 nulls: 300 300 nodes, all there in 300 KB. Each list is accepted while
    // it fits; the one that would go over is refused from its count, before its entries are read.
    const lists = Array.from({ length: 300 }, () =>
      list(...Array.from({ length: 1000 }, () => NULL)),
    );
    const bytes = list(...lists);
    const refused = refusal(bytes, MESSAGE_LIMITS);
    expect(refused.message).toMatch(/more than \d+ list entries and object keys/);
    expect(refused.nodes).toBeLessThanOrEqual(MESSAGE_LIMITS.nodes);
    expect(refused.at).toBeLessThan(bytes.length);
  });
});

describe("the frame limit", () => {
  it("holds the largest message the child's encoder may send", () => {
    const entries = new Float64Array(LIMITS.entries);
    const message = {
      type: "result",
      id: 1,
      status: "returned",
      value: {
        big: { $array: [1, LIMITS.entries], data: entries },
        list: Array.from({ length: LIMITS.nodes - 2 }, () => -1.5),
      },
      argsAfter: [],
      output: "o".repeat(4096),
      ms: 1,
    };
    const body = encodeBody(message);
    expect(body.length).toBeLessThanOrEqual(MAX_FRAME_BYTES);
    expect(() => decodeBody(body, MESSAGE_LIMITS)).not.toThrow();
  });
});

describe("decoding any bytes", () => {
  const decodes = (bytes: Uint8Array, limits: DecodeLimits) => {
    try {
      decodeBody(Buffer.from(bytes), limits);
    } catch (error) {
      expect(error).toBeInstanceOf(Refused);
      // Refused by a check, not by the catch-all around an error the checks let through.
      expect((error as Refused).message).not.toMatch(/does not decode/);
    }
  };

  it("throws nothing but a Refused for random bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => decodes(bytes, MESSAGE_LIMITS)),
      { numRuns: 2000 },
    );
  });

  it("throws nothing but a Refused for valid messages with bytes changed, cut or added", () => {
    const mutated = fc
      .tuple(
        wireValue.map((v) => encodeBody(v)),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.nat(2)), {
          minLength: 1,
          maxLength: 4,
        }),
      )
      .map(([bytes, edits]) => {
        let out = Buffer.from(bytes);
        for (const [where, byte, kind] of edits) {
          const at = out.length === 0 ? 0 : where % out.length;
          if (kind === 0 && out.length > 0) out[at] = byte;
          else if (kind === 1) out = Buffer.concat([out.subarray(0, at), out.subarray(at + 1)]);
          else out = Buffer.concat([out.subarray(0, at), Buffer.from([byte]), out.subarray(at)]);
        }
        return out;
      });
    fc.assert(
      fc.property(mutated, (bytes) => {
        decodes(bytes, MESSAGE_LIMITS);
        decodes(bytes, { ...LOOSE, depth: 3, nodes: 20, entries: 4, keys: 3, textBytes: 30 });
      }),
      { numRuns: 2000 },
    );
  });
});

/** Any wire value: numbers of every kind, unicode text, arrays, markers, lists and objects. */
const key = fc
  .string({ unit: "grapheme", maxLength: 6 })
  .filter((k) => !["__proto__", "constructor", "prototype"].includes(k) && !k.startsWith("$"));
const wireValue: fc.Arbitrary<Wire> = fc.letrec<{ value: Wire }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom(null, true, false),
    fc.double(),
    fc.string({ unit: "grapheme", maxLength: 12 }),
    fc
      .tuple(fc.nat(3), fc.nat(3))
      .chain(([rows, cols]) =>
        fc
          .array(fc.double(), { minLength: rows * cols, maxLength: rows * cols })
          .map((xs) => ({ $array: [rows, cols], data: Float64Array.from(xs) }) as Wire),
      ),
    fc.constant({ $undefined: true } as Wire),
    fc.string({ maxLength: 8 }).map((s) => ({ $unsupported: s }) as Wire),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(key, tie("value"), { maxKeys: 4 }),
  ),
})).value;
