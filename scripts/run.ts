// `npm run dev` / `npm start`: migrate (and in dev, seed), start the local Pusher-protocol server
// when the Pusher settings are the local defaults and the local object store when the S3 settings
// are, then Next. One Ctrl-C stops everything.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { createClient } from "@libsql/client";
import { appSettingsFromEnv, startRealtimeServer, type RealtimeServer } from "@/realtime-server/src";
import type { StorageServer } from "@/storage-server/src";
import { defaultConcurrency, startWorkers } from "./workers";

// lib/server refuses to load outside a server environment (`import "server-only"`, which only
// React's server condition lets through). This script is server code, so it runs under that
// condition — `npm run dev`/`npm start` give it; a plain `tsx scripts/run.ts` re-runs itself with it.
if (!process.execArgv.includes("--conditions=react-server")) {
  const child = spawn(
    process.execPath,
    [...process.execArgv, "--conditions=react-server", ...process.argv.slice(1)],
    { stdio: "inherit" },
  );
  // Whoever stops this process stops the real one (and its Next and realtime servers) with it.
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  child.on("exit", (code) => process.exit(code ?? 1));
  await new Promise(() => {});
}
const {
  checkEnvironment,
  env,
  formatProblems,
  pusherServerConfig,
  storageConfig,
  usesLocalRealtimeServer,
  usesLocalStorageServer,
} = await import("@/lib/server/env");

const mode = process.argv[2];
if (mode !== "dev" && mode !== "start") {
  console.error("usage: tsx scripts/run.ts dev|start");
  process.exit(2);
}
if (existsSync(".env")) process.loadEnvFile(".env");

if (mode === "start") (process.env as Record<string, string>).NODE_ENV = "production";

