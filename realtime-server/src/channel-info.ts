// Channel attributes the HTTP API reports (occupied, subscription_count, user_count) and the
// GET routes that query them. user_count exists only for presence channels, as in Pusher.
import type { AppState } from "./app-state";
import { HttpError } from "./http-error";
import { channelKind, channelNameError } from "./names";

export type InfoAttribute = "user_count" | "subscription_count";
export type ChannelAttributes = Partial<Record<InfoAttribute, number>>;

export function parseInfo(raw: unknown, allowed: readonly InfoAttribute[], where = ""): Set<InfoAttribute> {
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
  return attributes;
}

export function attributesOf(app: AppState, name: string, info: Set<InfoAttribute>): ChannelAttributes {
  const channel = app.channels.get(name);
  const attributes: ChannelAttributes = {};
  if (info.has("user_count") && channelKind(name) === "presence")
    attributes.user_count = channel?.members.size ?? 0;
  if (info.has("subscription_count")) attributes.subscription_count = channel?.subscribers.size ?? 0;
  return attributes;
}

// GET /apps/{id}/channels
export function listChannels(app: AppState, query: URLSearchParams): object {
  const prefix = query.get("filter_by_prefix") ?? "";
  const info = parseInfo(query.get("info") ?? "", ["user_count"]);
  if (info.has("user_count") && !prefix.startsWith("presence-")) {
    throw new HttpError(
      400,
      "user_count is only available for presence channels: add filter_by_prefix=presence-",
    );
  }
  const channels: Record<string, ChannelAttributes> = {};
  for (const channel of app.channels.occupied()) {
    if (!channel.name.startsWith(prefix)) continue;
    channels[channel.name] = info.has("user_count") ? { user_count: channel.members.size } : {};
  }
  return { channels };
}

// GET /apps/{id}/channels/{name}
export function channelInfo(app: AppState, name: string, query: URLSearchParams): object {
  const nameError = channelNameError(name);
  if (nameError !== undefined) throw new HttpError(400, nameError);
  const info = parseInfo(query.get("info") ?? "", ["user_count", "subscription_count"]);
  if (info.has("user_count") && channelKind(name) !== "presence") {
    throw new HttpError(400, "user_count is only available for presence channels");
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
