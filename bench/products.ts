/**
 * np.dot's products in WebAssembly SIMD (lib/simd.ts) against the scalar kernels alone, for the
 * shapes of the planar and deep trainings (forward W·A, backward Wᵀ·dZ and dZ·Aᵀ on 400 examples)
 * and of logistic regression's (w.T·X and X·dZᵀ, X of 209 pictures of 768 entries): the same
 * products to the last bit, the SIMD side with its copies in and out, but for logistic
 * regression's X, too large to copy in at each product, which stays in the module's memory
 * (kept) from its second product on, as in a training; and of a tall A, which goes through in
 * blocks of rows: the first layer of the gradient checker's widest network (83333 hidden units,
 * 10 features, 64 examples) and a square-ish product of 500000 entries. Alternating rounds,
 * medians, in microseconds a product.
 */
import { type NDArray, np } from "../assignments/lib/np.ts";
import { useSimd } from "../assignments/lib/simd.ts";
import { alternatingMedians } from "./rounds.ts";

const ROUNDS = 15;
/** About this many multiplications a timing, whatever the shape. */
const WORK = 2_000_000;

/** [n, k, m, B given transposed]: A (n,k) by B (k,m), or by the transpose of a (m,k) B. */
const SHAPES: [number, number, number, boolean][] = [
  [4, 2, 400, false],
  [1, 4, 400, false],
  [20, 2, 400, false],
  [7, 20, 400, false],
  [20, 7, 400, false],
  [7, 400, 20, true],
  [20, 400, 2, true],
  [1, 768, 209, false],
  [768, 209, 1, true],
  [83333, 10, 64, false],
  [5000, 100, 100, false],
];

export function benchProducts(): void {
  const random = np.random.seed(5);
  const cases = SHAPES.map(([n, k, m, transposed]) => {
    const a = random.randn(n, k);
    const b = transposed ? random.randn(m, k).T : random.randn(k, m);
    const name = `(${n},${k})·${transposed ? `(${m},${k})ᵀ` : `(${k},${m})`}`;
    return { name, a, b, repeats: Math.max(1, Math.round(WORK / (n * k * m))) };
  });
  /** One product with SIMD on or off (a flag, set back after the call). */
  const timed = (a: NDArray, b: NDArray, simd: boolean) => () => {
    const was = useSimd(simd);
    np.dot(a, b).get(0, 0);
    useSimd(was);
  };
  const medians = alternatingMedians(
    ROUNDS,
    new Map(
      cases.flatMap(({ name, a, b, repeats }) =>
        [true, false].map((simd) => [`${name}|${simd}`, { repeats, run: timed(a, b, simd) }]),
      ),
    ),
  );
  const at = (key: string) => (medians.get(key) ?? Number.NaN) * 1e3;
  console.log(
    `\nnp.dot in WebAssembly SIMD (copies included; logistic regression's X kept) against the scalar kernels, ${ROUNDS} rounds alternating (median, µs a product)`,
  );
  for (const { name } of cases) {
    const simd = at(`${name}|true`);
    const scalar = at(`${name}|false`);
    console.log(
      `  ${name.padEnd(22)} SIMD ${simd.toFixed(2).padStart(6)}  scalar ${scalar.toFixed(2).padStart(6)}  ratio ${(scalar / simd).toFixed(2)}`,
    );
  }
}
