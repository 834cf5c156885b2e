/**
 * Matrix products and tanh in WebAssembly SIMD (simd.wat), two entries per instruction, each
 * computed by the same operations in the same order as the scalar code (a product's sums as
 * kernels.ts's, tanh as elementary.ts's), so the results are theirs to the last bit. The operands
 * are copied into the module's memory, laid out as its kernel wants them (see simd.wat), and the
 * result copied out (a tall A a block of rows at a time); a large matrix that products meet again
 * (a training's data) stays there.
 *
 * Where WebAssembly or its SIMD is missing (an old engine, `--jitless`), the module does not
 * load and `simdProduct` and `simdTanh` decline everything: the scalar code computes it all.
 */
import { EXP2_TABLE } from "./exp-table.ts";
import { SIMD_WASM } from "./simd-wasm.ts";

/**
 * The part of the WebAssembly API used here: TypeScript declares the API with the DOM's types,
 * which this package leaves out, and it is looked up on the global object (absent, it throws).
 */
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports?: object) => { exports: unknown };
};

/** The exports of a module compiled from `bytes` (which may import this module's memory). */
export function instantiate(bytes: Uint8Array, imports?: object): unknown {
  return new WebAssembly.Instance(new WebAssembly.Module(bytes), imports).exports;
}

interface Memory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

interface Kernels {
  memory: Memory;
  product: (a: number, b: number, out: number, rows: number, k: number, stride: number) => void;
  productTransposed: (
    a: number,
    b: number,
    out: number,
    rows: number,
    k: number,
    cols: number,
  ) => void;
  row: (a: number, b: number, out: number, k: number, stride: number) => void;
  rowsTimesVector: (
    a: number,
    v: number,
    out: number,
    rows: number,
    k: number,
    stride: number,
  ) => void;
  tanh: (src: number, dst: number, count: number) => void;
  /** Math.log of an f64x2, for modules that import it (simd-chains.ts): JavaScript cannot call it. */
  log: object;
}

/** Undefined until a kernel is first asked for; null when the module cannot load here. */
let loaded: Kernels | null | undefined;
let enabled = true;
/** The memory as doubles; made again whenever growing the memory replaced its buffer. */
let heap = new Float64Array(0);

/**
 * Most entries a kernel may lay out in the module's memory for one call (a product's B and a
 * block of A's rows with their result, padding included; tanh's entries): 512 KiB, which the
 * caches hold. A larger B takes longer to copy in than the SIMD saves (a (1,12288)·(12288,209)
 * product ran 0.6 times as fast): it goes to the scalar code, unless it is kept (see KEPT_SLOTS).
 */
const MAX_ENTRIES = 1 << 16;
const PAGE_BYTES = 65536;
/** Where the operands start: exp's table (read by tanh at address 0) and tanh's and log's constants come first (simd.wat). */
export const BASE = 3072 / 8;

function load(): Kernels | null {
  try {
    const bytes = Uint8Array.from(atob(SIMD_WASM), (c) => c.charCodeAt(0));
    const kernels = instantiate(bytes, { m: { log: Math.log } }) as Kernels;
    memoryFor(kernels.memory, BASE).set(EXP2_TABLE);
    return kernels;
  } catch {
    return null;
  }
}

/**
 * Turns the SIMD kernels off or on (tests compare both paths); returns whether they were on.
 * Off, or where the module cannot load, `simdProduct` and `simdTanh` compute nothing.
 */
export function useSimd(on: boolean): boolean {
  const was = enabled;
  enabled = on;
  return was;
}

/** Whether the kernels run in WebAssembly SIMD here (the module loaded, and they are not off). */
export function simdAvailable(): boolean {
  // Tried once: where it cannot load (null), no later call may try again.
  if (loaded === undefined) loaded = load();
  return enabled && loaded !== null;
}

/** How far apart the rows of B and of the result are in the product kernels' layout (see `simdProduct`). */
const productWidth = (m: number, bTransposed: boolean) =>
  bTransposed ? m + (m & 1) : (m + 3) & ~3;

