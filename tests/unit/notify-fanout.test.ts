import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Message } from "@/lib/core/types";
import type { OutgoingEvent } from "@/lib/server/realtime/publish";

const published: OutgoingEvent[][] = [];
vi.mock("@/lib/server/realtime/publish", () => ({
  publish: async (events: OutgoingEvent[]) => {
    published.push(events);
  },
}));

const { notifyConversationCreated, notifyMessageCreated, notifyReceipts } =
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
  createdAt: "2026-11-21T00:00:00.000Z",
};
const senderReceipts = { conversationId: "conv1", userId: "alice", deliveredSeq: 7, readSeq: 7 };

describe("after a send", () => {
  it("publishes the message and the sender's receipts to the conversation, excluding the sending socket", async () => {
    await notifyMessageCreated({ message, members: [], senderReceipts, socketId: "1.2" });
    expect(published[0]).toEqual([
      {
        channels: ["private-conversation-conv1"],
        name: "message.created",
        data: { message },
        socketId: "1.2",
      },
      {
        channels: ["private-conversation-conv1"],
        name: "receipts.updated",
        data: senderReceipts,
        socketId: "1.2",
      },
    ]);
  });

  it("tells each member their unread count, one event per distinct count", async () => {
    await notifyMessageCreated({
      message,
      senderReceipts,
      members: [
        { userId: "alice", readSeq: 3 }, // the sender: their own message is read
        { userId: "bob", readSeq: 5 },
        { userId: "carol", readSeq: 5 },
        { userId: "dave", readSeq: 6 },
      ],
    });
    const updates = published[0]!.filter((e) => e.name === "conversation.updated");
    expect(updates.map((e) => [e.channels, (e.data as { unreadCount: number }).unreadCount])).toEqual([
      [["private-user-alice"], 0],
      [["private-user-bob", "private-user-carol"], 2],
      [["private-user-dave"], 1],
    ]);
    expect(updates[1]!.data).toEqual({
      conversationId: "conv1",
      lastSeq: 7,
      lastMessage: message,
      unreadCount: 2,
    });
  });
});

describe("after an ack", () => {
  const receipts = { conversationId: "conv1", userId: "bob", deliveredSeq: 7, readSeq: 6 };

  it("publishes the receipts to the conversation", async () => {
    await notifyReceipts({ receipts, socketId: "9.9" });
    expect(published[0]).toEqual([
      { channels: ["private-conversation-conv1"], name: "receipts.updated", data: receipts, socketId: "9.9" },
    ]);
  });

  it("with an inbox line, also tells the acker's own channel", async () => {
    const inbox = { conversationId: "conv1", lastSeq: 7, unreadCount: 1 };
    await notifyReceipts({ receipts, inbox });
    expect(published[0]![1]).toEqual({
      channels: ["private-user-bob"],
      name: "conversation.updated",
      data: inbox,
      socketId: undefined,
    });
  });
});

describe("after a conversation is created", () => {
  it("tells the other members' channels, in one event", async () => {
    await notifyConversationCreated({ conversationId: "conv2", memberIds: ["bob", "carol"] });
    expect(published[0]).toEqual([
      {
        channels: ["private-user-bob", "private-user-carol"],
        name: "conversation.updated",
        data: { conversationId: "conv2", lastSeq: 0, lastMessage: null, unreadCount: 0 },
      },
    ]);
  });
});
