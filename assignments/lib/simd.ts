/**
 * Matrix products in WebAssembly SIMD (products.wat): two entries of the result per instruction,
 * each summed in the same order as the scalar kernels in kernels.ts, so the results are theirs to
 * the last bit. The operands are copied into the module's memory, laid out as its kernel wants
 * them (see products.wat), and the result copied out.
 *
 * Where WebAssembly or its SIMD is missing (an old engine, `--jitless`), the module does not
 * load and `simdProduct` declines every product: the scalar kernels compute them all.
 */
import { PRODUCTS_WASM } from "./products-wasm.ts";

/**
 * The part of the WebAssembly API used here: TypeScript declares the API with the DOM's types,
 * which this package leaves out, and it is looked up on the global object (absent, it throws).
 */
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: unknown };
};

interface Memory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

interface Products {
  memory: Memory;
  product: (a: number, b: number, out: number, rows: number, k: number, stride: number) => void;
  transpose: (src: number, dst: number, rows: number, cols: number, stride: number) => void;
}

/** Undefined until the first product asks; null when the module cannot load here. */
let products: Products | null | undefined;
let enabled = true;
/** The memory as doubles; made again whenever growing the memory replaced its buffer. */
let heap = new Float64Array(0);

/**
 * Most entries a product may lay out in the module's memory (operands, result and padding):
 * 512 KiB, which the caches hold. Larger operands take longer to copy in than the SIMD saves
 * (a (1,12288)·(12288,209) product, logistic regression's, ran 0.6 times as fast), and the
 * memory never shrinks: those go to the scalar kernels.
 */
const MAX_ENTRIES = 1 << 16;
const PAGE_BYTES = 65536;

function load(): Products | null {
  try {
    const bytes = Uint8Array.from(atob(PRODUCTS_WASM), (c) => c.charCodeAt(0));
    const { exports } = new WebAssembly.Instance(new WebAssembly.Module(bytes));
    return exports as unknown as Products;
  } catch {
    return null;
  }
}

/**
 * Turns the SIMD products off or on (tests compare both paths); returns whether they were on.
 * Off, or where the module cannot load, `simdProduct` computes nothing.
 */
export function useSimd(on: boolean): boolean {
  const was = enabled;
  enabled = on;
  return was;
}

/** Whether products run in WebAssembly SIMD here (the module loaded, and they are not off). */
export function simdAvailable(): boolean {
  // Tried once: where it cannot load (null), every later product must not try again.
  if (products === undefined) products = load();
  return enabled && products !== null;
}

/**
 * Writes A·B into `out` (n × m entries) and returns true; A is (n,k), B is (k,m), or (m,k) when
 * `bTransposed` (the product is then A·Bᵀ). Returns false, having written nothing, when the
 * product is not made here (see `simdAvailable`, MAX_ENTRIES): the caller computes it.
 */
export function simdProduct(
  a: Float64Array,
  b: Float64Array,
  n: number,
  k: number,
  m: number,
  bTransposed: boolean,
  out: Float64Array,
): boolean {
  if (!simdAvailable()) return false;
  const kernels = products as Products;
  // An even number of rows (a last odd row is paired with whatever follows A), rows of B and of
  // the result a multiple of 4 entries apart: the kernel then has no edge cases.
  const rows = n + (n & 1);
  const stride = (m + 3) & ~3;
  const atB = rows * k;
  const atOut = atB + k * stride;
  const atRaw = atOut + rows * stride;
  const entries = atRaw + (bTransposed ? m * k : 0);
  if (entries > MAX_ENTRIES) return false;
  const doubles = memoryFor(kernels.memory, entries);
  doubles.set(a, 0);
  if (bTransposed) {
    doubles.set(b, atRaw);
    kernels.transpose(8 * atRaw, 8 * atB, m, k, stride);
  } else if (stride === m) {
    doubles.set(b, atB);
  } else {
    for (let p = 0; p < k; p++) doubles.set(b.subarray(p * m, p * m + m), atB + p * stride);
  }
  kernels.product(0, 8 * atB, 8 * atOut, rows, k, stride);
  if (stride === m) {
    out.set(doubles.subarray(atOut, atOut + n * m));
  } else {
    for (let i = 0; i < n; i++) {
      const from = atOut + i * stride;
      out.set(doubles.subarray(from, from + m), i * m);
    }
  }
  return true;
}

/** The memory as doubles, grown to hold `entries` first. */
function memoryFor(memory: Memory, entries: number): Float64Array {
  const missing = entries * 8 - memory.buffer.byteLength;
  if (missing > 0) memory.grow(Math.ceil(missing / PAGE_BYTES));
  if (heap.buffer !== memory.buffer) heap = new Float64Array(memory.buffer);
  return heap;
}
