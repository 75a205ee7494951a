// Channel, event and socket id rules as hosted Pusher applies them (pusher/docs channels.md, rest-api.md).
import { MAX_CHANNEL_NAME_LENGTH, MAX_EVENT_NAME_LENGTH } from "./limits";

export type ChannelKind = "public" | "private" | "presence" | "encrypted";

// Only these characters are allowed, so e.g. an email with "+" is not a valid channel name.
const CHANNEL_NAME = /^[A-Za-z0-9_\-=@,.;]+$/;
const SOCKET_ID = /^\d+\.\d+$/;

export function channelNameError(name: unknown): string | undefined {
  if (typeof name !== "string" || name.length === 0) return "channel name must be a non-empty string";
  if (name.length > MAX_CHANNEL_NAME_LENGTH) {
    return `channel name longer than ${MAX_CHANNEL_NAME_LENGTH} characters`;
  }
  if (!CHANNEL_NAME.test(name)) return `invalid channel name "${name}": only [A-Za-z0-9_-=@,.;] allowed`;
  return undefined;
}

export function isValidChannelName(name: unknown): name is string {
  return channelNameError(name) === undefined;
}

export function eventNameError(name: unknown): string | undefined {
  if (typeof name !== "string" || name.length === 0) return "event name must be a non-empty string";
  if (name.length > MAX_EVENT_NAME_LENGTH)
    return `event name longer than ${MAX_EVENT_NAME_LENGTH} characters`;
  return undefined;
}

export function isValidSocketId(value: unknown): value is string {
  return typeof value === "string" && SOCKET_ID.test(value);
}

export function channelKind(name: string): ChannelKind {
  // "private-encrypted-" must be tested before "private-": it is a different kind of channel.
  if (name.startsWith("private-encrypted-")) return "encrypted";
  if (name.startsWith("private-")) return "private";
  if (name.startsWith("presence-")) return "presence";
  return "public";
}

/** Client events are accepted only with this prefix. */
export const CLIENT_EVENT_PREFIX = "client-";
