// Webhooks (pusher/docs server_api/webhooks.md): POSTed {time_ms, events} batches, signed so that
// the SDK's webhook(request).isValid() accepts them, retried after a failure, and channel_vacated /
// member_removed held back for a reconnect that cancels them.
import { afterEach, describe, expect, it } from "vitest";
import type { RealtimeServerOptions } from "../src";
import type { AppOptions } from "../src/config";
import {
  APP,
  cleanup,
  connectedClient,
  eventually,
  nextEvent,
  pusherClient,
  serverSdk,
  startServer,
  subscribed,
  waitForState,
} from "./helpers";
import { WebhookReceiver } from "./webhook-receiver";

afterEach(cleanup);

/** A server posting every webhook to a fresh receiver, with no vacate delay unless asked. */
async function withWebhooks(app: Partial<AppOptions> = {}, options: RealtimeServerOptions = {}) {
  const receiver = await WebhookReceiver.start();
  const server = await startServer({
    webhookDelay: 0,
    ...options,
    apps: [{ ...APP, webhooks: [receiver.url], ...app }],
  });
  return { receiver, server, sdk: serverSdk(server) };
}

describe("webhooks", () => {
  it("channel_occupied and channel_vacated, signed as the SDK's isValid() requires", async () => {
    const { receiver, server } = await withWebhooks();
    const client = await connectedClient(server);
    await subscribed(client, "lobby");
    await receiver.received({ name: "channel_occupied", channel: "lobby" });
    client.unsubscribe("lobby");
    await receiver.received({ name: "channel_vacated", channel: "lobby" });

    expect(receiver.events).toEqual([
      { name: "channel_occupied", channel: "lobby" },
      { name: "channel_vacated", channel: "lobby" },
    ]);
    for (const request of receiver.requests) {
      expect(request.valid).toBe(true);
      expect(request.headers["x-pusher-key"]).toBe(APP.key);
      expect(request.headers["x-pusher-signature"]).toMatch(/^[0-9a-f]{64}$/);
      expect(request.headers["content-type"]).toBe("application/json");
      expect(Math.abs(request.timeMs - Date.now())).toBeLessThan(60_000);
      expect(Object.keys(JSON.parse(request.body) as object)).toEqual(["time_ms", "events"]);
    }
  });

  it("signed with another secret, they don't pass isValid()", async () => {
    const receiver = await WebhookReceiver.start("another-secret");
    const server = await startServer({ webhookDelay: 0, apps: [{ ...APP, webhooks: [receiver.url] }] });
    await subscribed(await connectedClient(server), "lobby");
    await eventually(() => receiver.requests.length === 1, "one request");
    expect(receiver.requests[0]?.valid).toBe(false);
  });

  it("member_added once per user, member_removed when the user's last connection leaves", async () => {
    const { receiver, server } = await withWebhooks();
    const [tab1, tab2] = await Promise.all([
      connectedClient(server, { user: { id: "alice" } }),
      connectedClient(server, { user: { id: "alice" } }),
    ]);
    await subscribed(tab1, "presence-room");
    await subscribed(tab2, "presence-room");
    tab1.disconnect();
    // a later event, to be sure nothing was sent for the first tab leaving
    await subscribed(tab2, "marker");
    await receiver.received({ name: "channel_occupied", channel: "marker" });
    tab2.disconnect();
    await receiver.received({ name: "channel_vacated", channel: "presence-room" });
    expect(receiver.events).toEqual([
      { name: "channel_occupied", channel: "presence-room" },
      { name: "member_added", channel: "presence-room", user_id: "alice" },
      { name: "channel_occupied", channel: "marker" },
      ...[
        { name: "member_removed", channel: "presence-room", user_id: "alice" },
        { name: "channel_vacated", channel: "presence-room" },
        { name: "channel_vacated", channel: "marker" },
      ],
    ]);
  });

  it("client_event, with user_id on presence channels", async () => {
    const { receiver, server } = await withWebhooks();
    const [alice, bob] = await Promise.all([
      connectedClient(server, { user: { id: "alice" } }),
      connectedClient(server, { user: { id: "bob" } }),
    ]);
    const [chA] = await Promise.all([subscribed(alice, "presence-room"), subscribed(bob, "presence-room")]);
    const [privA] = await Promise.all([subscribed(alice, "private-room"), subscribed(bob, "private-room")]);
    chA.trigger("client-typing", { typing: true });
    privA.trigger("client-typing", { typing: false });
    const onPresence = await receiver.received({ name: "client_event", channel: "presence-room" });
    const onPrivate = await receiver.received({ name: "client_event", channel: "private-room" });
    expect(onPresence).toEqual({
      name: "client_event",
      channel: "presence-room",
      event: "client-typing",
      data: JSON.stringify({ typing: true }),
      socket_id: alice.connection.socket_id,
      user_id: "alice",
    });
    expect(onPrivate).toEqual({
      name: "client_event",
      channel: "private-room",
      event: "client-typing",
      data: JSON.stringify({ typing: false }),
      socket_id: alice.connection.socket_id,
    });
  });

  it("cache_miss once for several subscribers of an empty cache channel", async () => {
    const { receiver, server } = await withWebhooks();
    const [a, b] = await Promise.all([connectedClient(server), connectedClient(server)]);
    await nextEvent(a.subscribe("cache-empty"), "pusher:cache_miss");
    await nextEvent(b.subscribe("cache-empty"), "pusher:cache_miss");
    await subscribed(a, "marker");
    await receiver.received({ name: "channel_occupied", channel: "marker" });
    expect(receiver.events.filter((e) => e.name === "cache_miss")).toEqual([
      { name: "cache_miss", channel: "cache-empty" },
    ]);
  });

  it("subscription_count when the app counts subscriptions", async () => {
    const { receiver, server } = await withWebhooks({ enableSubscriptionCount: true });
    const [a, b] = await Promise.all([connectedClient(server), connectedClient(server)]);
    await subscribed(a, "lobby");
    await subscribed(b, "lobby");
    await receiver.received({ name: "subscription_count", subscription_count: 2 });
    expect(receiver.events.filter((e) => e.name === "subscription_count")).toEqual([
      { name: "subscription_count", channel: "lobby", subscription_count: 1 },
      { name: "subscription_count", channel: "lobby", subscription_count: 2 },
    ]);
  });

  it("go to each endpoint only for the events it asked for", async () => {
    const all = await WebhookReceiver.start();
    const clientEventsOnly = await WebhookReceiver.start();
    const server = await startServer({
      webhookDelay: 0,
      apps: [{ ...APP, webhooks: [all.url, { url: clientEventsOnly.url, events: ["client_event"] }] }],
    });
    const [a, b] = await Promise.all([connectedClient(server), connectedClient(server)]);
    const [chA] = await Promise.all([subscribed(a, "private-room"), subscribed(b, "private-room")]);
    chA.trigger("client-x", {});
    await clientEventsOnly.received({ name: "client_event" });
    await all.received({ name: "client_event" });
    expect(clientEventsOnly.events.map((e) => e.name)).toEqual(["client_event"]);
    expect(all.events.map((e) => e.name)).toEqual(["channel_occupied", "client_event"]);
  });
});

