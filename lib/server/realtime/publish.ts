import "server-only";
import Pusher from "pusher";
import { pusherServerConfig } from "@/lib/server/env";
import { log } from "@/lib/server/log";
import { TurnBatcher } from "./turn-batcher";

// Hosted Pusher's limits: ≤ 10 events per batch request, ≤ 100 channels per event, < 10 KB data.
const BATCH_MAX = 10;
const CHANNELS_MAX = 100;
export const EVENT_DATA_MAX_BYTES = 10_240;

// On globalThis: the App Router's server code and the Pages Router's API routes (pages/api) each
// load their own copy of this module, and share one client and one batch per turn.
const globalForPusher = globalThis as unknown as {
  pusher?: Pusher | null;
  batchers?: WeakMap<Pusher, TurnBatcher<Pusher.BatchEvent>>;
};

/** The process's Pusher client; null when live updates are off (no Pusher configured). */
export function pusherServer(): Pusher | null {
  if (globalForPusher.pusher === undefined) {
    const c = pusherServerConfig();
    globalForPusher.pusher =
      c &&
      new Pusher({
        appId: c.appId,
        key: c.key,
        secret: c.secret,
        useTLS: c.useTLS,
        ...(c.host ? { host: c.host, port: c.port } : { cluster: c.cluster ?? "mt1" }),
        timeout: 2000,
      });
  }
  return globalForPusher.pusher;
}

export type OutgoingEvent = {
  channels: string[];
  name: string;
  data: unknown;
  socketId?: string;
};

/**
 * Publishes events in as few HTTP requests as Pusher allows. It never throws: Pusher is
 * at-most-once and the database is the truth, so a failed trigger is logged and clients catch up
 * with `?after=` when they (re)subscribe. Events whose data is over the limit are dropped with a
 * log line for the same reason — never turning an accepted write into an error. With live
 * updates off it does nothing, quietly: start-up said so once, and browsers poll instead.
 */
export async function publish(events: OutgoingEvent[]): Promise<void> {
  const pusher = pusherServer();
  if (!pusher) return;
  const entries: Pusher.BatchEvent[] = [];
  const triggers: (() => Promise<unknown>)[] = [];
  for (const event of events) {
    const data = JSON.stringify(event.data);
    const bytes = Buffer.byteLength(data);
    if (bytes >= EVENT_DATA_MAX_BYTES) {
      warn("event too large, dropped", { event: event.name, bytes });
      continue;
    }
    const params = event.socketId ? { socket_id: event.socketId } : undefined;
    if (event.channels.length <= BATCH_MAX) {
      // An event for a few channels (a message in a direct chat: two) becomes one batch entry per
      // channel, shared with every other publish of this turn of the event loop: never more
      // requests than a trigger per event, and under load a fraction of them (the trigger's HTTP
      // request was ≈ a fifth of a send's CPU, measured with triggers switched off).
      for (const channel of event.channels) entries.push({ channel, name: event.name, data, ...params });
      continue;
    }
    // One event for many channels: one trigger per 100 channels.
    for (let i = 0; i < event.channels.length; i += CHANNELS_MAX) {
      const channels = event.channels.slice(i, i + CHANNELS_MAX);
      triggers.push(() => pusher.trigger(channels, event.name, data, params));
    }
  }
  await Promise.all([batcherOf(pusher).add(entries), sendAll(triggers)]);
}

const batchers = (globalForPusher.batchers ??= new WeakMap());

/** The client's batch of this turn: ≤ 10 entries per request, a lone entry as a plain trigger. */
function batcherOf(pusher: Pusher) {
  let batcher = batchers.get(pusher);
  if (!batcher) {
    batcher = new TurnBatcher(BATCH_MAX, (batch) =>
      sendAll([
        () =>
          batch.length === 1
            ? pusher.trigger(batch[0]!.channel, batch[0]!.name, batch[0]!.data, {
                socket_id: batch[0]!.socket_id,
              })
            : pusher.triggerBatch(batch),
      ]),
    );
    batchers.set(pusher, batcher);
  }
  return batcher;
}

/** The requests, in parallel; failures logged and tried once more later, never thrown. */
async function sendAll(requests: (() => Promise<unknown>)[]) {
  if (requests.length === 0) return;
  const results = await Promise.allSettled(requests.map(retryOnceOnReset));
  const failed = requests.filter((_, i) => results[i]!.status === "rejected");
  for (const r of results) {
    if (r.status === "rejected") warn("trigger failed", { error: describe(r.reason) });
  }
  if (failed.length > 0) retryLater(failed);
}

// A trigger that failed (a timeout under load, the realtime server restarting) is tried once more
// a moment later, off the request: a client whose socket stayed up has no reason to catch up, so
// without it a recipient would wait for the next event to see what was sent. A copy that arrives
// twice (the first did get through) is harmless. Where the process may freeze after answering (a
// serverless host), this retry may not run: clients' catch-up stays the guarantee.
export const TRIGGER_RETRY_MS = 1500;

function retryLater(requests: (() => Promise<unknown>)[]) {
  const timer = setTimeout(() => {
    void Promise.allSettled(requests.map((request) => request())).then((results) => {
      for (const r of results) {
        if (r.status === "rejected") warn("trigger failed again", { error: describe(r.reason) });
      }
    });
  }, TRIGGER_RETRY_MS);
  timer.unref?.();
}

/**
 * A pooled keep-alive socket can be closed by the server just as we reuse it; that request never
 * arrived, so it is sent once more. (A duplicate event, should one slip through, is harmless:
 * clients dedupe by seq and watermarks only move up.)
 */
async function retryOnceOnReset(request: () => Promise<unknown>) {
  try {
    return await request();
  } catch (error) {
    if (
      !/ECONNRESET|socket hang up/i.test(describe(error) + describe((error as { error?: unknown }).error))
    ) {
      throw error;
    }
    return request();
  }
}

function describe(error: unknown) {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

function warn(msg: string, fields: Record<string, unknown>) {
  log("warn", `realtime: ${msg}`, fields);
}

export type RealtimeHealth = "ok" | "unreachable" | "off";

/** Whether the Pusher HTTP API answers our signed requests ("off": none is configured). */
export async function pingRealtime(): Promise<RealtimeHealth> {
  const pusher = pusherServer();
  if (!pusher) return "off";
  try {
    const response = await pusher.get({ path: "/channels", params: {} });
    return response.status === 200 ? "ok" : "unreachable";
  } catch {
    return "unreachable";
  }
}
