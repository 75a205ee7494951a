import { describe, expect, it } from "vitest";
import { mayShowLastSeen, wentOffline } from "@/lib/core/realtime/last-seen";

describe("wentOffline (who a webhook batch says went offline)", () => {
  it("takes each user whose own channel was vacated, once, at the batch's time", () => {
    const batch = {
      time_ms: 1_000,
      events: [
        { name: "channel_vacated", channel: "private-user-abc" },
        { name: "channel_vacated", channel: "private-user-abc" },
        { name: "channel_vacated", channel: "private-user-def" },
      ],
    };
    expect(wentOffline(batch, 5_000)).toEqual([
      { userId: "abc", at: new Date(1_000) },
      { userId: "def", at: new Date(1_000) },
    ]);
  });

  it("ignores occupied channels, conversation channels, presence events and unknown names", () => {
    const batch = {
      time_ms: 1_000,
      events: [
        { name: "channel_occupied", channel: "private-user-abc" },
        { name: "channel_vacated", channel: "private-conversation-abc" },
        { name: "channel_vacated", channel: "presence-conversation-abc" },
        { name: "member_removed", channel: "presence-conversation-abc" },
        { name: "channel_vacated", channel: "#server-to-user-abc" },
        { name: "channel_vacated" },
      ],
    };
    expect(wentOffline(batch, 5_000)).toEqual([]);
  });

  it("never dates anyone in the future when the sender's clock is ahead", () => {
    const batch = { time_ms: 9_000, events: [{ name: "channel_vacated", channel: "private-user-abc" }] };
    expect(wentOffline(batch, 5_000)).toEqual([{ userId: "abc", at: new Date(5_000) }]);
  });
});

describe("mayShowLastSeen (reciprocal, as WhatsApp)", () => {
  it("shows it only when both people share theirs", () => {
    expect(mayShowLastSeen({ shareLastSeen: true }, { shareLastSeen: true })).toBe(true);
    expect(mayShowLastSeen({ shareLastSeen: true }, { shareLastSeen: false })).toBe(false);
    expect(mayShowLastSeen({ shareLastSeen: false }, { shareLastSeen: true })).toBe(false);
  });
});
