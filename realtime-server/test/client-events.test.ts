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

describe("client events", () => {
  it("are relayed to the other subscribers of a private channel and never echoed", async () => {
    const server = await startServer();
    const [alice, bob, carol] = await Promise.all([
      connectedClient(server),
      connectedClient(server),
      connectedClient(server),
    ]);
    const chA = await subscribed(alice, "private-conversation-1");
    const chB = await subscribed(bob, "private-conversation-1");
    const chC = await subscribed(carol, "private-conversation-1");
    const echoed: unknown[] = [];
    chA.bind("client-typing", (d: unknown) => echoed.push(d));
    const atBob = nextEvent(chB, "client-typing");
    const atCarol = nextEvent(chC, "client-typing");
    expect(chA.trigger("client-typing", { userId: "alice" })).toBe(true);
    expect(await atBob).toEqual({ userId: "alice" });
    expect(await atCarol).toEqual({ userId: "alice" });
    // the server's later event arrives after any echo would have
    const marker = nextEvent(chA, "marker");
    await serverSdk(server).trigger("private-conversation-1", "marker", {});
    await marker;
    expect(echoed).toEqual([]);
    expect(server.stats().clientEvents).toBe(1);
  });

  it("carry the sender's user_id on presence channels", async () => {
    const server = await startServer();
    const alice = await connectedClient(server, { user: { id: "alice" } });
    const bob = await connectedClient(server, { user: { id: "bob" } });
    const chA = await subscribed(alice, "presence-conversation-1");
    const chB = await subscribed(bob, "presence-conversation-1");
    const got = new Promise<[unknown, { user_id?: string }]>((resolve) =>
      chB.bind("client-typing", (data: unknown, metadata: { user_id?: string }) => resolve([data, metadata])),
    );
    chA.trigger("client-typing", { typing: true });
    const [data, metadata] = await got;
    expect(data).toEqual({ typing: true });
    expect(metadata.user_id).toBe("alice");
  });

  it("are refused on public channels", async () => {
    const server = await startServer();
    const [alice, bob] = await Promise.all([connectedClient(server), connectedClient(server)]);
    const chA = await subscribed(alice, "lobby");
    const chB = await subscribed(bob, "lobby");
    const relayed: unknown[] = [];
    chB.bind("client-hello", (d: unknown) => relayed.push(d));
    const error = nextConnectionError(alice);
    chA.trigger("client-hello", {});
    expect((await error).data.message).toMatch(/only supported on private and presence channels/);
    const marker = nextEvent(chB, "marker");
    await serverSdk(server).trigger("lobby", "marker", {});
    await marker;
    expect(relayed).toEqual([]);
  });

  it("are refused on a channel the connection is not subscribed to", async () => {
    const server = await startServer();
    const { client } = await RawClient.connect(server);
    client.send("client-sneak", { x: 1 }, "private-conversation-9");
    const error = await client.next((m) => m.event === "pusher:error");
    expect(dataOf<{ message: string }>(error).message).toMatch(/not subscribed/);
  });

  it("over 10 per second are dropped with error 4301", async () => {
    const server = await startServer();
    const [alice, bob] = await Promise.all([connectedClient(server), connectedClient(server)]);
    const chA = await subscribed(alice, "private-burst");
    const chB = await subscribed(bob, "private-burst");
    const received: number[] = [];
    chB.bind("client-n", (d: { n: number }) => received.push(d.n));
    const errors: number[] = [];
    alice.connection.bind("error", (e: { type: string; data?: { code?: number } }) => {
      if (e.type === "PusherError" && e.data?.code !== undefined) errors.push(e.data.code);
    });
    for (let n = 0; n < 15; n++) chA.trigger("client-n", { n });
    await eventually(() => errors.length >= 5, "five 4301 errors");
    const marker = nextEvent(chB, "marker");
    await serverSdk(server).trigger("private-burst", "marker", {});
    await marker;
    expect(received).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(errors).toEqual([4301, 4301, 4301, 4301, 4301]);
  });

  it("are refused with hosted Pusher's error when the app has client events off", async () => {
    const server = await startServer({ apps: [{ ...APP, enableClientEvents: false }] });
    const [alice, bob] = await Promise.all([connectedClient(server), connectedClient(server)]);
    const chA = await subscribed(alice, "private-conversation-1");
    const chB = await subscribed(bob, "private-conversation-1");
    const relayed: unknown[] = [];
    chB.bind("client-typing", (d: unknown) => relayed.push(d));
    const error = nextConnectionError(alice);
    chA.trigger("client-typing", { typing: true });
    expect((await error).data).toEqual({
      code: null,
      message: "To send client events, you must enable this feature in the Settings page of your dashboard.",
    });
    const marker = nextEvent(chB, "marker");
    await serverSdk(server).trigger("private-conversation-1", "marker", {});
    await marker;
    expect(relayed).toEqual([]);
    expect(server.stats().clientEvents).toBe(0);
  });

  it("over 10 KB of data are refused", async () => {
    const server = await startServer();
    const [alice, bob] = await Promise.all([connectedClient(server), connectedClient(server)]);
    const chA = await subscribed(alice, "private-big");
    await subscribed(bob, "private-big");
    const error = nextConnectionError(alice);
    chA.trigger("client-big", { blob: "x".repeat(10 * 1024) });
    expect((await error).data.message).toMatch(/larger than 10240 bytes/);
  });
});
