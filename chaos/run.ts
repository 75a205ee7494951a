// `npm run chaos`: minutes of real chat while processes die and networks drop, then a check that
// nothing was lost and every client tells the truth. Starts the app as in production (the
// benchmark's app-process.ts) and the realtime server, makes the plan's people and chats, runs a
// client process per person (chaos-user.ts), carries out the seeded faults (faults.ts), waits for
// every client to match the database, then checks the invariants (checker.ts) and writes
// results/latest.{json,md}. Exits 1 on any violation, printing the seed to replay it.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import {
  assertPortFree,
  buildApp,
  distDir,
  PUSHER_APP,
  startApp,
  startRealtime,
} from "../bench/lib/app-process";
import { installCleanup, stopAll } from "../bench/lib/procs";
import {
  checkDelivery,
  checkMonotonic,
  checkSeqs,
  checkStatuses,
  diffClient,
  type Violation,
} from "./lib/checker";
import { Fleet } from "./lib/clients";
import { parseConfig, replayCommand } from "./lib/config";
import { runFaults, type Servers } from "./lib/faults";
import { FILES, type ClientConfig, type ClientDigest, type ObservationLine } from "./lib/protocol";
import { buildResults, writeResults, type ClientFiles } from "./lib/report";
import { makePlan } from "./lib/schedule";
import { readTruth, readWatermarks, type Truth } from "./lib/truth";
import { createWorld } from "./lib/world";

const step = (msg: string) =>
  console.log(`\x1b[2m[chaos ${new Date().toISOString().slice(11, 19)}]\x1b[0m ${msg}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<number> {
  installCleanup();
  const started = Date.now();
  const config = parseConfig(process.argv.slice(2));
  const plan = makePlan({
    seed: config.seed,
    durationMs: config.durationMs,
    users: config.users,
    rate: config.rate,
  });
  step(
    `seed ${config.seed}: ${plan.users} people, ${plan.conversations.length} chats, ${plan.sends.length} messages, ${plan.faults.length} faults over ${config.durationMs / 1000} s`,
  );
  if (config.skipBuild) {
    if (!existsSync(`${distDir()}/BUILD_ID`)) throw new Error(`--skip-build: no build in ${distDir()}`);
  } else {
    step(`next build (into ${distDir()})…`);
    await buildApp();
  }
  await assertPortFree(config.appPort);
  await assertPortFree(config.realtimePort);
  const runDir = `.tmp/chaos-${config.appPort}`;
  const database = `.tmp/chaos-${config.appPort}.db`;
  rmSync(runDir, { recursive: true, force: true });
  for (const suffix of ["", "-journal", "-wal", "-shm"]) rmSync(database + suffix, { force: true });
  mkdirSync(runDir, { recursive: true });
  const appLog = `${runDir}/app.log`;

  step(`realtime server on :${config.realtimePort}, app on :${config.appPort}…`);
  const realtime = await startRealtime(config.realtimePort);
  const app = await startApp({
    port: config.appPort,
    realtimePort: config.realtimePort,
    database,
    logFile: appLog,
  });
  const servers: Servers = {
    app,
    realtime,
    appPort: config.appPort,
    realtimePort: config.realtimePort,
    database,
    appLog,
  };
  let fleet: Fleet | undefined;
  try {
    const world = await createWorld(app.url, plan);
    const configs: ClientConfig[] = world.users.map((user, i) => ({
      dir: join(runDir, `client-${i}`),
      appUrl: app.url,
      realtimePort: config.realtimePort,
      key: PUSHER_APP.key,
      user,
      conversations: world.conversations.filter((c) => c.memberIds.includes(user.id)),
      sends: plan.sends
        .filter((s) => s.user === i)
        .map((s) => ({
          at: s.at,
          conversationId: world.conversations[s.conversation]!.id,
          body: `chaos ${config.seed} #${s.n}: a line of chat while things break.`,
        })),
      readDelayMs: plan.readers[i]!.delayMs,
      ignores: plan.readers[i]!.ignores.map((c) => world.conversations[c]!.id),
      retryTapMs: [2000, 6000],
      seed: config.seed,
    }));
    step(`starting ${configs.length} client processes…`);
    fleet = new Fleet(configs);
    await fleet.startAll();
    await waitFor(async () => (await fleet!.digests()).every((d) => d?.subscribed), 120_000);

    const startAt = Date.now() + 1000;
    await Promise.all(fleet.clients.map((c) => c.begin(startAt)));
    step(`running for ${config.durationMs / 1000} s…`);
    const dbObservations: ObservationLine[] = [];
    const poller = pollWatermarks(database, dbObservations);
    const faults = runFaults({
      faults: plan.faults,
      startAt,
      servers,
      fleet,
      log: step,
      catchUp: (clients) => catchUpAfterFault(fleet!, database, clients, config.settleMs),
    });
    await sleep(startAt + config.durationMs - Date.now());
    await fleet.each({ type: "stop-typing" });
    step("typing stopped; waiting for the last faults to end…");
    const done = await faults;
    const lastFaultEnd = Math.max(startAt + config.durationMs, ...done.map((f) => f.endedAt));

    step(
      `faults over: waiting (at most ${config.settleMs / 1000} s) for every client to match the database…`,
    );
    const convergence = await converge(fleet, database, lastFaultEnd, config.settleMs);
    poller.stop();
    await poller.done;

    step("checking…");
    await fleet.each({ type: "flush" });
    const truth = await readTruth(database);
    const digests = await fleet.digests();
    const views = await fleet.views();
    const files = configs.map((c) => readClientFiles(c));
    const violations: Violation[] = [
      ...checkSeqs(truth),
      ...checkDelivery(
        truth,
        files.map((f) => ({ userId: f.userId, journal: f.journal, answers: f.answers, outbox: f.outbox })),
      ),
      ...digests.flatMap((d, i) =>
        !d
          ? [{ rule: "view", detail: `client ${i} did not answer` }]
          : diffClient(truth, d).map((detail) => ({ rule: "view", detail: `client ${i}: ${detail}` })),
      ),
      ...checkBodies(truth, views),
      ...checkMonotonic([...dbObservations, ...files.flatMap((f) => f.observations)]),
      ...checkStatuses(files.flatMap((f) => f.requests)),
    ];
    const results = buildResults({
      config,
      plan,
      faults: done,
      truth,
      files,
      convergence,
      violations,
      dbObservations: dbObservations.length,
      startedAt: started,
      startAt,
      lastFaultEnd,
      appLog: countAppLog(appLog),
    });
    writeResults(config.outDir, results);
    if (violations.length) {
      console.error(`\n${violations.length} violation(s). Replay: ${replayCommand(config)}`);
      return 1;
    }
    step(`no violations (seed ${config.seed}).`);
    return 0;
  } finally {
    await fleet?.closeAll().catch(() => {});
    await servers.app.close().catch(() => {});
    await servers.realtime.close().catch(() => {});
    await stopAll();
  }
}

