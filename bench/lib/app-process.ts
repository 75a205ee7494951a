// The system under test, started as in production: `next build`, then `npm start` (scripts/run.ts:
// migrations on a fresh database file — or on a seeded one — then `next start`), with the local
// realtime server in a process of its own (the app is told REALTIME_SERVER=external, as the e2e
// suite does). The build directory is NEXT_DIST_DIR (default .next), as next.config.mjs and
// scripts/run.ts read it, so a bench can build beside other builds.
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import type { ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { Child } from "./ipc";
import { parentPid, processTree, spawnTracked, stop } from "./procs";
import type { RealtimeChildStats, RealtimeRequest } from "./realtime-child";

export const PUSHER_APP = { id: "100001", key: "ticks-local-key", secret: "ticks-local-secret" } as const;
const AUTH_SECRET = "bench-secret-not-for-production-0123456789";
const LOG_DIR = ".tmp";

/** Where `next build` writes and `next start` reads (next.config.mjs distDir). */
export const distDir = () => process.env.NEXT_DIST_DIR ?? ".next";

function run(command: string, args: string[], env: NodeJS.ProcessEnv, log: string): Promise<void> {
  mkdirSync(LOG_DIR, { recursive: true });
  const out = createWriteStream(`${LOG_DIR}/${log}`);
  const child = spawnTracked(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  return new Promise((resolve, reject) => {
    child.once("exit", (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${command} ${args.join(" ")} failed (${code}); see ${LOG_DIR}/${log}`)),
    );
  });
}

export async function buildApp(): Promise<number> {
  const started = performance.now();
  await run(
    "node_modules/.bin/next",
    ["build"],
    process.env,
    `bench-build${distDir().replace(/^\.next/, "")}.log`,
  );
  return Math.round(performance.now() - started);
}

export type RealtimeProcess = {
  pid: number;
  /** Where the app should send its triggers: the server, or the counting proxy in front of it. */
  apiPort: number;
  stats(): Promise<RealtimeChildStats>;
  close(): Promise<void>;
  /** kill -9 of the server's process group (the chaos soak's fault), resolved once it is gone. */
  kill(): Promise<void>;
};

/** Refuses a taken port up front: another server answering there would be measured instead. */
export function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", () =>
      reject(
        new Error(
          `port ${port} is in use (another bench or app?); pick others with --port / --realtime-port`,
        ),
      ),
    );
    probe.listen(port, () => probe.close(() => resolve()));
  });
}

/** With `countRequests`, the app's requests to the HTTP API are counted (pusher-counter.ts). */
export async function startRealtime(
  port: number,
  options: { countRequests?: boolean } = {},
): Promise<RealtimeProcess> {
  const child = new Child<RealtimeRequest>(new URL("./realtime-child.ts", import.meta.url).pathname, {
    ...process.env,
    PUSHER_PORT: String(port),
    PUSHER_APP_ID: PUSHER_APP.id,
    PUSHER_KEY: PUSHER_APP.key,
    PUSHER_SECRET: PUSHER_APP.secret,
    PUSHER_COUNT_REQUESTS: options.countRequests ? "1" : "0",
  });
  const apiPort = await new Promise<number>((resolve, reject) => {
    child.process.on("message", (m: { ready?: number; counterPort?: number }) => {
      if (m.ready) resolve(m.counterPort ?? m.ready);
    });
    child.process.once("exit", (code) =>
      reject(new Error(`realtime server exited (${code}); port ${port} taken?`)),
    );
  });
  return {
    pid: child.pid,
    apiPort,
    stats: () => child.call<RealtimeChildStats>({ type: "stats" }),
    close: async () => {
      await child.call({ type: "close" }).catch(() => undefined);
      await stop(child.process);
    },
    kill: () => killGroup(child.process),
  };
}

/** SIGKILL to a process group this bench started (spawned detached), then wait for its leader. */
async function killGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    child.kill("SIGKILL");
  }
  await exited;
}

export type AppProcess = {
  /**
   * What serves requests, for CPU and memory readings: the process of npm start (scripts/run.ts)
   * whose tree is its `next start` processes (WEB_CONCURRENCY of them, scripts/workers.ts) — the
   * cluster primary that hands them connections belongs to the serving too.
   */
  pid: number;
  /** The `next start` processes themselves. */
  servers: number[];
  url: string;
  /** Milliseconds from spawning `npm start` until /api/health answered ok. */
  startMs: number;
  close(): Promise<void>;
  /** kill -9 of npm start's whole process group (the Next server with it), resolved once it is gone. */
  kill(): Promise<void>;
};

/**
 * `npm start` as production runs it: scripts/run.ts migrates (and sets WAL), then `next start`.
 * On a fresh database file unless `database` names one (a seeded copy: migrating it is a no-op).
 * With `cpuProfile`, the Next server runs under V8's CPU profiler and writes its profile into
 * .next-profiles/ when it stops (profile.ts takes it from there).
 */
export async function startApp(input: {
  port: number;
  realtimePort: number;
  database?: string;
  cpuProfile?: boolean;
  /** Where its output goes, appended (default: .tmp/bench-app-<port>.log, written afresh). */
  logFile?: string;
  /** false: no Pusher settings, so the app runs with live updates off (it publishes nothing). */
  liveUpdates?: boolean;
}): Promise<AppProcess> {
  mkdirSync(LOG_DIR, { recursive: true });
  const db = input.database ?? `${LOG_DIR}/bench-${input.port}.db`;
  if (!input.database)
    for (const suffix of ["", "-journal", "-wal", "-shm"]) rmSync(db + suffix, { force: true });
  const url = `http://127.0.0.1:${input.port}`;
  // Next's own profiler (what `next start --experimental-cpu-prof` turns on): V8's sampling
  // profiler in each server process from its first line, saved on exit into .next-profiles/, one
  // file per process (scripts/run.ts names them). (Node refuses --cpu-prof in NODE_OPTIONS, and
  // the servers are grandchildren of npm start.)
  const profiling = input.cpuProfile ? { NEXT_CPU_PROF: "1" } : {};
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(input.port),
    DATABASE_URL: db.startsWith("/") ? `file:${db}` : `file:./${db}`,
    AUTH_SECRET,
    AUTH_URL: url,
    PUSHER_HOST: "127.0.0.1",
    PUSHER_PORT: String(input.realtimePort),
    PUSHER_APP_ID: PUSHER_APP.id,
    PUSHER_KEY: PUSHER_APP.key,
    PUSHER_SECRET: PUSHER_APP.secret,
    REALTIME_SERVER: "external",
    NEXT_TELEMETRY_DISABLED: "1",
    // A load test sends far faster than any person: lift the per-user send limit's threshold (the
    // limiter itself still runs, so its cost is measured).
    RATE_LIMIT_SENDS_PER_10S: "1000000000",
    ...profiling,
  };
  if (input.liveUpdates === false)
    for (const name of Object.keys(env)) if (name.startsWith("PUSHER_")) delete env[name];
  const logFile = input.logFile ?? `${LOG_DIR}/bench-app-${input.port}.log`;
  const log = createWriteStream(logFile, { flags: input.logFile ? "a" : "w" });
  const started = performance.now();
  const child = spawnTracked("node_modules/.bin/tsx", ["scripts/run.ts", "start"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const exited = new Promise<never>((_, reject) =>
    child.once("exit", (code) => reject(new Error(`npm start exited (${code}); see ${logFile}`))),
  );
  await Promise.race([waitForHealth(url, input.liveUpdates === false ? "off" : "ok"), exited]);
  const startMs = Math.round(performance.now() - started);
  const servers = findNextServers(child.pid!);
  const pid = parentPid(servers[0]!);
  // A profiled server writes its profile on the way out: give it time before SIGKILL.
  return {
    pid,
    servers,
    url,
    startMs,
    close: async () => {
      const graceMs = input.cpuProfile ? 30_000 : 5000;
      await stop(child, graceMs);
      // The port is free, and a profile written, only once the servers themselves are gone.
      for (const server of servers) {
        await waitForExit(server, graceMs);
        if (existsSync(`/proc/${server}`)) {
          process.kill(server, "SIGKILL");
          await waitForExit(server, 5000);
        }
      }
    },
    kill: async () => {
      await killGroup(child);
      for (const server of servers) await waitForExit(server, 5000);
    },
  };
}

async function waitForExit(pid: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (existsSync(`/proc/${pid}`) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
}

/**
 * run.ts (under tsx) starts Next's servers as its children: the processes whose title Next sets to
 * next-server. All of them, once every one has started (WEB_CONCURRENCY, or one per core up to 4).
 */
function findNextServers(root: number): number[] {
  const servers = processTree(root).filter((pid) => {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8");
      return cmd.startsWith("next-server") || /next\/dist\/bin\/next\0start/.test(cmd);
    } catch {
      return false; // exited meanwhile
    }
  });
  if (servers.length === 0) throw new Error("could not find the next-server processes under npm start");
  return servers;
}

async function waitForHealth(url: string, realtime: "ok" | "off"): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const health = await fetch(`${url}/api/health`)
      .then((r) => r.json() as Promise<{ ok: boolean; realtime: string }>)
      .catch(() => null);
    if (health?.ok && health.realtime === realtime) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url}/api/health did not report ok within 60 s`);
}
