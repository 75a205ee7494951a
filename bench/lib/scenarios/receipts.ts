// The receipt scenarios. Two traffic profiles: `burst` (runs of messages from one sender, as in a
// busy chat; planSends) and `conversational` (each chat a message every ≥ 1 s, replies after
// reading; planConversational). Acknowledged with the app's batched watermarks, or one request per
// message as the tutorials do; and the warm-up, where nobody acknowledges, which also checks how
// many events a send alone publishes.
import { analyze, sendFanoutEvents, type Analysis, type Delivery, type Latencies } from "../analyze";
import type { RealtimeProcess } from "../app-process";
import type { BenchConfig } from "../config";
import type { Session } from "../http";
import type { WorkerPool } from "../pool";
import { ResourceMeter } from "../procs";
import { now, type Mode, type SendRecord, type WorkerLog } from "../protocol";
import { planConversational, planSends, type World } from "../setup";
import { cdf } from "../stats";

export type Resources = ReturnType<ResourceMeter["read"]>;

export type Profile = "burst" | "conversational";

export type ReceiptsResult = {
  skipped: false;
  mode: Mode;
  profile: Profile;
  durationMs: number;
  settled: boolean;
  messages: { planned: number; sent: number; failed: number; stored: number; storedMatches: boolean };
  latencyMs: Latencies;
  cdf: { recipient: [number, number][]; delivered: [number, number][]; read: [number, number][] };
  requests: WorkerLog["requests"];
  events: { published: number; bySends: number; byReceipts: number; framesSent: number };
  perMessage: {
    httpRequests: number;
    ackRequests: number;
    wastedAckRequests: number;
    eventsPublished: number;
    receiptEvents: number;
    framesSent: number;
  };
  delivery: Delivery;
  neverDelivered: number;
  neverRead: number;
  errors: number;
  errorSamples: string[];
  server: { app: Resources; realtime: Resources };
};

export type ReceiptsContext = {
  config: BenchConfig;
  world: World;
  pool: WorkerPool;
  realtime: RealtimeProcess;
  appPid: number;
  /** A signed-in member per conversation, to read back what was stored. */
  reader: (conversationId: string) => Session;
};

const LEAD_MS = 500; // lets every worker schedule its sends before the first is due

export async function runReceipts(
  ctx: ReceiptsContext,
  input: { mode: Mode; messages: number; profile?: Profile },
): Promise<ReceiptsResult> {
  const { config, world, pool, realtime } = ctx;
  const profile = input.profile ?? "burst";
  const before = await lastSeqs(ctx);
  const startAt = now() + LEAD_MS;
  const sends =
    profile === "burst"
      ? planSends(world, {
          messages: input.messages,
          rate: config.rate,
          burst: config.burst,
          startAt,
          tag: input.mode,
        })
      : planConversational(world, {
          messages: input.messages,
          gapMs: config.conversationalGapMs,
          startAt,
          tag: `${input.mode}-conversational`,
        });
  const meters = { app: new ResourceMeter(ctx.appPid), realtime: new ResourceMeter(realtime.pid) };
  meters.app.start();
  meters.realtime.start();
  const stats0 = await realtime.stats();
  const started = now();
  await pool.run({
    mode: input.mode,
    sends,
    readDelayMs: config.readDelayMs,
    ackWindowMs: config.ackWindowMs,
  });
  const planned = Math.max(...sends.map((s) => s.at)) - startAt + LEAD_MS;
  const { settled } = await pool.settle({ quietMs: 500, maxMs: planned + 30_000 });
  const durationMs = now() - started;
  const server = { app: meters.app.read(durationMs), realtime: meters.realtime.read(durationMs) };
  const stats1 = await realtime.stats();
  const log = await pool.collect();
  const analysis: Analysis = analyze(log, world.conversations);
  const stored = await storedMatches(ctx, before, log.sends);

  const published = stats1.eventsPublished - stats0.eventsPublished;
  const framesSent = stats1.messagesSent - stats0.messagesSent;
  const bySends = sendFanoutEvents(
    log.sends.filter((s) => s.seq !== null),
    world.conversations,
  );
  const acks = log.requests.ack + log.requests.delivered + log.requests.read;
  const http = acks + log.requests.send;
  const per = (n: number) => Math.round((n / Math.max(1, analysis.sent)) * 100) / 100;
  return {
    skipped: false,
    mode: input.mode,
    profile,
    durationMs: Math.round(durationMs),
    settled,
    messages: {
      planned: sends.length,
      sent: analysis.sent,
      failed: analysis.failedSends,
      stored: stored.count,
      storedMatches: stored.matches,
    },
    latencyMs: analysis.latencyMs,
    cdf: {
      recipient: cdf(analysis.samples.recipient),
      delivered: cdf(analysis.samples.delivered),
      read: cdf(analysis.samples.read),
    },
    requests: log.requests,
    events: { published, bySends, byReceipts: published - bySends, framesSent },
    perMessage: {
      httpRequests: per(http),
      ackRequests: per(acks),
      wastedAckRequests: per(log.requests.repeated + log.requests.ownMessage),
      eventsPublished: per(published),
      receiptEvents: per(published - bySends),
      framesSent: per(framesSent),
    },
    delivery: analysis.delivery,
    neverDelivered: analysis.neverDelivered,
    neverRead: analysis.neverRead,
    errors: log.errors.length,
    errorSamples: [...new Set(log.errors)].slice(0, 5),
    server,
  };
}

async function lastSeqs(ctx: ReceiptsContext): Promise<Map<string, number>> {
  const seqs = new Map<string, number>();
  for (const c of ctx.world.conversations) {
    const { json } = await ctx
      .reader(c.id)
      .json<{ conversation: { lastSeq: number } }>("GET", `/api/conversations/${c.id}`);
    seqs.set(c.id, json.conversation.lastSeq);
  }
  return seqs;
}

/** Reads back every message stored since `before`: exactly the ones answered 201, each once. */
async function storedMatches(ctx: ReceiptsContext, before: Map<string, number>, sends: SendRecord[]) {
  const stored: string[] = [];
  for (const c of ctx.world.conversations) {
    let after = before.get(c.id) ?? 0;
    for (;;) {
      const { json } = await ctx
        .reader(c.id)
        .json<{ messages: { seq: number; clientId: string }[]; hasMore: boolean }>(
          "GET",
          `/api/conversations/${c.id}/messages?after=${after}&limit=100`,
        );
      stored.push(...json.messages.map((m) => m.clientId));
      if (!json.hasMore || json.messages.length === 0) break;
      after = json.messages.at(-1)!.seq;
    }
  }
  const ok = new Set(sends.filter((s) => s.seq !== null).map((s) => s.clientId));
  const matches = stored.length === ok.size && stored.every((id) => ok.has(id));
  return { count: stored.length, matches };
}

/**
 * Warm-up, not reported: a pass with acks off (which also checks `sendFanoutEvents` against the
 * server's own counter) and one with watermark acks, so JIT and Next's lazily loaded routes are
 * out of the way before anything is measured.
 */
export async function warmUp(ctx: ReceiptsContext, messages: number) {
  const silent = await runReceipts(ctx, { mode: "none", messages });
  await runReceipts(ctx, { mode: "watermark", messages });
  return {
    messages: silent.messages.sent,
    fanoutPredicted: silent.events.bySends,
    fanoutMeasured: silent.events.published,
    fanoutChecked: silent.events.bySends === silent.events.published,
  };
}
