// What setup.ts started for the current test file.
import type { RealtimeServer } from "@/realtime-server/src";
import type { StorageServer } from "@/storage-server/src";

let server: RealtimeServer | undefined;

export function setRealtimeServer(s: RealtimeServer) {
  server = s;
}

/** The in-process Pusher-protocol server this file's triggers go to. */
export function realtimeServer(): RealtimeServer {
  if (!server) throw new Error("setup.ts did not start the realtime server");
  return server;
}

let storage: StorageServer | undefined;

export function setStorageServer(s: StorageServer) {
  storage = s;
}

/** The local S3-compatible store this file's uploads go to. */
export function storageServer(): StorageServer {
  if (!storage) throw new Error("setup.ts did not start the storage server");
  return storage;
}
