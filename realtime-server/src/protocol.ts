// Wire format of Pusher Channels protocol 7 (pusher/docs pusher-websockets-protocol.md).

/** Close / error codes from the protocol's "Error Codes" section. */
export const ErrorCode = {
  /** 4000–4099: don't reconnect unchanged. */
  APP_DOES_NOT_EXIST: 4001,
  APP_OVER_CONNECTION_QUOTA: 4004,
  PATH_NOT_FOUND: 4005,
  UNSUPPORTED_PROTOCOL_VERSION: 4007,
  NO_PROTOCOL_VERSION: 4008,
  /**
   * "Connection is unauthorized". Used for terminate_connections and the authorization timeout,
   * so pusher-js stays disconnected instead of reconnecting as the same user straight away.
   */
  CONNECTION_UNAUTHORIZED: 4009,
  /** 4100–4199: reconnect after backing off. Used, as by soketi, for a presence channel at its cap. */
  OVER_CAPACITY: 4100,
  /** 4200–4299: reconnect immediately. Used on shutdown so clients come back as soon as the server does. */
  RECONNECT_IMMEDIATELY: 4200,
  PONG_NOT_RECEIVED: 4201,
  /** 4300–4399: other errors; the connection stays open. */
  CLIENT_EVENT_RATE_LIMIT: 4301,
  /** Sign-in with a watchlist over 100 ids: the first 100 are kept. */
  WATCHLIST_LIMIT_EXCEEDED: 4302,
} as const;

export const PROTOCOL_VERSION = 7;
/** Versions 1–3 are no longer supported by Pusher; 5 is the first that answers pusher:ping. */
export const MIN_PROTOCOL_VERSION = 5;

/** A message as a client sends it: `data` is an object (pusher-js) or a JSON string (other clients). */
export interface ClientMessage {
  event: string;
  channel?: unknown;
  data?: unknown;
}

export function parseClientMessage(text: string): ClientMessage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  if (typeof record.event !== "string") return undefined;
  return { event: record.event, channel: record.channel, data: record.data };
}

/** `data` of pusher:subscribe and friends may arrive double-encoded; give back an object either way. */
export function dataObject(data: unknown): Record<string, unknown> {
  if (typeof data === "string") {
    try {
      const parsed: unknown = JSON.parse(data);
      return isRecord(parsed) ? parsed : {};
    } catch {
      return {};
    }
  }
  return isRecord(data) ? data : {};
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Server → client messages carry `data` as a string ("double encoding"): pusher:* payloads are
 * JSON-serialised first, channel events pass their data string through untouched.
 */
export function encodeSystemEvent(event: string, data: object, channel?: string): string {
  return JSON.stringify(
    channel === undefined
      ? { event, data: JSON.stringify(data) }
      : { event, channel, data: JSON.stringify(data) },
  );
}

export function encodeChannelEvent(event: string, channel: string, data: string, userId?: string): string {
  return JSON.stringify(
    userId === undefined ? { event, channel, data } : { event, channel, data, user_id: userId },
  );
}

/** pusher:error carries its data as an object (not double-encoded), as hosted Pusher sends it. */
export function encodeError(code: number | null, message: string): string {
  return JSON.stringify({ event: "pusher:error", data: { code, message } });
}
