// Pusher is at-most-once and the database is the truth (docs/architecture.md, "Realtime events"): with the realtime server
// gone, every write still succeeds and the failed trigger is only logged.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
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
  summaryOf,
  type TestUser,
} from "./helpers";

let alice: TestUser;
let bob: TestUser;
let group: string;

beforeAll(async () => {
  [alice, bob] = await registerAll("alice", "bob");
  group = (await startGroup(alice, "Offline", [bob])).id;
  await realtimeServer().close();
});

afterEach(() => vi.restoreAllMocks());

const triggerFailures = (log: { mock: { calls: unknown[][] } }) =>
  log.mock.calls.filter(([line]) => typeof line === "string" && line.includes("realtime: trigger failed"));

describe("with the realtime server unreachable", () => {
  it("a send still answers 201, is stored, and the failed trigger is logged", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const message = await send(alice, group, "nobody is listening");
    expect(message).toMatchObject({ seq: 1, status: "sent" });
    expect((await messagesOf(bob, group)).messages.map((m) => m.body)).toEqual(["nobody is listening"]);
    expect((await summaryOf(bob, group)).unreadCount).toBe(1);
    expect(triggerFailures(log).length).toBeGreaterThan(0);
  });

  it("an ack still answers 200 and moves the watermarks", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    expect(await ack(bob, group, "read", 1)).toEqual({ deliveredSeq: 1, readSeq: 1 });
    expect((await messagesOf(alice, group)).messages[0]?.status).toBe("read");
  });

  it("starting a conversation still answers 201", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const { status } = await as(alice).call(routes.conversations.POST, {
      body: { kind: "direct", userId: bob.id },
    });
    expect(status).toBe(201);
  });

  it("health reports the realtime server unreachable but the app up", async () => {
    const { status, json } = await anonymous.call(routes.health.GET);
    expect(status).toBe(200);
    expect(json).toEqual({ ok: true, db: "ok", realtime: "unreachable" });
  });
});
