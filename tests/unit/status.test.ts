import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countReceipts, readPrivacy, statusOf, type Receipts, type WatermarkGroup } from "@/lib/core/status";

// A member as the receipt rules see them: joined at the start and sharing unless told otherwise.
type Member = { joinedSeq: number; deliveredSeq: number; publicReadSeq: number };
const member = (w: Partial<Member> = {}): Member => ({
  joinedSeq: 0,
  deliveredSeq: 0,
  publicReadSeq: 0,
  ...w,
});

/** The groups the database would answer: members (not the viewer) whose delivered mark reached `from`. */
function groupsOf(others: Member[], from: number): WatermarkGroup[] {
  const groups = new Map<string, WatermarkGroup>();
  for (const m of others.filter((o) => o.deliveredSeq >= from)) {
    const joinedSeq = m.joinedSeq >= from ? m.joinedSeq : 0;
    const key = `${m.deliveredSeq}:${m.publicReadSeq}:${joinedSeq}`;
    const g = groups.get(key) ?? {
      deliveredSeq: m.deliveredSeq,
      publicReadSeq: m.publicReadSeq,
      joinedSeq,
      count: 0,
    };
    g.count++;
    groups.set(key, g);
  }
  return [...groups.values()];
}

/** The viewer's view of their message `seq` among `others`. */
function statusFor(seq: number, others: Member[], readCap: number | null = null) {
  const counts = countReceipts({
    seqs: [seq],
    groups: groupsOf(others, seq),
    otherMembers: others.length,
    readCap,
  });
  const receipts = counts.get(seq)!;
  return { receipts, status: statusOf(receipts) };
}

describe("status of a message in a direct chat", () => {
  it("is sent while the recipient does not hold it", () => {
    expect(statusFor(3, [member({ deliveredSeq: 2, publicReadSeq: 2 })])).toEqual({
      receipts: { recipients: 1, delivered: 0, read: 0 },
      status: "sent",
    });
  });

  it("is delivered once the recipient's deliveredSeq reaches it", () => {
    expect(statusFor(3, [member({ deliveredSeq: 3, publicReadSeq: 2 })]).status).toBe("delivered");
  });

  it("is read once the recipient's read watermark reaches it", () => {
    expect(statusFor(3, [member({ deliveredSeq: 3, publicReadSeq: 3 })]).status).toBe("read");
  });

  it("is read when the recipient has read beyond it", () => {
    expect(statusFor(3, [member({ deliveredSeq: 9, publicReadSeq: 9 })]).status).toBe("read");
  });
});

describe("status of a message in a group", () => {
  const group = [
    member({ deliveredSeq: 4, publicReadSeq: 4 }),
    member({ deliveredSeq: 4, publicReadSeq: 1 }),
    member({ deliveredSeq: 2, publicReadSeq: 2 }),
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
    const all = group.map((m) => ({ ...m, deliveredSeq: 4, publicReadSeq: 4 }));
    expect(statusFor(4, all).status).toBe("read");
  });

  it("does not count a member who joined at or after the message as a recipient", () => {
    const lateJoiner = member({ joinedSeq: 4, deliveredSeq: 4, publicReadSeq: 4 });
    const early = member({ deliveredSeq: 4, publicReadSeq: 0 });
    expect(statusFor(4, [early, lateJoiner]).receipts).toEqual({ recipients: 1, delivered: 1, read: 0 });
    expect(
      statusFor(5, [
        { ...early, deliveredSeq: 5 },
        { ...lateJoiner, deliveredSeq: 5 },
      ]).receipts.recipients,
    ).toBe(2);
  });

  it("a late joiner's watermarks cannot make an earlier message read", () => {
    const lateJoiner = member({ joinedSeq: 10, deliveredSeq: 10, publicReadSeq: 10 });
    const early = member({ deliveredSeq: 3, publicReadSeq: 3 });
    expect(statusFor(7, [early, lateJoiner])).toEqual({
      receipts: { recipients: 1, delivered: 0, read: 0 },
      status: "sent",
    });
  });

  it("counts many of the viewer's messages from one read of the watermarks", () => {
    const others = [
      member({ deliveredSeq: 5, publicReadSeq: 3 }),
      member({ deliveredSeq: 4, publicReadSeq: 4 }),
    ];
    const counts = countReceipts({
      seqs: [3, 4, 5],
      groups: groupsOf(others, 3),
      otherMembers: 2,
      readCap: null,
    });
    expect([...counts]).toEqual([
      [3, { recipients: 2, delivered: 2, read: 2 }],
      [4, { recipients: 2, delivered: 2, read: 1 }],
      [5, { recipients: 2, delivered: 1, read: 0 }],
    ]);
  });
});

