/**
 * Thrown by every function of a learner's stub until the learner writes it. The grader reports it
 * as "not implemented yet" rather than as a crash.
 */
export class NotImplementedError extends Error {
  override name = "NotImplementedError";
  constructor(readonly functionName: string) {
    super(`${functionName} is not implemented yet`);
  }
}