// Fail early, once, with every problem listed (lib/server/env.ts holds the rules) — before anything else,
// so a misconfigured deployment hears about all of its settings, not one per restart. Warnings
// (e.g. live updates off) are left to the Next server's instrumentation.ts, which says them once.
const { errors } = checkEnvironment();
if (errors.length > 0) {
  console.error(formatProblems(errors));
  process.exit(1);
}
if (mode === "start" && !existsSync(`${process.env.NEXT_DIST_DIR ?? ".next"}/BUILD_ID`)) {
  console.error("No production build found: run `npm run build` first.");
  process.exit(1);
}

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { stdio: "inherit", env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run("npx", ["prisma", "migrate", "deploy"]);
await enableWriteAheadLog(env().DATABASE_URL);
if (mode === "dev") run("npx", ["tsx", "--conditions=react-server", "prisma/seed.ts"]);

let realtime: RealtimeServer | undefined;
const local = usesLocalRealtimeServer() ? pusherServerConfig() : null;
// REALTIME_SERVER=external: you run it yourself (`npm run realtime`, or the e2e suite does).
// Production never defaults to it: `npm start` runs it only when .env (e.g. a copy of
// .env.example) names the local app and host explicitly.
if (local && process.env.REALTIME_SERVER !== "external") {
  const { appId, key, secret, host, port } = local;
  // What the README asks of a production Pusher app, unless .env says otherwise: watchlist events
  // (online dots) and the channel_vacated webhook to this app ("last seen").
  const settings = appSettingsFromEnv({
    REALTIME_WATCHLIST_EVENTS: "true",
    REALTIME_WEBHOOK_URLS: `http://127.0.0.1:${process.env.PORT ?? 3000}/api/pusher/webhooks`,
    REALTIME_WEBHOOK_EVENTS: "channel_vacated",
    ...process.env,
  });
  realtime = await startRealtimeServer({
    host,
    port: Number(port),
    apps: [{ id: appId, key, secret, ...settings }],
  }).catch((error: unknown) => {
    const inUse = (error as { code?: string }).code === "EADDRINUSE";
    console.error(
      inUse
        ? `Port ${port} is taken (another \`npm run dev\` or \`npm run realtime\`?). Stop it, set ` +
            "PUSHER_PORT to a free port, or set REALTIME_SERVER=external to use the one running."
        : error,
    );
    process.exit(1);
  });
  console.log(`realtime server on ${realtime.url}`);
}

let storage: StorageServer | undefined;
const store = usesLocalStorageServer() ? storageConfig() : null;
// STORAGE_SERVER=external: you run it yourself (`npm run storage`, or the e2e suite does). As with
// the realtime server, production runs it only when .env names the local store explicitly.
if (store?.endpoint && process.env.STORAGE_SERVER !== "external") {
  const { startStorageServer } = await import("@/storage-server/src");
  const { hostname, port } = new URL(store.endpoint);
  const directory = process.env.STORAGE_DIR ?? ".tmp/storage";
  mkdirSync(directory, { recursive: true });
  storage = await startStorageServer({ ...store, host: hostname, port: Number(port), directory }).catch(
    (error: unknown) => {
      const inUse = (error as { code?: string }).code === "EADDRINUSE";
      console.error(
        inUse
          ? `Port ${port} is taken (another \`npm run dev\` or \`npm run storage\`?). Stop it, set ` +
              "S3_ENDPOINT to a free port, or set STORAGE_SERVER=external to use the one running."
          : error,
      );
      process.exit(1);
    },
  );
  console.log(`storage server (S3 API) on ${storage.url}, files in ${directory}`);
}

// `next dev`: one process (it compiles as you edit). `next start`: WEB_CONCURRENCY processes sharing
// the port (./workers.ts says why). Next's own binary, not `npx next`: signals must reach the
// server itself, or a stopped `npm run dev` can leave an orphan serving on the port.
// `next start` keeps idle keep-alive sockets 65 s, as the realtime server does: Node closes them
// after 5 s, and a client (a load balancer, Playwright's own request client) that reuses one just
// then gets ECONNRESET for a request that never arrived. Longer than any client's pool holds one.
let stopNext: () => Promise<void>;
let nextExited: Promise<number>;
if (mode === "dev") {
  const next = spawn("node_modules/.bin/next", ["dev"], { stdio: "inherit", env: process.env });
  nextExited = new Promise((resolve) => next.on("exit", (code) => resolve(code ?? 0)));
  stopNext = async () => void next.kill("SIGTERM");
} else {
  const count = env().WEB_CONCURRENCY ?? defaultConcurrency();
  const profiling = Boolean(process.env.NEXT_CPU_PROF);
  const workers = startWorkers({
    exec: "node_modules/next/dist/bin/next",
    args: ["start", "--keepAliveTimeout", "65000"],
    count,
    // Under Next's CPU profiler (NEXT_CPU_PROF: the bench's --profile) each process writes its
    // profile as it stops, named by the second: give each its own name, or one overwrites another,
    // and the time to write it.
    env: (n) =>
      profiling
        ? { ...process.env, __NEXT_PRIVATE_CPU_PROFILE: `cpu-profile-${process.env.PORT}-${n}` }
        : process.env,
    stopGraceMs: profiling ? 30_000 : undefined,
  });
  console.log(`web processes: ${count} (WEB_CONCURRENCY)`);
  nextExited = workers.exited;
  stopNext = workers.stop;
}

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  await stopNext();
  await Promise.all([realtime?.close(), storage?.close()]);
  process.exit(code);
}
// Repeats are ignored: one Ctrl-C reaches this process more than once (from the terminal, and
// passed on by tsx and by the re-run above), and the servers get their time to finish.
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));
void nextExited.then((code) => stop(code));

/**
 * A local SQLite file in WAL mode: readers never wait for the writer (nor block it), so a burst of
 * sends doesn't stall the acks and page loads around it. The mode is stored in the file.
 */
async function enableWriteAheadLog(url: string) {
  if (!url.startsWith("file:")) return;
  const client = createClient({ url });
  try {
    await client.execute("PRAGMA journal_mode = WAL");
  } finally {
    client.close();
  }
}
