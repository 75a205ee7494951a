// Scenario 6, scale: does an operation cost more when the conversation has more history or more
// members? For each point of the grid a fresh database is seeded directly (seed/*.ts: a million
// messages in well under a minute, cached between runs), the app is started on it as production
// runs it, the measured user signs in, and each operation runs a fixed number of requests at a
// fixed concurrency. Each point is compared with the smallest one of its axis.
import { Session, signIn } from "../http";
import { closedLoop, type LoadResult } from "../load";
import { startApp, type AppProcess, type RealtimeProcess } from "../app-process";
import { cpuMs } from "../procs";
import { prepareWorld } from "../seed/cache";
import { SEED_PASSWORD } from "../seed/seed";
import { sizeKind, type WorldPlan, type WorldSpec } from "../seed/world";
import { ratio } from "../stats";
import { OP_LABELS, OP_NAMES, opDefs, type AckRoute, type OpName } from "./scale-ops";

export const SCALE_LIMIT = 1.3;

export type ScaleConfig = {
  histories: number[];
  members: number[];
  users: number;
  requests: number;
  warmup: number;
  connections: number;
  /** Time budget per operation (warm-up included): an O(history) path at 1M messages can't stall the run. */
  opSeconds: number;
};

/** One operation at one point; `problems`: failed count checks (answers, and after writes the state). */
export type OpResult = Omit<LoadResult, "samples"> & { problems: string[] };

export type ScalePoint = {
  history: number;
  members: number;
  kind: string;
  users: number;
  messagesInDatabase: number;
  activeMembers: number;
  database: {
    bytes: number;
    seededMs: number | null;
    migrateMs: number | null;
    rows: Record<string, number> | null;
  };
  appStartMs: number;
  ackRoute: AckRoute;
  ops: Record<OpName, OpResult>;
  /** Per send: requests the app made to the Pusher HTTP API, and events (one per channel). */
  pusher: { requestsPerSend: number; eventsPerSend: number };
  /**
   * The send again, on a fresh copy of the database, with the app's live updates off: the send
   * without its realtime fan-out (group-size points only), which the issue lets grow.
   */
  sendWithoutFanOut: OpResult | null;
};

export type AxisRow = {
  op: OpName;
  /** p50 at each point ÷ p50 at the first (smallest) point. */
  p50Ratios: (number | null)[];
  rpsRatios: (number | null)[];
  worst: number | null;
  met: boolean | null;
};

export type Axis = {
  name: "history" | "members";
  values: number[];
  points: ScalePoint[];
  rows: AxisRow[];
  /** Group size: the send without its fan-out (live updates off), judged like the rows. */
  sendWithoutFanOut?: Omit<AxisRow, "op" | "rpsRatios">;
};

export type ScaleResult =
  | { skipped: true; reason: string }
  | {
      skipped: false;
      config: ScaleConfig;
      limit: number;
      world: string;
      axes: Axis[];
    };

/**
 * How far the measured user's read watermark trails (capped at half the history): room for every
 * ack to move it (warm-up + requests ≤ 320 in any preset). Not derived from the request count, so
 * a different --scale-requests reuses the cached seeds.
 */
const UNREAD = 500;

export function worldSpec(config: ScaleConfig, point: { history: number; members: number }): WorldSpec {
  return {
    tag: "s",
    history: point.history,
    members: point.members,
    users: config.users,
    lobby: true,
    otherDirects: 14,
    otherGroups: 5,
    otherGroupSize: 8,
    otherHistory: 200,
    burst: 8,
    activeShare: 0.05,
    unread: UNREAD,
  };
}

export function describeWorld(config: ScaleConfig): string {
  const s = worldSpec(config, { history: 0, members: 2 });
  return (
    `The measured user is in the measured conversation, the Lobby (everyone, ${s.otherHistory} messages; it is the ` +
    `measured conversation when that has more than 100 members), ${s.otherDirects} other direct chats and ${s.otherGroups} ` +
    `groups of ${s.otherGroupSize} (${s.otherHistory} messages each); ${config.users} users in all (more if a point ` +
    `needs them). Senders take turns in runs of ${s.burst}; ${Math.round(s.activeShare * 100)} % of a group's members ` +
    `(at least 2) are active and caught up, the rest idle with watermarks somewhere in the first half of the history. ` +
    `Receipt marks as the app writes them: the sender's own two per message, and each member's acks once per run. ` +
    `Each operation: ${config.warmup} warm-up then ${config.requests} requests, ${config.connections} at a time.`
  );
}

async function detectAckRoute(session: Session): Promise<AckRoute> {
  // The batch route (issue 12) when the app has it: an unknown route is Next's 404 page, not JSON.
  const response = await session.send("/api/delivered", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ marks: [] }),
  });
  const json = response.headers.get("content-type")?.includes("application/json");
  await response.arrayBuffer();
  return response.status === 404 && !json ? "per-conversation" : "batch";
}

