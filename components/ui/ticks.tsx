import type { DisplayStatus } from "@/lib/client/conversation/status-view";

// The status glyphs. Colour is never the only signal: each status has its own shape (clock,
// one tick, two ticks, two ticks cut out of a filled badge, warning sign) and a text label beside it.
export function TicksIcon({ status }: { status: DisplayStatus }) {
  const common = { width: 18, height: 12, viewBox: "0 0 18 12", "aria-hidden": true } as const;
  switch (status) {
    case "sending":
      return (
        <svg {...common} viewBox="0 0 12 12" width={12}>
          <circle cx="6" cy="6" r="5" fill="none" stroke="currentColor" strokeWidth="1.4" />
          <path d="M6 3v3l2 1.5" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" />
        </svg>
      );
    case "failed":
      return (
        <svg {...common} viewBox="0 0 12 12" width={12}>
          <path d="M6 1l5 10H1z" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinejoin="round" />
          <path d="M6 5v2.5M6 9.2v.1" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" />
        </svg>
      );
    case "sent":
      return (
        <svg {...common}>
          <path
            d="M2 6.5l3 3 7-7.5"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.6"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
      );
    case "read":
      // The ticks take the page's colour, so they read as cut out of the badge.
      return (
        <svg {...common}>
          <rect width="18" height="12" rx="6" fill="currentColor" />
          <path
            d="M3.6 6.4l2.3 2.3 4.7-5.1M9.1 8.7l4.7-5.1"
            fill="none"
            className="stroke-white dark:stroke-slate-950"
            strokeWidth="1.5"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
      );
    default:
      return (
        <svg {...common}>
          <path
            d="M1 6.5l3 3 7-7.5"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.6"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
          <path
            d="M7.5 9.5l7-7.5"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.6"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
      );
  }
}
