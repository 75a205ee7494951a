// A production deployment without Pusher settings: live updates are off, and everything else works
// (docs/architecture.md, "Realtime events": the database is the truth). Nothing is sent to any realtime server — not even the
// local one this file's setup started, which production must never fall back to — and nothing is
// logged per write: start-up said it once.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { realtimeServer } from "./context";
import {
  ack,
  anonymous,
  as,
  messagesOf,
  registerAll,
  routes,
  send,
  startGroup,
  type TestUser,
} from "./helpers";

const saved = vi.hoisted(() => {
  const before = { ...process.env };
  // Before any lib/ module reads (and caches) the environment.
  Object.assign(process.env, {
    NODE_ENV: "production",
    AUTH_SECRET: "integration-secret-at-least-32-characters",
  });
  for (const key of Object.keys(process.env)) {
    if (key.startsWith("PUSHER_") || key.startsWith("NEXT_PUBLIC_PUSHER_")) delete process.env[key];
  }
  return before;
});

let alice: TestUser;
let bob: TestUser;
let group: string;
const published = () => realtimeServer().stats().eventsPublished;

beforeAll(async () => {
  [alice, bob] = await registerAll("alice", "bob");
  group = (await startGroup(alice, "No live updates", [bob])).id;
});
afterEach(() => vi.restoreAllMocks());
afterAll(() => {
  process.env = saved;
});

describe("with live updates off (production, no Pusher settings)", () => {
  it("a send is stored and answered, with nothing published and nothing logged", async () => {
    const log = vi.spyOn(console, "error");
    const message = await send(alice, group, "polled, not pushed");
    expect(message).toMatchObject({ seq: 1, status: "sent" });
    expect((await messagesOf(bob, group)).messages.map((m) => m.body)).toEqual(["polled, not pushed"]);
    expect(log).not.toHaveBeenCalled();
    expect(published()).toBe(0);
  });

  it("acks still move the watermarks, so the sender's status still advances", async () => {
    const log = vi.spyOn(console, "error");
    expect(await ack(bob, group, "delivered", 1)).toEqual({ deliveredSeq: 1, readSeq: 0 });
    expect((await messagesOf(alice, group)).messages[0]?.status).toBe("delivered");
    expect(await ack(bob, group, "read", 1)).toEqual({ deliveredSeq: 1, readSeq: 1 });
    expect((await messagesOf(alice, group)).messages[0]?.status).toBe("read");
    expect(log).not.toHaveBeenCalled();
    expect(published()).toBe(0);
  });

  it("health is ok, with realtime reported as off", async () => {
    const { status, json } = await anonymous.call(routes.health.GET);
    expect(status).toBe(200);
    expect(json).toEqual({ ok: true, db: "ok", realtime: "off" });
  });

  it("there is nothing to authorise a subscription for", async () => {
    const { status, json } = await as(alice).call(routes.pusherAuth.POST, {
      body: new URLSearchParams({ socket_id: "1.2", channel_name: `private-user-${alice.id}` }).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(status).toBe(404);
    expect(json.error.message).toBe("Live updates are off on this server");
  });
});
