// Everything the server holds for one app, in memory: its credentials, channels and live connections.
import { ChannelRegistry } from "./channels";
import type { AppCredentials } from "./config";
import type { Connection } from "./connection";

export interface RealtimeStats {
  /** Open WebSocket connections, all apps. */
  connections: number;
  /** Occupied channels, all apps. */
  channels: number;
  /** Connections accepted since start. */
  connectionsTotal: number;
  /** Events accepted by the HTTP API (one per channel published to). */
  eventsPublished: number;
  /** Client events relayed. */
  clientEvents: number;
  /** Frames written to sockets for channel events, client events and presence changes of other users. */
  messagesSent: number;
}

export type Counters = Omit<RealtimeStats, "connections" | "channels">;

export function emptyCounters(): Counters {
  return { connectionsTotal: 0, eventsPublished: 0, clientEvents: 0, messagesSent: 0 };
}

export class AppState {
  readonly channels = new ChannelRegistry();
  /** By socket id, for the HTTP API's socket_id exclusion. */
  readonly connections = new Map<string, Connection>();

  constructor(
    readonly credentials: AppCredentials,
    readonly counters: Counters,
  ) {}
}
