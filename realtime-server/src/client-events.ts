// Client events (pusher/docs using_channels/events.md "Triggering client events"): `client-*`
// events a connection sends on a private or presence channel it is subscribed to, relayed to the
// channel's other subscribers, if the app has them enabled, at most 10 a second per connection.
import type { AppState } from "./app-state";
import type { Subscriber } from "./channels";
import { MAX_CLIENT_EVENTS_PER_SECOND, MAX_EVENT_DATA_BYTES } from "./limits";
import { channelKind, eventNameError } from "./names";
import { ErrorCode, encodeChannelEvent, type ClientMessage } from "./protocol";

/** Hosted Pusher's answer, word for word, when the app hasn't enabled client events. */
export const CLIENT_EVENTS_DISABLED =
  "To send client events, you must enable this feature in the Settings page of your dashboard.";

export interface Refusal {
  code: number | null;
  message: string;
}

/** Pusher's limit is per connection, 10 a second; the excess is dropped with error 4301. */
export class ClientEventRate {
  private windowStart = 0;
  private count = 0;

  allow(now = Date.now()): boolean {
    if (now - this.windowStart >= 1000) {
      this.windowStart = now;
      this.count = 0;
    }
    return ++this.count <= MAX_CLIENT_EVENTS_PER_SECOND;
  }
}

export interface ClientEventSender extends Subscriber {
  /** The connection's subscriptions, with the user it joined each presence channel as. */
  subscriptionOf(channel: string): { userId?: string } | undefined;
}

/** Relays a client event, or says why it was refused (answered with pusher:error). */
export function relayClientEvent(
  app: AppState,
  sender: ClientEventSender,
  rate: ClientEventRate,
  message: ClientMessage,
): Refusal | undefined {
  if (!app.settings.enableClientEvents) return { code: null, message: CLIENT_EVENTS_DISABLED };
  if (!rate.allow()) {
    return {
      code: ErrorCode.CLIENT_EVENT_RATE_LIMIT,
      message: `Client event rejected due to rate limit (${MAX_CLIENT_EVENTS_PER_SECOND} per second)`,
    };
  }

  const name = message.event;
  const channelName = message.channel;
  const nameError = eventNameError(name);
  if (nameError !== undefined) return { code: null, message: `Client event rejected - ${nameError}` };
  if (typeof channelName !== "string") {
    return { code: null, message: "Client event rejected - no channel given" };
  }
  const kind = channelKind(channelName);
  if (kind === "encrypted") {
    // pusher-js can't encrypt them, and relaying plaintext would defeat the channel's encryption.
    return {
      code: null,
      message: "Client event rejected - client events are not supported on encrypted channels",
    };
  }
  if (kind !== "private" && kind !== "presence") {
    return { code: null, message: "Client event rejected - only supported on private and presence channels" };
  }
  const subscription = sender.subscriptionOf(channelName);
  const channel = app.channels.get(channelName);
  if (!subscription || !channel) {
    return { code: null, message: `Client event rejected - not subscribed to channel ${channelName}` };
  }
  const data = typeof message.data === "string" ? message.data : JSON.stringify(message.data ?? null);
  if (Buffer.byteLength(data, "utf8") > MAX_EVENT_DATA_BYTES) {
    return { code: null, message: `Client event rejected - data larger than ${MAX_EVENT_DATA_BYTES} bytes` };
  }

  // Never echoed to the sender; on presence channels receivers learn who sent it.
  const frame = Buffer.from(encodeChannelEvent(name, channelName, data, subscription.userId));
  app.counters.messagesSent += channel.publish(frame, sender);
  app.counters.clientEvents++;
  if (app.webhooks.wants("client_event")) {
    app.webhooks.send({
      name: "client_event",
      channel: channelName,
      event: name,
      data,
      socket_id: sender.socketId,
      ...(subscription.userId === undefined ? {} : { user_id: subscription.userId }),
    });
  }
  return undefined;
}
