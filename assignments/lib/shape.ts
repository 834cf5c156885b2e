/**
 * Shapes of 2-D arrays and the errors about them, worded like numpy's so that a learner who knows
 * numpy recognises them ("operands could not be broadcast together with shapes (4,1) (3,400)").
 */

/** `[rows, cols]`, like numpy's `x.shape` for a 2-D array. */
export type Shape = readonly [rows: number, cols: number];

/** A mistake in how arrays were combined: wrong shapes, bad axis, bad argument. Names the op. */
export class ShapeError extends Error {
  override name = "ShapeError";
}

/** numpy's way of printing a shape: `(4,1)`. */
export function formatShape(shape: Shape): string {
  return `(${shape[0]},${shape[1]})`;
}

export function sameShape(a: Shape, b: Shape): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

/**
 * The shape two operands broadcast to, under numpy's rule for two dimensions: each dimension must be
 * equal, or 1 in one of the operands.
 */
export function broadcastShapes(op: string, a: Shape, b: Shape): Shape {
  const rows = broadcastDim(a[0], b[0]);
  const cols = broadcastDim(a[1], b[1]);
  if (rows === -1 || cols === -1) {
    throw new ShapeError(
      `np.${op}: operands could not be broadcast together with shapes ${formatShape(a)} ${formatShape(b)}`,
    );
  }
  return [rows, cols];
}

function broadcastDim(a: number, b: number): number {
  if (a === b || b === 1) return a;
  if (a === 1) return b;
  return -1;
}

/** Checks a requested shape (from `zeros`, `reshape`, ...): two non-negative integers. */
export function checkShape(op: string, shape: unknown): Shape {
  if (
    !Array.isArray(shape) ||
    shape.length !== 2 ||
    !shape.every((d) => Number.isInteger(d) && d >= 0)
  ) {
    throw new ShapeError(
      `np.${op}: shape must be [rows, cols] with two non-negative integers, got ${describe(shape)}`,
    );
  }
  return [shape[0], shape[1]];
}

/** Short description of a value for error messages, never its whole content. */
export function describe(value: unknown): string {
  if (Array.isArray(value)) {
    const items = value.slice(0, 4).map((v) => (Array.isArray(v) ? "[...]" : String(v)));
    return `[${items.join(", ")}${value.length > 4 ? ", ..." : ""}]`;
  }
  if (typeof value === "string") return JSON.stringify(value.slice(0, 40));
  if (value === null) return "null";
  if (typeof value === "object") return value.constructor?.name ?? "object";
  return String(value);
}
