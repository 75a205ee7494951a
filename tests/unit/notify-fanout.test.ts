import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Message } from "@/lib/core/types";
import type { OutgoingEvent } from "@/lib/server/realtime/publish";

const published: OutgoingEvent[][] = [];
vi.mock("@/lib/server/realtime/publish", () => ({
  publish: async (events: OutgoingEvent[]) => {
    published.push(events);
  },
}));

const { notifyConversationCreated, notifyMessageCreated, notifyOwnMarks, notifyReceipts } =
  await import("@/lib/server/realtime/notify");

beforeEach(() => {
  published.length = 0;
});

const message: Message = {
  id: "m1",
  conversationId: "conv1",
  seq: 7,
  sender: { id: "alice", username: "alice", name: "Alice" },
  body: "hi",
  clientId: "4b8f2a3e-9c1d-4e5f-a6b7-c8d9e0f1a2b3",
  changeSeq: 7,
  createdAt: "2026-11-21T00:00:00.000Z",
};
describe("after a send", () => {
  it("sends every member one identical event on their own channel, not to the sending socket", async () => {
    await notifyMessageCreated({ message, memberIds: ["alice", "bob", "carol"], socketId: "1.2" });
    expect(published[0]).toEqual([
      {
        channels: ["private-user-alice", "private-user-bob", "private-user-carol"],
        name: "conversation.updated",
        data: { conversationId: "conv1", lastSeq: 7, lastMessage: message, changeSeq: 7 },
        socketId: "1.2",
      },
    ]);
  });

  it("publishes nothing on the conversation's channel (one frame per member, not two)", async () => {
    await notifyMessageCreated({ message, memberIds: ["alice", "bob"] });
    expect(published.flat().flatMap((e) => e.channels)).not.toContain("private-conversation-conv1");
  });
});

describe("after an ack", () => {
  it("tells each sender, on their own channel, the receipts of their messages only", async () => {
    await notifyReceipts(
      "conv1",
      new Map([
        ["alice", [{ seq: 7, recipients: 2, delivered: 2, read: 1 }]],
        ["carol", [{ seq: 6, recipients: 2, delivered: 1, read: 0 }]],
      ]),
    );
    expect(published[0]).toEqual([
      {
        channels: ["private-user-alice"],
        name: "receipts.updated",
        data: { conversationId: "conv1", receipts: [{ seq: 7, recipients: 2, delivered: 2, read: 1 }] },
      },
      {
        channels: ["private-user-carol"],
        name: "receipts.updated",
        data: { conversationId: "conv1", receipts: [{ seq: 6, recipients: 2, delivered: 1, read: 0 }] },
      },
    ]);
  });

  it("splits a long list of receipts into events that stay small", async () => {
    const many = Array.from({ length: 120 }, (_, i) => ({
      seq: i + 1,
      recipients: 5,
      delivered: 5,
      read: 5,
    }));
    await notifyReceipts("conv1", new Map([["alice", many]]));
    const sizes = published[0]!.map((e) => (e.data as { receipts: unknown[] }).receipts.length);
    expect(sizes).toEqual([50, 50, 20]);
    for (const e of published[0]!) expect(JSON.stringify(e.data).length).toBeLessThan(10_000);
  });

  it("tells the acker's other tabs their own marks, not the acking socket", async () => {
    const marks = { conversationId: "conv1", lastSeq: 7, deliveredSeq: 7, readSeq: 6, unreadCount: 1 };
    await notifyOwnMarks("bob", [marks], "9.9");
    expect(published[0]).toEqual([
      { channels: ["private-user-bob"], name: "conversation.updated", data: marks, socketId: "9.9" },
    ]);
  });
});

describe("after a conversation is created", () => {
  it("tells the other members' channels, in one event", async () => {
    await notifyConversationCreated({ conversationId: "conv2", memberIds: ["bob", "carol"] });
    expect(published[0]).toEqual([
      {
        channels: ["private-user-bob", "private-user-carol"],
        name: "conversation.updated",
        data: { conversationId: "conv2", lastSeq: 0, lastMessage: null },
      },
    ]);
  });
});
