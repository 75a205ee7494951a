// `npm run bench`: builds and starts the app as in production with a fresh database and the local
// realtime server, drives it with real clients (Node processes with next-auth sessions and
// pusher-js), runs the five scenarios in one go and writes bench/results/latest.{json,md} and
// latency.svg. See bench/README-section.md for what each figure means.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import {
  assertPortFree,
  buildApp,
  PUSHER_APP,
  startApp,
  startRealtime,
  type AppProcess,
  type RealtimeProcess,
} from "./lib/app-process";
import { parseConfig } from "./lib/config";
import { signIn, type Session } from "./lib/http";
import { WorkerPool } from "./lib/pool";
import { installCleanup, stopAll } from "./lib/procs";
import { machineInfo, markdown, ratios, targets, type Results } from "./lib/report";
import { runFloor } from "./lib/scenarios/floor";
import { runPageWeight } from "./lib/scenarios/page";
import { runReceipts, warmUp, type ReceiptsContext } from "./lib/scenarios/receipts";
import { runThroughput } from "./lib/scenarios/throughput";
import { createWorld } from "./lib/setup";
import { cdf } from "./lib/stats";
import { latencyChart } from "./lib/svg";

const step = (msg: string) =>
  console.log(`\x1b[2m[bench ${new Date().toISOString().slice(11, 19)}]\x1b[0m ${msg}`);

async function main() {
  installCleanup();
  const config = parseConfig(process.argv.slice(2));
  const loadBefore = os.loadavg();
  let buildMs: number | null = null;
  if (config.skipBuild) {
    if (!existsSync(".next/BUILD_ID"))
      throw new Error("--skip-build: no production build in .next (run `npm run build`)");
  } else {
    step("next build…");
    buildMs = await buildApp();
  }

  let realtime: RealtimeProcess | undefined;
  let app: AppProcess | undefined;
  let pool: WorkerPool | undefined;
  try {
    step(`realtime server on :${config.realtimePort}, app on :${config.appPort} (fresh database)…`);
    await assertPortFree(config.appPort);
    await assertPortFree(config.realtimePort);
    realtime = await startRealtime(config.realtimePort);
    app = await startApp({ port: config.appPort, realtimePort: config.realtimePort });
    const setupStarted = performance.now();
    step(
      `registering ${config.users} users, creating ${config.directs} direct chats and ${config.groups} groups…`,
    );
    const world = await createWorld(app.url, config);
    const sessions = new Map<string, Session>();
    for (const c of world.conversations) {
      const user = world.users.find((u) => u.id === c.memberIds[0])!;
      sessions.set(c.id, await signIn(app.url, user));
    }
    pool = await WorkerPool.start(config.workers, {
      appUrl: app.url,
      realtimePort: config.realtimePort,
      key: PUSHER_APP.key,
      users: world.users,
      conversations: world.conversations,
    });
    const setupMs = Math.round(performance.now() - setupStarted);
    const clockSkewMs = await pool.clockSkewMs();
    const ctx: ReceiptsContext = {
      config,
      world,
      pool,
      realtime,
      appPid: app.pid,
      reader: (id) => sessions.get(id)!,
    };

    step(`1 · floor: ${config.floorEvents} triggers → receive…`);
    const floor = await runFloor({ realtimePort: config.realtimePort, events: config.floorEvents });
    step("warm-up…");
    const warm = await warmUp(ctx, config.warmupMessages);
    if (!warm.fanoutChecked) {
      console.warn(
        `warning: a send published ${warm.fanoutMeasured} events, expected ${warm.fanoutPredicted}`,
      );
    }
    step(`2 · watermark receipts: ${config.messages} messages at ${config.rate}/s…`);
    const watermark = await runReceipts(ctx, { mode: "watermark", messages: config.messages });
    step(`3 · per-message receipts: ${config.messages} messages at ${config.rate}/s…`);
    const perMessage = await runReceipts(ctx, { mode: "per-message", messages: config.messages });
    step(`2b · conversational profile: ${config.conversationalMessages} messages…`);
    const conversational = await runReceipts(ctx, {
      mode: "watermark",
      messages: config.conversationalMessages,
      profile: "conversational",
    });
    // The clients have done their part; closing them now keeps their CPU out of what follows.
    await pool.close();
    pool = undefined;

    step("4 · throughput…");
    const throughput = config.skipThroughput
      ? ({ skipped: true, reason: "--skip-throughput" } as const)
      : await runThroughput({
          appUrl: app.url,
          appPid: app.pid,
          session: world.throughput.session,
          conversationId: world.throughput.conversationId,
          ...config.throughput,
        });
    step("5 · page weight…");
    const pageConversation = world.conversations[0]!.id;
    const pageWeight = config.skipPage
      ? ({ skipped: true, reason: "--skip-page" } as const)
      : await runPageWeight({
          appUrl: app.url,
          conversationId: pageConversation,
          cookie: sessions.get(pageConversation)!.cookie,
          loads: config.pageLoads,
        });

    const { samples, ...floorSummary } = floor;
    const partial: Omit<Results, "targets"> = {
      schema: "ticks-bench/1",
      generatedAt: new Date().toISOString(),
      command: ["npm run bench", ...(process.argv.length > 2 ? ["--", ...process.argv.slice(2)] : [])].join(
        " ",
      ),
      config,
      machine: { ...machineInfo(), loadAverage: { before: loadBefore, after: os.loadavg() }, clockSkewMs },
      setup: {
        buildMs,
        setupMs,
        users: world.users.length,
        conversations: world.conversations.length,
        warmUp: warm,
      },
      scenarios: {
        floor: { ...floorSummary, cdf: cdf(samples) },
        watermark,
        perMessage,
        conversational,
        throughput,
        pageWeight,
      },
      ratios: ratios(floor, watermark, perMessage),
    };
    const results: Results = { ...partial, targets: targets(partial) };
    write(config.outDir, results);
  } finally {
    await pool?.close().catch(() => {});
    await app?.close().catch(() => {});
    await realtime?.close().catch(() => {});
    await stopAll();
  }
}

function write(dir: string, results: Results) {
  mkdirSync(dir, { recursive: true });
  const md = markdown(results);
  const { floor, watermark, perMessage } = results.scenarios;
  const svg = latencyChart("Ticks: send → … latency, cumulative (npm run bench)", [
    { label: "1 floor: trigger → receive", color: "#888", points: floor.cdf },
    { label: "2 watermarks: recipient", color: "#1d6fd8", points: watermark.cdf.recipient },
    { label: "2 watermarks: delivered", color: "#1d6fd8", dashed: true, points: watermark.cdf.delivered },
    { label: "3 per-message: recipient", color: "#d8541d", points: perMessage.cdf.recipient },
    { label: "3 per-message: delivered", color: "#d8541d", dashed: true, points: perMessage.cdf.delivered },
    {
      label: "conversational: delivered",
      color: "#2a9d4b",
      dashed: true,
      points: results.scenarios.conversational.cdf.delivered,
    },
  ]);
  writeFileSync(`${dir}/latest.json`, JSON.stringify(results, null, 2) + "\n");
  writeFileSync(`${dir}/latest.md`, md);
  writeFileSync(`${dir}/latency.svg`, svg);
  console.log(`\n${md}\nwritten: ${dir}/latest.json, ${dir}/latest.md, ${dir}/latency.svg`);
}

main().then(
  () => process.exit(0),
  async (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    await stopAll();
    process.exit(1);
  },
);
