import { describe, expect, it } from "vitest";
import { withKeptMarks } from "@/lib/client/conversation/kept-marks";
import type { MemberState } from "@/lib/core/types";

const member = (id: string, deliveredSeq: number, readSeq: number | null): MemberState => ({
  user: { id, username: id, name: id },
  joinedSeq: 0,
  deliveredSeq,
  readSeq,
  deliveredAt: null,
  readAt: null,
});

describe("withKeptMarks (a page rendered before the ticks last shown)", () => {
  it("never shows a watermark below what was last shown", () => {
    const [bob] = withKeptMarks([member("bob", 3, 2)], { bob: [5, 5] });
    expect(bob).toMatchObject({ deliveredSeq: 5, readSeq: 5 });
  });

  it("takes the page's when it is further (it is the newer news)", () => {
    const members = [member("bob", 9, 8)];
    expect(withKeptMarks(members, { bob: [5, 4] })).toEqual(members);
  });

  it("keeps a hidden read state hidden, whatever was shown before", () => {
    const [bob] = withKeptMarks([member("bob", 3, null)], { bob: [5, 5] });
    expect(bob).toMatchObject({ deliveredSeq: 5, readSeq: null });
  });

  it("leaves members it knows nothing of, and everything without kept marks, as they are", () => {
    const members = [member("carol", 1, 1)];
    expect(withKeptMarks(members, { bob: [5, 5] })).toEqual(members);
    expect(withKeptMarks(members, undefined)).toBe(members);
  });
});
