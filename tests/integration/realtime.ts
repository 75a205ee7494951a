// Real pusher-js clients (Node build) connected to this file's in-process realtime server, whose
// subscriptions are authorised by the app's own POST /api/pusher/auth as the test user.
import Pusher, {
  type Channel,
  type ChannelAuthorizationHandler,
  type UserAuthenticationHandler,
} from "pusher-js";
import { pusherClientOptions } from "@/lib/core/realtime/client-options";
import { realtimeServer } from "./context";
import { as, routes, type TestUser } from "./helpers";

const WAIT_MS = 5000;

export type Received = { event: string; data: unknown };

export type Listener = {
  pusher: Pusher;
  socketId: string;
  /** Subscribes and resolves once the server confirmed; rejects if the app refused to sign it. */
  subscribe(channel: string): Promise<Recorder>;
  disconnect(): void;
};

/** Every app event a channel received, in order, with a way to wait for one. */
export type Recorder = {
  channel: Channel;
  events: Received[];
  /** Resolves with the data of the first received event named `event` matching `where`. */
  next<T = unknown>(event: string, where?: (data: T) => boolean): Promise<T>;
  names(): string[];
};

const listeners: Listener[] = [];

/** The local realtime server's address, as pusher-js takes it. */
export const localRealtime = () => ({
  cluster: "",
  wsHost: "127.0.0.1",
  wsPort: realtimeServer().port,
  forceTLS: false,
});

/** Channel authorisation by the app's own POST /api/pusher/auth, signed in as `user`. */
export function authorizeAs(user: TestUser): { customHandler: ChannelAuthorizationHandler } {
  return {
    customHandler: ({ socketId, channelName }, callback) => {
      as(user)
        .call(routes.pusherAuth.POST, {
          body: new URLSearchParams({ socket_id: socketId, channel_name: channelName }).toString(),
          headers: { "content-type": "application/x-www-form-urlencoded" },
        })
        .then(({ status, json }) =>
          status === 200 ? callback(null, json) : callback(new Error(`auth answered ${status}`), null),
        )
        .catch((error: Error) => callback(error, null));
    },
  };
}

/** User authentication (`pusher.signin()`) by the app's own POST /api/pusher/user-auth, as `user`. */
export function authenticateAs(user: TestUser): { customHandler: UserAuthenticationHandler } {
  return {
    customHandler: ({ socketId }, callback) => {
      as(user)
        .call(routes.pusherUserAuth.POST, {
          body: new URLSearchParams({ socket_id: socketId }).toString(),
          headers: { "content-type": "application/x-www-form-urlencoded" },
        })
        .then(({ status, json }) =>
          status === 200 ? callback(null, json) : callback(new Error(`user auth answered ${status}`), null),
        )
        .catch((error: Error) => callback(error, null));
    },
  };
}

export async function connectAs(user: TestUser): Promise<Listener> {
  const pusher = new Pusher(
    "ticks-local-key",
    pusherClientOptions(localRealtime(), authorizeAs(user), authenticateAs(user)),
  );
  const socketId = await within<string>("connection", (resolve, reject) => {
    pusher.connection.bind("connected", () => resolve(pusher.connection.socket_id));
    pusher.connection.bind("failed", () => reject(new Error("connection failed")));
  });

  const listener: Listener = {
    pusher,
    socketId,
    async subscribe(name) {
      const channel = pusher.subscribe(name);
      const recorder = record(channel);
      await within<void>(`subscription to ${name}`, (resolve, reject) => {
        channel.bind("pusher:subscription_succeeded", () => resolve());
        channel.bind("pusher:subscription_error", (e: unknown) =>
          reject(new Error(`refused: ${JSON.stringify(e)}`)),
        );
      });
      return recorder;
    },
    disconnect: () => pusher.disconnect(),
  };
  listeners.push(listener);
  return listener;
}

export function disconnectAll() {
  while (listeners.length) listeners.pop()?.disconnect();
}

function record(channel: Channel): Recorder {
  const events: Received[] = [];
  const waiters: { event: string; where: (data: never) => boolean; resolve: (data: unknown) => void }[] = [];
  channel.bind_global((event: string, data: unknown) => {
    if (event.startsWith("pusher:") || event.startsWith("pusher_internal:")) return;
    events.push({ event, data });
    for (const w of [...waiters]) {
      if (w.event === event && w.where(data as never)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(data);
      }
    }
  });
  return {
    channel,
    events,
    names: () => events.map((e) => e.event),
    next<T>(event: string, where: (data: T) => boolean = () => true) {
      const seen = events.find((e) => e.event === event && where(e.data as T));
      if (seen) return Promise.resolve(seen.data as T);
      return within<T>(`${event} on ${channel.name}`, (resolve) => {
        waiters.push({
          event,
          where: where as (data: never) => boolean,
          resolve: resolve as (data: unknown) => void,
        });
      });
    },
  };
}

/** A promise that fails with a clear message instead of hanging the test. */
function within<T>(what: string, executor: (resolve: (v: T) => void, reject: (e: Error) => void) => void) {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), WAIT_MS);
    executor(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}
