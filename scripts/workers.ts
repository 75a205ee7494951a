// `npm start`'s web processes: `next start` in WEB_CONCURRENCY processes (Node's cluster module)
// that share one port. One Node process serves on one core, and a send spends most of its time in
// HTTP and Next's own request handling, not in the database (README, "Benchmark"), so one process
// per core is what lets a self-hosted server use its machine. Each process is an ordinary
// `next start`: the cluster module hands it connections on the shared port (round robin, by the
// primary: this process). Everything the app keeps in memory is a cache or a batcher that is
// correct per process, as on a serverless host where every instance is a process of its own
// (docs/architecture.md, "Processes").
import cluster, { type Worker } from "node:cluster";
import { availableParallelism } from "node:os";

/**
 * The default: one process per core, at most 4. A local SQLite file has one writer at a time, so
 * past a few processes more of them mostly wait for its lock; with Turso, set WEB_CONCURRENCY.
 */
export const defaultConcurrency = (cores = availableParallelism()) => Math.max(1, Math.min(cores, 4));

/** A process that exits within this long of starting isn't replaced: it would only fail again. */
const MIN_UPTIME_MS = 10_000;
/** How long stop() waits for the processes to finish their requests before it kills them. */
const STOP_GRACE_MS = 10_000;

export type WebWorkers = {
  /** The processes' ids, as they are now (a process that died and was replaced has a new one). */
  pids(): number[];
  /** SIGTERM to every process, SIGKILL to any left after the grace; resolves once all are gone. */
  stop(): Promise<void>;
  /** Resolves with an exit code once the processes are gone for good (stopped, or failing to start). */
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
  /** Test seam: how long a process must have lived to be replaced when it exits. */
  minUptimeMs?: number;
}): WebWorkers {
  const log = input.log ?? ((line: string) => console.log(line));
  const minUptimeMs = input.minUptimeMs ?? MIN_UPTIME_MS;
  // execArgv: none of this script's own flags (tsx's loader, the react-server condition): each
  // process is `next start` exactly as it would be run by hand.
  cluster.setupPrimary({ exec: input.exec, args: input.args, execArgv: [] });
  const started = new Map<Worker, number>();
  let stopping = false;
  let exitCode = 0;
  let finish: (code: number) => void = () => {};
  const exited = new Promise<number>((resolve) => (finish = resolve));

  let forked = 0;
  const fork = () => started.set(cluster.fork(input.env?.(++forked) ?? process.env), Date.now());
  const live = () => [...started.keys()].filter((w) => !w.isDead());

  cluster.on("exit", (worker, code, signal) => {
    const since = started.get(worker);
    if (since === undefined) return;
    started.delete(worker);
    if (stopping) {
      if (started.size === 0) finish(exitCode);
      return;
    }
    const how = signal ? `signal ${signal}` : `code ${code}`;
    if (Date.now() - since >= minUptimeMs) {
      log(`web process ${worker.process.pid} exited (${how}); starting another`);
      fork();
      return;
    }
    // It failed as it started (the port taken, a broken build): so would any replacement.
    log(`web process ${worker.process.pid} exited (${how}) as it started; stopping`);
    exitCode = code || 1;
    void stop();
  });

  async function stop(): Promise<void> {
    stopping = true;
    const workers = live();
    if (workers.length === 0) {
      finish(exitCode);
      return;
    }
    const gone = Promise.all(
      workers.map(
        (w) => new Promise<void>((resolve) => (w.isDead() ? resolve() : w.once("exit", () => resolve()))),
      ),
    );
    for (const w of workers) w.process.kill("SIGTERM");
    const timer = setTimeout(() => {
      for (const w of live()) w.process.kill("SIGKILL");
    }, STOP_GRACE_MS);
    await gone;
    clearTimeout(timer);
  }

  for (let i = 0; i < input.count; i++) fork();
  return {
    pids: () => live().map((w) => w.process.pid!),
    stop,
    exited,
  };
}
