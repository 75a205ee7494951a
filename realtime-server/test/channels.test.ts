import { afterEach, describe, expect, it } from "vitest";
import {
  APP,
  RawClient,
  cleanup,
  connectedClient,
  dataOf,
  eventually,
  nextConnectionError,
  nextEvent,
  serverSdk,
  startServer,
  subscribed,
} from "./helpers";

afterEach(cleanup);

interface SubscriptionError {
  type: string;
  error: string;
  status: number;
}

describe("subscriptions", () => {
  it("a public channel is subscribed without authorisation", async () => {
    const server = await startServer();
    const client = await connectedClient(server);
    const channel = await subscribed(client, "lobby");
    expect(channel.subscribed).toBe(true);
  });

  it("a private channel is subscribed with a signature from the server SDK", async () => {
    const server = await startServer();
    const client = await connectedClient(server);
    const channel = await subscribed(client, "private-conversation-1");
    expect(channel.subscribed).toBe(true);
  });

  it("a private channel authorised with channel_data (signed socket_id:channel:channel_data) is accepted", async () => {
    const server = await startServer();
    const client = await connectedClient(server, {
      privateChannelData: { user_id: "u1", user_info: { name: "Integration" } },
    });
    const channel = await subscribed(client, "private-conversation-1");
    const got = nextEvent(channel, "e");
    await serverSdk(server).trigger("private-conversation-1", "e", { n: 1 });
    expect(await got).toEqual({ n: 1 });
  });

  it("a private channel signature must cover channel_data exactly when it is sent", async () => {
    const server = await startServer();
    const { client, socketId } = await RawClient.connect(server);
    const sdk = serverSdk(server);
    const withData = sdk.authorizeChannel(socketId, "private-a", { user_id: "u1" });
    const withoutData = sdk.authorizeChannel(socketId, "private-b");
    // signed with channel_data, sent without it
    client.send("pusher:subscribe", { channel: "private-a", auth: withData.auth });
    const refusedA = await client.next((m) => m.event === "pusher:subscription_error");
    expect(refusedA.channel).toBe("private-a");
    // signed without channel_data, sent with some
    client.send("pusher:subscribe", { channel: "private-b", auth: withoutData.auth, channel_data: "{}" });
    const refusedB = await client.next((m) => m.event === "pusher:subscription_error");
    expect(refusedB.channel).toBe("private-b");
    // both as signed
    client.send("pusher:subscribe", { channel: "private-a", ...withData });
    client.send("pusher:subscribe", { channel: "private-b", ...withoutData });
    await client.next(
      (m) => m.event === "pusher_internal:subscription_succeeded" && m.channel === "private-a",
    );
    await client.next(
      (m) => m.event === "pusher_internal:subscription_succeeded" && m.channel === "private-b",
    );
  });

  it("a private channel signed with the wrong secret fires pusher:subscription_error", async () => {
    const server = await startServer();
    const client = await connectedClient(server, { secret: "forged-secret" });
    const connectionError = nextConnectionError(client);
    const channel = client.subscribe("private-conversation-1");
    const error = await nextEvent<SubscriptionError>(channel, "pusher:subscription_error");
    expect(error).toMatchObject({ type: "AuthError", status: 401 });
    expect(error.error).toMatch(/Invalid signature/);
    expect((await connectionError).data.message).toMatch(/Invalid signature/);
    expect(channel.subscribed).toBe(false);
  });

  it("a signature made for another socket is refused", async () => {
    const server = await startServer();
    const { client, socketId } = await RawClient.connect(server);
    const stolen = serverSdk(server).authorizeChannel("1.1", "private-x");
    expect(socketId).not.toBe("1.1");
    client.send("pusher:subscribe", { channel: "private-x", auth: stolen.auth });
    const refusal = await client.next((m) => m.event === "pusher:subscription_error");
    expect(refusal.channel).toBe("private-x");
    expect(dataOf<SubscriptionError>(refusal).status).toBe(401);
    // and nothing published there reaches it
    await serverSdk(server).trigger("private-x", "secret", { n: 1 });
    client.send("pusher:ping", {});
    await client.next((m) => m.event === "pusher:pong");
    expect(client.messages.some((m) => m.event === "secret")).toBe(false);
  });

  it("a private channel without auth is refused", async () => {
    const server = await startServer();
    const { client } = await RawClient.connect(server);
    client.send("pusher:subscribe", { channel: "private-x" });
    const error = await client.next((m) => m.event === "pusher:error");
    expect(dataOf<{ message: string }>(error).message).toMatch(/Invalid signature/);
    await client.next((m) => m.event === "pusher:subscription_error" && m.channel === "private-x");
  });

  it("invalid channel names, and encrypted channels with a bad signature, are refused", async () => {
    const server = await startServer();
    const { client } = await RawClient.connect(server);
    client.send("pusher:subscribe", { channel: "has space" });
    await client.next((m) => m.event === "pusher:subscription_error" && m.channel === "has space");
    client.send("pusher:subscribe", { channel: "c".repeat(165) });
    const tooLong = await client.next(
      (m) => m.event === "pusher:subscription_error" && m.channel === "c".repeat(165),
    );
    expect(dataOf<SubscriptionError>(tooLong).error).toMatch(/longer than 164/);
    client.send("pusher:subscribe", { channel: "private-encrypted-x", auth: "whatever" });
    await client.next((m) => m.event === "pusher:subscription_error" && m.channel === "private-encrypted-x");
  });

  it("unsubscribing stops delivery and empties the channel", async () => {
    const server = await startServer();
    const client = await connectedClient(server);
    const channel = await subscribed(client, "news");
    const received: unknown[] = [];
    channel.bind("item", (data: unknown) => received.push(data));
    client.unsubscribe("news");
    await eventually(() => server.stats().channels === 0, "the channel to empty");
    await serverSdk(server).trigger("news", "item", { n: 1 });
    const other = await subscribed(client, "other");
    const marker = nextEvent(other, "marker");
    await serverSdk(server).trigger("other", "marker", {});
    await marker; // events are delivered in order, so "item" would have arrived before this
    expect(received).toEqual([]);
  });
});

