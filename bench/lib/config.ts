// The benchmark's knobs: command-line flags over defaults sized to finish in a few minutes on the
// 2-core machine, a smoke preset small enough for `npm test`, and --scale's full grid.
import { parseArgs } from "node:util";
import { APP_ACK_POLICY } from "../../lib/core/ack-coalescer";
import type { ScaleConfig } from "./scenarios/scale";

export type BenchConfig = {
  smoke: boolean;
  skipBuild: boolean;
  skipPage: boolean;
  skipThroughput: boolean;
  skipReceipts: boolean;
  skipScale: boolean;
  /** Run the Next server under V8's CPU profiler and summarise the throughput window. */
  profile: boolean;
  appPort: number;
  realtimePort: number;
  outDir: string;
  /** Client processes the users are spread over (each user: one session, one WebSocket). */
  workers: number;
  users: number;
  directs: number;
  groups: number;
  groupSize: number;
  messages: number;
  /** Messages per second, all conversations together. */
  rate: number;
  /** Consecutive messages one sender sends into one conversation (people send runs of lines). */
  burst: number;
  /** How long after receiving a message its recipient reads it. */
  readDelayMs: number;
  /**
   * The ack policy's window (the app's: APP_ACK_POLICY): a chat with no ack sent this long acks at
   * once; other acks wait for the next request, at most this long after the last.
   */
  ackWindowMs: number;
  /** Messages in the conversational profile (each chat a message every ≥ 1 s, replies after reading). */
  conversationalMessages: number;
  /** The gap between two messages of one chat in the conversational profile. */
  conversationalGapMs: number;
  floorEvents: number;
  warmupMessages: number;
  /** floorConnections: where the static file, /api/auth/session and /api/health are measured too. */
  throughput: { seconds: number; connections: number[]; rates: number[]; floorConnections: number };
  pageLoads: number;
  scale: ScaleConfig;
};

const DEFAULTS: BenchConfig = {
  smoke: false,
  skipBuild: false,
  skipPage: false,
  skipThroughput: false,
  skipReceipts: false,
  skipScale: false,
  profile: false,
  appPort: 3400,
  realtimePort: 6400,
  outDir: "bench/results",
  workers: 2,
  users: 16,
  directs: 8,
  groups: 2,
  groupSize: 6,
  messages: 400,
  rate: 20,
  burst: 8,
  readDelayMs: 100,
  ackWindowMs: APP_ACK_POLICY.windowMs,
  conversationalMessages: 200,
  conversationalGapMs: 1200,
  floorEvents: 300,
  warmupMessages: 40,
  throughput: {
    seconds: 4,
    connections: [1, 4, 16],
    // Up to issue 12's goal (450/s) and beyond; the steps stop at the first one that fails.
    rates: [50, 100, 150, 200, 250, 300, 350, 400, 450, 600],
    floorConnections: 8,
  },
  pageLoads: 3,
  // The small grid every run measures, so a cost that grows with history or group size shows.
  scale: {
    histories: [1000, 20_000],
    members: [2, 200],
    users: 200,
    requests: 100,
    warmup: 10,
    connections: 8,
    opSeconds: 60,
  },
};

/** --scale: issue 12's grid — histories of 1k, 100k and 1M messages, groups of 2, 100 and 1000. */
const FULL_SCALE: ScaleConfig = {
  histories: [1000, 100_000, 1_000_000],
  members: [2, 100, 1000],
  users: 1000,
  requests: 300,
  warmup: 20,
  connections: 8,
  opSeconds: 120,
};

// Tiny: it checks the harness's plumbing and counting, not the app's speed, and (one cold page
// load in Chromium, skipped where there is none) the page budget, which doesn't depend on load.
const SMOKE: Partial<BenchConfig> = {
  skipBuild: true,
  // Its own ports, so `npm test` never collides with a full run in progress.
  appPort: 3410,
  realtimePort: 6410,
  outDir: ".tmp/bench-smoke",
  users: 4,
  directs: 2,
  groups: 1,
  groupSize: 3,
  messages: 24,
  conversationalMessages: 12,
  conversationalGapMs: 1000,
  rate: 40,
  burst: 3,
  floorEvents: 30,
  warmupMessages: 6,
  throughput: { seconds: 1, connections: [2], rates: [20], floorConnections: 2 },
  pageLoads: 1,
  // One tiny point: the seeder, the app on a seeded database and every operation's count checks.
  scale: { histories: [300], members: [2], users: 40, requests: 6, warmup: 2, connections: 2, opSeconds: 60 },
};