async function waitFor(ok: () => Promise<boolean>, maxMs: number) {
  const deadline = Date.now() + maxMs;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`not ready within ${maxMs / 1000} s`);
    await sleep(250);
  }
}

/** The members' watermarks, read from the database every second: each read is a point of truth. */
function pollWatermarks(database: string, into: ObservationLine[]) {
  let running = true;
  const done = (async () => {
    while (running) {
      const at = Date.now();
      const members = await readWatermarks(database).catch(() => []);
      for (const m of members) {
        const key = `${m.conversationId}|${m.userId}`;
        into.push({ source: "db", key, mark: "delivered", value: m.deliveredSeq, start: at, end: at });
        into.push({ source: "db", key, mark: "read", value: m.readSeq, start: at, end: at });
        into.push({ source: "db", key, mark: "public-read", value: m.publicReadSeq, start: at, end: at });
      }
      await sleep(1000);
    }
  })();
  return { stop: () => void (running = false), done };
}

export type Convergence = {
  settled: boolean;
  /** Per client: ms from the end of the last fault until its view first matched the database. */
  perClient: (number | null)[];
  /** Until every client matched at once. */
  allMs: number;
  lastDiffs: string[];
};

/** Polls every client's view against the database until all match at once (or time runs out). */
async function converge(fleet: Fleet, database: string, from: number, maxMs: number): Promise<Convergence> {
  const perClient: (number | null)[] = fleet.clients.map(() => null);
  let lastDiffs: string[] = [];
  while (Date.now() - from < maxMs) {
    const truth: Truth = await readTruth(database);
    const digests: (ClientDigest | null)[] = await fleet.digests();
    const diffs = digests.map((d) =>
      d ? diffClient(truth, d).concat(d.quiet ? [] : ["not quiet yet"]) : ["down"],
    );
    const now = Date.now();
    diffs.forEach((d, i) => {
      if (d.length === 0 && perClient[i] === null) perClient[i] = Math.max(0, now - from);
    });
    lastDiffs = diffs.flatMap((d, i) => d.slice(0, 3).map((x) => `client ${i}: ${x}`));
    if (diffs.every((d) => d.length === 0))
      return { settled: true, perClient, allMs: now - from, lastDiffs: [] };
    await sleep(1000);
  }
  return { settled: false, perClient, allMs: Date.now() - from, lastDiffs: lastDiffs.slice(0, 30) };
}

