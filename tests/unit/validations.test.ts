import { describe, expect, it } from "vitest";
import { registerSchema, usernameSchema } from "@/lib/core/validations/auth";
import {
  ackSchema,
  createConversationSchema,
  messageBodySchema,
  pageQuerySchema,
  pusherAuthSchema,
  sendMessageSchema,
} from "@/lib/core/validations/chat";
import { idSchema, socketIdSchema } from "@/lib/core/validations/common";

const accepts = (schema: { safeParse(v: unknown): { success: boolean } }, value: unknown) =>
  schema.safeParse(value).success;

describe("a message body", () => {
  it("is accepted as plain text", () => {
    expect(messageBodySchema.parse("hello")).toBe("hello");
  });

  it("is refused when empty", () => {
    expect(accepts(messageBodySchema, "")).toBe(false);
  });

  it("is refused when only whitespace", () => {
    expect(accepts(messageBodySchema, "  \n\t  ")).toBe(false);
  });

  it("may be 2000 characters but not 2001", () => {
    expect(accepts(messageBodySchema, "a".repeat(2000))).toBe(true);
    expect(accepts(messageBodySchema, "a".repeat(2001))).toBe(false);
  });

  it("is refused over 4096 UTF-8 bytes even with fewer than 2000 characters", () => {
    const euros = "€".repeat(1366); // 3 bytes each: 4098 bytes in 1366 characters
    expect(euros.length).toBeLessThan(2000);
    expect(accepts(messageBodySchema, euros)).toBe(false);
    expect(accepts(messageBodySchema, "€".repeat(1365))).toBe(true); // 4095 bytes
  });

  it("accepts emoji up to the limits", () => {
    expect(accepts(messageBodySchema, "👍".repeat(1000))).toBe(true); // 4000 bytes, 2000 UTF-16 units
  });

  it("counts characters as code points, so an emoji is one character", () => {
    // 1001 emoji: 2002 UTF-16 units, but 1001 characters (4004 bytes) — within both limits.
    expect(accepts(messageBodySchema, "👍".repeat(1001))).toBe(true);
    expect(accepts(messageBodySchema, "👍".repeat(1025))).toBe(false); // 4100 bytes
  });

  it("turns CRLF and CR line ends into newlines", () => {
    expect(messageBodySchema.parse("one\r\ntwo\rthree")).toBe("one\ntwo\nthree");
  });

  it("keeps newlines and tabs", () => {
    expect(messageBodySchema.parse("line one\n\tline two")).toBe("line one\n\tline two");
  });

  it("refuses control characters", () => {
    for (const c of ["\u0000", "\u0007", "\u001b", "\u007f", "\u000b"]) {
      expect(accepts(messageBodySchema, `a${c}b`), JSON.stringify(c)).toBe(false);
    }
  });

  it("refuses a lone surrogate", () => {
    expect(accepts(messageBodySchema, "broken \ud83d text")).toBe(false);
    expect(accepts(messageBodySchema, "\udc4d")).toBe(false);
  });

  it("refuses anything but a string", () => {
    expect(accepts(messageBodySchema, 42)).toBe(false);
    expect(accepts(messageBodySchema, null)).toBe(false);
  });
});

describe("a send request", () => {
  const clientId = "4b8f2a3e-9c1d-4e5f-a6b7-c8d9e0f1a2b3";

  it("needs a UUID clientId", () => {
    expect(accepts(sendMessageSchema, { body: "hi", clientId })).toBe(true);
    expect(accepts(sendMessageSchema, { body: "hi", clientId: "not-a-uuid" })).toBe(false);
    expect(accepts(sendMessageSchema, { body: "hi" })).toBe(false);
  });

  it("takes an optional Pusher socket id", () => {
    expect(accepts(sendMessageSchema, { body: "hi", clientId, socketId: "123.456" })).toBe(true);
    expect(accepts(sendMessageSchema, { body: "hi", clientId, socketId: "abc" })).toBe(false);
  });
});

describe("a page query", () => {
  it("defaults to the latest 50", () => {
    expect(pageQuerySchema.parse({})).toEqual({ limit: 50 });
  });

  it("coerces numbers from query strings", () => {
    expect(pageQuerySchema.parse({ before: "12", limit: "20" })).toEqual({ before: 12, limit: 20 });
    expect(pageQuerySchema.parse({ after: "0" })).toEqual({ after: 0, limit: 50 });
  });

  it("takes seqs written as plain digits only", () => {
    for (const odd of ["0x1", "1e0", "+1", " 1", "1.0", "-1", ""]) {
      expect(accepts(pageQuerySchema, { before: odd }), JSON.stringify(odd)).toBe(false);
    }
  });

  it("refuses before and after together", () => {
    expect(accepts(pageQuerySchema, { before: "5", after: "2" })).toBe(false);
  });

  it("keeps limit within 1..100", () => {
    expect(accepts(pageQuerySchema, { limit: "1" })).toBe(true);
    expect(accepts(pageQuerySchema, { limit: "100" })).toBe(true);
    expect(accepts(pageQuerySchema, { limit: "0" })).toBe(false);
    expect(accepts(pageQuerySchema, { limit: "101" })).toBe(false);
    expect(accepts(pageQuerySchema, { limit: "2.5" })).toBe(false);
  });

  it("refuses a negative, fractional or non-numeric seq", () => {
    expect(accepts(pageQuerySchema, { before: "-1" })).toBe(false);
    expect(accepts(pageQuerySchema, { after: "1.5" })).toBe(false);
    expect(accepts(pageQuerySchema, { after: "abc" })).toBe(false);
  });
});

