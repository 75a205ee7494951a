// Channel attributes the HTTP API reports (occupied, user_count, subscription_count, cache) and the
// GET routes that query them (pusher/docs rest-api.md "Channels"). user_count exists only for
// presence channels and cache only for cache channels; subscription_count only when the app has
// subscription counting on, as hosted, which answers 400 otherwise.
import type { AppState } from "./app-state";
import { isCacheChannel } from "./cache";
import { HttpError } from "./http-error";
import { channelKind, channelNameError } from "./names";
import { USER_CHANNEL_PREFIX } from "./users";

export type InfoAttribute = "user_count" | "subscription_count" | "cache";

export interface ChannelAttributes {
  user_count?: number;
  subscription_count?: number;
  /** The cached event's data and its remaining TTL in seconds, or null when the cache is empty. */
  cache?: { data: string; ttl: number } | null;
}

/** Hosted Pusher's message for subscription_count on an app without subscription counting. */
export const SUBSCRIPTION_COUNT_DISABLED =
  "Cannot retrieve the subscription count because subscription counting is not enabled";

export function parseInfo(
  app: AppState,
  raw: unknown,
  allowed: readonly InfoAttribute[],
  where = "",
): Set<InfoAttribute> {
  if (typeof raw !== "string") throw new HttpError(400, `${where}info must be a comma-separated string`);
  const attributes = new Set<InfoAttribute>();
  for (const part of raw.split(",")) {
    const attribute = part.trim();
    if (attribute === "") continue;
    if (!(allowed as readonly string[]).includes(attribute)) {
      throw new HttpError(
        400,
        `${where}Unsupported info attribute "${attribute}" (allowed: ${allowed.join(", ")})`,
      );
    }
    attributes.add(attribute as InfoAttribute);
  }
  if (attributes.has("subscription_count") && !app.settings.enableSubscriptionCount) {
    throw new HttpError(400, where + SUBSCRIPTION_COUNT_DISABLED);
  }
  return attributes;
}

export function attributesOf(app: AppState, name: string, info: Set<InfoAttribute>): ChannelAttributes {
  // sendToUser's #server-to-user-{id} isn't a channel anyone subscribes to: it has no attributes.
  if (name.startsWith(USER_CHANNEL_PREFIX)) return {};
  const channel = app.channels.get(name);
  const attributes: ChannelAttributes = {};
  if (info.has("user_count") && channelKind(name) === "presence")
    attributes.user_count = channel?.members.size ?? 0;
  if (info.has("subscription_count")) attributes.subscription_count = channel?.subscribers.size ?? 0;
  if (info.has("cache") && isCacheChannel(name)) {
    const cached = app.cache.get(name);
    attributes.cache = cached ? { data: cached.data, ttl: app.cache.ttlSeconds(cached) } : null;
  }
  return attributes;
}

// GET /apps/{id}/channels
export function listChannels(app: AppState, query: URLSearchParams): object {
  const prefix = query.get("filter_by_prefix") ?? "";
  // The reference lists only user_count here; subscription_count is answered too, as on the
  // single-channel route (and with the same condition).
  const info = parseInfo(app, query.get("info") ?? "", ["user_count", "subscription_count"]);
  if (info.has("user_count") && !prefix.startsWith("presence-")) {
    throw new HttpError(
      400,
      "user_count is only available for presence channels: add filter_by_prefix=presence-",
    );
  }
  const channels: Record<string, ChannelAttributes> = {};
  for (const channel of app.channels.occupied()) {
    if (channel.name.startsWith(prefix)) channels[channel.name] = attributesOf(app, channel.name, info);
  }
  return { channels };
}

// GET /apps/{id}/channels/{name}
export function channelInfo(app: AppState, name: string, query: URLSearchParams): object {
  const nameError = channelNameError(name);
  if (nameError !== undefined) throw new HttpError(400, nameError);
  const info = parseInfo(app, query.get("info") ?? "", ["user_count", "subscription_count", "cache"]);
  if (info.has("user_count") && channelKind(name) !== "presence") {
    throw new HttpError(400, "user_count is only available for presence channels");
  }
  if (info.has("cache") && !isCacheChannel(name)) {
    throw new HttpError(400, "cache is only available for cache channels");
  }
  const channel = app.channels.get(name);
  return { occupied: channel !== undefined, ...attributesOf(app, name, info) };
}

// GET /apps/{id}/channels/{name}/users
export function channelUsers(app: AppState, name: string): object {
  const nameError = channelNameError(name);
  if (nameError !== undefined) throw new HttpError(400, nameError);
  if (channelKind(name) !== "presence")
    throw new HttpError(400, "Users can only be listed for presence channels");
  const channel = app.channels.get(name);
  return { users: channel ? [...channel.members.keys()].map((id) => ({ id })) : [] };
}
