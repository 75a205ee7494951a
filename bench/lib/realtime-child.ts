// The local realtime server in a process of its own (like `npm run realtime`), so its CPU time and
// memory are measured apart from the clients, and its counters (stats()) are read over IPC. With
// PUSHER_COUNT_REQUESTS=1 a counting proxy (pusher-counter.ts) listens on a port of its own too.
import { startRealtimeServer, type RealtimeServer, type RealtimeStats } from "../../realtime-server/src";
import { serve } from "./ipc";
import { startPusherCounter, type PusherRequestCounts } from "./pusher-counter";

export type RealtimeRequest = { type: "stats" } | { type: "close" };
export type { RealtimeStats };
export type RealtimeChildStats = RealtimeStats & { requests?: PusherRequestCounts };

const server: RealtimeServer = await startRealtimeServer({
  host: "127.0.0.1",
  port: Number(process.env.PUSHER_PORT),
  apps: [
    { id: process.env.PUSHER_APP_ID!, key: process.env.PUSHER_KEY!, secret: process.env.PUSHER_SECRET! },
  ],
  logLevel: "error",
});
const counter =
  process.env.PUSHER_COUNT_REQUESTS === "1"
    ? await startPusherCounter({ host: "127.0.0.1", port: server.port })
    : undefined;

serve<RealtimeRequest>(async (request) => {
  if (request.type === "stats") {
    return { ...server.stats(), requests: counter?.counts() } satisfies RealtimeChildStats;
  }
  await counter?.close();
  await server.close();
  setImmediate(() => process.exit(0));
  return null;
});
process.send?.({ ready: server.port, counterPort: counter?.port });