describe("a username", () => {
  it("is lowercased and trimmed", () => {
    expect(usernameSchema.parse("  Alice_01 ")).toBe("alice_01");
  });

  it("is 3 to 32 characters", () => {
    expect(accepts(usernameSchema, "ab")).toBe(false);
    expect(accepts(usernameSchema, "abc")).toBe(true);
    expect(accepts(usernameSchema, "a".repeat(32))).toBe(true);
    expect(accepts(usernameSchema, "a".repeat(33))).toBe(false);
  });

  it("uses only letters, digits and underscore", () => {
    for (const bad of ["al ice", "al-ice", "al.ice", "àlice", "alice!"]) {
      expect(accepts(usernameSchema, bad), bad).toBe(false);
    }
  });
});

describe("a registration", () => {
  it("needs a password of at least 8 characters", () => {
    expect(accepts(registerSchema, { username: "alice", password: "1234567" })).toBe(false);
    expect(accepts(registerSchema, { username: "alice", password: "12345678" })).toBe(true);
  });

  it("treats an empty name as no name", () => {
    expect(registerSchema.parse({ username: "alice", password: "12345678", name: "" })).toEqual({
      username: "alice",
      password: "12345678",
    });
  });
});

describe("creating a conversation", () => {
  const id = "cm0abc123def456";

  it("accepts a direct chat with a user id", () => {
    expect(createConversationSchema.parse({ kind: "direct", userId: id })).toEqual({
      kind: "direct",
      userId: id,
    });
  });

  it("accepts a group with a title and members", () => {
    expect(createConversationSchema.parse({ kind: "group", title: " Team ", memberIds: [id] })).toEqual({
      kind: "group",
      title: "Team",
      memberIds: [id],
    });
  });

  it("refuses a group without a title or without members", () => {
    expect(accepts(createConversationSchema, { kind: "group", title: "  ", memberIds: [id] })).toBe(false);
    expect(accepts(createConversationSchema, { kind: "group", title: "Team", memberIds: [] })).toBe(false);
  });

  it("refuses a group of more than 100 members", () => {
    const ids = Array.from({ length: 100 }, (_, i) => `user${String(i).padStart(6, "0")}`);
    expect(
      accepts(createConversationSchema, { kind: "group", title: "Big", memberIds: ids.slice(0, 99) }),
    ).toBe(true);
    expect(accepts(createConversationSchema, { kind: "group", title: "Big", memberIds: ids })).toBe(false);
  });

  it("refuses an unknown kind, a direct chat without userId and malformed ids", () => {
    expect(accepts(createConversationSchema, { kind: "lobby" })).toBe(false);
    expect(accepts(createConversationSchema, { kind: "direct" })).toBe(false);
    expect(accepts(createConversationSchema, { kind: "direct", userId: "../etc" })).toBe(false);
  });
});

describe("an ack", () => {
  it("takes a non-negative integer upTo", () => {
    expect(ackSchema.parse({ upTo: 0 })).toEqual({ upTo: 0 });
    expect(ackSchema.parse({ upTo: 17, socketId: "1.2" })).toEqual({ upTo: 17, socketId: "1.2" });
  });

  it("refuses a negative, fractional, string or missing upTo", () => {
    for (const upTo of [-1, 1.5, "3", null, undefined]) {
      expect(accepts(ackSchema, { upTo }), String(upTo)).toBe(false);
    }
  });
});

describe("ids and socket ids", () => {
  it("an id is 8–40 lowercase letters and digits", () => {
    expect(accepts(idSchema, "cm0abc12")).toBe(true);
    expect(accepts(idSchema, "short")).toBe(false);
    expect(accepts(idSchema, "CM0ABC123")).toBe(false);
    expect(accepts(idSchema, "a".repeat(41))).toBe(false);
  });

  it("a socket id looks like digits.digits", () => {
    expect(accepts(socketIdSchema, "1234.5678")).toBe(true);
    expect(accepts(socketIdSchema, "1234")).toBe(false);
    expect(accepts(socketIdSchema, "1.2;drop")).toBe(false);
  });

  it("a pusher auth form needs a socket id and a channel name", () => {
    expect(accepts(pusherAuthSchema, { socket_id: "1.2", channel_name: "private-user-abc" })).toBe(true);
    expect(accepts(pusherAuthSchema, { socket_id: "1.2" })).toBe(false);
  });
});
