// Scenario 6, scale: does an operation cost more when the conversation has more history or more
// members? For each point of the grid a fresh database is seeded directly (seed/*.ts: a million
// messages in well under a minute, cached between runs), the app is started on it as production
// runs it, the measured user signs in, and each operation runs a fixed number of requests at a
// fixed concurrency — at every point in turn, batch by batch (runOpAcross says why). Each point is
// compared with the smallest one of its axis.
import { Session, signIn } from "../http";
import { Agent } from "node:http";
import { closedLoop, type LoadResult } from "../load";
import { startApp, type AppProcess, type RealtimeProcess } from "../app-process";
import { cpuMs } from "../procs";
import { prepareWorld } from "../seed/cache";
import { SEED_PASSWORD } from "../seed/seed";
import { sizeKind, type WorldPlan, type WorldSpec } from "../seed/world";
import { ratio, summarize } from "../stats";
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
export type OpResult = Omit<LoadResult, "samples" | "latenciesMs" | "measuredMs"> & { problems: string[] };

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
    `Receipt marks as the app writes them: the sender's own two on the first line of a run, and each member's acks once per run. ` +
    `Each operation: ${config.warmup} warm-up then ${config.requests} requests, ${config.connections} at a time, in ` +
    `${ROUNDS} batches, every point of the grid up at once and taking turns batch by batch.`
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

/** A point of the grid with its app up, its measured user signed in. */
type Running = {
  history: number;
  members: number;
  plan: WorldPlan;
  world: Awaited<ReturnType<typeof prepareWorld>>;
  app: AppProcess;
  session: Session;
  ackRoute: AckRoute;
  /** The point's connections, kept from batch to batch. */
  agent: Agent;
};

/**
 * Seeds (or copies from the cache) a point's world and starts the app on it on `port`; `liveUpdates`
 * false runs it without Pusher settings (it publishes nothing).
 */
async function startPoint(
  config: ScaleConfig,
  input: {
    port: number;
    realtime: RealtimeProcess;
    history: number;
    members: number;
    log: (m: string) => void;
  },
  liveUpdates = true,
): Promise<Running> {
  const spec = worldSpec(config, input);
  input.log(
    `seeding ${input.history.toLocaleString("en-US")} messages, ${input.members} members (cached if seeded before)…`,
  );
  const world = await prepareWorld(spec, `.tmp/scale-${input.port}.db`);
  if (world.seeded)
    input.log(
      `seeded in ${(world.seeded.ms / 1000).toFixed(1)} s (+ migrate ${(world.seeded.migrateMs / 1000).toFixed(1)} s)`,
    );
  const app = await startApp({
    port: input.port,
    realtimePort: input.realtime.apiPort,
    database: world.file,
    liveUpdates,
  });
  try {
    const session = await signIn(app.url, {
      username: world.plan.measured.user.username,
      password: SEED_PASSWORD,
    });
    return {
      history: input.history,
      members: input.members,
      plan: world.plan,
      world,
      app,
      session,
      ackRoute: await detectAckRoute(session),
      agent: new Agent({ keepAlive: true, maxSockets: config.connections }),
    };
  } catch (error) {
    await app.close();
    throw error;
  }
}

async function stopPoint(point: Running) {
  point.agent.destroy();
  await point.app.close();
}

/**
 * Each point's requests of one operation go in ROUNDS batches, the points taking turns: a point
 * measured minutes after another would be compared across whatever the machine did meanwhile (on
 * these shared cores the same operation's p50 moved by a third from one minute to the next), while
 * taking turns gives every point the same share of it.
 */
const ROUNDS = 5;

/** One operation at every point, interleaved; per point its result, and Pusher's counts if a send. */
async function runOpAcross(config: ScaleConfig, name: OpName, points: Running[], realtime: RealtimeProcess) {
  const state = points.map((p) => ({
    p,
    op: opDefs(p.plan, p.ackRoute).find((op) => op.name === name)!,
    batches: [] as LoadResult[],
    issued: 0,
    spentMs: 0,
    triggers: 0,
    events: 0,
  }));
  for (let round = 0; round < ROUNDS; round++) {
    // Batches of near-equal size that add up to the planned requests.
    const requests =
      Math.floor((config.requests * (round + 1)) / ROUNDS) - Math.floor((config.requests * round) / ROUNDS);
    for (const s of state) {
      const budgetMs = config.opSeconds * 1000 - s.spentMs;
      if (requests === 0 || budgetMs <= 0 || s.batches.at(-1)?.stoppedEarly) continue;
      const before = name === "send" ? await realtime.stats() : undefined;
      const started = performance.now();
      const result = await closedLoop({
        appUrl: s.p.app.url,
        cookie: s.p.session.cookie,
        connections: config.connections,
        requests,
        warmup: round === 0 ? config.warmup : 0,
        expectStatus: s.op.status,
        make: s.op.make,
        first: s.issued,
        agent: s.p.agent,
        keep: round === ROUNDS - 1 ? [0, requests - 1] : [0],
        budgetMs,
      });
      s.spentMs += performance.now() - started;
      s.issued += result.issued;
      s.batches.push(result);
      if (before) {
        const after = await realtime.stats();
        s.triggers += (after.requests?.triggers ?? NaN) - (before.requests?.triggers ?? NaN);
        s.events += after.eventsPublished - before.eventsPublished;
      }
    }
  }
  return Promise.all(
    state.map(async (s) => {
      const result = await finishOp(config, s.op, s.p, s.batches, s.issued);
      const perSend = (n: number) => Math.round((n / s.issued) * 100) / 100;
      return { result, pusher: { requestsPerSend: perSend(s.triggers), eventsPerSend: perSend(s.events) } };
    }),
  );
}

