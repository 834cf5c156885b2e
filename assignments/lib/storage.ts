/**
 * Where array storage comes from.
 *
 * An immutable array API makes a new array for every operation, so allocation sits on the hot
 * path. V8 gives a Float64Array of more than 8 entries its own zero-filled off-heap buffer, which
 * costs 2.5-5 µs at a few hundred entries on Node 20 (measured): more than the arithmetic. So
 * arrays of moderate size are cut from shared slabs instead (a view costs about 0.06 µs), and the
 * slabs come from Node's `Buffer.allocUnsafeSlow`, which skips zero-filling. A slab holds SLOTS
 * arrays of one size class (a power of two); an array kept alive keeps its slab alive, at most
 * SLOTS × 2 times its own size, which is why slabs stay small and big arrays get their own buffer.
 *
 * Contract for callers: `allocate` returns UNINITIALISED entries, so every kernel writes every
 * entry; and `x.data.buffer` may be shared with other arrays, so copy `x.data` before transferring
 * or detaching it, never hand out the buffer itself.
 */
const SLOTS = 16;
/** Up to 8 entries V8 allocates inside its own heap, which is already fast. */
const IN_HEAP = 8;
/** Above this many entries the loop costs more than the allocation: use a buffer of its own. */
const MAX_POOLED = 1 << 14;

interface Slab {
  buffer: ArrayBufferLike;
  next: number;
}

const slabs: (Slab | undefined)[] = [];

/** The size class (a power of two, in entries) of an array of `n` entries: its slot's size. */
const sizeClassOf = (n: number) => 32 - Math.clz32(n - 1);

/** Bytes of the largest slab: SLOTS slots of the size class of MAX_POOLED entries. */
export const LARGEST_SLAB_BYTES = (8 << sizeClassOf(MAX_POOLED)) * SLOTS;

// Outside Node (a browser, say) there is no unzeroed allocation; ArrayBuffer is correct, only slower.
const rawBuffer: (bytes: number) => ArrayBufferLike =
  typeof globalThis.Buffer?.allocUnsafeSlow === "function"
    ? (bytes) => globalThis.Buffer.allocUnsafeSlow(bytes).buffer
    : (bytes) => new ArrayBuffer(bytes);

/** Entries the code running now may still allocate (see `withAllocationLimit`). */
let allowance = Number.POSITIVE_INFINITY;

/**
 * Runs `run` allowed to allocate `entries` array entries in all, or a RangeError: the grader runs
 * the reference on inputs a learner's code chose, and a few small inputs can ask for a huge
 * product (a (n,1) by (1,n) dot).
 */
export function withAllocationLimit<T>(entries: number, run: () => T): T {
  const outer = allowance;
  const given = Math.min(outer, entries);
  allowance = given;
  try {
    return run();
  } finally {
    // What `run` allocated counts against an enclosing limit too.
    allowance = outer - (given - allowance);
  }
}

/** A Float64Array of `n` entries whose values are unspecified: write every entry. */
export function allocate(n: number): Float64Array {
  reserve(n);
  return allocateReserved(n);
}

/**
 * Counts `n` entries against the allocation limit now, for storage `allocateReserved` makes later:
 * an array whose entries are computed when first read (fusion.ts) is charged where it is made,
 * inside the limit that was in force there.
 */
export function reserve(n: number): void {
  allowance -= n;
  if (allowance < 0) {
    allowance += n;
    throw new RangeError(`an array of ${n} entries is more than this computation may allocate`);
  }
}

/** `allocate` without the charge, for entries already counted by `reserve`. */
export function allocateReserved(n: number): Float64Array {
  if (n <= IN_HEAP || n > MAX_POOLED) return new Float64Array(n);
  const sizeClass = sizeClassOf(n);
  const slotBytes = 8 << sizeClass;
  let slab = slabs[sizeClass];
  if (slab === undefined || slab.next === SLOTS) {
    slab = { buffer: rawBuffer(slotBytes * SLOTS), next: 0 };
    slabs[sizeClass] = slab;
  }
  const view = new Float64Array(slab.buffer, slab.next * slotBytes, n);
  slab.next++;
  return view;
}

/** A copy of `data` in storage of its own (see `allocate`). */
export function copyOf(data: Float64Array): Float64Array {
  const out = allocate(data.length);
  out.set(data);
  return out;
}

/**
 * `copyOf` not charged to the allocation limit: for the copies values make as they cross between
 * processes (core/values.ts), which are no computation's, even inside one that is limited.
 */
export function transportCopyOf(data: Float64Array): Float64Array {
  const out = allocateReserved(data.length);
  out.set(data);
  return out;
}
