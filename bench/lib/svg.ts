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
