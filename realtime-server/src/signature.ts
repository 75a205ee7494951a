// The two HMAC-SHA256 signatures of the Pusher protocol: channel authorisation (sent by clients on
// subscribe) and HTTP API request signing (sent by server SDKs). See pusher/docs auth-signatures.md
// and rest-api.md "Generating authentication signatures".
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

export function hmacSha256Hex(secret: string, data: string): string {
  return createHmac("sha256", secret).update(data, "utf8").digest("hex");
}

export function md5Hex(body: Buffer | string): string {
  return createHash("md5").update(body).digest("hex");
}

/** Constant-time comparison, so a forged signature can't be found byte by byte from timings. */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, "utf8");
  const right = Buffer.from(b, "utf8");
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The string a channel authorisation signs: "socket_id:channel" or "socket_id:channel:channel_data". */
export function channelAuthString(socketId: string, channel: string, channelData?: string): string {
  return channelData === undefined ? `${socketId}:${channel}` : `${socketId}:${channel}:${channelData}`;
}

export interface ChannelAuthInput {
  key: string;
  secret: string;
  socketId: string;
  channel: string;
  auth: unknown;
  channelData?: string;
}

/** Checks `auth = key:HMAC-SHA256(secret, socket_id:channel[:channel_data])`; returns the reason it fails. */
export function channelAuthError(input: ChannelAuthInput): string | undefined {
  const signed = channelAuthString(input.socketId, input.channel, input.channelData);
  if (typeof input.auth !== "string" || input.auth === "") {
    return `Invalid signature: Expected HMAC SHA256 hex digest of ${signed}, but got no auth`;
  }
  const colon = input.auth.indexOf(":");
  const key = colon === -1 ? "" : input.auth.slice(0, colon);
  const signature = colon === -1 ? input.auth : input.auth.slice(colon + 1);
  if (key !== input.key) return `Invalid key in subscription auth data: '${key}'`;
  if (!safeEqual(signature, hmacSha256Hex(input.secret, signed))) {
    return `Invalid signature: Expected HMAC SHA256 hex digest of ${signed}, but got ${signature}`;
  }
  return undefined;
}

/**
 * The string an HTTP API request signs: METHOD \n path \n the query parameters but auth_signature,
 * keys lower-cased, sorted by key, joined as in a query string but not URL-escaped.
 */
export function requestSigningString(method: string, path: string, query: URLSearchParams): string {
  const pairs: [string, string][] = [];
  for (const [key, value] of query) {
    if (key === "auth_signature") continue;
    pairs.push([key.toLowerCase(), value]);
  }
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return [method.toUpperCase(), path, pairs.map(([k, v]) => `${k}=${v}`).join("&")].join("\n");
}
