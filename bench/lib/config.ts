// The benchmark's knobs: command-line flags over defaults sized to finish in under 3 minutes on the
// 2-core machine, and a smoke preset small enough for `npm test`.
import { parseArgs } from "node:util";
import { APP_ACK_POLICY } from "../../lib/core/ack-coalescer";

export type BenchConfig = {
  smoke: boolean;
  skipBuild: boolean;
  skipPage: boolean;
  skipThroughput: boolean;
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
  /** The ack policy (the app's: APP_ACK_POLICY): after this long without a request, an ack goes at once… */
  ackIdleMs: number;
  /** …otherwise it waits for the next request, at most this long after the last. */
  ackWindowMs: number;
  /** Messages in the conversational profile (each chat a message every ≥ 1 s, replies after reading). */
  conversationalMessages: number;
  /** The gap between two messages of one chat in the conversational profile. */
  conversationalGapMs: number;
  floorEvents: number;
  warmupMessages: number;
  throughput: { seconds: number; connections: number[]; rates: number[] };
  pageLoads: number;
};

const DEFAULTS: BenchConfig = {
  smoke: false,
  skipBuild: false,
  skipPage: false,
  skipThroughput: false,
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
  ackIdleMs: APP_ACK_POLICY.idleMs,
  ackWindowMs: APP_ACK_POLICY.windowMs,
  conversationalMessages: 200,
  conversationalGapMs: 1200,
  floorEvents: 300,
  warmupMessages: 40,
  throughput: { seconds: 4, connections: [1, 4, 16], rates: [20, 40, 60, 80, 100, 120, 150, 200] },
  pageLoads: 3,
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
  throughput: { seconds: 1, connections: [2], rates: [20] },
  pageLoads: 1,
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
      --ack-idle MS      an ack after this long without one goes at once (default ${DEFAULTS.ackIdleMs}, the app's)
      --ack-window MS    otherwise at most this long after the last (default ${DEFAULTS.ackWindowMs}, the app's)
      --conversational N messages in the conversational profile (default ${DEFAULTS.conversationalMessages})
      --workers N        client processes (default ${DEFAULTS.workers})
      --port N           app port (default ${DEFAULTS.appPort}); --realtime-port N (default ${DEFAULTS.realtimePort})
      --out DIR          results directory (default ${DEFAULTS.outDir})
      --smoke            tiny run for tests: --skip-build, ports 3410/6410, out .tmp/bench-smoke
      --skip-build       reuse the existing .next build
      --skip-page        skip the Chromium page-weight scenario
      --skip-throughput  skip the throughput scenario`;

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
      "ack-idle": { type: "string" },
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
  const config: BenchConfig = {
    ...base,
    skipBuild: base.skipBuild || Boolean(values["skip-build"]),
    skipPage: base.skipPage || Boolean(values["skip-page"]),
    skipThroughput: Boolean(values["skip-throughput"]),
    users: int(values.users, base.users, 2),
    directs: int(values.directs, base.directs, 0),
    groups: int(values.groups, base.groups, 0),
    groupSize: int(values["group-size"], base.groupSize, 2),
    messages: int(values.messages, base.messages),
    rate: int(values.rate, base.rate),
    burst: int(values.burst, base.burst),
    readDelayMs: int(values["read-delay"], base.readDelayMs, 0),
    ackIdleMs: int(values["ack-idle"], base.ackIdleMs, 0),
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
