// Subscription count (pusher/docs events.md "pusher:subscription_count"): with the app setting on,
// subscribers of non-presence channels get pusher_internal:subscription_count, which pusher-js
// turns into pusher:subscription_count, whenever the number of subscribed connections changes.
import { afterEach, describe, expect, it, vi } from "vitest";
import { SubscriptionCountThrottle } from "../src/subscription-count";
import {
  APP,
  RawClient,
  cleanup,
  connectedClient,
  eventually,
  nextEvent,
  serverSdk,
  startServer,
  subscribed,
} from "./helpers";

afterEach(async () => {
  vi.useRealTimers();
  await cleanup();
});

const COUNTING_APP = { ...APP, enableSubscriptionCount: true };

describe("subscription_count events", () => {
  it("tell every subscriber the new count as connections subscribe and leave", async () => {
    const server = await startServer({ apps: [COUNTING_APP] });
    const [a, b] = await Promise.all([connectedClient(server), connectedClient(server)]);
    const chA = a.subscribe("private-room");
    expect(await nextEvent(chA, "pusher:subscription_count")).toEqual({ subscription_count: 1 });
    const atA = nextEvent(chA, "pusher:subscription_count");
    const chB = b.subscribe("private-room");
    expect(await nextEvent(chB, "pusher:subscription_count")).toEqual({ subscription_count: 2 });
    expect(await atA).toEqual({ subscription_count: 2 });
    expect(chA.subscriptionCount).toBe(2);
    const afterLeave = nextEvent(chA, "pusher:subscription_count");
    b.unsubscribe("private-room");
    expect(await afterLeave).toEqual({ subscription_count: 1 });
  });

  it("the wire format, after subscription_succeeded", async () => {
    const server = await startServer({ apps: [COUNTING_APP] });
    const { client } = await RawClient.connect(server);
    client.send("pusher:subscribe", { channel: "lobby" });
    await client.next((m) => m.event === "pusher_internal:subscription_succeeded");
    const count = await client.next(() => true);
    expect(count).toEqual({
      event: "pusher_internal:subscription_count",
      channel: "lobby",
      data: JSON.stringify({ subscription_count: 1 }),
    });
  });

  it("are not sent on presence channels, nor when the app hasn't the feature on (the default)", async () => {
    for (const apps of [[COUNTING_APP], undefined]) {
      const server = await startServer({ apps });
      const { client, socketId } = await RawClient.connect(server);
      const auth = serverSdk(server).authorizeChannel(socketId, "presence-room", { user_id: "u1" });
      client.send("pusher:subscribe", { channel: "presence-room", ...auth });
      client.send("pusher:subscribe", { channel: "lobby" });
      await client.next((m) => m.event === "pusher_internal:subscription_succeeded" && m.channel === "lobby");
      client.send("pusher:ping", {});
      await client.next((m) => m.event === "pusher:pong");
      const counts = client.messages.filter((m) => m.event === "pusher_internal:subscription_count");
      expect(counts.map((m) => m.channel)).toEqual(apps ? ["lobby"] : []);
    }
  });

  it("pusher-js clients count through a connection closing", async () => {
    const server = await startServer({ apps: [COUNTING_APP] });
    const [a, b] = await Promise.all([connectedClient(server), connectedClient(server)]);
    const chA = await subscribed(a, "news");
    await subscribed(b, "news");
    await eventually(() => chA.subscriptionCount === 2, "a count of 2");
    b.disconnect();
    await eventually(() => chA.subscriptionCount === 1, "a count of 1");
  });
});

describe("SubscriptionCountThrottle", () => {
  it("sends at once up to 100 subscribers; above, at most every 5 s with the latest count", () => {
    vi.useFakeTimers();
    let count = 0;
    const sent: number[] = [];
    const throttle = new SubscriptionCountThrottle(
      () => count,
      (_, n) => sent.push(n),
    );
    for (count = 1; count <= 100; count++) throttle.changed("c");
    expect(sent).toHaveLength(100);
    count = 101;
    throttle.changed("c"); // first change over the threshold: sent at once
    expect(sent.at(-1)).toBe(101);
    for (count = 102; count <= 150; count++) throttle.changed("c");
    count = 150;
    expect(sent).toHaveLength(101);
    vi.advanceTimersByTime(4999);
    expect(sent).toHaveLength(101);
    vi.advanceTimersByTime(1);
    expect(sent.slice(101)).toEqual([150]);
    // quiet for 5 s: the next change goes at once again
    vi.advanceTimersByTime(5000);
    count = 149;
    throttle.changed("c");
    expect(sent.slice(101)).toEqual([150, 149]);
    // back to 100: sent at once
    count = 100;
    throttle.changed("c");
    vi.advanceTimersByTime(5000);
    expect(sent.slice(101)).toEqual([150, 149, 100]);
    throttle.close();
  });
});
