import { describe, expect, it } from "vitest";
import { broadcastReadSeq } from "@/lib/core/status";

describe("the read watermark broadcast to a conversation", () => {
  it("is the readSeq of a member who shares read receipts", () => {
    expect(broadcastReadSeq({ kind: "group", readSeq: 7, shares: true })).toBe(7);
    expect(broadcastReadSeq({ kind: "lobby", readSeq: 7, shares: true })).toBe(7);
    expect(broadcastReadSeq({ kind: "direct", readSeq: 7, shares: true, otherShares: true })).toBe(7);
  });

  it("is hidden (null) for a member who does not share read receipts", () => {
    for (const kind of ["direct", "group", "lobby"] as const) {
      expect(broadcastReadSeq({ kind, readSeq: 7, shares: false, otherShares: true })).toBeNull();
    }
  });

  it("is hidden in a direct chat whose other side does not share theirs (reciprocity)", () => {
    expect(broadcastReadSeq({ kind: "direct", readSeq: 7, shares: true, otherShares: false })).toBeNull();
  });

  it("is shown in a group even when some other member does not share theirs", () => {
    expect(broadcastReadSeq({ kind: "group", readSeq: 7, shares: true, otherShares: false })).toBe(7);
  });

  it("is shown in a direct chat whose other side's setting is unknown", () => {
    expect(broadcastReadSeq({ kind: "direct", readSeq: 7, shares: true })).toBe(7);
  });
});