describe("webhook delivery", () => {
  it("batches events raised together: a connection leaving three channels is one request", async () => {
    const { receiver, server } = await withWebhooks();
    const client = await connectedClient(server);
    await Promise.all(["a", "b", "c"].map((name) => subscribed(client, name)));
    await eventually(() => receiver.events.length === 3, "three channel_occupied");
    const before = receiver.requests.length;
    client.disconnect();
    await eventually(() => receiver.events.length === 6, "three channel_vacated");
    expect(receiver.requests.length).toBe(before + 1);
    expect(receiver.requests.at(-1)?.events).toEqual([
      { name: "channel_vacated", channel: "a" },
      { name: "channel_vacated", channel: "b" },
      { name: "channel_vacated", channel: "c" },
    ]);
  });

  it("batches what happens while a request is outstanding into the next, in order", async () => {
    const { receiver, server } = await withWebhooks();
    let release = () => {};
    receiver.hold = new Promise<void>((resolve) => (release = resolve));
    const client = await connectedClient(server);
    await subscribed(client, "first");
    await eventually(() => receiver.requests.length === 1, "the first request");
    for (const name of ["second", "third"]) await subscribed(client, name);
    release();
    receiver.hold = undefined;
    await eventually(() => receiver.events.length === 3, "all three events");
    expect(receiver.requests.map((r) => r.events.map((e) => e.channel))).toEqual([
      ["first"],
      ["second", "third"],
    ]);
  });

  it("retries after a 500, with the same body and signature", async () => {
    const { receiver, server } = await withWebhooks({}, { webhookRetryDelay: 0.05 });
    receiver.statuses.push(500);
    await subscribed(await connectedClient(server), "lobby");
    await eventually(() => receiver.requests.length === 2, "the retry");
    const [failed, retried] = receiver.requests;
    expect(retried?.body).toBe(failed?.body);
    expect(retried?.headers["x-pusher-signature"]).toBe(failed?.headers["x-pusher-signature"]);
    expect(retried?.valid).toBe(true);
    expect(retried?.events).toEqual([{ name: "channel_occupied", channel: "lobby" }]);
  });

  it("gives up after the retry window, logs it, and carries on with later events", async () => {
    const lines: string[] = [];
    const { receiver, server } = await withWebhooks(
      {},
      {
        webhookRetryDelay: 0.02,
        webhookRetryFor: 0.3,
        logLevel: "error",
        logSink: (line) => lines.push(line),
      },
    );
    receiver.statuses.push(...Array<number>(100).fill(503));
    const client = await connectedClient(server);
    await subscribed(client, "doomed");
    await eventually(() => lines.some((line) => line.includes('"msg":"webhook_failed"')), "the give-up");
    // (retried in between, unless the machine is so slow that the first attempt used up the window)
    const attempts = receiver.requests.length;
    expect(attempts).toBeGreaterThanOrEqual(1);
    receiver.statuses.length = 0;
    await subscribed(client, "later");
    await receiver.received({ name: "channel_occupied", channel: "later" });
    expect(receiver.requests.slice(attempts).map((r) => r.events)).toEqual([
      [{ name: "channel_occupied", channel: "later" }],
    ]);
  });

  it("holds channel_vacated and member_removed for the delay; a reconnect within it cancels both sides", async () => {
    const { receiver, server } = await withWebhooks({}, { webhookDelay: 60 });
    const first = await connectedClient(server, { user: { id: "alice" } });
    await subscribed(first, "presence-room");
    await receiver.received({ name: "member_added" });
    // a page reload: the old connection goes, a new one comes, well within the delay
    first.disconnect();
    await waitForState(first, "disconnected");
    await eventually(() => server.stats().connections === 0, "the old connection to go");
    const second = await connectedClient(server, { user: { id: "alice" } });
    await subscribed(second, "presence-room");
    await subscribed(second, "marker");
    await receiver.received({ name: "channel_occupied", channel: "marker" });
    expect(receiver.events).toEqual([
      { name: "channel_occupied", channel: "presence-room" },
      { name: "member_added", channel: "presence-room", user_id: "alice" },
      { name: "channel_occupied", channel: "marker" },
    ]);
  });

  it("sends a held channel_vacated once the delay is up", async () => {
    const { receiver, server } = await withWebhooks({}, { webhookDelay: 0.2 });
    const client = pusherClient(server);
    await subscribed(client, "lobby");
    await receiver.received({ name: "channel_occupied" });
    const left = Date.now();
    client.unsubscribe("lobby");
    await receiver.received({ name: "channel_vacated", channel: "lobby" });
    expect(Date.now() - left).toBeGreaterThanOrEqual(190);
  });
});
