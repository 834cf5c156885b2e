/**
 * Time limits that count only the time the grader was free to hear the child. The grader grades
 * several learners on one event loop: while it is busy with one learner's work (a reference run,
 * a check over a big result), another learner's child may well have answered, its result waiting
 * in the pipe unread. A wall-clock timer would then blame that child for the grader's own delay.
 * So a limit is counted in the event loop's idle time (`performance.eventLoopUtilization`): when
 * the timer fires early in those terms it is set again for what is left, and when the time is up
 * the loop gets one more turn, in which anything already in the pipe is read, before the verdict.
 */
import { performance } from "node:perf_hooks";

/**
 * Calls `expire` once the event loop has been idle for `ms` milliseconds in all since now (`ms`
 * may grow while it runs: a function is asked again at each check), unless the returned function
 * is called first (which cancels it). When the time is up, `stretch` is asked first: resolving
 * to true, it has made `ms` longer (a limit worked out only once it can matter), and the wait
 * goes on from when it resolved.
 */
export function afterIdle(
  ms: number | (() => number),
  expire: () => void,
  stretch?: () => Promise<boolean>,
): () => void {
  const start = performance.eventLoopUtilization();
  const allowed = typeof ms === "number" ? () => ms : ms;
  let timer: NodeJS.Timeout | undefined;
  let immediate: NodeJS.Immediate | undefined;
  let cancelled = false;
  const left = () => allowed() - performance.eventLoopUtilization(start).idle;
  const wait = (rest: number) => {
    timer = setTimeout(check, Math.max(1, Math.ceil(rest)));
  };
  const check = () => {
    const rest = left();
    if (rest > 0) return wait(rest);
    if (!stretch) return end();
    stretch().then(
      (longer) => {
        if (cancelled) return;
        const more = longer ? left() : 0;
        if (more > 0) wait(more);
        else end();
      },
      () => {
        if (!cancelled) end();
      },
    );
  };
  // One more turn of the loop: a result already in the pipe is read before this runs.
  const end = () => {
    immediate = setImmediate(expire);
  };
  timer = setTimeout(check, allowed());
  return () => {
    cancelled = true;
    clearTimeout(timer);
    if (immediate) clearImmediate(immediate);
  };
}
