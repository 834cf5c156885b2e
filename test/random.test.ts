import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type NDArray, np, RandomState } from "../assignments/lib/np.ts";

interface Draw {
  op: "rand" | "randn";
  shape: [number, number];
  values: number[][];
}

const fixture = JSON.parse(
  readFileSync(new URL("fixtures/numpy-random.json", import.meta.url), "utf8"),
) as { numpy: string; cases: { seed: number; draws: Draw[] }[] };

/** The tolerance for a randn value: 4 ulp of the expected value (libm's log and sqrt may differ). */
function ulps4(expected: number): number {
  return 4 * Math.max(Math.abs(expected) * Number.EPSILON, Number.MIN_VALUE);
}

/** Shape, then every entry: bit-exact for rand, within 4 ulp for randn; worst entry reported. */
function expectDraw(actual: NDArray, draw: Draw, where: string): void {
  expect(actual.shape, `${where}: shape`).toEqual(draw.shape);
  if (draw.op === "rand") {
    expect(actual.tolist(), `${where}: rand values`).toEqual(draw.values);
    return;
  }
  let worst = { excess: 0, at: "" };
  draw.values.forEach((row, i) => {
    row.forEach((e, j) => {
      const v = actual.get(i, j);
      const error = Math.abs(v - e);
      const excess = Number.isNaN(error) ? Infinity : error / ulps4(e);
      if (excess > worst.excess) {
        worst = { excess, at: `[${i}, ${j}]: expected ${e}, got ${v}, error ${error}` };
      }
    });
  });
  expect(worst.excess, `${where}: worst randn entry ${worst.at}`).toBeLessThanOrEqual(1);
}

function draw(rng: RandomState, d: Draw): NDArray {
  return d.op === "rand" ? rng.rand(d.shape[0], d.shape[1]) : rng.randn(d.shape[0], d.shape[1]);
}

describe("RandomState against numpy's legacy generator", () => {
  it("the fixture covers every seed and both ops", () => {
    const seeds = fixture.cases.map((c) => c.seed);
    expect(seeds).toEqual(expect.arrayContaining([0, 1, 42, 2 ** 31, 2 ** 32 - 1, 7]));
    const ops = new Set(fixture.cases.flatMap((c) => c.draws.map((d) => d.op)));
    expect([...ops].sort()).toEqual(["rand", "randn"]);
  });

  it.each(fixture.cases.map((c, index) => ({ ...c, index })))(
    "seed $seed (case $index): the whole mixed stream, in order",
    ({ seed, draws }) => {
      const rng = new RandomState(seed);
      draws.forEach((d, k) => {
        expectDraw(draw(rng, d), d, `seed ${seed}, draw ${k} (${d.op} ${d.shape})`);
      });
    },
  );

  it.each(fixture.cases.slice(0, 3).map((c) => c.seed))(
    "seed %i through np.random.seed gives the same stream",
    (seed) => {
      const c = fixture.cases.find((k) => k.seed === seed);
      expect(c).toBeDefined();
      const rng = np.random.seed(seed);
      expect(rng).toBeInstanceOf(RandomState);
      c?.draws.forEach((d, k) => {
        expectDraw(draw(rng, d), d, `np.random.seed(${seed}), draw ${k}`);
      });
    },
  );

  it("seed 1: the values in the course and in RandomState's own example", () => {
    expect(new RandomState(1).rand(1, 2).tolist()).toEqual([
      [0.417022004702574, 0.7203244934421581],
    ]);
  });
});

describe("the cached second normal value", () => {
  it("survives a rand call in between, as in numpy", () => {
    for (const seed of [0, 1, 2, 3, 42]) {
      // randn(1,2) draws one polar pair and returns both of its values.
      const pair = new RandomState(seed);
      const [first, second] = pair.randn(1, 2).tolist()[0] as number[];
      const afterPair = pair.rand(1, 3).tolist();

      // randn(1,1) returns the first and caches the second; rand does not touch the cache.
      const split = new RandomState(seed);
      expect(split.randn(1, 1).item()).toBe(first);
      const uniform = split.rand(1, 3).tolist();
      expect(split.randn(1, 1).item(), `seed ${seed}: cached value after rand`).toBe(second);
      expect(uniform, `seed ${seed}: rand after an odd randn`).toEqual(afterPair);
    }
  });

  it("odd-sized randn calls chain like one long call", () => {
    const whole = new RandomState(123).randn(1, 9).tolist()[0] as number[];
    const parts = new RandomState(123);
    const chained = [
      parts.randn(1, 3),
      parts.randn(3, 1),
      parts.randn(1, 1),
      parts.randn(2, 1),
    ].flatMap((x) => Array.from(x.data));
    expect(chained).toEqual(whole);
  });

  it("the cache belongs to one generator: another of the same seed starts without one", () => {
    const a = new RandomState(5);
    a.randn(1, 1);
    expect(new RandomState(5).randn(1, 1).item()).toBe(new RandomState(5).randn(1, 3).get(0, 0));
  });
});

