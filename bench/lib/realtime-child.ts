// The local realtime server in a process of its own (like `npm run realtime`), so its CPU time and
// memory are measured apart from the clients, and its counters (stats()) are read over IPC.
import { startRealtimeServer, type RealtimeServer, type RealtimeStats } from "../../realtime-server/src";
import { serve } from "./ipc";

export type RealtimeRequest = { type: "stats" } | { type: "close" };
export type { RealtimeStats };

const server: RealtimeServer = await startRealtimeServer({
  host: "127.0.0.1",
  port: Number(process.env.PUSHER_PORT),
  apps: [
    { id: process.env.PUSHER_APP_ID!, key: process.env.PUSHER_KEY!, secret: process.env.PUSHER_SECRET! },
  ],
  logLevel: "error",
});

serve<RealtimeRequest>(async (request) => {
  if (request.type === "stats") return server.stats();
  await server.close();
  setImmediate(() => process.exit(0));
  return null;
});
process.send?.({ ready: server.port });