/**
 * Writes A·B into `out` (n × m entries) and returns true; A is (n,k), B is (k,m), or (m,k) when
 * `bTransposed` (the product is then A·Bᵀ). Returns false, having written nothing, when the
 * product is not made here (see `simdAvailable`, MAX_ENTRIES): the caller computes it.
 *
 * B is laid out once; A goes through in blocks of rows, as many as fit beside B with their rows
 * of the result, each block copied in and its result copied out. A tall A times a small B (a wide
 * layer's W·X: (83333,10)·(10,64), 5.3 million entries) then runs in SIMD too, 2.6 times as fast
 * as the scalar loops though its copies go through the memory once more; each row's sums are the
 * same whatever the block.
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
  const kernels = loaded as Kernels;
  // B (k,m) is laid out with its rows and the result's a multiple of 4 entries apart; B given
  // transposed, (m,k), goes in as it is, read a pair of its rows at a time (an odd m's last row
  // paired with what follows), and the result's rows are an even number of entries apart. Each
  // block has an even number of A's rows (a last odd row is paired with what follows A's, B's first
  // row: what is read where the result is being written slows the kernel by a tenth): no edge
  // cases in the kernels.
  const width = productWidth(m, bTransposed);
  const blockRows = Math.min(n + (n & 1), Math.floor((MAX_ENTRIES - k * width) / (k + width)) & ~1);
  if (!(blockRows >= 2)) return false;
  const atA = BASE;
  const atB = atA + blockRows * k;
  const atOut = atB + k * width;
  const doubles = memoryFor(kernels.memory, atOut + blockRows * width);
  if (bTransposed || width === m) {
    doubles.set(b, atB);
  } else {
    for (let p = 0; p < k; p++) doubles.set(b.subarray(p * m, p * m + m), atB + p * width);
  }
  const kernel = bTransposed ? kernels.productTransposed : kernels.product;
  for (let first = 0; first < n; first += blockRows) {
    const rows = Math.min(blockRows, n - first);
    // A itself when it fits whole: a subarray object costs a small product a tenth of its time.
    doubles.set(rows === n ? a : a.subarray(first * k, (first + rows) * k), atA);
    kernel(8 * atA, 8 * atB, 8 * atOut, rows + (rows & 1), k, width);
    if (width === m) {
      out.set(doubles.subarray(atOut, atOut + rows * m), first * m);
    } else {
      // Entry by entry: a subarray for each row costs more than a narrow row's copy.
      for (let i = 0; i < rows; i++) {
        const from = atOut + i * width;
        const to = (first + i) * m;
        for (let j = 0; j < m; j++) out[to + j] = doubles[from + j] as number;
      }
    }
  }
  return true;
}

/** A product's operands, as `simdProduct` takes them: A (rows,k), B (k,cols), or (cols,k) when `transposed`. */
export interface ProductOperands {
  readonly a: Float64Array;
  readonly b: Float64Array;
  readonly rows: number;
  readonly k: number;
  readonly cols: number;
  readonly transposed: boolean;
}

/**
 * Entries of the kernels' space that `productInto` needs for a product of these sizes: its result
 * where its kernel writes it (an odd number of rows gets one more, and one entry more for a
 * chain's last pair), then A and B; undefined where its result's rows would not be `cols` entries
 * apart, as an array's are, where they would not fit (MAX_ENTRIES), or the SIMD is not in use.
 */
export function productEntries(
  rows: number,
  k: number,
  cols: number,
  transposed: boolean,
): number | undefined {
  if (!simdAvailable() || productWidth(cols, transposed) !== cols) return undefined;
  const entries = resultEntries(rows, cols) + (rows + (rows & 1)) * k + k * cols;
  return entries <= MAX_ENTRIES ? entries : undefined;
}

/** The space of a product's result in `productInto`: an even number of rows, and an entry more. */
const resultEntries = (rows: number, cols: number) => ((rows + (rows & 1)) * cols + 2) & ~1;

let productsInPlace = 0;

/** How many products `productInto` has computed (tests see through it which path ran). */
export function productsComputedInPlace(): number {
  return productsInPlace;
}

/**
 * Writes the product `p` at entry `at` of the kernels' space, as `simdProduct` computes it, with
 * its operands laid out after it, where a module sharing the memory reads it (simd-chains.ts):
 * its entries are then never copied out into an array of their own. Only after `kernelSpace` has
 * given the `productEntries` of its sizes from `at` on.
 */
export function productInto(p: ProductOperands, at: number): void {
  productsInPlace++;
  const rows = p.rows + (p.rows & 1);
  const atA = at + resultEntries(p.rows, p.cols);
  const atB = atA + rows * p.k;
  heap.set(p.a, atA);
  // The padding row of an odd row count (its sums go to the result's padding): zeros, not what a
  // kernel left there, which may be subnormal numbers, whose products are slow.
  heap.fill(0, atA + p.rows * p.k, atB);
  heap.set(p.b, atB);
  const kernels = loaded as Kernels;
  const kernel = p.transposed ? kernels.productTransposed : kernels.product;
  kernel(8 * atA, 8 * atB, 8 * at, rows, p.k, p.cols);
}

