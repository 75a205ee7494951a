// Test harness: a server on an ephemeral port, official pusher / pusher-js clients against it, a raw
// `ws` client for what pusher-js hides, and bounded waits. Everything started here is stopped by
// cleanup(), which each suite runs in afterEach.
import PusherServer from "pusher";
import Pusher, { type Channel, type Options } from "pusher-js";
import WebSocket from "ws";
import { LOCAL_APP, startRealtimeServer, type RealtimeServer, type RealtimeServerOptions } from "../src";

export const APP = LOCAL_APP;
export const DEFAULT_WAIT_MS = 5000;

type Cleanup = () => void | Promise<void>;
const cleanups: Cleanup[] = [];

/** Registers something to stop after the test (with the clients and servers started here). */
export function onCleanup(fn: Cleanup): void {
  cleanups.push(fn);
}

/** Runs every registered cleanup, newest first: clients before the server they talk to. */
export async function cleanup(): Promise<void> {
  while (cleanups.length > 0) await cleanups.pop()?.();
}

export async function startServer(options: RealtimeServerOptions = {}): Promise<RealtimeServer> {
  const server = await startRealtimeServer({ port: 0, logLevel: "silent", ...options });
  cleanups.push(() => server.close());
  return server;
}

/** The official server SDK pointed at the local server. */
export function serverSdk(
  server: RealtimeServer,
  overrides: Partial<{ appId: string; key: string; secret: string; encryptionMasterKeyBase64: string }> = {},
) {
  return new PusherServer({
    appId: overrides.appId ?? APP.id,
    key: overrides.key ?? APP.key,
    secret: overrides.secret ?? APP.secret,
    host: server.host,
    port: String(server.port),
    useTLS: false,
    encryptionMasterKeyBase64: overrides.encryptionMasterKeyBase64,
  });
}

export interface ClientOptions {
  /** Presence identity the auth handler signs. */
  user?: { id: string; info?: Record<string, unknown> };
  /** Secret used to sign subscriptions; a wrong one forges signatures. */
  secret?: string;
  /** Replace channel_data after signing (a tampered presence identity). */
  tamperChannelData?: string;
  /**
   * Data the SDK signs into private (not presence) channel authorisations, as pusher-js's own
   * integration server does: the SDK then signs socket_id:channel:channel_data.
   */
  privateChannelData?: PusherServer.PresenceChannelData;
  /** Who pusher.signin() signs in as, through the SDK's authenticateUser (signed with `secret`). */
  signinAs?: PusherServer.UserChannelData;
  /** Master key the SDK derives encrypted channels' shared secrets from. */
  encryptionMasterKeyBase64?: string;
  key?: string;
  extra?: Partial<Options>;
}

/**
 * A pusher-js client, unchanged, whose channel authorisation is made by the official server SDK's
 * authorizeChannel (so signatures come from Pusher's own code, not ours).
 */
export function pusherClient(server: RealtimeServer, options: ClientOptions = {}): Pusher {
  const signer = serverSdk(server, {
    secret: options.secret ?? APP.secret,
    ...(options.encryptionMasterKeyBase64 && {
      encryptionMasterKeyBase64: options.encryptionMasterKeyBase64,
    }),
  });
  const client = new Pusher(options.key ?? APP.key, {
    wsHost: server.host,
    wsPort: server.port,
    forceTLS: false,
    enabledTransports: ["ws"],
    cluster: "",
    disableStats: true,
    channelAuthorization: {
      customHandler: ({ socketId, channelName }, callback) => {
        try {
          const data = channelName.startsWith("presence-")
            ? { user_id: options.user?.id ?? "anonymous", user_info: options.user?.info }
            : options.privateChannelData;
          const auth = signer.authorizeChannel(socketId, channelName, data);
          if (options.tamperChannelData !== undefined) auth.channel_data = options.tamperChannelData;
          callback(null, auth);
        } catch (error) {
          callback(error as Error, null);
        }
      },
    },
    userAuthentication: {
      customHandler: ({ socketId }, callback) => {
        try {
          if (!options.signinAs) throw new Error("this test client has no user to sign in as");
          callback(null, signer.authenticateUser(socketId, options.signinAs));
        } catch (error) {
          callback(error as Error, null);
        }
      },
    },
    ...options.extra,
  });
  cleanups.push(() => client.disconnect());
  return client;
}

export async function connectedClient(server: RealtimeServer, options: ClientOptions = {}): Promise<Pusher> {
  const client = pusherClient(server, options);
  await waitForState(client, "connected");
  return client;
}

export function waitForState(client: Pusher, state: string, timeoutMs = DEFAULT_WAIT_MS): Promise<void> {
  if (client.connection.state === state) return Promise.resolve();
  return withTimeout(
    new Promise<void>((resolve) => {
      const onChange = ({ current }: { current: string }) => {
        if (current !== state) return;
        client.connection.unbind("state_change", onChange);
        resolve();
      };
      client.connection.bind("state_change", onChange);
    }),
    timeoutMs,
    `connection state "${state}"`,
  );
}

/** What pusher-js emits events on: a channel, pusher.user, pusher.user.watchlist. */
export interface EventSource {
  readonly name?: string;
  bind(event: string, callback: (data: never) => void): unknown;
  unbind(event: string, callback: (data: never) => void): unknown;
}

