// Every process the bench starts goes through here, so all of them are stopped on any exit path
// (success, error, Ctrl-C), and their CPU time and memory can be read from /proc.
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";

const started = new Set<ChildProcess>();

/**
 * Spawns in its own process group (detached), so stopping it also stops whatever it started
 * (e.g. Next's own workers) by signalling the group this bench created, and nothing else.
 */
export function spawnTracked(command: string, args: string[], options: SpawnOptions): ChildProcess {
  const child = spawn(command, args, { ...options, detached: true });
  track(child);
  return child;
}

export function track(child: ChildProcess): ChildProcess {
  started.add(child);
  child.once("exit", () => started.delete(child));
  return child;
}

function signal(child: ChildProcess, sig: NodeJS.Signals) {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, sig); // its group: only exists when spawned detached
  } catch {
    try {
      child.kill(sig);
    } catch {
      // already gone
    }
  }
}

/** SIGTERM, then SIGKILL after a grace period. */
export async function stop(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  signal(child, "SIGTERM");
  const timer = setTimeout(() => signal(child, "SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

export async function stopAll(): Promise<void> {
  await Promise.all([...started].map((c) => stop(c)));
}

let installed = false;
/** Stops every tracked process however this one ends. */
export function installCleanup(): void {
  if (installed) return;
  installed = true;
  // Last resort when the event loop is gone: no waiting possible, so straight to SIGKILL.
  process.on("exit", () => {
    for (const child of started) signal(child, "SIGKILL");
  });
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(sig, () => {
      console.error(`\n${sig}: stopping everything the bench started…`);
      void stopAll().finally(() => process.exit(130));
    });
  }
}

const CLOCK_TICKS = 100; // sysconf(_SC_CLK_TCK) on Linux (checked with `getconf CLK_TCK`)

/** A process and all its descendants, via /proc/<pid>/task/<tid>/children. */
export function processTree(pid: number): number[] {
  const all = [pid];
  for (let i = 0; i < all.length; i++) {
    const p = all[i]!;
    try {
      for (const task of readdirSync(`/proc/${p}/task`)) {
        const text = readFileSync(`/proc/${p}/task/${task}/children`, "utf8").trim();
        if (text) all.push(...text.split(/\s+/).map(Number));
      }
    } catch {
      // exited meanwhile
    }
  }
  return all;
}

/** /proc/<pid>/stat's fields after the command name (which may contain spaces: it ends at the last ')'). */
function statFields(pid: number): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
}

/** The parent of a process. */
export const parentPid = (pid: number) => Number(statFields(pid)[1]); // ppid (field 4)

/** User + system CPU time of a process tree, in milliseconds. */
export function cpuMs(pid: number): number {
  let ticks = 0;
  for (const p of processTree(pid)) {
    try {
      const fields = statFields(p);
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
    } catch {
      // exited meanwhile
    }
  }
  return (ticks * 1000) / CLOCK_TICKS;
}

function statusKb(pid: number, field: string): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(
      readFileSync(`/proc/${pid}/status`, "utf8"),
    );
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** Peak resident memory of a process tree (sum of each process's VmHWM), in MB. */
export function peakRssMb(pid: number): number {
  return processTree(pid).reduce((sum, p) => sum + statusKb(p, "VmHWM"), 0) / 1024;
}

export function rssMb(pid: number): number {
  return processTree(pid).reduce((sum, p) => sum + statusKb(p, "VmRSS"), 0) / 1024;
}

/**
 * Resets the peak-RSS counter (writing 5 to clear_refs, Linux ≥ 4.0), so each scenario reports its
 * own peak rather than the process's lifetime one. False where that isn't allowed.
 */
export function resetPeakRss(pid: number): boolean {
  let ok = true;
  for (const p of processTree(pid)) {
    try {
      writeFileSync(`/proc/${p}/clear_refs`, "5");
    } catch {
      ok = false;
    }
  }
  return ok;
}

/** CPU time of a process tree from now on: call the answer for the milliseconds used since. */
export function cpuSince(pid: number): () => number {
  const start = cpuMs(pid);
  return () => cpuMs(pid) - start;
}

/** CPU milliseconds over wall milliseconds, as a percentage of one core (one decimal). */
export const percentOfOneCore = (cpu: number, wallMs: number) => Math.round((cpu / wallMs) * 1000) / 10;

/** CPU time and peak memory of one process tree over one scenario. */
export class ResourceMeter {
  private cpu: () => number = () => 0;
  private peakResettable = false;
  constructor(readonly pid: number) {}

  start(): void {
    this.peakResettable = resetPeakRss(this.pid);
    this.cpu = cpuSince(this.pid);
  }

  read(wallMs: number) {
    const cpu = this.cpu();
    return {
      cpuMs: Math.round(cpu),
      cpuPercentOfOneCore: percentOfOneCore(cpu, wallMs),
      peakRssMb: Math.round(peakRssMb(this.pid) * 10) / 10,
      peakIsPerScenario: this.peakResettable,
    };
  }
}
