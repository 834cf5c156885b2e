/**
 * Where a command's CPU time goes: the command and every process it starts (the grader, its
 * sandboxed children, the type checker, esbuild), read from Linux's /proc every few milliseconds
 * while it runs, summed by kind of process. A process that starts and ends between two readings
 * is missed, and so is what one spends after the last reading: the figures are a floor.
 * Without /proc (not Linux), the command runs and no shares are given.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { START_MODULE } from "../grader/sandbox/protocol.ts";

export interface CpuShare {
  kind: string;
  seconds: number;
  processes: number;
}

export interface Measured {
  status: number | null;
  stderr: string;
  wallSeconds: number;
  /** By kind, largest first; empty without /proc. */
  shares: CpuShare[];
}

/** Linux counts CPU time in clock ticks of 1/100 s (USER_HZ) on every architecture it runs on. */
const TICKS_PER_SECOND = 100;
const INTERVAL_MS = 5;

/** The kind of process a command line belongs to. */
export function kindOf(commandLine: string): string {
  // First: a launcher's command line holds the child's whole command line.
  if (/^\S*\b(unshare|setsid|sh|prlimit) /.test(commandLine)) return "launchers (unshare, setsid)";
  if (commandLine.includes(START_MODULE)) return "sandboxed children";
  if (/\/tsc( |$)/.test(commandLine)) return "type checker (tsc)";
  if (commandLine.includes("esbuild")) return "esbuild";
  return "grader";
}

interface Seen {
  ticks: number;
  commandLine: string;
}

/** Parent pid and CPU ticks (user + system) of a process, or undefined once it is gone. */
function statOf(pid: string): { parent: string; ticks: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The fields after the command name, which may itself hold spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { parent: fields[1] as string, ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined;
  }
}

/** Undefined also while it has none to show: during an exec, and once it has ended (a zombie). */
function commandLineOf(pid: string): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Runs `file args` to its end, reading the CPU of it and its descendants as it goes. */
export function measureCommand(file: string, args: string[]): Promise<Measured> {
  const start = performance.now();
  const child = spawn(file, args, { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const family = new Set<string>(child.pid === undefined ? [] : [String(child.pid)]);
  // Processes already found to be none of the command's, not read again: reading every process
  // at each turn would cost the cores the command is using.
  const strangers = new Set<string>();
  const seen = new Map<string, Seen>();
  const withProc = existsSync("/proc/self/stat");
  const read = () => {
    for (const pid of readdirSync("/proc")) {
      if (!/^\d+$/.test(pid) || strangers.has(pid)) continue;
      const stat = statOf(pid);
      if (!stat) continue;
      if (!family.has(pid)) {
        if (!family.has(stat.parent)) {
          strangers.add(pid);
          continue;
        }
        family.add(pid);
      }
      // Read again each time: a process just forked still shows its parent's command line.
      const commandLine = commandLineOf(pid) ?? seen.get(pid)?.commandLine ?? "";
      seen.set(pid, { ticks: stat.ticks, commandLine });
    }
  };
  const timer = withProc ? setInterval(read, INTERVAL_MS) : undefined;
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (status) => {
      if (timer) clearInterval(timer);
      const byKind = new Map<string, CpuShare>();
      for (const { ticks, commandLine } of seen.values()) {
        const kind = kindOf(commandLine);
        const share = byKind.get(kind) ?? { kind, seconds: 0, processes: 0 };
        share.seconds += ticks / TICKS_PER_SECOND;
        share.processes += 1;
        byKind.set(kind, share);
      }
      resolve({
        status,
        stderr,
        wallSeconds: (performance.now() - start) / 1000,
        shares: [...byKind.values()].sort((a, b) => b.seconds - a.seconds),
      });
    });
  });
}

/** The shares as lines: seconds per unit of work (a submission), and what the cores allow. */
export function formatShares(shares: CpuShare[], units: number, unitName: string): string[] {
  if (shares.length === 0) return ["  CPU by process: not measured here (no /proc)"];
  const total = shares.reduce((sum, share) => sum + share.seconds, 0);
  const cores = availableParallelism();
  return [
    `  CPU by kind of process, per ${unitName} (read from /proc; a floor):`,
    ...shares.map(
      (share) =>
        `    ${share.kind.padEnd(28)} ${(share.seconds / units).toFixed(2)} s  (${((100 * share.seconds) / total).toFixed(0)}%, ${share.processes} processes in all)`,
    ),
    `    ${"all".padEnd(28)} ${(total / units).toFixed(2)} s: ${cores} cores allow at most ${((cores * units) / total).toFixed(2)} ${unitName}s/s`,
  ];
}