/** Resolves with the data of the next `event` on `channel`. */
export function nextEvent<T = unknown>(
  channel: EventSource,
  event: string,
  timeoutMs = DEFAULT_WAIT_MS,
): Promise<T> {
  return withTimeout(
    new Promise<T>((resolve) => {
      const handler = (data: T) => {
        channel.unbind(event, handler);
        resolve(data);
      };
      channel.bind(event, handler);
    }),
    timeoutMs,
    `event "${event}" on ${channel.name ?? "the user"}`,
  );
}

/**
 * Signs the client in (pusher.signin()) and resolves once pusher-js has the user, or rejects with
 * the pusher:error the server answered.
 */
export async function signedIn(client: Pusher): Promise<{ id: string }> {
  const refused = nextConnectionError(client).then((error) => {
    throw new Error(`signin refused: ${error.data.message}`);
  });
  client.signin();
  await waitForState(client, "connected");
  await Promise.race([client.user.signinDonePromise, refused]);
  refused.catch(() => undefined);
  const user = client.user.user_data as { id: string } | null;
  if (!user) throw new Error("signin failed");
  return user;
}

export async function subscribed(client: Pusher, name: string): Promise<Channel> {
  const channel = client.subscribe(name);
  await nextEvent(channel, "pusher:subscription_succeeded");
  return channel;
}

export interface PusherErrorEvent {
  type: string;
  data: { code: number | null; message: string };
}

/** Resolves with the next pusher:error the connection reports. */
export function nextConnectionError(client: Pusher, timeoutMs = DEFAULT_WAIT_MS): Promise<PusherErrorEvent> {
  return withTimeout(
    new Promise<PusherErrorEvent>((resolve) => {
      const handler = (error: PusherErrorEvent) => {
        if (error.type !== "PusherError") return;
        client.connection.unbind("error", handler);
        resolve(error);
      };
      client.connection.bind("error", handler);
    }),
    timeoutMs,
    "pusher:error",
  );
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Polls until `check` holds (for state the protocol doesn't announce, e.g. server-side counts). */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = DEFAULT_WAIT_MS,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export interface RawMessage {
  event: string;
  channel?: string;
  data?: unknown;
  user_id?: string;
}

/** A bare `ws` client speaking the protocol by hand: it never answers pings unless told to. */
export class RawClient {
  /** Everything received, in order. */
  readonly messages: RawMessage[] = [];
  /** Received but not yet returned by next(). */
  private readonly unclaimed: RawMessage[] = [];
  private readonly waiters: { match: (m: RawMessage) => boolean; resolve: (m: RawMessage) => void }[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly ws: WebSocket) {
    ws.on("message", (raw) => {
      const message = JSON.parse(String(raw)) as RawMessage;
      this.messages.push(message);
      const waiter = this.waiters.find((w) => w.match(message));
      if (waiter) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(message);
      } else {
        this.unclaimed.push(message);
      }
    });
    this.closed = new Promise((resolve) =>
      ws.on("close", (code, reason) => resolve({ code, reason: String(reason) })),
    );
  }

  static async open(
    server: RealtimeServer,
    path = `/app/${APP.key}?protocol=7&client=raw&version=1`,
  ): Promise<RawClient> {
    const ws = new WebSocket(`ws://${server.host}:${server.port}${path}`);
    const client = new RawClient(ws);
    cleanups.push(() => {
      if (ws.readyState !== WebSocket.CLOSED) ws.terminate();
    });
    await withTimeout(
      new Promise<void>((resolve, reject) => {
        ws.once("open", () => resolve());
        ws.once("error", reject);
      }),
      DEFAULT_WAIT_MS,
      "websocket open",
    );
    return client;
  }

  /** Opens a connection and waits for pusher:connection_established; returns the socket id. */
  static async connect(server: RealtimeServer): Promise<{ client: RawClient; socketId: string }> {
    const client = await RawClient.open(server);
    const established = await client.next((m) => m.event === "pusher:connection_established");
    const data = JSON.parse(established.data as string) as { socket_id: string };
    return { client, socketId: data.socket_id };
  }

  send(event: string, data: unknown, channel?: string): void {
    this.ws.send(JSON.stringify(channel === undefined ? { event, data } : { event, data, channel }));
  }

  /** The next message matching `match`, including one already received and not yet claimed. */
  next(match: (m: RawMessage) => boolean, timeoutMs = DEFAULT_WAIT_MS): Promise<RawMessage> {
    const index = this.unclaimed.findIndex(match);
    if (index !== -1) return Promise.resolve(this.unclaimed.splice(index, 1)[0] as RawMessage);
    return withTimeout(
      new Promise<RawMessage>((resolve) => this.waiters.push({ match, resolve })),
      timeoutMs,
      "a matching message",
    );
  }

  waitClosed(timeoutMs = DEFAULT_WAIT_MS): Promise<{ code: number; reason: string }> {
    return withTimeout(this.closed, timeoutMs, "the socket to close");
  }
}

/** Parses a pusher:* message's double-encoded data. */
export function dataOf<T>(message: RawMessage): T {
  return (typeof message.data === "string" ? JSON.parse(message.data) : message.data) as T;
}
