// Watchlist online status (pusher/docs watchlist-events.md): a signed-in user's watchlist gets
// `online` / `offline` events on pusher.user.watchlist as watched users sign in on their first
// connection and leave their last.
import type Pusher from "pusher-js";
import { afterEach, describe, expect, it } from "vitest";
import {
  APP,
  RawClient,
  cleanup,
  connectedClient,
  dataOf,
  eventually,
  serverSdk,
  signedIn,
  startServer,
} from "./helpers";

afterEach(cleanup);

const WATCHLIST_APP = { ...APP, enableWatchlistEvents: true };

interface WatchlistEvent {
  name: string;
  user_ids: string[];
}

/** Every watchlist event pusher-js emits on the client, in order. */
function recordWatchlist(client: Pusher): WatchlistEvent[] {
  const events: WatchlistEvent[] = [];
  client.user.watchlist.bind("online", (event: WatchlistEvent) => events.push(event));
  client.user.watchlist.bind("offline", (event: WatchlistEvent) => events.push(event));
  return events;
}

function waitFor(events: readonly WatchlistEvent[], count: number): Promise<void> {
  return eventually(() => events.length >= count, `${count} watchlist events`);
}

describe("watchlist events", () => {
  it("on sign-in: the watched users already online", async () => {
    const server = await startServer({ apps: [WATCHLIST_APP] });
    const bob = await connectedClient(server, { signinAs: { id: "bob" } });
    await signedIn(bob);
    const alice = await connectedClient(server, { signinAs: { id: "alice", watchlist: ["bob", "carol"] } });
    const events = recordWatchlist(alice);
    await signedIn(alice);
    await waitFor(events, 1);
    expect(events).toEqual([{ name: "online", user_ids: ["bob"] }]);
  });

  it("then online on a watched user's first connection, offline when its last one goes", async () => {
    const server = await startServer({ apps: [WATCHLIST_APP] });
    const alice = await connectedClient(server, { signinAs: { id: "alice", watchlist: ["carol"] } });
    const events = recordWatchlist(alice);
    await signedIn(alice);

    const carol1 = await connectedClient(server, { signinAs: { id: "carol" } });
    await signedIn(carol1);
    await waitFor(events, 1);
    const carol2 = await connectedClient(server, { signinAs: { id: "carol" } });
    await signedIn(carol2);
    carol1.disconnect();
    // nothing for carol's second connection or the first one leaving: she stayed online
    const dave = await connectedClient(server, { signinAs: { id: "dave" } });
    await signedIn(dave);
    carol2.disconnect();
    await waitFor(events, 2);
    expect(events).toEqual([
      { name: "online", user_ids: ["carol"] },
      { name: "offline", user_ids: ["carol"] },
    ]);
  });

  it("the wire format: pusher_internal:watchlist_events with {events:[{name, user_ids}]}", async () => {
    const server = await startServer({ apps: [WATCHLIST_APP] });
    const { client, socketId } = await RawClient.connect(server);
    const sdk = serverSdk(server);
    client.send("pusher:signin", sdk.authenticateUser(socketId, { id: "alice", watchlist: ["bob"] }));
    await client.next((m) => m.event === "pusher:signin_success");
    const bob = await RawClient.connect(server);
    bob.client.send("pusher:signin", sdk.authenticateUser(bob.socketId, { id: "bob" }));
    const online = await client.next((m) => m.event === "pusher_internal:watchlist_events");
    expect(online.channel).toBeUndefined();
    expect(dataOf(online)).toEqual({ events: [{ name: "online", user_ids: ["bob"] }] });
    bob.client.ws.close();
    const offline = await client.next((m) => m.event === "pusher_internal:watchlist_events");
    expect(dataOf(offline)).toEqual({ events: [{ name: "offline", user_ids: ["bob"] }] });
  });

  it("a watchlist over 100 ids: the first 100 are kept, signin succeeds, pusher:error 4302", async () => {
    const server = await startServer({ apps: [WATCHLIST_APP] });
    const { client, socketId } = await RawClient.connect(server);
    const sdk = serverSdk(server);
    const watchlist = Array.from({ length: 101 }, (_, i) => `user-${i}`);
    client.send("pusher:signin", sdk.authenticateUser(socketId, { id: "alice", watchlist }));
    await client.next((m) => m.event === "pusher:signin_success");
    const error = await client.next((m) => m.event === "pusher:error");
    expect(dataOf<{ code: number }>(error).code).toBe(4302);
    // user-100 was dropped, user-99 kept
    for (const id of ["user-100", "user-99"]) {
      const other = await RawClient.connect(server);
      other.client.send("pusher:signin", sdk.authenticateUser(other.socketId, { id }));
      await other.client.next((m) => m.event === "pusher:signin_success");
    }
    const online = await client.next((m) => m.event === "pusher_internal:watchlist_events");
    expect(dataOf(online)).toEqual({ events: [{ name: "online", user_ids: ["user-99"] }] });
    client.send("pusher:ping", {});
    await client.next((m) => m.event === "pusher:pong");
    expect(client.messages.filter((m) => m.event === "pusher_internal:watchlist_events")).toHaveLength(1);
  });

  it("are not sent when the app hasn't watchlist events on (the default, as hosted)", async () => {
    const server = await startServer();
    const { client, socketId } = await RawClient.connect(server);
    const sdk = serverSdk(server);
    const bob = await RawClient.connect(server);
    bob.client.send("pusher:signin", sdk.authenticateUser(bob.socketId, { id: "bob" }));
    await bob.client.next((m) => m.event === "pusher:signin_success");
    client.send(
      "pusher:signin",
      sdk.authenticateUser(socketId, { id: "alice", watchlist: ["bob", "carol"] }),
    );
    await client.next((m) => m.event === "pusher:signin_success");
    const carol = await RawClient.connect(server);
    carol.client.send("pusher:signin", sdk.authenticateUser(carol.socketId, { id: "carol" }));
    await carol.client.next((m) => m.event === "pusher:signin_success");
    // messages arrive in order: a watchlist event sent before this pong would be there already
    client.send("pusher:ping", {});
    await client.next((m) => m.event === "pusher:pong");
    expect(client.messages.some((m) => m.event === "pusher_internal:watchlist_events")).toBe(false);
  });
});
