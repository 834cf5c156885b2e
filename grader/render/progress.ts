/**
 * Batch progress, worded: done/total, rate, time left, failures so far. Pure; the command prints
 * it as a line per submission, or redraws one bar on a terminal.
 */
export interface Progress {
  done: number;
  total: number;
  seconds: number;
  failures: number;
}

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "?";
  const s = Math.round(seconds);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s` : `${s}s`;
}

export function progressText({ done, total, seconds, failures }: Progress): string {
  const rate = seconds > 0 ? done / seconds : 0;
  const left = rate > 0 ? (total - done) / rate : Number.POSITIVE_INFINITY;
  return `${done}/${total} · ${rate.toFixed(2)}/s · ${duration(left)} left · ${failures} could not be graded`;
}

/** A bar of `width` cells, then the text: `[#####.....] 5/10 · ...`. */
export function progressBar(progress: Progress, width = 24): string {
  const filled =
    progress.total === 0 ? width : Math.round((width * progress.done) / progress.total);
  return `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${progressText(progress)}`;
}
