// Every message travels whole in one realtime event (Pusher refuses data of 10 KB or more, and
// publish drops such an event): the limits on text, names and attachments make the largest
// possible message fit, with room to spare — raising one of them must keep this true.
import { describe, expect, it } from "vitest";
import { FILE_NAME_MAX_CHARS, MAX_ATTACHMENTS, MAX_ATTACHMENT_BYTES } from "@/lib/core/attachments";
import { FILE_TYPES } from "@/lib/core/file-types";
import type { ConversationUpdatedEvent, Message } from "@/lib/core/types";
import { MESSAGE_MAX_BYTES, MESSAGE_MAX_CHARS, QUOTE_MAX_CHARS } from "@/lib/core/validations/limits";
import { EVENT_DATA_MAX_BYTES } from "@/lib/server/realtime/publish";

const id = "c".repeat(40); // the longest id idSchema accepts
const widest = 2_147_483_647;
// JSON's worst: a character that escapes to two bytes, or one that takes four in UTF-8.
const quotes = (chars: number) => '"'.repeat(chars);
const emoji = (chars: number) => "😀".repeat(chars);
const longestType = [...FILE_TYPES].sort((a, b) => b.length - a.length)[0]!;

function largestMessage(body: string): Message {
  return {
    id,
    conversationId: id,
    seq: widest,
    sender: { id, username: "u".repeat(32), name: emoji(64) },
    body,
    clientId: "0b6f5b7e-8f0a-4d8e-9a4e-1f2b3c4d5e6f",
    createdAt: new Date(8.64e15).toISOString(),
    changeSeq: widest,
    // A new message may be a reply: its quote travels with it (reactions and edits come later,
    // in message.changed).
    replyTo: {
      seq: widest,
      sender: { id, username: "u".repeat(32), name: emoji(64) },
      text: emoji(QUOTE_MAX_CHARS),
      deleted: false,
    },
    attachments: Array.from({ length: MAX_ATTACHMENTS }, () => ({
      id,
      name: emoji(FILE_NAME_MAX_CHARS),
      contentType: longestType,
      size: MAX_ATTACHMENT_BYTES,
      kind: "image" as const,
      width: 100_000,
      height: 100_000,
    })) as Message["attachments"],
  };
}

describe("the largest message", () => {
  it.each([
    ["2000 quotes", quotes(MESSAGE_MAX_CHARS)],
    ["4 KB of emoji", emoji(MESSAGE_MAX_BYTES / 4)],
  ])("fits one event, list update included (caption of %s)", (_, body) => {
    const event: ConversationUpdatedEvent = {
      conversationId: id,
      lastSeq: widest,
      lastMessage: largestMessage(body),
      unreadCount: widest,
    };
    expect(Buffer.byteLength(JSON.stringify(event))).toBeLessThan(EVENT_DATA_MAX_BYTES);
    expect(Buffer.byteLength(JSON.stringify({ message: event.lastMessage }))).toBeLessThan(
      EVENT_DATA_MAX_BYTES,
    );
  });
});
