// One client WebSocket speaking Pusher protocol 7: subscriptions, sign-in, client events, and the
// idle check.
import { WebSocket, type RawData } from "ws";
import type { AppState } from "./app-state";
import type { Subscriber } from "./channels";
import { ClientEventRate, relayClientEvent, type ClientEventSender } from "./client-events";
import type { Logger } from "./log";
import { CLIENT_EVENT_PREFIX, channelKind, channelNameError } from "./names";
import { parsePresenceChannelData } from "./presence";
import { ErrorCode, dataObject, encodeError, encodeSystemEvent, parseClientMessage } from "./protocol";
import { channelAuthError } from "./signature";
import { verifySignin } from "./signin";
import { USER_CHANNEL_PREFIX, userChannel, type UserConnection } from "./users";

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

export class Connection implements Subscriber, UserConnection, ClientEventSender {
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly openedAt = Date.now();
  private lastActivity = this.openedAt;
  private pingSentAt: number | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly clientEventRate = new ClientEventRate();
  /** Set by pusher:signin; a connection signs in as one user for its lifetime. */
  private user: { id: string; watchlist: string[] } | undefined;
  /** Signed in, or subscribed to a private/presence channel (hosted "Authorized Connections"). */
  private authorized = false;
  private authorizationTimer: NodeJS.Timeout | undefined;
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
    const authorizationTimeout = this.app.settings.authorizationTimeoutMs;
    if (authorizationTimeout !== undefined) {
      this.authorizationTimer = setTimeout(() => {
        if (this.authorized) return;
        this.logger.info("authorization_timeout", { socket_id: this.socketId });
        this.close(ErrorCode.CONNECTION_UNAUTHORIZED, "Connection not authorized within timeout");
      }, authorizationTimeout);
    }
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

  subscriptionOf(channel: string): Subscription | undefined {
    return this.subscriptions.get(channel);
  }

  private sendText(text: string): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(text);
  }

  private sendError(code: number | null, message: string): void {
    this.sendText(encodeError(code, message));
  }

  private onMessage(raw: RawData, isBinary: boolean): void {
    // Closed by the server (terminate_connections, timeouts) but frames already in flight still
    // arrive: they must not subscribe or sign in again a connection whose state is released.
    if (this.cleanedUp) return;
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
        return this.signin(dataObject(message.data));
    }
    if (message.event.startsWith(CLIENT_EVENT_PREFIX)) {
      const refusal = relayClientEvent(this.app, this, this.clientEventRate, message);
      if (refusal) this.sendError(refusal.code, refusal.message);
      return;
    }
    this.logger.debug("event_ignored", { socket_id: this.socketId, event: message.event.slice(0, 200) });
  }

  private subscribe(data: Record<string, unknown>): void {
    const name = data.channel;
    if (typeof name === "string" && name.startsWith(USER_CHANNEL_PREFIX))
      return this.subscribeUserChannel(name);
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
    // Encrypted channels authorise as private ones; the shared secret never reaches this server.
    if (kind !== "public") {
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
      this.app.joined(name, joined, parsed.identity.userId);
    } else {
      this.subscriptions.set(name, {});
      this.app.joined(name, this.app.channels.join(this, name));
    }
    if (kind !== "public") this.authorized = true;
    this.logger.debug("subscribed", { socket_id: this.socketId, channel: name });
    this.confirm(name);
    this.app.subscribed(this, name);
  }

  /**
   * pusher-js subscribes to `#server-to-user-{id}` once signed in (unauthorised, like a public
   * channel). The connection already receives that user's events from the moment it signed in;
   * the subscription is confirmed for the signed-in user's own channel only.
   */
  private subscribeUserChannel(name: string): void {
    if (this.user && name === userChannel(this.user.id)) {
      return this.sendText(encodeSystemEvent("pusher_internal:subscription_succeeded", {}, name));
    }
    this.refuse(name, {
      code: null,
      type: "AuthError",
      status: 403,
      message: `${name} is only for a connection signed in as that user (pusher:signin)`,
    });
  }

  /** pusher:signin → pusher:signin_success, or pusher:error with the reason. */
  private signin(data: Record<string, unknown>): void {
    const result = verifySignin({
      key: this.app.credentials.key,
      secret: this.app.credentials.secret,
      socketId: this.socketId,
      data,
    });
    if (!result.ok) {
      this.logger.info("signin_refused", { socket_id: this.socketId, reason: result.error });
      return this.sendError(null, result.error);
    }
    const user = result.user;
    if (this.user && this.user.id !== user.id) {
      return this.sendError(
        null,
        `Invalid signin: the connection is already signed in as another user (${this.user.id})`,
      );
    }
    // Signing in again as the same user replaces the watchlist; the user doesn't go offline meanwhile.
    if (this.user) this.app.users.unwatch(this, this.user.watchlist);
    this.user = { id: user.id, watchlist: user.watchlist };
    this.authorized = true;
    this.logger.debug("signed_in", { socket_id: this.socketId, user_id: user.id });
    this.sendText(encodeSystemEvent("pusher:signin_success", { user_data: user.userData }));
    if (user.watchlistTruncated) {
      this.sendError(
        ErrorCode.WATCHLIST_LIMIT_EXCEEDED,
        "Watchlist limit exceeded. Only the first 100 user IDs are accepted.",
      );
    }
    this.app.users.signIn(this, user.id, user.watchlist);
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
    this.app.leave(this, name, subscription.userId);
    this.logger.debug("unsubscribed", { socket_id: this.socketId, channel: name });
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
    clearTimeout(this.authorizationTimer);
    this.app.connections.delete(this.socketId);
    for (const [name, subscription] of this.subscriptions) {
      this.app.leave(this, name, subscription.userId);
    }
    this.subscriptions.clear();
    if (this.user) this.app.users.signOut(this, this.user.id, this.user.watchlist);
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
