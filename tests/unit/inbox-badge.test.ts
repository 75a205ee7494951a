import { describe, expect, it } from "vitest";
import { applyAck, type InboxList } from "@/lib/client/inbox/patch-list";
import type { ConversationSummary } from "@/lib/core/types";

const summary = (id: string, lastSeq: number, readSeq: number): ConversationSummary => ({
  id,
  kind: "direct",
  title: id,
  members: [],
  memberCount: 2,
  lastMessage: null,
  lastSeq,
  changeSeq: lastSeq,
  unreadCount: lastSeq - readSeq,
  role: "member",
  deliveredSeq: readSeq,
  readSeq,
});

describe("the list's unread badge from watermarks the server has", () => {
  const list: InboxList = { conversations: [summary("a", 5, 2), summary("b", 3, 3)] };

  it("clears when an opened conversation's page says it was read (e.g. on another device)", () => {
    const next = applyAck(list, "a", { deliveredSeq: 5, readSeq: 5 });
    expect(next.conversations[0]).toMatchObject({ unreadCount: 0, readSeq: 5, deliveredSeq: 5 });
    expect(next.conversations[1]).toBe(list.conversations[1]);
  });

  it("never goes back up, and leaves the list as it is when nothing is new", () => {
    const read = applyAck(list, "a", { deliveredSeq: 5, readSeq: 4 });
    expect(read.conversations[0]!.unreadCount).toBe(1);
    expect(applyAck(read, "a", { deliveredSeq: 5, readSeq: 3 })).toBe(read);
    expect(applyAck(list, "missing", { deliveredSeq: 9, readSeq: 9 })).toBe(list);
  });
});
