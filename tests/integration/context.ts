// What setup.ts started for the current test file.
import type { RealtimeServer } from "@/realtime-server/src";

let server: RealtimeServer | undefined;

export function setRealtimeServer(s: RealtimeServer) {
  server = s;
}

/** The in-process Pusher-protocol server this file's triggers go to. */
export function realtimeServer(): RealtimeServer {
  if (!server) throw new Error("setup.ts did not start the realtime server");
  return server;
}
