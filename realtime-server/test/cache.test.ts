// Cache channels (pusher/docs cache-channels.md): the last event published on a cache channel is
// sent to each new subscriber right after subscription_succeeded, or pusher:cache_miss when there
// is none; it expires after the TTL; the HTTP API reports it as the `cache` attribute.
import { afterEach, describe, expect, it } from "vitest";
import { ChannelCache, isCacheChannel } from "../src/cache";
import { RawClient, cleanup, connectedClient, nextEvent, serverSdk, startServer } from "./helpers";

afterEach(cleanup);

describe("cache channels", () => {
  it("replay the last published event to a new subscriber, even one that came after it", async () => {
    const server = await startServer();
    const sdk = serverSdk(server);
    await sdk.trigger("cache-location", "moved", { x: 1 });
    await sdk.trigger("cache-location", "moved", { x: 2 });
    const client = await connectedClient(server);
    const channel = client.subscribe("cache-location");
    const moved = nextEvent(channel, "moved");
    const misses: unknown[] = [];
    channel.bind("pusher:cache_miss", () => misses.push(1));
    expect(await moved).toEqual({ x: 2 });
    expect(misses).toEqual([]);
  });

  it("the wire format: the cached event right after subscription_succeeded", async () => {
    const server = await startServer();
    await serverSdk(server).trigger("cache-x", "state", '{"a":1}');
    const { client } = await RawClient.connect(server);
    client.send("pusher:subscribe", { channel: "cache-x" });
    await client.next((m) => m.event === "pusher_internal:subscription_succeeded");
    const next = await client.next(() => true);
    expect(next).toEqual({ event: "state", channel: "cache-x", data: '{"a":1}' });
  });

  it("send pusher:cache_miss to a subscriber when nothing is cached", async () => {
    const server = await startServer();
    const client = await connectedClient(server);
    const channel = client.subscribe("cache-empty");
    const miss = nextEvent(channel, "pusher:cache_miss");
    await nextEvent(channel, "pusher:subscription_succeeded");
    await miss;
    const { client: raw } = await RawClient.connect(server);
    raw.send("pusher:subscribe", { channel: "cache-empty" });
    await raw.next((m) => m.event === "pusher_internal:subscription_succeeded");
    expect(await raw.next(() => true)).toEqual({ event: "pusher:cache_miss", channel: "cache-empty" });
  });

  it("work for private-cache, presence-cache and private-encrypted-cache; client events aren't cached", async () => {
    const server = await startServer();
    const sdk = serverSdk(server);
    await sdk.trigger("private-cache-a", "e", { n: 1 });
    await sdk.trigger("presence-cache-b", "e", { n: 2 });
    const [alice, bob] = await Promise.all([
      connectedClient(server, { user: { id: "alice" } }),
      connectedClient(server, { user: { id: "bob" } }),
    ]);
    const chA = alice.subscribe("private-cache-a");
    expect(await nextEvent(chA, "e")).toEqual({ n: 1 });
    const presence = alice.subscribe("presence-cache-b");
    expect(await nextEvent(presence, "e")).toEqual({ n: 2 });
    expect(chA.subscribed).toBe(true);

    chA.trigger("client-typing", { typing: true });
    const chB = bob.subscribe("private-cache-a");
    // bob gets the server's event, not alice's later client event
    expect(await nextEvent(chB, "e")).toEqual({ n: 1 });
    expect(isCacheChannel("private-encrypted-cache-c")).toBe(true);
    expect(isCacheChannel("private-encrypted-c")).toBe(false);
    expect(isCacheChannel("my-cache-c")).toBe(false);
  });

  it("forget the event after the TTL (30 minutes): then subscribers get pusher:cache_miss", async () => {
    let now = Date.now();
    const server = await startServer({ clock: () => now });
    const sdk = serverSdk(server);
    await sdk.trigger("cache-short", "e", { n: 1 });
    const info = async () =>
      (await (await sdk.get({ path: "/channels/cache-short", params: { info: "cache" } })).json()) as unknown;
    expect(await info()).toEqual({ occupied: false, cache: { data: '{"n":1}', ttl: 1800 } });
    now += 29 * 60 * 1000;
    expect(await info()).toEqual({ occupied: false, cache: { data: '{"n":1}', ttl: 60 } });
    const early = await connectedClient(server);
    expect(await nextEvent(early.subscribe("cache-short"), "e")).toEqual({ n: 1 });
    now += 60 * 1000;
    expect(await info()).toEqual({ occupied: true, cache: null });
    const late = await connectedClient(server);
    await nextEvent(late.subscribe("cache-short"), "pusher:cache_miss");
  });
});

describe("the HTTP API's cache attribute", () => {
  it("GET /channels/{name}?info=cache: {data, ttl} or null; a 400 on other channels", async () => {
    const server = await startServer();
    const sdk = serverSdk(server);
    const get = async (channel: string) => {
      const res = await sdk
        .get({ path: `/channels/${channel}`, params: { info: "cache" } })
        .catch((error: { status: number }) => error);
      return { status: res.status, body: "json" in res ? await res.json() : undefined };
    };
    expect(await get("cache-a")).toEqual({ status: 200, body: { occupied: false, cache: null } });
    await sdk.trigger("cache-a", "e", "payload");
    expect(await get("cache-a")).toEqual({
      status: 200,
      body: { occupied: false, cache: { data: "payload", ttl: 1800 } },
    });
    expect((await get("lobby")).status).toBe(400);
  });
});

describe("ChannelCache", () => {
  it("expires entries exactly at the TTL and reports the seconds left", () => {
    let now = 1_000_000;
    const cache = new ChannelCache(30 * 60 * 1000, () => now);
    cache.set("cache-a", "e", "d");
    const entry = cache.get("cache-a");
    expect(entry && cache.ttlSeconds(entry)).toBe(1800);
    now += 30 * 60 * 1000 - 1;
    expect(cache.get("cache-a")?.data).toBe("d");
    now += 1;
    expect(cache.get("cache-a")).toBeUndefined();
  });

  it("reports a miss once per channel until it is written or vacated", () => {
    const cache = new ChannelCache(1000);
    expect(cache.firstMiss("cache-a")).toBe(true);
    expect(cache.firstMiss("cache-a")).toBe(false);
    cache.set("cache-a", "e", "d");
    expect(cache.firstMiss("cache-a")).toBe(true);
    cache.vacated("cache-a");
    expect(cache.firstMiss("cache-a")).toBe(true);
  });
});
