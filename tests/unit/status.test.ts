import { describe, expect, it } from "vitest";
import {
  canSeeReadState,
  receiptsFor,
  statusOf,
  visibleWatermarks,
  type MemberWatermarks,
  type VisibleWatermarks,
} from "@/lib/core/status";

// A member as the status rules see it; everyone joined at the start and shares receipts unless told.
function member(userId: string, w: Partial<Omit<MemberWatermarks, "userId">> = {}): MemberWatermarks {
  return { userId, joinedSeq: 0, deliveredSeq: 0, readSeq: 0, shareReadReceipts: true, ...w };
}

const visible = (m: MemberWatermarks): VisibleWatermarks => ({
  userId: m.userId,
  joinedSeq: m.joinedSeq,
  deliveredSeq: m.deliveredSeq,
  readSeq: m.readSeq,
});

/** The sender's view of message `seq` sent by "me" among `others` (no privacy applied). */
function statusFor(seq: number, others: MemberWatermarks[]) {
  const members = [member("me", { deliveredSeq: seq, readSeq: seq }), ...others].map(visible);
  const receipts = receiptsFor({ seq, senderId: "me" }, members);
  return { receipts, status: statusOf(receipts) };
}

describe("status of a message in a direct chat", () => {
  it("is sent while the recipient does not hold it", () => {
    expect(statusFor(3, [member("bob", { deliveredSeq: 2, readSeq: 2 })])).toEqual({
      receipts: { recipients: 1, delivered: 0, read: 0 },
      status: "sent",
    });
  });

  it("is delivered once the recipient's deliveredSeq reaches it", () => {
    expect(statusFor(3, [member("bob", { deliveredSeq: 3, readSeq: 2 })]).status).toBe("delivered");
  });

  it("is read once the recipient's readSeq reaches it", () => {
    expect(statusFor(3, [member("bob", { deliveredSeq: 3, readSeq: 3 })]).status).toBe("read");
  });

  it("is read when the recipient has read beyond it", () => {
    expect(statusFor(3, [member("bob", { deliveredSeq: 9, readSeq: 9 })]).status).toBe("read");
  });

  it("does not count the sender's own watermarks as a recipient's", () => {
    const members = [member("me", { deliveredSeq: 5, readSeq: 5 }), member("bob")].map(visible);
    expect(receiptsFor({ seq: 5, senderId: "me" }, members)).toEqual({
      recipients: 1,
      delivered: 0,
      read: 0,
    });
  });
});

describe("status of a message in a group", () => {
  const group = [
    member("ann", { deliveredSeq: 4, readSeq: 4 }),
    member("bob", { deliveredSeq: 4, readSeq: 1 }),
    member("cat", { deliveredSeq: 2, readSeq: 2 }),
  ];

  it("counts recipients, deliveries and reads: 2 of 3 delivered, 1 read → sent", () => {
    expect(statusFor(4, group)).toEqual({
      receipts: { recipients: 3, delivered: 2, read: 1 },
      status: "sent",
    });
  });

  it("is delivered when all hold it even if only some have read it", () => {
    const all = group.map((m) => ({ ...m, deliveredSeq: 4 }));
    expect(statusFor(4, all)).toEqual({
      receipts: { recipients: 3, delivered: 3, read: 1 },
      status: "delivered",
    });
  });

  it("is read only when every recipient has read it", () => {
    const all = group.map((m) => ({ ...m, deliveredSeq: 4, readSeq: 4 }));
    expect(statusFor(4, all).status).toBe("read");
  });

  it("does not count a member who joined at or after the message as a recipient", () => {
    const lateJoiner = member("dan", { joinedSeq: 4, deliveredSeq: 4, readSeq: 4 });
    const early = member("ann", { deliveredSeq: 4, readSeq: 0 });
    expect(statusFor(4, [early, lateJoiner]).receipts).toEqual({ recipients: 1, delivered: 1, read: 0 });
    expect(statusFor(5, [early, { ...lateJoiner, deliveredSeq: 5 }]).receipts.recipients).toBe(2);
  });

  it("a late joiner's watermarks cannot make an earlier message read", () => {
    const lateJoiner = member("dan", { joinedSeq: 10, deliveredSeq: 10, readSeq: 10 });
    const early = member("ann", { deliveredSeq: 3, readSeq: 3 });
    expect(statusFor(7, [early, lateJoiner])).toEqual({
      receipts: { recipients: 1, delivered: 0, read: 0 },
      status: "sent",
    });
  });
});