/**
 * After a fault is repaired: how long each affected client takes to hold every message the
 * database had at that moment (a check that holds under live traffic, unlike full equality).
 */
async function catchUpAfterFault(
  fleet: Fleet,
  database: string,
  clients: number[],
  capMs: number,
): Promise<(number | null)[]> {
  const from = Date.now();
  const truth = await readTruth(database).catch(() => null);
  if (!truth) return clients.map(() => null);
  const lastSeq = new Map(truth.conversations.map((c) => [c.id, c.lastSeq]));
  const result: (number | null)[] = clients.map(() => null);
  while (Date.now() - from < capMs && result.some((r) => r === null)) {
    await Promise.all(
      clients.map(async (i, k) => {
        if (result[k] !== null) return;
        const digest = await fleet
          .client(i)
          .call<ClientDigest>({ type: "digest" })
          .catch(() => null);
        const caughtUp = digest?.conversations.every((c) => {
          const want = lastSeq.get(c.id) ?? 0;
          return c.messages.filter(([seq]) => seq <= want).length === want;
        });
        if (caughtUp) result[k] = Date.now() - from;
      }),
    );
    await sleep(250);
  }
  return result;
}

/** Each message a client holds is the database's: same id, sender, clientId and text at that seq. */
function checkBodies(truth: Truth, views: Awaited<ReturnType<Fleet["views"]>>): Violation[] {
  const bySeq = new Map(truth.messages.map((m) => [`${m.conversationId}#${m.seq}`, m]));
  const out: Violation[] = [];
  for (const view of views) {
    for (const m of view.messages) {
      const t = bySeq.get(`${m.conversationId}#${m.seq}`);
      if (!t || t.id !== m.id || t.senderId !== m.senderId || t.clientId !== m.clientId || t.body !== m.body)
        out.push({
          rule: "view",
          detail: `${view.user} holds ${m.conversationId}#${m.seq} unlike the database`,
        });
    }
  }
  return out.slice(0, 50);
}

/** The app's structured log lines at warn or error, by level and message. */
function countAppLog(file: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of existsSync(file) ? readFileSync(file, "utf8").split("\n") : []) {
    if (!line.startsWith("{")) continue;
    try {
      const { level, msg } = JSON.parse(line) as { level?: string; msg?: string };
      if (level === "warn" || level === "error") out[`${level}: ${msg}`] = (out[`${level}: ${msg}`] ?? 0) + 1;
    } catch {
      // not one of the app's lines
    }
  }
  return out;
}

const readLines = <T>(file: string): T[] =>
  existsSync(file)
    ? readFileSync(file, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as T)
    : [];

function readClientFiles(config: ClientConfig): ClientFiles {
  const at = (name: string) => join(config.dir, name);
  const counters = readdirSync(config.dir)
    .filter((f) => f.startsWith("counters-"))
    .map((f) => JSON.parse(readFileSync(at(f), "utf8")) as Record<string, number>);
  return {
    userId: config.user.id,
    journal: readLines(at(FILES.journal)),
    answers: readLines(at(FILES.answers)),
    outbox: existsSync(at(FILES.outbox)) ? JSON.parse(readFileSync(at(FILES.outbox), "utf8")) : [],
    requests: readLines(at(FILES.requests)),
    observations: readLines(at(FILES.observations)),
    events: readLines(at(FILES.events)),
    counters,
  };
}

main().then(
  (code) => process.exit(code),
  async (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    await stopAll();
    process.exit(1);
  },
);
