import { describe, expect, it } from "vitest";
import {
  EVENTS,
  conversationChannel,
  parseChannel,
  presenceChannel,
  userChannel,
} from "@/lib/core/realtime/channels";

describe("channel names", () => {
  const id = "cm3xk2v9q0000abcd1234";

  it("follow the design's names", () => {
    expect(conversationChannel(id)).toBe(`private-conversation-${id}`);
    expect(presenceChannel(id)).toBe(`presence-conversation-${id}`);
    expect(userChannel(id)).toBe(`private-user-${id}`);
  });

  it("parse back to what built them", () => {
    expect(parseChannel(conversationChannel(id))).toEqual({ kind: "conversation", conversationId: id });
    expect(parseChannel(presenceChannel(id))).toEqual({ kind: "presence", conversationId: id });
    expect(parseChannel(userChannel(id))).toEqual({ kind: "user", userId: id });
  });

  it("refuse any other name", () => {
    for (const name of [
      "",
      "conversation-abc123",
      "private-conversation-",
      "private-conversation-ABC",
      `private-conversation-${id}-extra`,
      `private-conversation-${id}\n`,
      "private-conversation-a/b",
      `presence-user-${id}`,
      `private-encrypted-conversation-${id}`,
      `public-${id}`,
      `x-private-user-${id}`,
    ]) {
      expect(parseChannel(name), JSON.stringify(name)).toBeNull();
    }
  });

  it("name the events of the design", () => {
    expect(EVENTS).toEqual({
      conversationUpdated: "conversation.updated",
      messageChanged: "message.changed",
      messageHidden: "message.hidden",
      receiptsUpdated: "receipts.updated",
      typing: "client-typing",
    });
  });
});
