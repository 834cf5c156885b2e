/**
 * On a terminal, a wait is never silent: a test still running after a while is named, once, so a
 * learner whose code hangs sees which test is waiting (and that it has a limit) instead of nothing.
 */
import type { GradeOptions } from "../pipeline/grade.ts";

type ProgressEvent = Parameters<NonNullable<GradeOptions["progress"]>>[0];

/**
 * A `progress` listener that writes a line about each test still running after `afterMs`; tests
 * that run alongside each other (the end-to-end one and the rest) are timed each on its own.
 */
export function slowTestNotice(
  write: (line: string) => void,
  afterMs = 2000,
): (event: ProgressEvent) => void {
  const timers = new Map<string, NodeJS.Timeout>();
  return (event) => {
    const { fn, test } = event;
    clearTimeout(timers.get(test.id));
    timers.delete(test.id);
    if (event.state !== "started") return;
    const timer = setTimeout(
      () =>
        write(`… still running ${fn}: ${test.name} (${test.id}), more than ${afterMs / 1000} s`),
      afterMs,
    );
    // Nothing else to do should not keep the process alive for this line.
    timer.unref();
    timers.set(test.id, timer);
  };
}
