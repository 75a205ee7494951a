// Publish-to-receive latency over loopback: `npx tsx realtime-server/scripts/latency.ts`.
// Triggers events one at a time with the official `pusher` SDK and times each from just before the
// trigger call to its arrival at a pusher-js subscriber in this same process (one clock).
// Starts its own server on an ephemeral port, or measures a running one given REALTIME_URL
// (e.g. http://127.0.0.1:6001) and the PUSHER_APP_ID / PUSHER_KEY / PUSHER_SECRET it serves.
import PusherServer from "pusher";
import Pusher from "pusher-js";
import { LOCAL_APP, startRealtimeServer, type RealtimeServer } from "../src";

const EVENTS = Number(process.env.LATENCY_EVENTS ?? 200);
const WARMUP = 20; // not counted: first requests pay for JIT and TCP connection setup

async function main(): Promise<void> {
  const app = {
    id: process.env.PUSHER_APP_ID ?? LOCAL_APP.id,
    key: process.env.PUSHER_KEY ?? LOCAL_APP.key,
    secret: process.env.PUSHER_SECRET ?? LOCAL_APP.secret,
  };
  let server: RealtimeServer | undefined;
  let target: URL;
  if (process.env.REALTIME_URL) {
    target = new URL(process.env.REALTIME_URL);
  } else {
    server = await startRealtimeServer({ port: 0, apps: [app], logLevel: "error" });
    target = new URL(server.url);
  }
  const port = Number(target.port || 80);

  const sdk = new PusherServer({
    appId: app.id,
    key: app.key,
    secret: app.secret,
    host: target.hostname,
    port: String(port),
    useTLS: false,
  });
  const client = new Pusher(app.key, {
    wsHost: target.hostname,
    wsPort: port,
    forceTLS: false,
    enabledTransports: ["ws"],
    cluster: "",
    disableStats: true,
  });
  const channel = client.subscribe("latency");
  await new Promise<void>((resolve) => channel.bind("pusher:subscription_succeeded", () => resolve()));

  let arrived: ((at: number) => void) | undefined;
  channel.bind("ping", () => arrived?.(performance.now()));

  const samples: number[] = [];
  for (let i = 0; i < WARMUP + EVENTS; i++) {
    const received = new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`event ${i} not received within 5 s`)), 5000);
      arrived = (at) => {
        clearTimeout(timer);
        resolve(at);
      };
    });
    const start = performance.now();
    await sdk.trigger("latency", "ping", { i });
    const at = await received;
    if (i >= WARMUP) samples.push(at - start);
  }

  client.disconnect();
  await server?.close();

  samples.sort((a, b) => a - b);
  const pct = (p: number) =>
    samples[Math.min(samples.length - 1, Math.ceil((p / 100) * samples.length) - 1)] ?? NaN;
  const mean = samples.reduce((s, x) => s + x, 0) / samples.length;
  const fmt = (ms: number) => `${ms.toFixed(2)} ms`;
  console.log(
    `${samples.length} events, sequential, trigger → receive over loopback (${server ? "in-process server" : target.origin}, Node ${process.version})`,
  );
  console.log(
    `p50 ${fmt(pct(50))}  p95 ${fmt(pct(95))}  p99 ${fmt(pct(99))}  max ${fmt(samples.at(-1) ?? NaN)}  mean ${fmt(mean)}`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
