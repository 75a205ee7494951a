// A timestamp as chat apps show it, relative to now in the reader's time zone: "just now",
// "5 min", "14:03" (today), "Yesterday 14:03", "Mon 14:03" (this week), then dates.
// "short" (the conversation list) drops the time of day from older ones and "ago" from minutes.
export type RelativeStyle = "long" | "short";

const MINUTE = 60_000;
const DAY = 86_400_000;

export function relativeTimeFormatter({ locale, timeZone }: { locale?: string; timeZone?: string } = {}) {
  const make = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(locale, { timeZone, ...options });
  const time = make({ hour: "2-digit", minute: "2-digit" });
  const weekday = make({ weekday: "short" });
  const date = make({ day: "numeric", month: "short" });
  const dateYear = make({ day: "numeric", month: "short", year: "numeric" });
  const full = make({ dateStyle: "full", timeStyle: "medium" });
  const calendar = new Intl.DateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "numeric",
    day: "numeric",
  });
  // The calendar date in that time zone, as days since the epoch, so "yesterday" follows the clock.
  const day = (d: Date) => {
    const p = Object.fromEntries(calendar.formatToParts(d).map((x) => [x.type, Number(x.value)]));
    return { year: p.year!, number: Math.round(Date.UTC(p.year!, p.month! - 1, p.day!) / DAY) };
  };

  function relative(then: Date, now: Date, style: RelativeStyle = "long"): string {
    const ago = now.getTime() - then.getTime();
    // A little in the future too: the server's clock and this one differ.
    if (ago < MINUTE) return "just now";
    if (ago < 60 * MINUTE) return `${Math.floor(ago / MINUTE)} min${style === "long" ? " ago" : ""}`;
    const [a, b] = [day(then), day(now)];
    const days = b.number - a.number;
    const at = style === "long" ? ` ${time.format(then)}` : "";
    if (days <= 0) return time.format(then);
    if (days === 1) return `Yesterday${at}`;
    if (days < 7) return `${weekday.format(then)}${at}`;
    return `${(a.year === b.year ? date : dateYear).format(then)}${at}`;
  }

  return { relative, full: (d: Date) => full.format(d), clock: (d: Date) => time.format(d) };
}