/**
 * A matrix kept in the module's memory between products, as the `row` and `rowsTimesVector`
 * kernels read it: its rows `stride` entries apart (a multiple of 16), each its `width` entries
 * and then padding, and a row of padding after an odd number of rows (the second row of the last
 * pair, which `rowsTimesVector` reads and whose sum it never writes out).
 */
interface Kept {
  values: Float64Array;
  rows: number;
  width: number;
  stride: number;
  /** Where its first entry is, in doubles. */
  at: number;
  /** When it was last used, for choosing which slot to reuse. */
  used: number;
}

/**
 * A matrix of more than MAX_ENTRIES entries, too large to copy in at each product, is kept in the
 * module's memory once a product meets it for the second time: a training multiplies by its data
 * at every iteration, both ways (logistic regression's w.T·X and X·dZᵀ), and one copy serves
 * both, which the caches hold (two layouts of it, one for each product, took turns evicting each
 * other: the products took about a third longer). Two slots of up to KEPT_ENTRIES entries, for
 * two data sets (a training's and its test set's); a third matrix takes the slot unused longest.
 */
const KEPT_SLOTS = 2;
const KEPT_ENTRIES = 1 << 21;
/** The slots follow the space the other kernels use (which one entry past MAX_ENTRIES may reach). */
const KEPT_BASE = BASE + MAX_ENTRIES + 2;
const kept: (Kept | undefined)[] = Array.from({ length: KEPT_SLOTS }, () => undefined);
let keptClock = 0;
/** Matrices asked for once: the second time, they are kept. */
const seenOnce = new WeakSet<Float64Array>();

/**
 * Whether an array's values are never written again (the array module knows which: ndarray.ts),
 * asked only of a matrix large enough to keep.
 */
export type Settled = (values: Float64Array) => boolean;

/**
 * Writes a·B into `out` (m entries) and returns true: a is a row of k entries, B is (k,m).
 * Declines (false, nothing written) a B small enough for `simdProduct`, a B that is not
 * `settled`, and a B seen for the first time, which the caller computes; from then on B stays in
 * the module's memory and is not copied again.
 */
export function simdRowTimesKept(
  a: Float64Array,
  b: Float64Array,
  k: number,
  m: number,
  out: Float64Array,
  settled: Settled,
): boolean {
  // The kernel writes the padding's sums too: `stride` entries.
  return keptProduct(b, k, m, a, strideOf(m), m, out, settled, (kernels, slot, atOut) =>
    kernels.row(8 * BASE, 8 * slot.at, 8 * atOut, k, slot.stride),
  );
}

/**
 * Writes A·v into `out` (n entries) and returns true: A is (n,k), v has k entries. Kept and
 * declined as in `simdRowTimesKept`, in the same layout: each entry of the result is summed in
 * p's order, the scalar kernels' (kernels.ts).
 */
export function simdKeptTimesVector(
  a: Float64Array,
  v: Float64Array,
  n: number,
  k: number,
  out: Float64Array,
  settled: Settled,
): boolean {
  const pairs = n + (n & 1);
  return keptProduct(a, n, k, v, pairs, n, out, settled, (kernels, slot, atOut) =>
    kernels.rowsTimesVector(8 * slot.at, 8 * BASE, 8 * atOut, pairs, k, slot.stride),
  );
}

/** How far apart a kept matrix's rows of `width` entries are: a multiple of 16 entries. */
const strideOf = (width: number) => (width + 15) & ~15;

/**
 * `vector` (laid out at BASE) times the kept `matrix`, (rows, width), by `kernel`, which writes
 * `written` entries at `atOut` (both in the space of the other kernels); the result's `entries`
 * of them go into `out`. False, nothing done, for a matrix not kept (see `keptSlot`), and before
 * the matrix is laid out where the vector and the result would not fit beside it.
 */
function keptProduct(
  matrix: Float64Array,
  rows: number,
  width: number,
  vector: Float64Array,
  written: number,
  entries: number,
  out: Float64Array,
  settled: Settled,
  kernel: (kernels: Kernels, slot: Kept, atOut: number) => void,
): boolean {
  if (rows * width <= MAX_ENTRIES || !settled(matrix) || !simdAvailable()) return false;
  const atOut = BASE + vector.length + (vector.length & 1);
  if (atOut + written - BASE > MAX_ENTRIES) return false;
  const slot = keptSlot(matrix, rows, width);
  if (!slot) return false;
  const kernels = loaded as Kernels;
  const doubles = memoryFor(kernels.memory, KEPT_BASE);
  doubles.set(vector, BASE);
  kernel(kernels, slot, atOut);
  out.set(doubles.subarray(atOut, atOut + entries));
  return true;
}