async function runPoint(
  config: ScaleConfig,
  input: {
    appPort: number;
    realtime: RealtimeProcess;
    history: number;
    members: number;
    log: (m: string) => void;
    /** Also time the send with live updates off (the group-size axis). */
    withoutFanOut: boolean;
  },
): Promise<ScalePoint> {
  const spec = worldSpec(config, input);
  input.log(
    `seeding ${input.history.toLocaleString("en-US")} messages, ${input.members} members (cached if seeded before)…`,
  );
  const world = await prepareWorld(spec, `.tmp/scale-${input.appPort}.db`);
  const { plan } = world;
  if (world.seeded)
    input.log(
      `seeded in ${(world.seeded.ms / 1000).toFixed(1)} s (+ migrate ${(world.seeded.migrateMs / 1000).toFixed(1)} s)`,
    );
  const app = await startApp({
    port: input.appPort,
    realtimePort: input.realtime.apiPort,
    database: world.file,
  });
  let measured: Omit<ScalePoint, "sendWithoutFanOut">;
  try {
    const session = await signIn(app.url, { username: plan.measured.user.username, password: SEED_PASSWORD });
    const ackRoute = await detectAckRoute(session);
    const ops = {} as Record<OpName, OpResult>;
    let pusher = { requestsPerSend: NaN, eventsPerSend: NaN };
    for (const op of opDefs(plan, ackRoute)) {
      input.log(`  ${OP_LABELS[op.name]}…`);
      const before = op.name === "send" ? await input.realtime.stats() : undefined;
      ops[op.name] = await runOp(config, op, app, session, plan);
      if (before) {
        const after = await input.realtime.stats();
        const sends = ops[op.name].issued;
        pusher = {
          requestsPerSend:
            Math.round(
              (((after.requests?.triggers ?? NaN) - (before.requests?.triggers ?? NaN)) / sends) * 100,
            ) / 100,
          eventsPerSend: Math.round(((after.eventsPublished - before.eventsPublished) / sends) * 100) / 100,
        };
      }
    }
    measured = {
      history: input.history,
      members: plan.measured.conversation.memberKs.length,
      kind: sizeKind(input.members),
      users: plan.users.length,
      messagesInDatabase: plan.messages,
      activeMembers: plan.measured.conversation.active,
      database: {
        bytes: world.bytes,
        seededMs: world.seeded?.ms ?? null,
        migrateMs: world.seeded?.migrateMs ?? null,
        rows: world.seeded?.rows ?? null,
      },
      appStartMs: app.startMs,
      ackRoute,
      ops,
      pusher,
    };
  } finally {
    await app.close();
  }
  if (!input.withoutFanOut) return { ...measured, sendWithoutFanOut: null };
  // The send alone, without what the issue lets grow with the group: a fresh copy of the same
  // world, the app with live updates off (it publishes nothing), the same requests.
  input.log("  send, live updates off (the send without its fan-out)…");
  const again = await prepareWorld(spec, `.tmp/scale-${input.appPort}.db`);
  const quiet = await startApp({
    port: input.appPort,
    realtimePort: input.realtime.apiPort,
    database: again.file,
    liveUpdates: false,
  });
  try {
    const session = await signIn(quiet.url, {
      username: plan.measured.user.username,
      password: SEED_PASSWORD,
    });
    const send = opDefs(plan, measured.ackRoute).find((op) => op.name === "send")!;
    return { ...measured, sendWithoutFanOut: await runOp(config, send, quiet, session, plan) };
  } finally {
    await quiet.close();
  }
}

/** One operation: its closed loop, count checks on sampled answers, and after a write the state. */
async function runOp(
  config: ScaleConfig,
  op: ReturnType<typeof opDefs>[number],
  app: AppProcess,
  session: Session,
  plan: WorldPlan,
): Promise<OpResult> {
  const result = await closedLoop({
    appUrl: app.url,
    cookie: session.cookie,
    connections: config.connections,
    requests: config.requests,
    warmup: config.warmup,
    expectStatus: op.status,
    make: op.make,
    keep: [0, 1, Math.floor(config.requests / 2), config.requests - 1],
    budgetMs: config.opSeconds * 1000,
  });
  const { samples, ...rest } = result;
  const problems = samples.flatMap((s) => {
    if (s.status !== op.status)
      return [`${op.name}: status ${s.status} ${JSON.stringify(s.json).slice(0, 160)}`];
    const problem = op.check(s.json, s.index + config.warmup);
    return problem ? [`${op.name}: ${problem}`] : [];
  });
  if (result.stoppedEarly)
    problems.push(
      `${op.name}: only ${result.requests}/${config.requests} requests within ${config.opSeconds} s`,
    );
  else if (result.ok !== config.requests)
    problems.push(`${op.name}: ${result.ok}/${config.requests} answered ${op.status}`);
  if (result.stoppedEarly || result.unexpected["error: timeout"]) await waitUntilIdle(app.pid);
  const written = await checkWrite(op.name, session, plan, result.issued);
  if (written) problems.push(`${op.name}: ${written}`);
  return { ...rest, problems };
}

