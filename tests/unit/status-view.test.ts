import { describe, expect, it } from "vitest";
import type { ClientMessage } from "@/lib/client/conversation/merge";
import { statusView } from "@/lib/client/conversation/status-view";

const mine = (recipients: number, delivered: number, read: number) =>
  ({ receipts: { recipients, delivered, read } }) as ClientMessage;

describe("what the sender sees under a message", () => {
  it("in a direct chat: the word, and no count", () => {
    expect(statusView(mine(1, 1, 0), "direct")).toEqual({
      status: "delivered",
      label: "Delivered",
      receipts: { recipients: 1, delivered: 1, read: 0 },
    });
  });

  it("in a group: a count beside the glyph — who got it while sent, who read it once all did", () => {
    expect(statusView(mine(3, 2, 0), "group")).toMatchObject({ status: "sent", count: "2/3" });
    expect(statusView(mine(3, 2, 2), "group")).toMatchObject({
      status: "sent",
      count: "2/3",
      label: "Sent · delivered to 2 of 3 · read by 2 of 3",
    });
    expect(statusView(mine(3, 3, 0), "group")).toMatchObject({ status: "delivered", count: "3/3" });
    expect(statusView(mine(3, 3, 1), "group")).toMatchObject({
      status: "delivered",
      count: "1/3 read",
      label: "Delivered to all 3 · read by 1 of 3",
    });
    expect(statusView(mine(3, 3, 3), "lobby")).toMatchObject({
      status: "read",
      count: "3/3",
      label: "Read by 3 of 3",
    });
  });

  it("while sending or refused: the word only", () => {
    expect(statusView({ ...mine(3, 0, 0), local: "sending" }, "group")).toEqual({
      status: "sending",
      label: "Sending",
    });
    expect(statusView({ ...mine(3, 0, 0), local: "failed" }, "group")).toEqual({
      status: "failed",
      label: "Not sent",
    });
  });
});