const USAGE = `usage: npm run bench -- [flags]
  -U, --users N          users (default ${DEFAULTS.users})
  -D, --directs N        direct chats (default ${DEFAULTS.directs})
  -G, --groups N         groups (default ${DEFAULTS.groups})
  -S, --group-size N     members per group (default ${DEFAULTS.groupSize})
  -M, --messages N       messages per receipts scenario (default ${DEFAULTS.messages})
  -R, --rate N           messages per second (default ${DEFAULTS.rate})
  -B, --burst N          consecutive messages per sender and conversation (default ${DEFAULTS.burst})
      --read-delay MS    receipt → read ack (default ${DEFAULTS.readDelayMs})
      --ack-window MS    a chat quiet this long acks at once; else at most this long after the last (default ${DEFAULTS.ackWindowMs}, the app's)
      --conversational N messages in the conversational profile (default ${DEFAULTS.conversationalMessages})
      --workers N        client processes (default ${DEFAULTS.workers})
      --port N           app port (default ${DEFAULTS.appPort}); --realtime-port N (default ${DEFAULTS.realtimePort})
      --out DIR          results directory (default ${DEFAULTS.outDir})
      --smoke            tiny run for tests: --skip-build, ports 3410/6410, out .tmp/bench-smoke
      --skip-build       reuse the existing .next build
      --skip-page        skip the Chromium page-weight scenario
      --skip-throughput  skip the throughput scenario
      --skip-receipts    skip scenarios 2 and 3 (watermark and per-message receipts)
      --profile          CPU-profile the server (Next's NEXT_CPU_PROF); summarise where the sends' time went
      --scale            the full scale grid (histories ${FULL_SCALE.histories.join("/")}, members ${FULL_SCALE.members.join("/")})
      --skip-scale       skip the scale scenario
      --scale-histories LIST, --scale-members LIST   comma-separated grid (default ${DEFAULTS.scale.histories.join(",")} × ${DEFAULTS.scale.members.join(",")})
      --scale-users N, --scale-requests N, --scale-connections N   (default ${DEFAULTS.scale.users}, ${DEFAULTS.scale.requests}, ${DEFAULTS.scale.connections})
      --scale-op-seconds N   time budget per operation and point (default ${DEFAULTS.scale.opSeconds}; --scale ${FULL_SCALE.opSeconds})`;

export function parseConfig(argv: string[]): BenchConfig {
  const { values } = parseArgs({
    args: argv,
    options: {
      users: { type: "string", short: "U" },
      directs: { type: "string", short: "D" },
      groups: { type: "string", short: "G" },
      "group-size": { type: "string", short: "S" },
      messages: { type: "string", short: "M" },
      rate: { type: "string", short: "R" },
      burst: { type: "string", short: "B" },
      "read-delay": { type: "string" },
      "ack-window": { type: "string" },
      conversational: { type: "string" },
      workers: { type: "string" },
      port: { type: "string" },
      "realtime-port": { type: "string" },
      out: { type: "string" },
      smoke: { type: "boolean" },
      "skip-build": { type: "boolean" },
      "skip-page": { type: "boolean" },
      "skip-throughput": { type: "boolean" },
      "skip-receipts": { type: "boolean" },
      "skip-scale": { type: "boolean" },
      profile: { type: "boolean" },
      scale: { type: "boolean" },
      "scale-histories": { type: "string" },
      "scale-members": { type: "string" },
      "scale-users": { type: "string" },
      "scale-requests": { type: "string" },
      "scale-connections": { type: "string" },
      "scale-op-seconds": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const base: BenchConfig = values.smoke ? { ...DEFAULTS, ...SMOKE, smoke: true } : { ...DEFAULTS };
  const int = (flag: string | undefined, fallback: number, min = 1) => {
    if (flag === undefined) return fallback;
    const n = Number(flag);
    if (!Number.isFinite(n) || n < min) throw new Error(`bad number ${flag}\n${USAGE}`);
    return n;
  };
  const list = (flag: string | undefined, fallback: number[], min: number) => {
    if (flag === undefined) return fallback;
    const xs = flag.split(",").map((x) => int(x, NaN, min));
    return [...new Set(xs)].sort((a, b) => a - b);
  };
  const scaleBase = values.scale ? FULL_SCALE : base.scale;
  const scale: ScaleConfig = {
    histories: list(values["scale-histories"], scaleBase.histories, 200),
    members: list(values["scale-members"], scaleBase.members, 2),
    users: int(values["scale-users"], scaleBase.users, 2),
    requests: int(values["scale-requests"], scaleBase.requests),
    warmup: scaleBase.warmup,
    connections: int(values["scale-connections"], scaleBase.connections),
    opSeconds: int(values["scale-op-seconds"], scaleBase.opSeconds),
  };
  const config: BenchConfig = {
    ...base,
    skipBuild: base.skipBuild || Boolean(values["skip-build"]),
    skipPage: base.skipPage || Boolean(values["skip-page"]),
    skipThroughput: Boolean(values["skip-throughput"]),
    skipReceipts: Boolean(values["skip-receipts"]),
    skipScale: Boolean(values["skip-scale"]),
    profile: Boolean(values.profile),
    scale,
    users: int(values.users, base.users, 2),
    directs: int(values.directs, base.directs, 0),
    groups: int(values.groups, base.groups, 0),
    groupSize: int(values["group-size"], base.groupSize, 2),
    messages: int(values.messages, base.messages),
    rate: int(values.rate, base.rate),
    burst: int(values.burst, base.burst),
    readDelayMs: int(values["read-delay"], base.readDelayMs, 0),
    ackWindowMs: int(values["ack-window"], base.ackWindowMs, 0),
    conversationalMessages: int(values.conversational, base.conversationalMessages),
    workers: int(values.workers, base.workers),
    appPort: int(values.port, base.appPort),
    realtimePort: int(values["realtime-port"], base.realtimePort),
    outDir: values.out ?? base.outDir,
  };
  if (config.groupSize > config.users) throw new Error("--group-size can't exceed --users");
  if (config.directs + config.groups === 0) throw new Error("need at least one conversation");
  return config;
}