describe("seeding", () => {
  it.each([
    [-1, "-1"],
    [1.5, "1.5"],
    [2 ** 32, "4294967296"],
    [Number.NaN, "NaN"],
    [Infinity, "Infinity"],
  ])("seed %d is a RangeError naming it", (seed, shown) => {
    expect(() => new RandomState(seed)).toThrow(RangeError);
    expect(() => new RandomState(seed)).toThrow(
      `RandomState: seed must be an integer between 0 and 2**32 - 1, got ${shown}`,
    );
    expect(() => np.random.seed(seed)).toThrow(RangeError);
  });

  it("a non-number seed is refused", () => {
    expect(() => new RandomState("1" as unknown as number)).toThrow(RangeError);
  });

  it.each([0, 2 ** 32 - 1])("seed %i is accepted and draws values in [0, 1)", (seed) => {
    const u = new RandomState(seed).rand(4, 50);
    expect(u.shape).toEqual([4, 50]);
    expect(u.data.every((v) => v >= 0 && v < 1)).toBe(true);
  });

  it("different seeds give different streams", () => {
    expect(new RandomState(0).rand(1, 4).tolist()).not.toEqual(
      new RandomState(1).rand(1, 4).tolist(),
    );
  });

  it("rand and randn refuse a bad shape, naming the op", () => {
    const rng = new RandomState(0);
    expect(() => rng.rand(-1, 2)).toThrow(/^np\.random\.rand: shape must be/);
    expect(() => rng.randn(2, 1.5)).toThrow(/^np\.random\.randn: shape must be/);
  });

  it("a (0,n) draw is empty and does not advance the stream", () => {
    const a = new RandomState(9);
    expect(a.rand(0, 5).shape).toEqual([0, 5]);
    expect(a.randn(3, 0).size).toBe(0);
    expect(a.rand(1, 3).tolist()).toEqual(new RandomState(9).rand(1, 3).tolist());
  });
});

describe("np.random.seed(k) is new RandomState(k)", () => {
  it.each([0, 1, 2, 3, 42, 2 ** 31, 2 ** 32 - 1])("seed %i", (seed) => {
    const a = np.random.seed(seed);
    const b = new RandomState(seed);
    expect(a).toBeInstanceOf(RandomState);
    expect(a).not.toBe(b);
    expect(a.rand(2, 3).tolist()).toEqual(b.rand(2, 3).tolist());
    expect(a.randn(3, 3).tolist()).toEqual(b.randn(3, 3).tolist());
    expect(a.rand(1, 1).tolist()).toEqual(b.rand(1, 1).tolist());
  });

  it("two generators do not share state", () => {
    const a = np.random.seed(4);
    const b = np.random.seed(4);
    a.rand(1, 10);
    expect(b.rand(1, 2).tolist()).toEqual(new RandomState(4).rand(1, 2).tolist());
  });
});

describe("clone", () => {
  it("draws the same continuation as the original", () => {
    const rng = new RandomState(17);
    rng.rand(2, 3);
    const copy = rng.clone();
    expect(copy.rand(3, 4).tolist()).toEqual(rng.rand(3, 4).tolist());
    expect(copy.randn(2, 5).tolist()).toEqual(rng.randn(2, 5).tolist());
  });

  it("carries the cached normal value", () => {
    const rng = new RandomState(17);
    rng.randn(1, 1); // leaves the pair's second value cached
    const copy = rng.clone();
    expect(copy.randn(1, 3).tolist()).toEqual(rng.randn(1, 3).tolist());
  });

  it("is independent: drawing from the clone does not advance the original", () => {
    const rng = new RandomState(23);
    rng.randn(1, 3);
    const copy = rng.clone();
    copy.rand(5, 5);
    copy.randn(1, 1);
    const reference = new RandomState(23);
    reference.randn(1, 3);
    expect(rng.randn(2, 2).tolist()).toEqual(reference.randn(2, 2).tolist());
  });
});
