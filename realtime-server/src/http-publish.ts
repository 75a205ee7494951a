// Publishing through the HTTP API: POST /events and /batch_events, every limit checked before
// anything is sent, then one encoded frame per channel shared by all its subscribers. The same
// route carries sendToUser: the SDK publishes to `#server-to-user-{id}`, which reaches every
// connection signed in as that user. Events on cache channels are kept for later subscribers.
import type { AppState } from "./app-state";
import { isCacheChannel } from "./cache";
import { attributesOf, parseInfo, type ChannelAttributes, type InfoAttribute } from "./channel-info";
import { HttpError } from "./http-error";
import { MAX_BATCH_EVENTS, MAX_CHANNELS_PER_TRIGGER, MAX_EVENT_DATA_BYTES } from "./limits";
import { channelKind, channelNameError, eventNameError, isValidSocketId } from "./names";
import { encodeChannelEvent, isRecord } from "./protocol";
import { isValidUserId } from "./signin";
import { USER_CHANNEL_PREFIX } from "./users";

interface PublishRequest {
  name: string;
  data: string;
  channels: string[];
  socketId?: string;
  info?: Set<InfoAttribute>;
}

// POST /apps/{id}/events
export function triggerEvents(app: AppState, body: Record<string, unknown>): object {
  const event = parsePublishRequest(app, body, "", "channels");
  publish(app, event);
  if (!event.info) return {};
  const channels: Record<string, ChannelAttributes> = {};
  for (const name of event.channels) channels[name] = attributesOf(app, name, event.info);
  return { channels };
}

// POST /apps/{id}/batch_events: every event is checked before any is published.
export function triggerBatch(app: AppState, body: Record<string, unknown>): object {
  const batch = body.batch;
  if (!Array.isArray(batch) || batch.length === 0)
    throw new HttpError(400, "batch must be a non-empty array of events");
  if (batch.length > MAX_BATCH_EVENTS) {
    throw new HttpError(400, `Batch too large: ${batch.length} events, at most ${MAX_BATCH_EVENTS} allowed`);
  }
  const events = batch.map((raw: unknown, i) => {
    if (!isRecord(raw)) throw new HttpError(400, `batch[${i}]: an event must be a JSON object`);
    return parsePublishRequest(app, raw, `batch[${i}]: `, "channel");
  });
  for (const event of events) publish(app, event);
  if (!events.some((e) => e.info)) return {};
  return {
    batch: events.map((e) => {
      const [channel] = e.channels;
      return e.info && channel !== undefined ? attributesOf(app, channel, e.info) : {};
    }),
  };
}

function parsePublishRequest(
  app: AppState,
  raw: Record<string, unknown>,
  where: string,
  channelsField: "channels" | "channel",
): PublishRequest {
  const fail = (status: number, message: string) => new HttpError(status, where + message);

  const nameError = eventNameError(raw.name);
  if (nameError !== undefined) throw fail(400, nameError);
  const name = raw.name as string;

  let channels: string[];
  if (channelsField === "channels" && raw.channels !== undefined) {
    if (!Array.isArray(raw.channels) || raw.channels.length === 0) {
      throw fail(400, "channels must be a non-empty array of channel names");
    }
    if (raw.channels.length > MAX_CHANNELS_PER_TRIGGER) {
      throw fail(
        400,
        `Too many channels: ${raw.channels.length}, at most ${MAX_CHANNELS_PER_TRIGGER} per event`,
      );
    }
    channels = raw.channels as string[];
  } else if (raw.channel !== undefined) {
    channels = [raw.channel as string];
  } else {
    throw fail(400, channelsField === "channels" ? "channels or channel is required" : "channel is required");
  }
  for (const channel of channels) {
    const channelError = publishChannelError(channel);
    if (channelError !== undefined) throw fail(400, channelError);
  }
  channels = [...new Set(channels)];
  // Each encrypted channel has its own key, so its ciphertext can't go to another channel
  // (pusher/docs encrypted-channels.md "Limitations"; the SDKs refuse it before sending).
  if (channels.length > 1 && channels.some((channel) => channelKind(channel) === "encrypted")) {
    throw fail(400, "Encrypted channels (private-encrypted-*) must be published to one at a time");
  }

  if (raw.socket_id !== undefined && !isValidSocketId(raw.socket_id)) {
    throw fail(400, `Invalid socket_id: ${JSON.stringify(raw.socket_id)}`);
  }
  const info =
    raw.info === undefined
      ? undefined
      : parseInfo(app, raw.info, ["user_count", "subscription_count"], where);

  if (typeof raw.data !== "string") throw fail(400, "data is required and must be a string");
  const bytes = Buffer.byteLength(raw.data, "utf8");
  if (bytes > MAX_EVENT_DATA_BYTES) {
    throw fail(413, `Event data too large: ${bytes} bytes, at most ${MAX_EVENT_DATA_BYTES} allowed`);
  }
  return { name, data: raw.data, channels, socketId: raw.socket_id as string | undefined, info };
}

/** A channel name, or sendToUser's `#server-to-user-{id}` (outside the channel name alphabet). */
function publishChannelError(name: unknown): string | undefined {
  if (typeof name === "string" && name.startsWith(USER_CHANNEL_PREFIX)) {
    return isValidUserId(name.slice(USER_CHANNEL_PREFIX.length))
      ? undefined
      : `invalid user channel "${name}"`;
  }
  return channelNameError(name);
}

/**
 * One frame per channel (its name is inside), shared by every subscriber of that channel, or by
 * every connection signed in as the user of a `#server-to-user-{id}` channel.
 */
function publish(app: AppState, event: PublishRequest): void {
  const except = event.socketId === undefined ? undefined : app.connections.get(event.socketId);
  for (const name of event.channels) {
    app.counters.eventsPublished++;
    if (isCacheChannel(name)) app.cache.set(name, event.name, event.data);
    const receivers = name.startsWith(USER_CHANNEL_PREFIX)
      ? app.users.connectionsOf(name.slice(USER_CHANNEL_PREFIX.length))
      : app.channels.get(name)?.subscribers;
    if (!receivers || receivers.size === 0) continue;
    const frame = Buffer.from(encodeChannelEvent(event.name, name, event.data));
    for (const receiver of receivers) {
      if (receiver === except) continue;
      receiver.send(frame);
      app.counters.messagesSent++;
    }
  }
}