/** `matrix`'s slot, laid out now if it comes for the second time; undefined if not kept. */
function keptSlot(matrix: Float64Array, rows: number, width: number): Kept | undefined {
  const used = ++keptClock;
  for (const slot of kept) {
    if (slot?.values === matrix && slot.rows === rows && slot.width === width) {
      slot.used = used;
      return slot;
    }
  }
  const stride = strideOf(width);
  const entries = (rows + (rows & 1)) * stride;
  if (entries > KEPT_ENTRIES) return undefined;
  if (!seenOnce.has(matrix)) {
    seenOnce.add(matrix);
    return undefined;
  }
  // The slot unused longest (an empty one first).
  let index = 0;
  for (let i = 1; i < KEPT_SLOTS; i++)
    if ((kept[i]?.used ?? 0) < (kept[index]?.used ?? 0)) index = i;
  const at = KEPT_BASE + index * KEPT_ENTRIES;
  let doubles: Float64Array;
  try {
    doubles = memoryFor((loaded as Kernels).memory, at + entries);
  } catch {
    // No memory to grow into (a child near its limit): the scalar kernels need none.
    return undefined;
  }
  for (let p = 0; p < rows; p++)
    doubles.set(matrix.subarray(p * width, (p + 1) * width), at + p * stride);
  const slot: Kept = { values: matrix, rows, width, stride, at, used };
  kept[index] = slot;
  return slot;
}

/** Whether the module keeps `values` now (tests see through it which path ran). */
export function isKept(values: Float64Array): boolean {
  return kept.some((slot) => slot?.values === values);
}

/** Whether `simdTanh` computes `count` entries here, rather than declining them. */
export function simdTakes(count: number): boolean {
  return count <= MAX_ENTRIES && simdAvailable();
}

/**
 * Writes tanh of `count` entries into `out` and returns true: `write` puts the entries into the
 * array it is given (in the module's memory, where the kernel computes them in place), which must
 * not run a SIMD kernel itself. Returns false, having called nothing, where it does not take
 * `count` entries (`simdTakes`).
 */
export function simdTanh(
  count: number,
  write: (into: Float64Array) => void,
  out: Float64Array,
): boolean {
  if (!simdTakes(count)) return false;
  // One entry more, for the second lane of an odd count's last pair.
  const into = memoryFor((loaded as Kernels).memory, BASE + count + 1).subarray(BASE, BASE + count);
  write(into);
  tanhInPlace(BASE, count);
  out.set(into);
  return true;
}

/**
 * tanh of the `count` entries at entry `at` of the kernels' space, in place (with one entry more
 * there for an odd count's last pair), where a module sharing the memory left them
 * (simd-chains.ts).
 */
export function tanhInPlace(at: number, count: number): void {
  (loaded as Kernels).tanh(8 * at, 8 * at, count + (count & 1));
}

/**
 * The module's memory as doubles, grown so that `entries` of them fit from BASE on, the kernels'
 * space, for code that compiles modules of its own that share it (simd-chains.ts); undefined where
 * the SIMD is not in use or they would not fit (MAX_ENTRIES). What is there is for one call only:
 * the next kernel writes over it.
 */
export function kernelSpace(entries: number): Float64Array | undefined {
  if (entries > MAX_ENTRIES || !simdAvailable()) return undefined;
  return memoryFor((loaded as Kernels).memory, BASE + entries);
}

/**
 * What a module sharing the kernels' memory imports (simd-chains.ts): the memory, and simd.wat's
 * log of an f64x2. Only once `kernelSpace` has given its space.
 */
export function sharedImports(): { memory: Memory; log: object } {
  const { memory, log } = loaded as Kernels;
  return { memory, log };
}

/**
 * The memory as doubles, grown to hold `entries` first. Only this grows it (no kernel does), so
 * `heap` covers all of it until then: its buffer is not asked for again, a call into the engine.
 */
function memoryFor(memory: Memory, entries: number): Float64Array {
  if (entries <= heap.length) return heap;
  const missing = entries * 8 - memory.buffer.byteLength;
  if (missing > 0) memory.grow(Math.ceil(missing / PAGE_BYTES));
  heap = new Float64Array(memory.buffer);
  return heap;
}
