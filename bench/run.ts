// `npm run bench`: builds and starts the app as in production with a fresh database and the local
// realtime server, drives it with real clients (Node processes with next-auth sessions and
// pusher-js), runs the scenarios in one go and writes bench/results/latest.{json,md} and the
// charts. The scale scenario then starts the app again on seeded databases. See the README's
// Benchmarks section for what each figure means; `--help` for the flags.
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import {
  assertPortFree,
  buildApp,
  distDir,
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
import { monotonicUs, takeProfiles, summariseProfile, type ProfileSummary } from "./lib/profile";
import { machineInfo, markdown, ratios, targets, type Results, type Skipped } from "./lib/report";
import { runFloor } from "./lib/scenarios/floor";
import { runPageWeight } from "./lib/scenarios/page";
import { runReceipts, warmUp, type ReceiptsContext, type ReceiptsResult } from "./lib/scenarios/receipts";
import { runScale } from "./lib/scenarios/scale";
import { SHORT_LABELS } from "./lib/scenarios/scale-ops";
import { runThroughput } from "./lib/scenarios/throughput";
import { createWorld } from "./lib/setup";
import { cdf } from "./lib/stats";
import { latencyChart, scaleChart } from "./lib/svg";

const step = (msg: string) =>
  console.log(`\x1b[2m[bench ${new Date().toISOString().slice(11, 19)}]\x1b[0m ${msg}`);

async function main() {
  installCleanup();
  const config = parseConfig(process.argv.slice(2));
  const loadBefore = os.loadavg();
  let buildMs: number | null = null;
  if (config.skipBuild) {
    if (!existsSync(`${distDir()}/BUILD_ID`))
      throw new Error(`--skip-build: no production build in ${distDir()} (run \`npm run build\`)`);
  } else {
    step(`next build (into ${distDir()})…`);
    buildMs = await buildApp();
  }

  let realtime: RealtimeProcess | undefined;
  let app: AppProcess | undefined;
  let pool: WorkerPool | undefined;
  const profileFile = `.tmp/bench-profile-${config.appPort}.cpuprofile`;
  try {
    step(`realtime server on :${config.realtimePort}, app on :${config.appPort} (fresh database)…`);
    await assertPortFree(config.appPort);
    await assertPortFree(config.realtimePort);
    realtime = await startRealtime(config.realtimePort, { countRequests: !config.skipScale });
    const appStarted = Date.now();
    app = await startApp({
      port: config.appPort,
      realtimePort: config.realtimePort,
      cpuProfile: config.profile,
    });
    const appPid = app.pid;
    const webProcesses = app.servers.length;
    const setupStarted = performance.now();
    step(
      `registering ${config.users} users, creating ${config.directs} direct chats and ${config.groups} groups…`,
    );
    const world = await createWorld(app.url, config);
    const sessions = new Map<string, Session>();
    if (!config.skipReceipts) {
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
    }
    const setupMs = Math.round(performance.now() - setupStarted);
    const clockSkewMs = pool ? await pool.clockSkewMs() : 0;

    step(`1 · floor: ${config.floorEvents} triggers → receive…`);
    const floor = await runFloor({ realtimePort: config.realtimePort, events: config.floorEvents });
    let warm: Awaited<ReturnType<typeof warmUp>> | Skipped = { skipped: true, reason: "--skip-receipts" };
    let watermark: ReceiptsResult | Skipped = warm;
    let perMessage: ReceiptsResult | Skipped = warm;
    let conversational: ReceiptsResult | Skipped = warm;
    if (pool) {
      const ctx: ReceiptsContext = {
        config,
        world,
        pool,
        realtime,
        appPid,
        reader: (id) => sessions.get(id)!,
      };
      step("warm-up…");
      warm = await warmUp(ctx, config.warmupMessages);
      if (!warm.fanoutChecked) {
        console.warn(
          `warning: a send published ${warm.fanoutMeasured} events, expected ${warm.fanoutPredicted}`,
        );
      }
      step(`2 · watermark receipts: ${config.messages} messages at ${config.rate}/s…`);
      watermark = await runReceipts(ctx, { mode: "watermark", messages: config.messages });
      step(`3 · per-message receipts: ${config.messages} messages at ${config.rate}/s…`);
      perMessage = await runReceipts(ctx, { mode: "per-message", messages: config.messages });
      step(`2b · conversational profile: ${config.conversationalMessages} messages…`);
      conversational = await runReceipts(ctx, {
        mode: "watermark",
        messages: config.conversationalMessages,
        profile: "conversational",
      });
      // The clients have done their part; closing them now keeps their CPU out of what follows.
      await pool.close();
      pool = undefined;
    } else step("2, 3 · receipts: skipped (--skip-receipts)");

    step("4 · throughput (floors first)…");
    const window = { fromUs: 0, toUs: 0 };
    const throughput = config.skipThroughput
      ? ({ skipped: true, reason: "--skip-throughput" } as const)
      : await runThroughput({
          appUrl: app.url,
          appPid,
          session: world.throughput.session,
          conversationId: world.throughput.conversationId,
          ...config.throughput,
          window: { start: () => (window.fromUs = monotonicUs()), end: () => (window.toUs = monotonicUs()) },
        });
    step("5 · page weight…");
    const pageConversation = world.conversations[0]!.id;
    let pageSession = sessions.get(pageConversation);
    if (!pageSession && !config.skipPage) {
      // Without scenarios 2 and 3 the chat is empty, and the page load waits for a first message.
      pageSession = await signIn(app.url, world.users[0]!);
      await pageSession.json("POST", `/api/conversations/${pageConversation}/messages`, {
        body: "A first message for the page-weight scenario.",
        clientId: randomUUID(),
      });
    }
    const pageWeight = config.skipPage
      ? ({ skipped: true, reason: "--skip-page" } as const)
      : await runPageWeight({
          appUrl: app.url,
          conversationId: pageConversation,
          cookie: pageSession!.cookie,
          loads: config.pageLoads,
        });

    // The scale scenario starts servers of its own on this port; a profiled server writes its
    // profile as it stops.
    await app.close();
    app = undefined;
    let profile: ProfileSummary | Skipped = { skipped: true, reason: "no --profile" };
    if (config.profile) {
      const files = takeProfiles(config.appPort, appStarted, profileFile);
      profile =
        files.length === 0
          ? {
              skipped: true,
              reason: `no CPU profile in .next-profiles/ (see .tmp/bench-app-${config.appPort}.log)`,
            }
          : throughput.skipped
            ? { skipped: true, reason: "--skip-throughput: no window to profile" }
            : summariseProfile(files, window, throughput.sends, throughput.server.app.cpuMs);
    }

    step(config.skipScale ? "6 · scale: skipped (--skip-scale)" : "6 · scale…");
    const scale = config.skipScale
      ? ({ skipped: true, reason: "--skip-scale" } as const)
      : await runScale({
          config: config.scale,
          appPort: config.appPort,
          realtime,
          log: (m) => step(`  ${m}`),
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
        webProcesses,
        warmUp: warm,
      },
      scenarios: {
        floor: { ...floorSummary, cdf: cdf(samples) },
        watermark,
        perMessage,
        conversational,
        throughput,
        pageWeight,
        scale,
      },
      profile,
      ratios: watermark.skipped || perMessage.skipped ? null : ratios(floor, watermark, perMessage),
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
  const { floor, watermark, perMessage, conversational, scale } = results.scenarios;
  const svg = latencyChart("Ticks: send → … latency, cumulative (npm run bench)", [
    { label: "1 floor: trigger → receive", color: "#888", points: floor.cdf },
    ...(watermark.skipped
      ? []
      : [
          { label: "2 watermarks: recipient", color: "#1d6fd8", points: watermark.cdf.recipient },
          {
            label: "2 watermarks: delivered",
            color: "#1d6fd8",
            dashed: true,
            points: watermark.cdf.delivered,
          },
        ]),
    ...(perMessage.skipped
      ? []
      : [
          { label: "3 per-message: recipient", color: "#d8541d", points: perMessage.cdf.recipient },
          {
            label: "3 per-message: delivered",
            color: "#d8541d",
            dashed: true,
            points: perMessage.cdf.delivered,
          },
        ]),
    ...(conversational.skipped
      ? []
      : [
          {
            label: "conversational: delivered",
            color: "#2a9d4b",
            dashed: true,
            points: conversational.cdf.delivered,
          },
        ]),
  ]);
  writeFileSync(`${dir}/latest.json`, JSON.stringify(results, null, 2) + "\n");
  writeFileSync(`${dir}/latest.md`, md);
  writeFileSync(`${dir}/latency.svg`, svg);
  const written = [`${dir}/latest.json`, `${dir}/latest.md`, `${dir}/latency.svg`];
  if (!scale.skipped) {
    for (const axis of scale.axes) {
      if (axis.points.length < 2) continue;
      writeFileSync(`${dir}/scale-${axis.name}.svg`, scaleChart(axis, SHORT_LABELS, scale.limit));
      written.push(`${dir}/scale-${axis.name}.svg`);
    }
  }
  console.log(`\n${md}\nwritten: ${written.join(", ")}`);
}

main().then(
  () => process.exit(0),
  async (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    await stopAll();
    process.exit(1);
  },
);
