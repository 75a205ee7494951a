// `tsx bench/check.ts [results.json]`: checks a benchmark result's shape and that its counts add
// up — every send answered and stored once, every recipient got every message exactly once, the
// figures are real numbers. Exits non-zero, listing every problem, otherwise. Used by
// `npm run bench:smoke`; the latency and ratio targets are reported, not checked here (a tiny run on
// a busy CI machine says nothing about them), but the page budget (bench/lib/budget.ts) is.
import { readFileSync } from "node:fs";
import { PAGE_BUDGET } from "./lib/budget";
import type { Results, Skipped } from "./lib/report";
import type { ReceiptsResult } from "./lib/scenarios/receipts";
import { OP_NAMES } from "./lib/scenarios/scale-ops";
import type { Summary } from "./lib/stats";

const file = process.argv[2] ?? "bench/results/latest.json";
const problems: string[] = [];
const expect = (ok: boolean, what: string) => {
  if (!ok) problems.push(what);
};

let results: Results;
try {
  results = JSON.parse(readFileSync(file, "utf8")) as Results;
} catch (error) {
  console.error(`bench check: can't read ${file}: ${String(error)}`);
  process.exit(1);
}

const finite = (v: unknown) => typeof v === "number" && Number.isFinite(v);
const summary = (s: Summary | undefined, what: string) => {
  expect(!!s && s.count > 0, `${what}: no samples`);
  if (!s) return;
  for (const k of ["p50", "p95", "p99", "max"] as const)
    expect(finite(s[k]) && s[k] >= 0, `${what}.${k} is ${s[k]}`);
  expect(s.p50 <= s.p95 && s.p95 <= s.p99 && s.p99 <= s.max, `${what}: percentiles out of order`);
};

function receipts(s: ReceiptsResult | Skipped | undefined, name: string) {
  if (!s) return void problems.push(`scenarios.${name} missing`);
  if (s.skipped) return;
  const m = s.messages;
  expect(m.planned > 0, `${name}: nothing planned`);
  expect(m.sent === m.planned, `${name}: sent ${m.sent} of ${m.planned}`);
  expect(m.failed === 0, `${name}: ${m.failed} sends failed`);
  expect(
    m.stored === m.sent && m.storedMatches,
    `${name}: stored ${m.stored} for ${m.sent} sent (match: ${m.storedMatches})`,
  );
  const d = s.delivery;
  expect(d.expected > 0, `${name}: no deliveries expected`);
  expect(d.received === d.expected, `${name}: received ${d.received} of ${d.expected}`);
  expect(d.lost === 0 && d.duplicated === 0, `${name}: ${d.lost} lost, ${d.duplicated} duplicated`);
  expect(d.unexpected === 0, `${name}: ${d.unexpected} deliveries nobody sent`);
  expect(d.outOfOrder === 0, `${name}: ${d.outOfOrder} out of order`);
  expect(
    s.neverDelivered === 0 && s.neverRead === 0,
    `${name}: ${s.neverDelivered} never delivered, ${s.neverRead} never read`,
  );
  expect(s.errors === 0, `${name}: ${s.errors} errors (${s.errorSamples.join("; ")})`);
  expect(s.settled, `${name}: did not settle`);
  expect(
    s.requests.send === m.planned,
    `${name}: ${s.requests.send} send requests for ${m.planned} messages`,
  );
  expect(s.requests.ack + s.requests.delivered + s.requests.read > 0, `${name}: no acks`);
  expect(
    s.events.published >= s.events.bySends && s.events.byReceipts > 0,
    `${name}: event counts don't add up`,
  );
  expect(
    s.latencyMs.recipient.count === d.received,
    `${name}: ${s.latencyMs.recipient.count} latency samples for ${d.received} deliveries`,
  );
  expect(
    s.latencyMs.delivered.count === m.sent && s.latencyMs.read.count === m.sent,
    `${name}: status samples ≠ messages`,
  );
  for (const k of ["recipient", "delivered", "read", "sendRequest"] as const)
    summary(s.latencyMs[k], `${name}.latencyMs.${k}`);
  expect(s.latencyMs.delivered.p50 <= s.latencyMs.read.p50, `${name}: read before delivered`);
  for (const who of ["app", "realtime"] as const) {
    expect(finite(s.server[who].cpuMs) && s.server[who].peakRssMb > 0, `${name}: no ${who} resource figures`);
  }
}

