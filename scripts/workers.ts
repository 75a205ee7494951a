// `npm start`'s web processes: `next start` in WEB_CONCURRENCY processes (Node's cluster module)
// that share one port. One Node process serves on one core, and a send spends most of its time in
// HTTP and Next's own request handling, not in the database (README, "Benchmarks"), so one process
// per core is what lets a self-hosted server use its machine. Each process is an ordinary
// `next start`: the cluster module hands it connections on the shared port (on Linux the primary,
// this process, deals them in turn). Everything the app keeps in memory is a cache or a batcher
// that is correct per process, as on a serverless host where every instance is a process of its
// own (docs/architecture.md, "Processes").
import cluster, { type Worker } from "node:cluster";
import { availableParallelism, constants } from "node:os";

/**
 * The default: one process per core, at most 4. A local SQLite file has one writer at a time, so
 * past a few processes more of them mostly wait for its lock; with Turso, set WEB_CONCURRENCY.
 */
export const defaultConcurrency = (cores = availableParallelism()) => Math.max(1, Math.min(cores, 4));

/**
 * A process that dies is replaced, unless processes are dying faster than they can serve: more
 * than two per process within this window (a taken port, a broken build, a request that kills
 * every process it reaches). Then npm start stops with the last one's exit code, and whatever
 * supervises it (systemd, a container's restart policy) takes over.
 */
const DEATH_WINDOW_MS = 60_000;
/** How long stop() waits for the processes to finish their requests before it kills them. */
const STOP_GRACE_MS = 10_000;

export type WebWorkers = {
  /** The processes' ids, as they are now (a process that died and was replaced has a new one). */
  pids(): number[];
  /** SIGTERM to every process, SIGKILL to any left after the grace; resolves once all are gone. */
  stop(): Promise<void>;
  /** Resolves with an exit code once the processes are gone for good (stopped, or dying too fast). */
  exited: Promise<number>;
};

export function startWorkers(input: {
  /** The program each process runs (Next's own binary) and its arguments. */
  exec: string;
  args: string[];
  count: number;
  /** Each process's environment, by its number (1, 2, …; a replacement gets the next one). */
  env?: (n: number) => NodeJS.ProcessEnv;
  log?: (line: string) => void;
  /** How long stop() lets the processes finish (a profiled server writes its profile as it stops). */
  stopGraceMs?: number;
}): WebWorkers {
  const log = input.log ?? ((line: string) => console.log(line));
  // execArgv: none of this script's own flags (tsx's loader, the react-server condition): each
  // process is `next start` exactly as it would be run by hand.
  cluster.setupPrimary({ exec: input.exec, args: input.args, execArgv: [] });
  const live = new Set<Worker>();
  const deaths: number[] = [];
  let stopping = false;
  let exitCode = 0;
  let forked = 0;
  let finish: (code: number) => void = () => {};
  const exited = new Promise<number>((resolve) => (finish = resolve));

  // WEB_PROCESS: the process's number, so that what is said once per server is said by one of
  // them (lib/server/startup.ts).
  const fork = () => {
    const n = ++forked;
    const worker = cluster.fork({ ...(input.env?.(n) ?? process.env), WEB_PROCESS: String(n) });
    live.add(worker);
    // A failed signal or IPC message: said, never thrown (unhandled, it would stop every process).
    worker.on("error", (error) => log(`web process ${worker.process.pid}: ${String(error)}`));
    worker.once("exit", (code, signal) => exitedOne(worker, code, signal));
  };

  function exitedOne(worker: Worker, code: number | null, signal: string | null) {
    live.delete(worker);
    if (stopping) {
      if (live.size === 0) finish(exitCode);
      return;
    }
    const now = Date.now();
    deaths.push(now);
    while (deaths[0]! < now - DEATH_WINDOW_MS) deaths.shift();
    const how = signal ? `signal ${signal}` : `code ${code}`;
    if (deaths.length <= 2 * input.count) {
      log(`web process ${worker.process.pid} exited (${how}); starting another`);
      fork();
      return;
    }
    log(`web processes keep exiting (the last: ${how}); stopping`);
    // As a shell reports it: the code, or 128 + the signal's number.
    exitCode = (signal ? 128 + (constants.signals[signal as NodeJS.Signals] ?? 0) : code) || 1;
    void stop();
  }

  async function stop(): Promise<void> {
    stopping = true;
    const workers = [...live];
    if (workers.length === 0) {
      finish(exitCode);
      return;
    }
    const gone = Promise.all(
      workers.map((w) => new Promise<void>((resolve) => w.once("exit", () => resolve()))),
    );
    for (const w of workers) w.process.kill("SIGTERM");
    const timer = setTimeout(() => {
      for (const w of live) w.process.kill("SIGKILL");
    }, input.stopGraceMs ?? STOP_GRACE_MS);
    await gone;
    clearTimeout(timer);
  }

  for (let i = 0; i < input.count; i++) fork();
  return { pids: () => [...live].map((w) => w.process.pid!), stop, exited };
}
