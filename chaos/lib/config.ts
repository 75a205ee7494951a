// The soak's knobs: flags over defaults (ten minutes, 24 people), and the smoke preset that
// `npm test` runs (a minute, a few people, every kind of fault once).
import { parseArgs } from "node:util";
import { randomSeed } from "./rng";

export type ChaosConfig = {
  smoke: boolean;
  seed: number;
  durationMs: number;
  users: number;
  /** Messages per second, everyone together. */
  rate: number;
  /** How long to wait, at most, for every client to match the database after the faults. */
  settleMs: number;
  skipBuild: boolean;
  appPort: number;
  realtimePort: number;
  outDir: string;
};

const DEFAULTS: Omit<ChaosConfig, "seed"> = {
  smoke: false,
  durationMs: 600_000,
  users: 24,
  rate: 4,
  settleMs: 180_000,
  skipBuild: false,
  appPort: 3900,
  realtimePort: 6900,
  outDir: "chaos/results",
};

// Small and short enough for `npm test` on a loaded two-core machine; reuses the e2e build.
const SMOKE: Partial<ChaosConfig> = {
  smoke: true,
  durationMs: 60_000,
  users: 6,
  rate: 2,
  settleMs: 60_000,
  skipBuild: true,
  appPort: 3901,
  realtimePort: 6901,
  outDir: ".tmp/chaos-smoke",
};

const USAGE = `usage: npm run chaos -- [flags]
  -d, --duration S       seconds of traffic and faults (default ${DEFAULTS.durationMs / 1000})
  -U, --users N          people, one client process each (default ${DEFAULTS.users})
  -R, --rate N           messages per second, everyone together (default ${DEFAULTS.rate})
      --seed N           replay a run: the same world, messages and faults (default: a new one, printed)
      --settle S         at most this long for every client to match the database (default ${DEFAULTS.settleMs / 1000})
      --port N           app port (default ${DEFAULTS.appPort}); --realtime-port N (default ${DEFAULTS.realtimePort})
      --out DIR          results directory (default ${DEFAULTS.outDir})
      --skip-build       reuse the existing build (NEXT_DIST_DIR, default .next)
      --smoke            ${SMOKE.durationMs! / 1000} s, ${SMOKE.users} people, ports ${SMOKE.appPort}/${SMOKE.realtimePort}, --skip-build, out ${SMOKE.outDir}`;

export function parseConfig(argv: string[]): ChaosConfig {
  const { values } = parseArgs({
    args: argv,
    options: {
      duration: { type: "string", short: "d" },
      users: { type: "string", short: "U" },
      rate: { type: "string", short: "R" },
      seed: { type: "string" },
      settle: { type: "string" },
      port: { type: "string" },
      "realtime-port": { type: "string" },
      out: { type: "string" },
      "skip-build": { type: "boolean" },
      smoke: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const base = values.smoke ? { ...DEFAULTS, ...SMOKE } : DEFAULTS;
  const num = (flag: string | undefined, fallback: number, min: number) => {
    if (flag === undefined) return fallback;
    const n = Number(flag);
    if (!Number.isFinite(n) || n < min) throw new Error(`bad number ${flag}\n${USAGE}`);
    return n;
  };
  return {
    ...base,
    seed: Math.floor(num(values.seed, randomSeed(), 0)),
    durationMs: num(values.duration, base.durationMs / 1000, 10) * 1000,
    users: Math.floor(num(values.users, base.users, 2)),
    rate: num(values.rate, base.rate, 0.1),
    settleMs: num(values.settle, base.settleMs / 1000, 5) * 1000,
    skipBuild: base.skipBuild || Boolean(values["skip-build"]),
    appPort: num(values.port, base.appPort, 1),
    realtimePort: num(values["realtime-port"], base.realtimePort, 1),
    outDir: values.out ?? base.outDir,
  };
}

/** The command that replays a run. */
export function replayCommand(c: ChaosConfig): string {
  return `npm run chaos -- --seed ${c.seed} --duration ${c.durationMs / 1000} --users ${c.users} --rate ${c.rate}`;
}
