// Scenario 1, the floor: the realtime server alone. The official server SDK triggers, a pusher-js
// client receives, one event at a time (as realtime-server/scripts/latency.ts). Nothing the app
// does can deliver a message faster than this.
import PusherServer from "pusher";
import Pusher from "pusher-js";
import { pusherClientOptions } from "../../../lib/core/realtime/client-options";
import { PUSHER_APP } from "../app-process";
import { localRealtime } from "../protocol";
import { summarize, type Summary } from "../stats";

const WARMUP = 20; // first triggers pay for JIT and connection setup

export type FloorResult = { events: number; latencyMs: Summary; samples: number[] };

export async function runFloor(input: { realtimePort: number; events: number }): Promise<FloorResult> {
  const sdk = new PusherServer({
    appId: PUSHER_APP.id,
    key: PUSHER_APP.key,
    secret: PUSHER_APP.secret,
    host: "127.0.0.1",
    port: String(input.realtimePort),
    useTLS: false,
  });
  const client = new Pusher(PUSHER_APP.key, pusherClientOptions(localRealtime(input.realtimePort)));
  try {
    const channel = client.subscribe("bench-floor");
    await new Promise<void>((resolve) => channel.bind("pusher:subscription_succeeded", () => resolve()));
    let arrived: ((t: number) => void) | undefined;
    channel.bind("ping", () => arrived?.(performance.now()));
    const samples: number[] = [];
    for (let i = 0; i < WARMUP + input.events; i++) {
      const received = new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`floor event ${i} not received within 5 s`)), 5000);
        arrived = (t) => {
          clearTimeout(timer);
          resolve(t);
        };
      });
      const start = performance.now();
      // A payload about the size of a message.created event.
      await sdk.trigger("bench-floor", "ping", { i, body: "x".repeat(400) });
      const t = await received;
      if (i >= WARMUP) samples.push(t - start);
    }
    return { events: samples.length, latencyMs: summarize(samples), samples };
  } finally {
    client.disconnect();
  }
}
