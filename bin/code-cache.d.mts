/** Types of bin/code-cache.mjs, which is plain JavaScript: it runs before anything is built. */
export const SCRIPT: string;
export const CODE: string;
export const RECORD_CODE_TO: string;
export function loadProgram(
  root: string,
): { program: { runProgram(): Promise<void> }; code: "taken" | "rejected" | "none" } | undefined;
