// A channel whose authorisation got no answer is asked for again (lib/client/realtime/
// subscription-retry.ts): the browser's connection holds its channels through holdChannel, and
// when the app was unreachable at the moment the socket (re)connected — restarting, say, as the
// chaos soak found — the user channel must still come back and carry events, not stay silent
// until a reload. Real pusher-js, the local realtime server, the app's own auth route.
import Pusher, { type Channel } from "pusher-js";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { userChannel } from "@/lib/core/realtime/channels";
import { pusherClientOptions } from "@/lib/core/realtime/client-options";
import type { ConversationUpdatedEvent } from "@/lib/core/types";
import { disconnectRealtime, holdChannel, releaseChannel } from "@/lib/client/realtime/connection";
import { mayRetrySubscription } from "@/lib/client/realtime/subscription-retry";
import { authorizeAs, localRealtime } from "./realtime";
import { registerAll, send, startDirect, type TestUser } from "./helpers";

let alice: TestUser;
let bob: TestUser;
let pusher: Pusher | undefined;

beforeAll(async () => {
  [alice, bob] = await registerAll("alice", "bob");
});

afterEach(() => {
  pusher?.disconnect();
  disconnectRealtime();
});

/** pusher-js whose first `failures` authorisations get no answer (the app down), then the real route's. */
function connectWithOutage(user: TestUser, failures: number) {
  const attempts: string[] = [];
  const real = authorizeAs(user);
  const client = new Pusher(
    "ticks-local-key",
    pusherClientOptions(localRealtime(), {
      ...real,
      customHandler: (params, callback) => {
        attempts.push(params.channelName);
        if (attempts.length <= failures) return callback(new Error("fetch failed: no answer"), null);
        real.customHandler(params, callback);
      },
    }),
  );
  pusher = client;
  return { client, attempts };
}

const until = (what: string, ok: () => boolean, ms = 15_000) =>
  new Promise<void>((resolve, reject) => {
    const deadline = Date.now() + ms;
    const tick = () => {
      if (ok()) return resolve();
      if (Date.now() > deadline) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(tick, 50);
    };
    tick();
  });

describe("a held channel whose authorisation got no answer", () => {
  it("is asked for again until it is subscribed, and then carries the user's events", async () => {
    const { client, attempts } = connectWithOutage(alice, 2);
    const channel: Channel = holdChannel(client, userChannel(alice.id));
    const heard: ConversationUpdatedEvent[] = [];
    channel.bind("conversation.updated", (e: ConversationUpdatedEvent) => heard.push(e));
    await until("the subscription", () => channel.subscribed);
    expect(attempts.length).toBe(3);

    const direct = await startDirect(bob, alice);
    const message = await send(bob, direct.id, "after the outage");
    await until("the message event", () => heard.some((e) => e.lastMessage?.id === message.id));
    expect(releaseChannel(client, userChannel(alice.id))).toBe(true);
  });
});

describe("which failures are retried", () => {
  it("retries no answer and server errors, never a refusal", () => {
    expect(mayRetrySubscription({ type: "AuthError", error: "fetch failed" })).toBe(true);
    expect(mayRetrySubscription({ type: "AuthError", status: 0 })).toBe(true);
    expect(mayRetrySubscription({ status: 503 })).toBe(true);
    expect(mayRetrySubscription({ status: 429 })).toBe(true);
    expect(mayRetrySubscription({ status: 403 })).toBe(false);
    expect(mayRetrySubscription({ status: 401 })).toBe(false);
  });
});