expect(results.schema === "ticks-bench/1", `schema is ${String(results.schema)}`);
expect(
  typeof results.config?.users === "number" && typeof results.machine?.cores === "number",
  "config/machine missing",
);
expect(Array.isArray(results.machine?.loadAverage?.before), "load average missing");
summary(results.scenarios?.floor?.latencyMs, "floor.latencyMs");
expect(results.scenarios?.floor?.events === results.config?.floorEvents, "floor: event count");
receipts(results.scenarios?.watermark, "watermark");
receipts(results.scenarios?.perMessage, "perMessage");
receipts(results.scenarios?.conversational, "conversational");
const w = results.scenarios?.watermark;
const p = results.scenarios?.perMessage;
if (w && p && !w.skipped && !p.skipped) {
  expect(w.messages.planned === p.messages.planned, "scenarios 2 and 3 did not send the same traffic");
  // The app's way: batch requests only, never the per-conversation endpoints.
  expect(w.requests.delivered + w.requests.read === 0 && w.requests.ack > 0, "watermark: not batched acks");
  // The tutorial's scheme: one request per message and recipient for each of delivered and read.
  expect(
    p.requests.delivered === p.delivery.received && p.requests.read === p.delivery.received,
    "perMessage: not one ack per message",
  );
  const r = results.ratios?.perMessageOverWatermark;
  expect(finite(r?.ackRequests) && finite(r?.receiptEvents), "ratios missing");
}
const t = results.scenarios?.throughput;
if (t && !t.skipped) {
  expect(t.closedLoop.length > 0 && t.openLoop.length > 0, "throughput: no steps");
  expect(
    t.closedLoop.every((s) => s.rps > 0),
    "throughput: a closed-loop step served nothing",
  );
  for (const k of ["static", "session", "health", "refused"] as const) {
    const floor = t.floors?.[k];
    expect(
      !!floor && floor.rps > 0 && floor.errors + floor.unexpected === 0,
      `throughput: floor ${k} served nothing or answered otherwise than it should`,
    );
    expect(!!floor && floor.cpuMsPerRequest > 0, `throughput: floor ${k} without the app's CPU`);
  }
  expect(t.sends > 0, "throughput: no sends counted");
  expect(
    [...t.closedLoop, ...t.openLoop].every((s) => s.cpuMsPerRequest > 0 && s.cpuPercentOfOneCore > 0),
    "throughput: a step without the app's CPU",
  );
}
const scale = results.scenarios?.scale;
expect(!!scale, "scenarios.scale missing");
if (scale && !scale.skipped) {
  // Counts, not timings: every request answered as expected and every count check passed.
  for (const axis of scale.axes) {
    expect(
      axis.points.length === axis.values.length,
      `scale ${axis.name}: ${axis.points.length} points for ${axis.values.length} values`,
    );
    for (const point of axis.points) {
      const at = `scale ${point.history}×${point.members}`;
      for (const op of OP_NAMES) {
        const o = point.ops[op];
        if (!o) {
          problems.push(`${at}: ${op} missing`);
          continue;
        }
        expect(
          o.ok === o.requests,
          `${at}: ${op} ${o.ok}/${o.requests} answered as expected (${JSON.stringify(o.unexpected)})`,
        );
        expect(o.problems.length === 0, `${at}: ${o.problems.join("; ")}`);
        summary(o.latencyMs, `${at}.${op}.latencyMs`);
      }
      if (point.sendWithoutFanOut) {
        const o = point.sendWithoutFanOut;
        expect(o.ok === o.requests, `${at}: send without fan-out ${o.ok}/${o.requests} answered as expected`);
        expect(o.problems.length === 0, `${at}: ${o.problems.join("; ")}`);
      }
      // Requests per send can be below 1: sends of one turn share batch requests (publish.ts).
      expect(
        point.pusher.requestsPerSend > 0 && point.pusher.eventsPerSend >= 1,
        `${at}: no Pusher requests or events counted per send`,
      );
    }
  }
}
const profile = results.profile;
if (profile && !profile.skipped) {
  expect(profile.busyMs > 0 && profile.buckets.length > 0, "profile: no samples in the throughput window");
}
const page = results.scenarios?.pageWeight;
expect(
  !!page && (page.skipped ? typeof page.reason === "string" : page.jsTransferredKb > 0),
  "pageWeight: neither measured nor skipped with a reason",
);
if (page && !page.skipped) {
  expect(
    page.jsTransferredKb <= PAGE_BUDGET.jsTransferredKb,
    `page budget: ${page.jsTransferredKb} kB of JS > ${PAGE_BUDGET.jsTransferredKb} kB`,
  );
  expect(
    Number.isFinite(page.cls) && page.cls <= PAGE_BUDGET.cls,
    `page budget: layout shift ${page.cls} > ${PAGE_BUDGET.cls}`,
  );
}
expect(Array.isArray(results.targets) && results.targets.length > 0, "targets missing");

if (problems.length) {
  console.error(`bench check: ${file} has ${problems.length} problem(s):\n  - ${problems.join("\n  - ")}`);
  process.exit(1);
}
const sent = (s: typeof w) => (s && !s.skipped ? s.messages.sent : 0);
const received = (s: typeof w) => (s && !s.skipped ? s.delivery.received : 0);
const scaleRequests =
  scale && !scale.skipped
    ? scale.axes
        .flatMap((a) => a.points)
        .reduce((n, pt) => n + Object.values(pt.ops).reduce((m, o) => m + o.requests, 0), 0)
    : 0;
console.log(
  `bench check: ${file} OK — ${sent(w)} + ${sent(p)} messages sent, ` +
    `${received(w) + received(p)} deliveries, none lost, duplicated or out of order` +
    (scaleRequests ? `; scale: ${scaleRequests} requests answered, every count check passed` : "") +
    (page && !page.skipped
      ? `; page ${page.jsTransferredKb} kB JS (budget ${PAGE_BUDGET.jsTransferredKb}), CLS ${page.cls} (budget ${PAGE_BUDGET.cls})`
      : ""),
);