/** A point's batches of one operation as one result, with the count checks of its sampled answers. */
async function finishOp(
  config: ScaleConfig,
  op: ReturnType<typeof opDefs>[number],
  point: Running,
  batches: LoadResult[],
  issued: number,
): Promise<OpResult> {
  const latencies = batches.flatMap((b) => b.latenciesMs);
  const measuredMs = batches.reduce((n, b) => n + b.measuredMs, 0);
  const unexpected: Record<string, number> = {};
  for (const b of batches)
    for (const [k, v] of Object.entries(b.unexpected)) unexpected[k] = (unexpected[k] ?? 0) + v;
  const result = {
    requests: batches.reduce((n, b) => n + b.requests, 0),
    planned: config.requests,
    stoppedEarly: batches.some((b) => b.stoppedEarly),
    issued,
    connections: config.connections,
    ok: batches.reduce((n, b) => n + b.ok, 0),
    unexpected,
    latencyMs: summarize(latencies),
    rps: measuredMs > 0 ? Math.round((latencies.length / (measuredMs / 1000)) * 10) / 10 : 0,
  };
  const problems = batches
    .flatMap((b) => b.samples)
    .flatMap((s) => {
      if (s.status !== op.status)
        return [`${op.name}: status ${s.status} ${JSON.stringify(s.json).slice(0, 160)}`];
      const problem = op.check(s.json, s.request);
      return problem ? [`${op.name}: ${problem}`] : [];
    });
  if (result.stoppedEarly)
    problems.push(
      `${op.name}: only ${result.requests}/${config.requests} requests within ${config.opSeconds} s`,
    );
  else if (result.ok !== config.requests)
    problems.push(`${op.name}: ${result.ok}/${config.requests} answered ${op.status}`);
  if (result.stoppedEarly || unexpected["error: timeout"]) await waitUntilIdle(point.app.pid);
  const written = await checkWrite(op.name, point.session, point.plan, issued);
  if (written) problems.push(`${op.name}: ${written}`);
  return { ...result, problems };
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
  const { config, realtime, log } = input;
  const [h0] = config.histories;
  const [m0] = config.members;
  if (h0 === undefined || m0 === undefined) return { skipped: true, reason: "empty grid" };
  // Every point of both axes (the smallest is on both) is up at once, each app on its own port.
  const grid = [
    ...config.histories.map((history) => ({ history, members: m0 })),
    ...config.members.slice(1).map((members) => ({ history: h0, members })),
  ];
  const measured = await withPoints(grid, async (points) => {
    const results = new Map<Running, { ops: Record<OpName, OpResult>; pusher: ScalePoint["pusher"] }>(
      points.map((p) => [
        p,
        { ops: {} as Record<OpName, OpResult>, pusher: { requestsPerSend: NaN, eventsPerSend: NaN } },
      ]),
    );
    for (const name of OP_NAMES) {
      log(`  ${OP_LABELS[name]} (${points.length} points, taking turns)…`);
      const outcomes = await runOpAcross(config, name, points, realtime);
      outcomes.forEach(({ result, pusher }, i) => {
        const r = results.get(points[i]!)!;
        r.ops[name] = result;
        if (name === "send") r.pusher = pusher;
      });
    }
    return points.map((p): Omit<ScalePoint, "sendWithoutFanOut"> => ({
      history: p.history,
      members: p.plan.measured.conversation.memberKs.length,
      kind: sizeKind(p.members),
      users: p.plan.users.length,
      messagesInDatabase: p.plan.messages,
      activeMembers: p.plan.measured.conversation.active,
      database: {
        bytes: p.world.bytes,
        seededMs: p.world.seeded?.ms ?? null,
        migrateMs: p.world.seeded?.migrateMs ?? null,
        rows: p.world.seeded?.rows ?? null,
      },
      appStartMs: p.app.startMs,
      ackRoute: p.ackRoute,
      ...results.get(p)!,
    }));
  });
  // The send alone at each group size, without what the issue lets grow with the group: fresh
  // copies of the same worlds, the apps with live updates off (they publish nothing).
  log("  send, live updates off (the send without its fan-out)…");
  const quiet = await withPoints(
    config.members.map((members) => ({ history: h0, members })),
    async (points) => (await runOpAcross(config, "send", points, realtime)).map((o) => o.result),
    false,
  );
  // One object per point, so the corner is the same one on both axes (it was measured once).
  const points: ScalePoint[] = grid.map((g, i) => ({
    ...measured[i]!,
    sendWithoutFanOut: g.history === h0 ? quiet[config.members.indexOf(g.members)]! : null,
  }));
  const pointAt = (history: number, members: number) =>
    points[grid.findIndex((g) => g.history === history && g.members === members)]!;
  const historyPoints = config.histories.map((h) => pointAt(h, m0));
  const memberPoints = config.members.map((m) => pointAt(h0, m));
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

  /** `grid`'s points up (ports from appPort on) while `fn` runs, then stopped. */
  async function withPoints<T>(
    grid: { history: number; members: number }[],
    fn: (points: Running[]) => Promise<T>,
    liveUpdates = true,
  ): Promise<T> {
    const points: Running[] = [];
    try {
      for (const [i, g] of grid.entries()) {
        log(
          `scale point: ${g.history.toLocaleString("en-US")} messages × ${g.members} members${liveUpdates ? "" : ", live updates off"}`,
        );
        points.push(await startPoint(config, { ...g, port: input.appPort + i, realtime, log }, liveUpdates));
      }
      return await fn(points);
    } finally {
      for (const p of points) await stopPoint(p);
    }
  }
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
