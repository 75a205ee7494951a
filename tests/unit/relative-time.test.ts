import { describe, expect, it } from "vitest";
import { relativeTimeFormatter } from "@/lib/client/relative-time";

const utc = relativeTimeFormatter({ locale: "en-GB", timeZone: "UTC" });
const now = new Date("2025-03-12T15:30:00Z"); // a Wednesday
const at = (iso: string) => new Date(iso);

describe("relative message times", () => {
  it("says just now for the last minute, and for a timestamp a little in the future", () => {
    expect(utc.relative(at("2025-03-12T15:29:01Z"), now)).toBe("just now");
    expect(utc.relative(at("2025-03-12T15:30:20Z"), now)).toBe("just now");
  });

  it("counts whole minutes within the hour, with 'ago' in the long style only", () => {
    expect(utc.relative(at("2025-03-12T15:29:00Z"), now)).toBe("1 min ago");
    expect(utc.relative(at("2025-03-12T15:25:00Z"), now)).toBe("5 min ago");
    expect(utc.relative(at("2025-03-12T14:30:01Z"), now, "short")).toBe("59 min");
  });

  it("shows a message's clock time whatever its day (the day separators give the date)", () => {
    expect(utc.clock(at("2025-03-12T14:03:00Z"))).toBe("14:03");
    expect(utc.clock(at("2025-03-01T09:15:00Z"))).toBe("09:15");
  });

  it("shows the time of day for earlier today", () => {
    expect(utc.relative(at("2025-03-12T14:03:00Z"), now)).toBe("14:03");
    expect(utc.relative(at("2025-03-12T00:00:00Z"), now, "short")).toBe("00:00");
  });

  it("says Yesterday with the time, and only Yesterday in the short style", () => {
    expect(utc.relative(at("2025-03-11T14:03:00Z"), now)).toBe("Yesterday 14:03");
    expect(utc.relative(at("2025-03-11T23:59:00Z"), now, "short")).toBe("Yesterday");
  });

  it("names the weekday within the last week, then gives the date", () => {
    expect(utc.relative(at("2025-03-10T09:15:00Z"), now)).toBe("Mon 09:15");
    expect(utc.relative(at("2025-03-06T09:15:00Z"), now, "short")).toBe("Thu");
    expect(utc.relative(at("2025-03-05T09:15:00Z"), now, "short")).toBe("5 Mar");
    expect(utc.relative(at("2025-03-05T09:15:00Z"), now)).toBe("5 Mar 09:15");
  });

  it("adds the year for dates in another year", () => {
    expect(utc.relative(at("2024-12-31T10:00:00Z"), now, "short")).toBe("31 Dec 2024");
  });

  it("decides 'today' and 'yesterday' by the reader's time zone, not UTC", () => {
    // 01:30 in Tokyo on the 13th; the message was sent at 23:00 Tokyo time on the 12th.
    const tokyo = relativeTimeFormatter({ locale: "en-GB", timeZone: "Asia/Tokyo" });
    const tokyoNow = new Date("2025-03-12T16:30:00Z");
    expect(tokyo.relative(at("2025-03-12T14:00:00Z"), tokyoNow)).toBe("Yesterday 23:00");
    expect(utc.relative(at("2025-03-12T14:00:00Z"), tokyoNow)).toBe("14:00");
  });

  it("gives the full local date and time for the tooltip", () => {
    // ICU versions differ on the comma after the weekday.
    expect(utc.full(at("2025-03-12T14:03:09Z"))).toMatch(/^Wednesday,? 12 March 2025 at 14:03:09$/);
  });
});
