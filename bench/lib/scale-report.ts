// The scale scenario in the report: one table per axis (each operation's p50 / p99 and req/s at
// each point, and its worst p50 against the smallest point), and the targets: within 1.3× of the
// smallest case. A send to a big group also pays the realtime fan-out, shown beside it.
import type { Target } from "./report";
import { runsOf, type Axis, type OpResult, type ScalePoint, type ScaleResult } from "./scenarios/scale";
import { OP_LABELS, type OpName } from "./scenarios/scale-ops";

const n = (v: number) => v.toLocaleString("en-US");
const f = (v: number | null | undefined, digits = 1) =>
  v === null || v === undefined || Number.isNaN(v) ? "–" : Number(v.toFixed(digits)).toLocaleString("en-US");

/** One operation's run at one point: p50 / p99 ms · req/s, ⚠ when a count check failed. */
const cell = (o: OpResult | null) =>
  o ? `${f(o.latencyMs.p50)} / ${f(o.latencyMs.p99)} · ${f(o.rps, 0)}${o.problems.length ? " ⚠" : ""}` : "–";

function pointLabel(axis: Axis, p: ScalePoint): string {
  return axis.name === "history" ? `${n(p.history)} msgs` : `${n(p.members)} (${p.kind})`;
}

/** Where the members axis may exceed the limit: sends, by the fan-out (judged without it, below). */
const judged = (axis: Axis, op: OpName) => !(axis.name === "members" && op === "send");

export function scaleTargets(scale: ScaleResult): Target[] {
  if (scale.skipped) return [];
  const targets: Target[] = [];
  for (const axis of scale.axes) {
    if (axis.points.length < 2) continue;
    const range = `${n(axis.values[0]!)} → ${n(axis.values.at(-1)!)}`;
    const rows = axis.rows.filter((r) => judged(axis, r.op) && r.worst !== null);
    const worst = rows.reduce<(typeof rows)[number] | null>(
      (w, r) => (!w || r.worst! > w.worst! ? r : w),
      null,
    );
    targets.push({
      name: `scale, ${axis.name === "history" ? "history" : "group size"} ${range}: worst p50 ÷ smallest${worst ? ` (${OP_LABELS[worst.op]})` : ""}`,
      target: `≤ ${scale.limit}×`,
      value: worst?.worst ?? null,
      met: worst ? worst.worst! <= scale.limit : null,
    });
    if (axis.name === "members") {
      // The issue lets a send to a big group grow by its realtime fan-out only: the send without
      // it (the app's live updates off) is judged; with it, the growth and the requests are reported.
      const quiet = axis.sendWithoutFanOut;
      targets.push({
        name: `scale, send to ${range} members ÷ to ${n(axis.values[0]!)}, without its fan-out (live updates off)`,
        target: `≤ ${scale.limit}×`,
        value: quiet?.worst ?? null,
        met: quiet?.met ?? null,
      });
      const send = axis.rows.find((r) => r.op === "send");
      const fan = axis.points.map((p) => f(p.pusher.requestsPerSend, 1)).join(" → ");
      targets.push({
        name: `scale, send to ${range} members ÷ to ${n(axis.values[0]!)}, with its fan-out (Pusher requests per send ${fan})`,
        target: "reported",
        value: send?.worst ?? null,
        met: null,
      });
    }
  }
  const problems = scale.axes
    .flatMap((a) => a.points)
    .flatMap(runsOf)
    .flatMap((o) => o.problems);
  targets.push({
    name: "scale: failed count checks",
    target: "0",
    value: problems.length,
    met: problems.length === 0,
  });
  return targets;
}

export function scaleMarkdown(scale: Exclude<ScaleResult, { skipped: true }>): string[] {
  const lines: string[] = [
    `6 · scale (each cell: p50 / p99 ms · req/s; ratio: worst p50 ÷ the smallest case, limit ${scale.limit}×). ${scale.world}`,
    "",
  ];
  const seen = new Set<ScalePoint>();
  for (const axis of scale.axes) {
    // A one-point axis (the smoke run) that repeats a point already shown says nothing new.
    if (axis.points.length < 2 && axis.points.every((p) => seen.has(p))) continue;
    const head =
      axis.name === "history"
        ? `**History** (messages in the measured conversation, ${n(axis.points[0]!.members)} members)`
        : `**Group size** (members of the measured conversation, ${n(axis.points[0]!.history)} messages)`;
    lines.push(head, "");
    lines.push(
      `| operation | ${axis.points.map((p) => pointLabel(axis, p)).join(" | ")} | worst ÷ smallest |  |`,
    );
    lines.push(`| --- | ${axis.points.map(() => "---:").join(" | ")} | ---: | --- |`);
    const row = (
      label: string,
      runs: (OpResult | null)[],
      judged: { worst: number | null },
      verdict: string,
    ) =>
      `| ${label} | ${runs.map(cell).join(" | ")} | ${judged.worst === null ? "–" : `${f(judged.worst, 2)}×`} | ${verdict} |`;
    for (const r of axis.rows) {
      const verdict = r.met === null ? "" : r.met ? "✅" : judged(axis, r.op) ? "❌" : "(fan-out, see below)";
      lines.push(
        row(
          OP_LABELS[r.op],
          axis.points.map((p) => p.ops[r.op]),
          r,
          verdict,
        ),
      );
      const quiet = axis.sendWithoutFanOut;
      if (r.op === "send" && quiet) {
        const runs = axis.points.map((p) => p.sendWithoutFanOut);
        const verdict = quiet.met === null ? "" : quiet.met ? "✅" : "❌";
        lines.push(row("… send, live updates off (no fan-out)", runs, quiet, verdict));
      }
    }
    lines.push(
      `| Pusher requests / events per send | ${axis.points.map((p) => `${f(p.pusher.requestsPerSend, 2)} / ${f(p.pusher.eventsPerSend, 2)}`).join(" | ")} |  |  |`,
      `| database: size; seeded (s) | ${axis.points
        .map(
          (p) =>
            `${f(p.database.bytes / 2 ** 20, 0)} MB; ${p.database.seededMs === null ? "cached" : f(p.database.seededMs / 1000)}`,
        )
        .join(" | ")} |  |  |`,
      "",
    );
    for (const p of axis.points) seen.add(p);
  }
  const problems = [...seen].flatMap((p) =>
    runsOf(p).flatMap((o) => o.problems.map((x) => `${n(p.history)} msgs × ${p.members}: ${x}`)),
  );
  lines.push(
    problems.length
      ? `Count checks failed (⚠): ${problems.slice(0, 10).join("; ")}${problems.length > 10 ? ` … (${problems.length})` : ""}`
      : "Count checks: every answer had the planned number of conversations, messages, recipients and users; every ack moved the watermark and every send was stored once.",
    "",
  );
  return lines;
}
