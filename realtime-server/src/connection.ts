// One client WebSocket speaking Pusher protocol 7: subscriptions, client events, and the idle check.
import { WebSocket, type RawData } from "ws";
import type { AppState } from "./app-state";
import type { Subscriber } from "./channels";
import { MAX_CLIENT_EVENTS_PER_SECOND, MAX_EVENT_DATA_BYTES } from "./limits";
import type { Logger } from "./log";
import { CLIENT_EVENT_PREFIX, channelKind, channelNameError, eventNameError } from "./names";
import { parsePresenceChannelData } from "./presence";
import {
  ErrorCode,
  dataObject,
  encodeChannelEvent,
  encodeError,
  encodeSystemEvent,
  parseClientMessage,
  type ClientMessage,
} from "./protocol";
import { channelAuthError } from "./signature";

export interface ConnectionTimeouts {
  /** Client silence before the server sends pusher:ping. */
  activityTimeoutMs: number;
  /** Wait for any message after that ping before closing with 4201. */
  pongTimeoutMs: number;
}

interface Subscription {
  /** Presence channels: the user this connection joined as. */
  userId?: string;
}

/** How a refused subscription is reported in pusher:subscription_error (the shape pusher-js itself emits). */
interface SubscriptionRefusal {
  code: number | null;
  type: "AuthError" | "InvalidSubscription" | "LimitReached";
  status: number;
  message: string;
}

const PONG = Buffer.from(encodeSystemEvent("pusher:pong", {}));
const PING = Buffer.from(encodeSystemEvent("pusher:ping", {}));

export class Connection implements Subscriber {
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly openedAt = Date.now();
  private lastActivity = this.openedAt;
  private pingSentAt: number | undefined;
  private timer: NodeJS.Timeout | undefined;
  private rateWindowStart = 0;
  private rateWindowCount = 0;
  private cleanedUp = false;

  constructor(
    readonly socketId: string,
    private readonly ws: WebSocket,
    private readonly app: AppState,
    private readonly timeouts: ConnectionTimeouts,
    private readonly logger: Logger,
  ) {
    ws.on("message", (data, isBinary) => this.guard("message", () => this.onMessage(data, isBinary)));
    // Any traffic from the client proves it alive, protocol-level ping/pong frames included.
    ws.on("ping", () => this.touch());
    ws.on("pong", () => this.touch());
    ws.on("close", (code, reason) => this.onClose(code, reason.toString()));
    ws.on("error", (error) =>
      this.logger.error("socket_error", { socket_id: socketId, error: error.message }),
    );
  }

  /** Sends pusher:connection_established and starts the idle check. */
  start(): void {
    this.app.connections.set(this.socketId, this);
    this.sendText(
      encodeSystemEvent("pusher:connection_established", {
        socket_id: this.socketId,
        // Protocol 7: seconds of inactivity after which the client should ping.
        activity_timeout: this.timeouts.activityTimeoutMs / 1000,
      }),
    );
    this.scheduleCheck(this.timeouts.activityTimeoutMs);
  }

  send(frame: Buffer): void {
    // A Buffer sent as text: encoded once by the caller, shared by every receiver.
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(frame, { binary: false });
  }

