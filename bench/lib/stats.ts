// Percentile summaries (nearest-rank, so every reported value is one that was measured).

export type Summary = { count: number; p50: number; p95: number; p99: number; max: number; mean: number };

const round = (x: number) => Math.round(x * 100) / 100;

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.reduce((s, x) => s + x, 0) / (sorted.length || 1);
  return {
    count: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1) ?? NaN),
    mean: round(mean),
  };
}

/** Points of the empirical CDF, thinned to at most `points`, for charts. */
export function cdf(samples: number[], points = 60): [number, number][] {
  const sorted = [...samples].sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const step = Math.max(1, Math.floor(sorted.length / points));
  const out: [number, number][] = [];
  for (let i = 0; i < sorted.length; i += step) out.push([round(sorted[i]!), (i + 1) / sorted.length]);
  out.push([round(sorted.at(-1)!), 1]);
  return out;
}

export const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 100) / 100 : null);
