/** Messages between the grader (parent) and the sandboxed child. */
import type { Wire } from "./wire.ts";

export interface CallRequest {
  id: number;
  /** Name of the exported function to call. */
  fn: string;
  args: Wire[];
  /** Call twice with fresh copies of the inputs, to see whether the function is deterministic. */
  repeat: boolean;
}

export interface ThrownError {
  name: string;
  message: string;
  stack: string;
}

export type CallResult =
  | {
      type: "result";
      id: number;
      status: "returned";
      value: Wire;
      second: Wire | undefined;
      argsAfter: Wire[];
      output: string;
      ms: number;
    }
  | {
      type: "result";
      id: number;
      status: "threw";
      error: ThrownError;
      argsAfter: Wire[];
      output: string;
      ms: number;
    }
  | { type: "result"; id: number; status: "missing"; output: string };

export type ChildMessage =
  | { type: "ready"; exports: string[]; output: string }
  | { type: "import-failed"; error: ThrownError; output: string }
  | CallResult;