  /** Closes with a Pusher close code; state (presence included) is released at once, not after the handshake. */
  close(code: number, reason: string): void {
    this.release();
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) {
      this.ws.close(code, reason);
    }
  }

  private sendText(text: string): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(text);
  }

  private sendError(code: number | null, message: string): void {
    this.sendText(encodeError(code, message));
  }

  private onMessage(raw: RawData, isBinary: boolean): void {
    this.touch();
    if (isBinary) return this.sendError(null, "Binary frames are not supported");
    const message = parseClientMessage(rawText(raw));
    if (!message) return this.sendError(null, "Invalid message: expected a JSON object with an event name");

    switch (message.event) {
      case "pusher:ping":
        return this.send(PONG);
      case "pusher:pong":
        return; // touch() above is all a pong is for
      case "pusher:subscribe":
        return this.subscribe(dataObject(message.data));
      case "pusher:unsubscribe":
        return this.unsubscribe(dataObject(message.data));
      case "pusher:signin":
        return this.sendError(
          null,
          "pusher:signin (user authentication) is not supported by the local realtime server",
        );
    }
    if (message.event.startsWith(CLIENT_EVENT_PREFIX)) return this.clientEvent(message);
    this.logger.debug("event_ignored", { socket_id: this.socketId, event: message.event.slice(0, 200) });
  }

  private subscribe(data: Record<string, unknown>): void {
    const name = data.channel;
    const nameError = channelNameError(name);
    if (nameError !== undefined || typeof name !== "string") {
      return this.refuse(typeof name === "string" ? name : undefined, {
        code: null,
        type: "InvalidSubscription",
        status: 400,
        message: nameError ?? "invalid channel name",
      });
    }
    const kind = channelKind(name);
    if (kind === "encrypted") {
      return this.refuse(name, {
        code: null,
        type: "InvalidSubscription",
        status: 400,
        message: "Encrypted channels (private-encrypted-*) are not supported by the local realtime server",
      });
    }

    // The official server SDKs sign "socket_id:channel:channel_data" whenever they are given data,
    // on private channels too (pusher-js's own integration server does), and pusher-js forwards
    // channel_data as received. Hosted Pusher checks the signature over what was sent.
    const channelData = typeof data.channel_data === "string" ? data.channel_data : undefined;
    if (kind === "presence" && channelData === undefined) {
      return this.refuse(name, {
        code: null,
        type: "InvalidSubscription",
        status: 400,
        message: "Presence channel subscriptions must include channel_data",
      });
    }
    if (kind === "private" || kind === "presence") {
      const authError = channelAuthError({
        key: this.app.credentials.key,
        secret: this.app.credentials.secret,
        socketId: this.socketId,
        channel: name,
        auth: data.auth,
        channelData,
      });
      if (authError !== undefined) {
        return this.refuse(name, { code: null, type: "AuthError", status: 401, message: authError });
      }
    }

    // Subscribing twice is harmless: confirm again without joining again.
    if (this.subscriptions.has(name)) return this.confirm(name);

    if (kind === "presence") {
      const parsed = parsePresenceChannelData(channelData);
      if (!parsed.ok) {
        return this.refuse(name, {
          code: null,
          type: "InvalidSubscription",
          status: 400,
          message: parsed.error,
        });
      }
      const joined = this.app.channels.joinPresence(this, name, parsed.identity);
      if (!joined.ok) {
        return this.refuse(name, {
          code: ErrorCode.OVER_CAPACITY,
          type: "LimitReached",
          status: 403,
          message: joined.error,
        });
      }
      this.subscriptions.set(name, { userId: parsed.identity.userId });
    } else {
      this.app.channels.join(this, name);
      this.subscriptions.set(name, {});
    }
    this.logger.debug("subscribed", { socket_id: this.socketId, channel: name });
    this.confirm(name);
  }

  private confirm(name: string): void {
    const channel = this.app.channels.get(name);
    const data = channel && channel.kind === "presence" ? channel.presenceSnapshot() : {};
    this.sendText(encodeSystemEvent("pusher_internal:subscription_succeeded", data, name));
  }

  /**
   * Hosted Pusher answers a refused subscription with pusher:error (connection-level). pusher-js only
   * fires `channel.bind("pusher:subscription_error")` for an event addressed to the channel, so the
   * refusal is also sent as pusher:subscription_error on that channel, shaped as pusher-js emits it.
   */
  private refuse(channel: string | undefined, refusal: SubscriptionRefusal): void {
    this.logger.info("subscription_refused", { socket_id: this.socketId, channel, reason: refusal.message });
    this.sendError(refusal.code, refusal.message);
    if (channel !== undefined) {
      this.sendText(
        encodeSystemEvent(
          "pusher:subscription_error",
          { type: refusal.type, error: refusal.message, status: refusal.status },
          channel,
        ),
      );
    }
  }

  private unsubscribe(data: Record<string, unknown>): void {
    const name = data.channel;
    if (typeof name !== "string") return;
    const subscription = this.subscriptions.get(name);
    if (!subscription) return;
    this.subscriptions.delete(name);
    this.app.channels.leave(this, name, subscription.userId);
    this.logger.debug("unsubscribed", { socket_id: this.socketId, channel: name });
  }

  private clientEvent(message: ClientMessage): void {
    // Pusher's limit is per connection, 10 a second; the excess is dropped with error 4301.
    const now = Date.now();
    if (now - this.rateWindowStart >= 1000) {
      this.rateWindowStart = now;
      this.rateWindowCount = 0;
    }
    if (++this.rateWindowCount > MAX_CLIENT_EVENTS_PER_SECOND) {
      return this.sendError(
        ErrorCode.CLIENT_EVENT_RATE_LIMIT,
        `Client event rejected due to rate limit (${MAX_CLIENT_EVENTS_PER_SECOND} per second)`,
      );
    }

    const name = message.event;
    const channelName = message.channel;
    const nameError = eventNameError(name);
    if (nameError !== undefined) return this.sendError(null, `Client event rejected - ${nameError}`);
    if (typeof channelName !== "string")
      return this.sendError(null, "Client event rejected - no channel given");
    const kind = channelKind(channelName);
    if (kind !== "private" && kind !== "presence") {
      return this.sendError(null, "Client event rejected - only supported on private and presence channels");
    }
    const subscription = this.subscriptions.get(channelName);
    const channel = this.app.channels.get(channelName);
    if (!subscription || !channel) {
      return this.sendError(null, `Client event rejected - not subscribed to channel ${channelName}`);
    }
    const data = typeof message.data === "string" ? message.data : JSON.stringify(message.data ?? null);
    if (Buffer.byteLength(data, "utf8") > MAX_EVENT_DATA_BYTES) {
      return this.sendError(null, `Client event rejected - data larger than ${MAX_EVENT_DATA_BYTES} bytes`);
    }

    // Never echoed to the sender; on presence channels receivers learn who sent it.
    const frame = Buffer.from(encodeChannelEvent(name, channelName, data, subscription.userId));
    const sent = channel.publish(frame, this);
    this.app.counters.clientEvents++;
    this.app.counters.messagesSent += sent;
  }

  private touch(): void {
    this.lastActivity = Date.now();
    if (this.pingSentAt !== undefined) {
      // Answered: the next check is an activity timeout away, not at the end of the pong wait.
      this.pingSentAt = undefined;
      clearTimeout(this.timer);
      if (!this.cleanedUp) this.scheduleCheck(this.timeouts.activityTimeoutMs);
    }
  }

  /**
   * One timer per connection, re-armed from the time of last activity rather than reset on every
   * message, so busy connections cost no timer churn.
   */
  private scheduleCheck(delayMs: number): void {
    this.timer = setTimeout(() => this.checkActivity(), delayMs);
  }

  private checkActivity(): void {
    if (this.cleanedUp) return;
    if (this.pingSentAt !== undefined) {
      this.logger.info("pong_timeout", { socket_id: this.socketId });
      return this.close(ErrorCode.PONG_NOT_RECEIVED, "Pong reply not received");
    }
    const idle = Date.now() - this.lastActivity;
    if (idle >= this.timeouts.activityTimeoutMs) {
      this.send(PING);
      this.pingSentAt = Date.now();
      this.scheduleCheck(this.timeouts.pongTimeoutMs);
    } else {
      this.scheduleCheck(this.timeouts.activityTimeoutMs - idle);
    }
  }

  private onClose(code: number, reason: string): void {
    this.release();
    this.logger.info("connection_closed", {
      app: this.app.credentials.id,
      socket_id: this.socketId,
      code,
      reason,
      duration_ms: Date.now() - this.openedAt,
    });
  }

  private release(): void {
    if (this.cleanedUp) return;
    this.cleanedUp = true;
    clearTimeout(this.timer);
    this.app.connections.delete(this.socketId);
    for (const [name, subscription] of this.subscriptions) {
      this.app.channels.leave(this, name, subscription.userId);
    }
    this.subscriptions.clear();
  }

  private guard(what: string, fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.logger.error("handler_failed", {
        socket_id: this.socketId,
        handler: what,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
}

function rawText(raw: RawData): string {
  if (Buffer.isBuffer(raw)) return raw.toString("utf8");
  if (Array.isArray(raw)) return Buffer.concat(raw).toString("utf8");
  return Buffer.from(raw).toString("utf8");
}
