import type { Members, PresenceChannel } from "pusher-js";
import { afterEach, describe, expect, it } from "vitest";
import {
  RawClient,
  cleanup,
  connectedClient,
  dataOf,
  eventually,
  nextEvent,
  serverSdk,
  startServer,
  subscribed,
  withTimeout,
} from "./helpers";

afterEach(cleanup);

interface Member {
  id: string;
  info: unknown;
}

async function joinRaw(server: Awaited<ReturnType<typeof startServer>>, channel: string, userId: string) {
  const { client, socketId } = await RawClient.connect(server);
  const auth = serverSdk(server).authorizeChannel(socketId, channel, { user_id: userId });
  client.send("pusher:subscribe", { channel, ...auth });
  return { client, socketId };
}

describe("presence channels", () => {
  it("subscription_succeeded carries the members, each counted once", async () => {
    const server = await startServer();
    const alice = await connectedClient(server, { user: { id: "alice", info: { name: "Alice" } } });
    const aliceTab2 = await connectedClient(server, { user: { id: "alice", info: { name: "Alice" } } });
    await subscribed(alice, "presence-conversation-1");
    await subscribed(aliceTab2, "presence-conversation-1");
    const bob = await connectedClient(server, { user: { id: "bob", info: { name: "Bob" } } });
    const channel = bob.subscribe("presence-conversation-1") as PresenceChannel;
    const members = await nextEvent<Members>(channel, "pusher:subscription_succeeded");
    expect(members.count).toBe(2);
    const seen: Member[] = [];
    members.each((m: Member) => seen.push(m));
    expect(seen.sort((x, y) => x.id.localeCompare(y.id))).toEqual([
      { id: "alice", info: { name: "Alice" } },
      { id: "bob", info: { name: "Bob" } },
    ]);
    expect(members.me).toEqual({ id: "bob", info: { name: "Bob" } });
  });

  it("the raw subscription_succeeded payload has ids, hash and count", async () => {
    const server = await startServer();
    const { client } = await joinRaw(server, "presence-x", "u1");
    const ok = await client.next((m) => m.event === "pusher_internal:subscription_succeeded");
    expect(ok.channel).toBe("presence-x");
    expect(dataOf(ok)).toEqual({ presence: { ids: ["u1"], hash: { u1: null }, count: 1 } });
  });

  it("a user with two connections is added once and removed only when both have left", async () => {
    const server = await startServer();
    const watcher = await connectedClient(server, { user: { id: "watcher" } });
    const channel = await subscribed(watcher, "presence-room");
    const added: Member[] = [];
    const removed: Member[] = [];
    channel.bind("pusher:member_added", (m: Member) => added.push(m));
    channel.bind("pusher:member_removed", (m: Member) => removed.push(m));

    const tab1 = await connectedClient(server, { user: { id: "carol", info: { name: "Carol" } } });
    const firstAdd = nextEvent(channel, "pusher:member_added");
    await subscribed(tab1, "presence-room");
    expect(await firstAdd).toEqual({ id: "carol", info: { name: "Carol" } });
    const tab2 = await connectedClient(server, { user: { id: "carol", info: { name: "Carol" } } });
    await subscribed(tab2, "presence-room");

    tab1.disconnect();
    await eventually(() => server.stats().connections === 2, "the first tab to be gone");
    // a round trip on the watcher's socket proves no member_removed is in flight for the first tab
    const marker = nextEvent(channel, "marker");
    await serverSdk(server).trigger("presence-room", "marker", {});
    await marker;
    expect(removed).toEqual([]);

    const removal = nextEvent(channel, "pusher:member_removed");
    tab2.unsubscribe("presence-room");
    expect(await removal).toEqual({ id: "carol", info: { name: "Carol" } });
    expect(added).toHaveLength(1);
    expect(removed).toHaveLength(1);
    expect((channel as PresenceChannel).members.count).toBe(1);
  });

  it("the joining connection is not told about its own arrival", async () => {
    const server = await startServer();
    const { client } = await joinRaw(server, "presence-y", "u1");
    await client.next((m) => m.event === "pusher_internal:subscription_succeeded");
    await joinRaw(server, "presence-y", "u2");
    const added = await client.next((m) => m.event === "pusher_internal:member_added");
    expect(dataOf(added)).toEqual({ user_id: "u2", user_info: null });
    client.send("pusher:ping", {});
    await client.next((m) => m.event === "pusher:pong");
    expect(client.messages.filter((m) => m.event === "pusher_internal:member_added")).toHaveLength(1);
  });

  it("refuses the 101st user and fires pusher:subscription_error", async () => {
    const server = await startServer();
    const joined = await Promise.all(
      Array.from({ length: 100 }, (_, i) => joinRaw(server, "presence-big", `user-${i}`)),
    );
    await Promise.all(
      joined.map(({ client }) => client.next((m) => m.event === "pusher_internal:subscription_succeeded")),
    );

    const late = await connectedClient(server, { user: { id: "user-100" } });
    const channel = late.subscribe("presence-big");
    const error = await nextEvent<{ type: string; error: string; status: number }>(
      channel,
      "pusher:subscription_error",
    );
    expect(error.type).toBe("LimitReached");
    expect(error.error).toMatch(/100/);

    // a second connection of a user already present is not a new member, so it is let in
    const again = await connectedClient(server, { user: { id: "user-7" } });
    await subscribed(again, "presence-big");
    const res = await serverSdk(server).get({
      path: "/channels/presence-big",
      params: { info: "user_count" },
    });
    expect(await res.json()).toEqual({ occupied: true, user_count: 100 });
  });

  it("refuses a user_id over 128 characters and user_info over 1 KB", async () => {
    const server = await startServer();
    const longId = await connectedClient(server, { user: { id: "u".repeat(129) } });
    const err1 = await nextEvent<{ error: string }>(
      longId.subscribe("presence-limits"),
      "pusher:subscription_error",
    );
    expect(err1.error).toMatch(/128/);
    const bigInfo = await connectedClient(server, { user: { id: "u1", info: { bio: "x".repeat(1024) } } });
    const err2 = await nextEvent<{ error: string }>(
      bigInfo.subscribe("presence-limits"),
      "pusher:subscription_error",
    );
    expect(err2.error).toMatch(/1024 bytes/);
    const fine = await connectedClient(server, {
      user: { id: "u".repeat(128), info: { bio: "x".repeat(1000) } },
    });
    await subscribed(fine, "presence-limits");
  });

  it("refuses channel_data altered after signing", async () => {
    const server = await startServer();
    const client = await connectedClient(server, {
      user: { id: "mallory" },
      tamperChannelData: '{"user_id":"admin"}',
    });
    const error = await nextEvent<{ type: string }>(
      client.subscribe("presence-room"),
      "pusher:subscription_error",
    );
    expect(error.type).toBe("AuthError");
  });

  it("refuses a presence subscription without channel_data", async () => {
    const server = await startServer();
    const { client, socketId } = await RawClient.connect(server);
    const { auth } = serverSdk(server).authorizeChannel(socketId, "presence-z");
    client.send("pusher:subscribe", { channel: "presence-z", auth });
    const refusal = await client.next((m) => m.event === "pusher:subscription_error");
    expect(dataOf<{ error: string }>(refusal).error).toMatch(/channel_data/);
  });

  it("a closed connection leaves its presence channels at once", async () => {
    const server = await startServer();
    const { client: stayer } = await joinRaw(server, "presence-q", "stayer");
    await stayer.next((m) => m.event === "pusher_internal:subscription_succeeded");
    const { client: leaver } = await joinRaw(server, "presence-q", "leaver");
    await leaver.next((m) => m.event === "pusher_internal:subscription_succeeded");
    leaver.ws.terminate();
    const removed = await withTimeout(
      stayer.next((m) => m.event === "pusher_internal:member_removed"),
      5000,
      "member_removed",
    );
    expect(dataOf(removed)).toEqual({ user_id: "leaver" });
  });
});