describe("status with no recipients", () => {
  it("stays sent when the sender is alone", () => {
    expect(statusFor(1, [])).toEqual({ receipts: { recipients: 0, delivered: 0, read: 0 }, status: "sent" });
  });

  it("stays sent when every other member joined after the message", () => {
    expect(statusFor(2, [member({ joinedSeq: 5, deliveredSeq: 5, publicReadSeq: 5 })]).status).toBe("sent");
  });
});

describe("the read-receipt privacy rule", () => {
  it("a member's public read watermark follows their reads while they share", () => {
    expect(readPrivacy.publicReadSeq(3, 7, true)).toBe(7);
  });

  it("stays where it was while they don't: what was shown as read stays read, nothing new shows", () => {
    expect(readPrivacy.publicReadSeq(3, 7, false)).toBe(3);
  });

  it("never moves back", () => {
    expect(readPrivacy.publicReadSeq(7, 3, true)).toBe(7);
  });

  it("caps a direct chat's member who stops sharing at the other's reads as they stand (reciprocity)", () => {
    expect(readPrivacy.peerReadCap("direct", false, 5)).toBe(5);
    expect(readPrivacy.peerReadCap("direct", true, 5)).toBeNull();
  });

  it("doesn't cap in groups and the lobby: others' reads stay visible to someone who hides their own", () => {
    expect(readPrivacy.peerReadCap("group", false, 5)).toBeNull();
    expect(readPrivacy.peerReadCap("lobby", false, 5)).toBeNull();
  });

  it("a capped viewer sees reads up to the cap, no further", () => {
    const bob = [member({ deliveredSeq: 6, publicReadSeq: 6 })];
    expect(statusFor(4, bob, 4).status).toBe("read");
    expect(statusFor(6, bob, 4)).toEqual({
      receipts: { recipients: 1, delivered: 1, read: 0 },
      status: "delivered",
    });
  });

  it("a member who hides their reads is delivered at most, to everyone", () => {
    const hider = member({ deliveredSeq: 6, publicReadSeq: readPrivacy.publicReadSeq(0, 6, false) });
    expect(statusFor(6, [hider]).status).toBe("delivered");
  });
});

describe("counting from grouped watermarks", () => {
  // Against the definition, member by member (docs/architecture.md, "Receipts").
  const naive = (seq: number, others: Member[], cap: number | null): Receipts => {
    const recipients = others.filter((m) => m.joinedSeq < seq);
    return {
      recipients: recipients.length,
      delivered: recipients.filter((m) => m.deliveredSeq >= seq).length,
      read: recipients.filter((m) => readPrivacy.visibleReadSeq(m.publicReadSeq, cap) >= seq).length,
    };
  };
  const memberArb = fc
    .record({ joinedSeq: fc.nat(30), delivered: fc.nat(30), read: fc.nat(30) })
    .map(({ joinedSeq, delivered, read }) => {
      // The invariants the server keeps: joinedSeq ≤ publicReadSeq ≤ deliveredSeq.
      const publicReadSeq = joinedSeq + read;
      return { joinedSeq, publicReadSeq, deliveredSeq: publicReadSeq + delivered };
    });

  it("gives exactly what counting every member one by one gives", () => {
    fc.assert(
      fc.property(
        fc.array(memberArb, { maxLength: 25 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 70 }), { minLength: 1, maxLength: 8 }),
        fc.option(fc.nat(70), { nil: null }),
        (others, seqs, cap) => {
          const counts = countReceipts({
            seqs,
            groups: groupsOf(others, Math.min(...seqs)),
            otherMembers: others.length,
            readCap: cap,
          });
          for (const seq of seqs) expect(counts.get(seq)).toEqual(naive(seq, others, cap));
        },
      ),
    );
  });
});