describe("status with no recipients", () => {
  it("stays sent when the sender is alone", () => {
    expect(statusFor(1, [])).toEqual({ receipts: { recipients: 0, delivered: 0, read: 0 }, status: "sent" });
  });

  it("stays sent when every other member joined after the message", () => {
    expect(statusFor(2, [member("late", { joinedSeq: 5, deliveredSeq: 5, readSeq: 5 })]).status).toBe("sent");
  });
});

describe("who may see a member's read state", () => {
  const sharing = { userId: "bob", shareReadReceipts: true };
  const hiding = { userId: "bob", shareReadReceipts: false };
  const viewer = { id: "me", shareReadReceipts: true };
  const hidingViewer = { id: "me", shareReadReceipts: false };

  it("anyone sees the read state of a member who shares it", () => {
    for (const kind of ["direct", "group", "lobby"] as const) {
      expect(canSeeReadState(sharing, viewer, kind)).toBe(true);
    }
  });

  it("nobody sees the read state of a member who hides it", () => {
    for (const kind of ["direct", "group", "lobby"] as const) {
      expect(canSeeReadState(hiding, viewer, kind)).toBe(false);
    }
  });

  it("a viewer who hides their own sees none from the other side of a direct chat", () => {
    expect(canSeeReadState(sharing, hidingViewer, "direct")).toBe(false);
  });

  it("a viewer who hides their own still sees others' read state in groups and the lobby", () => {
    expect(canSeeReadState(sharing, hidingViewer, "group")).toBe(true);
    expect(canSeeReadState(sharing, hidingViewer, "lobby")).toBe(true);
  });

  it("a user always sees their own read state", () => {
    for (const kind of ["direct", "group", "lobby"] as const) {
      expect(canSeeReadState({ userId: "me", shareReadReceipts: false }, hidingViewer, kind)).toBe(true);
    }
  });
});

describe("visible watermarks", () => {
  const members = [
    member("me", { deliveredSeq: 6, readSeq: 6, shareReadReceipts: true }),
    member("bob", { deliveredSeq: 6, readSeq: 6, shareReadReceipts: false }),
    member("cat", { joinedSeq: 2, deliveredSeq: 5, readSeq: 4 }),
  ];

  it("hide readSeq (null) for a member who hides it, keeping deliveredSeq and joinedSeq", () => {
    expect(visibleWatermarks(members, { id: "me", shareReadReceipts: true }, "group")).toEqual([
      { userId: "me", joinedSeq: 0, deliveredSeq: 6, readSeq: 6 },
      { userId: "bob", joinedSeq: 0, deliveredSeq: 6, readSeq: null },
      { userId: "cat", joinedSeq: 2, deliveredSeq: 5, readSeq: 4 },
    ]);
  });

  it("make a message read by a hiding member show as delivered at most", () => {
    const direct = [members[0]!, members[1]!];
    const seen = visibleWatermarks(direct, { id: "me", shareReadReceipts: true }, "direct");
    const receipts = receiptsFor({ seq: 6, senderId: "me" }, seen);
    expect(receipts).toEqual({ recipients: 1, delivered: 1, read: 0 });
    expect(statusOf(receipts)).toBe("delivered");
  });

  it("in a direct chat, hide the other's read state from a viewer who hides their own", () => {
    const direct = [
      member("me", { deliveredSeq: 3, readSeq: 3, shareReadReceipts: false }),
      member("bob", { deliveredSeq: 3, readSeq: 3 }),
    ];
    const seen = visibleWatermarks(direct, { id: "me", shareReadReceipts: false }, "direct");
    expect(seen.map((w) => w.readSeq)).toEqual([3, null]);
    expect(statusOf(receiptsFor({ seq: 3, senderId: "me" }, seen))).toBe("delivered");
  });

  it("in a group, show others' read state to a viewer who hides their own", () => {
    const group = [
      member("me", { deliveredSeq: 3, readSeq: 3, shareReadReceipts: false }),
      member("bob", { deliveredSeq: 3, readSeq: 3 }),
    ];
    const seen = visibleWatermarks(group, { id: "me", shareReadReceipts: false }, "group");
    expect(seen.map((w) => w.readSeq)).toEqual([3, 3]);
    expect(statusOf(receiptsFor({ seq: 3, senderId: "me" }, seen))).toBe("read");
  });
});