describe("publishing through the HTTP API", () => {
  it("trigger reaches every subscriber of every channel named", async () => {
    const server = await startServer();
    const [a, b] = await Promise.all([connectedClient(server), connectedClient(server)]);
    const chA = await subscribed(a, "private-conversation-1");
    const chB = await subscribed(b, "private-user-2");
    const gotA = nextEvent(chA, "message.created");
    const gotB = nextEvent(chB, "message.created");
    const res = await serverSdk(server).trigger(
      ["private-conversation-1", "private-user-2"],
      "message.created",
      { id: 7 },
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
    expect(await gotA).toEqual({ id: 7 });
    expect(await gotB).toEqual({ id: 7 });
  });

  it("socket_id excludes that one connection, not the user's other connections", async () => {
    const server = await startServer();
    const [sender, otherTab] = await Promise.all([connectedClient(server), connectedClient(server)]);
    const senderChannel = await subscribed(sender, "private-conversation-1");
    const otherChannel = await subscribed(otherTab, "private-conversation-1");
    const senderGot: unknown[] = [];
    senderChannel.bind("message.created", (d: unknown) => senderGot.push(d));
    const otherGot = nextEvent(otherChannel, "message.created");
    const marker = nextEvent(senderChannel, "marker");
    const sdk = serverSdk(server);
    await sdk.trigger(
      "private-conversation-1",
      "message.created",
      { id: 1 },
      { socket_id: sender.connection.socket_id },
    );
    await sdk.trigger("private-conversation-1", "marker", {});
    expect(await otherGot).toEqual({ id: 1 });
    await marker;
    expect(senderGot).toEqual([]);
  });

  it("batch trigger delivers each event, in order, honouring each event's socket_id", async () => {
    const server = await startServer();
    const [a, b] = await Promise.all([connectedClient(server), connectedClient(server)]);
    const chA = await subscribed(a, "room");
    const chB = await subscribed(b, "room");
    const gotA: unknown[] = [];
    const gotB: unknown[] = [];
    chA.bind_global(
      (event: string, data: unknown) => !event.startsWith("pusher") && gotA.push([event, data]),
    );
    chB.bind_global(
      (event: string, data: unknown) => !event.startsWith("pusher") && gotB.push([event, data]),
    );
    const lastA = nextEvent(chA, "e3");
    const lastB = nextEvent(chB, "e3");
    const res = await serverSdk(server).triggerBatch([
      { channel: "room", name: "e1", data: { n: 1 } },
      { channel: "room", name: "e2", data: "plain text", socket_id: a.connection.socket_id },
      { channel: "room", name: "e3", data: { n: 3 } },
    ]);
    expect(await res.json()).toEqual({});
    await Promise.all([lastA, lastB]);
    expect(gotA).toEqual([
      ["e1", { n: 1 }],
      ["e3", { n: 3 }],
    ]);
    expect(gotB).toEqual([
      ["e1", { n: 1 }],
      ["e2", "plain text"],
      ["e3", { n: 3 }],
    ]);
  });

  it("data is passed through as the exact string published", async () => {
    const server = await startServer();
    const { client } = await RawClient.connect(server);
    client.send("pusher:subscribe", { channel: "raw" });
    await client.next((m) => m.event === "pusher_internal:subscription_succeeded");
    await serverSdk(server).trigger("raw", "ev", '{"b":2,  "a":1}');
    const message = await client.next((m) => m.event === "ev");
    expect(message).toEqual({ event: "ev", channel: "raw", data: '{"b":2,  "a":1}' });
  });

  it("counts what it published", async () => {
    const server = await startServer();
    const client = await connectedClient(server);
    const channel = await subscribed(client, "count");
    const got = nextEvent(channel, "e");
    await serverSdk(server).trigger(["count", "empty"], "e", {});
    await got;
    expect(server.stats()).toMatchObject({
      eventsPublished: 2,
      messagesSent: 1,
      connections: 1,
      channels: 1,
    });
  });

  it("info on trigger answers subscription_count and, for presence, user_count", async () => {
    const server = await startServer({ apps: [{ ...APP, enableSubscriptionCount: true }] });
    const a = await connectedClient(server, { user: { id: "u1" } });
    const b = await connectedClient(server, { user: { id: "u1" } });
    await subscribed(a, "presence-room");
    await subscribed(b, "presence-room");
    await subscribed(a, "plain");
    const res = await serverSdk(server).trigger(
      ["presence-room", "plain", "nobody"],
      "e",
      {},
      { info: "user_count,subscription_count" },
    );
    expect(await res.json()).toEqual({
      channels: {
        "presence-room": { user_count: 1, subscription_count: 2 },
        plain: { subscription_count: 1 },
        nobody: { subscription_count: 0 },
      },
    });
    const batch = await serverSdk(server).triggerBatch([
      { channel: "presence-room", name: "e", data: {}, info: "user_count" },
      { channel: "plain", name: "e", data: {} },
    ]);
    expect(await batch.json()).toEqual({ batch: [{ user_count: 1 }, {}] });
  });
});

it("the app key and id used by the tests are the local defaults", () => {
  expect(APP).toEqual({ id: "100001", key: "ticks-local-key", secret: "ticks-local-secret" });
});
