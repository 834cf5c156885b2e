/**
 * The one error type commands throw to end the program; the CLI entry point turns it into a
 * message on stderr and an exit code. Anything else that escapes is a bug of gradecheck.
 */
export class ExitError extends Error {
  override name = "ExitError";
  constructor(
    readonly exitCode: ExitCode,
    message: string,
  ) {
    super(message);
  }
}

/** 0: done. 1: ran, and what was checked failed. 2: could not run at all (arguments, inputs). */
export type ExitCode = 0 | 1 | 2;

/**
 * Whether `error` is an ExitError, also one from another copy of this module: the train command
 * runs from its source when the rest runs from the build (grader/core/modules.ts).
 */
export function isExitError(error: unknown): error is ExitError {
  return (
    error instanceof ExitError ||
    (error instanceof Error &&
      error.name === "ExitError" &&
      typeof (error as Partial<ExitError>).exitCode === "number")
  );
}