/**
 * After a write run: the acks moved the watermark all the way, every send added one message. Read
 * back with the cheapest calls that can tell (one page after the expected last seq; the open
 * conversation's summary for the caller's watermark) — and never failing the run: a server that can't
 * answer is a finding.
 */
async function checkWrite(
  op: OpName,
  session: Session,
  plan: WorldPlan,
  count: number,
): Promise<string | null> {
  const c = plan.measured.conversation;
  try {
    if (op === "ack") {
      // The caller's own watermarks are in the summary (ConversationSummary.readSeq).
      const { json } = await session.json<{ conversation?: { readSeq: number } }>(
        "GET",
        `/api/conversations/${c.id}`,
      );
      const readSeq = json?.conversation?.readSeq;
      const expected = Math.min(c.history, plan.measured.readSeq + count);
      return readSeq === expected
        ? null
        : `after ${count} acks the read watermark is ${readSeq}, expected ${expected}`;
    }
    if (op === "send") {
      const last = c.history + count;
      const { json } = await session.json<{ messages?: { seq: number }[]; hasMore?: boolean }>(
        "GET",
        `/api/conversations/${c.id}/messages?after=${last - 1}`,
      );
      const seqs = json?.messages?.map((m) => m.seq) ?? [];
      return seqs.length === 1 && seqs[0] === last && json?.hasMore === false
        ? null
        : `after ${count} sends the messages after ${last - 1} are [${seqs.join(", ")}], expected [${last}]`;
    }
    return null;
  } catch (error) {
    return `could not read back the ${op} run: ${String(error)}`;
  }
}

/**
 * Requests the client gave up on (or made just before the budget ran out) may still be running on
 * the server: wait until the server process is idle (under 10 % of a core for two seconds in a
 * row, read from /proc, whatever else the machine runs), so the next operation isn't measured
 * behind them.
 */
async function waitUntilIdle(pid: number, maxMs = 600_000): Promise<void> {
  const deadline = Date.now() + maxMs;
  let idleSeconds = 0;
  let last = cpuMs(pid);
  while (idleSeconds < 2 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = cpuMs(pid);
    idleSeconds = now - last < 100 ? idleSeconds + 1 : 0;
    last = now;
  }
}

export async function runScale(input: {
  config: ScaleConfig;
  appPort: number;
  realtime: RealtimeProcess;
  log: (m: string) => void;
}): Promise<ScaleResult> {
  const { config } = input;
  const [h0] = config.histories;
  const [m0] = config.members;
  if (h0 === undefined || m0 === undefined) return { skipped: true, reason: "empty grid" };
  const cache = new Map<string, ScalePoint>();
  const point = async (history: number, members: number) => {
    const key = `${history}:${members}`;
    if (!cache.has(key)) {
      input.log(`scale point: ${history.toLocaleString("en-US")} messages × ${members} members`);
      // Points on the group-size axis (the smallest history) also time the send without fan-out.
      cache.set(key, await runPoint(config, { ...input, history, members, withoutFanOut: history === h0 }));
    }
    return cache.get(key)!;
  };
  const historyPoints: ScalePoint[] = [];
  for (const h of config.histories) historyPoints.push(await point(h, m0));
  const memberPoints: ScalePoint[] = [];
  for (const m of config.members) memberPoints.push(await point(h0, m));
  return {
    skipped: false,
    config,
    limit: SCALE_LIMIT,
    world: describeWorld(config),
    axes: [
      { name: "history", values: config.histories, points: historyPoints, rows: axisRows(historyPoints) },
      {
        name: "members",
        values: config.members,
        points: memberPoints,
        rows: axisRows(memberPoints),
        sendWithoutFanOut: withoutFanOutRow(memberPoints),
      },
    ],
  };
}

function axisRows(points: ScalePoint[]): AxisRow[] {
  return OP_NAMES.map((op) => ({
    op,
    ...judge(points.map((p) => p.ops[op].latencyMs.p50)),
    rpsRatios: points.map((p) => ratio(p.ops[op].rps, points[0]!.ops[op].rps)),
  }));
}

function withoutFanOutRow(points: ScalePoint[]): Axis["sendWithoutFanOut"] {
  return judge(points.map((p) => p.sendWithoutFanOut?.latencyMs.p50 ?? NaN));
}

/** Each point's p50 against the first's, and the worst of them against the limit. */
function judge(p50s: number[]) {
  const p50Ratios = p50s.map((p50) => ratio(p50, p50s[0]!));
  const rest = p50Ratios.slice(1).filter((r): r is number => r !== null);
  const worst = rest.length ? Math.max(...rest) : null;
  return { p50Ratios, worst, met: worst === null ? null : worst <= SCALE_LIMIT };
}

/** Every timed run of a point: its operations, and the send without its fan-out if it had one. */
export function runsOf(point: ScalePoint): OpResult[] {
  return [...Object.values(point.ops), ...(point.sendWithoutFanOut ? [point.sendWithoutFanOut] : [])];
}
