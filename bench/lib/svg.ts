// The latency chart, drawn by hand: cumulative distributions on a log time axis, so the floor's
// single milliseconds and the receipts' hundreds fit one picture.
export type Series = { label: string; color: string; dashed?: boolean; points: [number, number][] };

const W = 720;
const H = 360;
const M = { left: 56, right: 28, top: 40, bottom: 92 };
const PW = W - M.left - M.right;
const PH = H - M.top - M.bottom;

const tick = (ms: number) => (ms >= 1000 ? `${ms / 1000} s` : `${ms >= 1 ? ms : ms.toFixed(1)} ms`);
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function latencyChart(title: string, series: Series[]): string {
  const all = series.flatMap((s) => s.points.map(([ms]) => ms)).filter((ms) => ms > 0);
  const lo = 10 ** Math.floor(Math.log10(Math.max(0.1, Math.min(...all, 1))));
  const hi = 10 ** Math.ceil(Math.log10(Math.max(...all, 10)));
  const x = (ms: number) =>
    M.left + ((Math.log10(Math.max(ms, lo)) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) * PW;
  const y = (p: number) => M.top + (1 - p) * PH;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" font-family="system-ui, sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${M.left}" y="22" font-size="14" font-weight="600">${esc(title)}</text>`,
  ];
  for (let d = lo; d <= hi; d *= 10) {
    out.push(
      `<line x1="${x(d)}" y1="${M.top}" x2="${x(d)}" y2="${M.top + PH}" stroke="#ddd"/>`,
      `<text x="${x(d)}" y="${M.top + PH + 16}" text-anchor="middle" fill="#555">${tick(d)}</text>`,
    );
  }
  for (const p of [0, 0.25, 0.5, 0.75, 0.9, 1]) {
    out.push(
      `<line x1="${M.left}" y1="${y(p)}" x2="${M.left + PW}" y2="${y(p)}" stroke="${p === 0 || p === 1 ? "#bbb" : "#eee"}"/>`,
      `<text x="${M.left - 6}" y="${y(p) + 4}" text-anchor="end" fill="#555">${Math.round(p * 100)}%</text>`,
    );
  }
  series.forEach((s, i) => {
    if (s.points.length === 0) return;
    // A step function: the fraction of samples at or below each latency.
    let d = `M${x(s.points[0]![0]).toFixed(1)},${y(0).toFixed(1)}`;
    for (const [ms, p] of s.points) d += ` H${x(ms).toFixed(1)} V${y(p).toFixed(1)}`;
    out.push(
      `<path d="${d}" fill="none" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="5 3"' : ""}/>`,
    );
    const lx = M.left + (i % 3) * 220;
    const ly = H - 44 + Math.floor(i / 3) * 18;
    out.push(
      `<line x1="${lx}" y1="${ly - 4}" x2="${lx + 22}" y2="${ly - 4}" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="5 3"' : ""}/>`,
      `<text x="${lx + 28}" y="${ly}">${esc(s.label)}</text>`,
    );
  });
  out.push(
    `<text x="${M.left + PW}" y="${M.top + PH + 34}" text-anchor="end" fill="#555">latency (log scale)</text>`,
    "</svg>",
  );
  return out.join("\n") + "\n";
}

const PALETTE = [
  "#1d6fd8",
  "#d8541d",
  "#2a9d4b",
  "#8e44ad",
  "#c0392b",
  "#16a085",
  "#b8860b",
  "#555",
  "#e84393",
];

/**
 * The scale chart: each operation's p50 at each point of an axis, as a multiple of its p50 at the
 * smallest point (log axis of history or members), with the 1.3× limit dashed.
 */
export function scaleChart(
  axis: {
    name: "history" | "members";
    values: number[];
    rows: { op: string; p50Ratios: (number | null)[] }[];
  },
  labels: Record<string, string> = {},
  limit = 1.3,
): string {
  const xs = axis.values;
  const ys = axis.rows.flatMap((r) => r.p50Ratios.filter((v): v is number => v !== null));
  const top = Math.max(2, Math.ceil(Math.max(...ys, limit) * 2) / 2);
  const [x0, x1] = [Math.log10(xs[0]!), Math.log10(xs.at(-1)!)];
  const x = (v: number) => M.left + (x1 === x0 ? PW / 2 : ((Math.log10(v) - x0) / (x1 - x0)) * PW);
  const y = (r: number) => M.top + (1 - r / top) * PH;
  const title =
    axis.name === "history"
      ? `Ticks: cost as history grows (p50 ÷ p50 at ${xs[0]!.toLocaleString("en-US")} messages)`
      : `Ticks: cost as the group grows (p50 ÷ p50 at ${xs[0]!.toLocaleString("en-US")} members)`;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H + 40}" width="${W}" height="${H + 40}" font-family="system-ui, sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H + 40}" fill="#fff"/>`,
    `<text x="${M.left}" y="22" font-size="14" font-weight="600">${esc(title)}</text>`,
  ];
  for (const v of xs) {
    out.push(
      `<line x1="${x(v)}" y1="${M.top}" x2="${x(v)}" y2="${M.top + PH}" stroke="#eee"/>`,
      `<text x="${x(v)}" y="${M.top + PH + 16}" text-anchor="middle" fill="#555">${v.toLocaleString("en-US")}</text>`,
    );
  }
  for (let r = 0; r <= top; r += top > 4 ? 1 : 0.5) {
    out.push(
      `<line x1="${M.left}" y1="${y(r)}" x2="${M.left + PW}" y2="${y(r)}" stroke="${r === 0 ? "#bbb" : "#eee"}"/>`,
      `<text x="${M.left - 6}" y="${y(r) + 4}" text-anchor="end" fill="#555">${r}×</text>`,
    );
  }
  out.push(
    `<line x1="${M.left}" y1="${y(limit)}" x2="${M.left + PW}" y2="${y(limit)}" stroke="#c00" stroke-dasharray="6 4"/>`,
    `<text x="${M.left + 6}" y="${y(limit) - 4}" fill="#c00">limit ${limit}×</text>`,
  );
  axis.rows.forEach((row, i) => {
    const color = PALETTE[i % PALETTE.length]!;
    const pts = row.p50Ratios.flatMap((r, j) => (r === null ? [] : [[x(xs[j]!), y(r)] as const]));
    if (pts.length === 0) return;
    out.push(
      `<polyline points="${pts.map(([a, b]) => `${a.toFixed(1)},${b.toFixed(1)}`).join(" ")}" fill="none" stroke="${color}" stroke-width="2"/>`,
      ...pts.map(([a, b]) => `<circle cx="${a.toFixed(1)}" cy="${b.toFixed(1)}" r="3" fill="${color}"/>`),
    );
    const lx = M.left + (i % 3) * 220;
    const ly = H - 44 + Math.floor(i / 3) * 18;
    out.push(
      `<line x1="${lx}" y1="${ly - 4}" x2="${lx + 22}" y2="${ly - 4}" stroke="${color}" stroke-width="2"/>`,
      `<text x="${lx + 28}" y="${ly}">${esc(labels[row.op] ?? row.op)}</text>`,
    );
  });
  out.push(
    `<text x="${M.left + PW}" y="${M.top + PH + 34}" text-anchor="end" fill="#555">${axis.name === "history" ? "messages in the conversation" : "members"} (log scale)</text>`,
    "</svg>",
  );
  return out.join("\n") + "\n";
}
