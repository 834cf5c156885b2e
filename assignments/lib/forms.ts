/**
 * The letters of a chain's form (fusion.ts): an operation's (from A on: its arity is the
 * operation's), and a digit for each kind of operand (never an operation's, however many there
 * are): an array read at each entry, a number, a row read at each column, a column read at each
 * row. A form, written down a chain (an operation, then its operands in order), is
 * all a chain's loop depends on: the JavaScript one (fusion.ts) and the WebAssembly one
 * (simd-chains.ts).
 */
import { binaryCodes, type Operation, unaryCodes } from "./kernels.ts";

const OPERATIONS = [
  ...Object.keys(unaryCodes),
  ...Object.keys(binaryCodes),
  "where",
] as Operation[];
const UNARY_COUNT = Object.keys(unaryCodes).length;
const BINARY_END = UNARY_COUNT + Object.keys(binaryCodes).length;
export const letterOf = new Map(OPERATIONS.map((op, i) => [op, String.fromCharCode(65 + i)]));
export const FORM = { array: "0", number: "1", row: "2", column: "3" } as const;

/** The operation a letter stands for, and how many operands it takes; undefined for an operand's digit. */
export function operationOf(letter: string): { op: Operation; arity: 1 | 2 | 3 } | undefined {
  const index = letter.charCodeAt(0) - 65;
  const op = OPERATIONS[index];
  if (op === undefined) return undefined;
  return { op, arity: index < UNARY_COUNT ? 1 : index < BINARY_END ? 2 : 3 };
}
