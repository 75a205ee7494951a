// The results: one JSON document (config, machine, every figure, targets) and a Markdown summary.
import { execSync } from "node:child_process";
import os from "node:os";
import type { BenchConfig } from "./config";
import type { FloorResult } from "./scenarios/floor";
import { PAGE_BUDGET } from "./budget";
import type { PageResult } from "./scenarios/page";
import type { ProfileSummary } from "./profile";
import type { ReceiptsResult } from "./scenarios/receipts";
import type { ScaleResult } from "./scenarios/scale";
import { scaleMarkdown, scaleTargets } from "./scale-report";
import type { StepCpu, ThroughputResult } from "./scenarios/throughput";
import { ratio } from "./stats";

export type Skipped = { skipped: true; reason: string };

export type Results = {
  schema: "ticks-bench/1";
  generatedAt: string;
  command: string;
  config: BenchConfig;
  machine: ReturnType<typeof machineInfo> & {
    loadAverage: { before: number[]; after: number[] };
    clockSkewMs: number;
  };
  setup: {
    buildMs: number | null;
    setupMs: number;
    users: number;
    conversations: number;
    /** How many `next start` processes served (npm start's WEB_CONCURRENCY, scripts/workers.ts). */
    webProcesses: number;
    warmUp: unknown;
  };
  scenarios: {
    floor: Omit<FloorResult, "samples"> & { cdf: [number, number][] };
    watermark: ReceiptsResult | Skipped;
    perMessage: ReceiptsResult | Skipped;
    /** The same shipped ack policy on the conversational profile (delivered/read latency targets). */
    conversational: ReceiptsResult | Skipped;
    throughput: ThroughputResult | Skipped;
    pageWeight: PageResult;
    scale: ScaleResult;
  };
  /** Where the Next server's CPU went during the throughput scenario's sends (--profile). */
  profile: ProfileSummary | Skipped;
  ratios: ReturnType<typeof ratios> | null;
  targets: Target[];
};

/** Issue 12: sustained sends, open loop at p99 < 100 ms, ≥ 3× the 150/s measured before it. */
export const SEND_RATE_GOAL = 450;

export type Target = { name: string; target: string; value: number | null; met: boolean | null };

export function machineInfo() {
  const git = (cmd: string) => {
    try {
      return execSync(cmd, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    } catch {
      return null;
    }
  };
  return {
    cpu: os.cpus()[0]?.model ?? "unknown",
    cores: os.cpus().length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    commit: git("git rev-parse --short HEAD"),
    uncommittedChanges: git("git status --porcelain")?.length ? true : false,
  };
}

export function ratios(floor: FloorResult, s2: ReceiptsResult, s3: ReceiptsResult) {
  const lat = (k: "recipient" | "delivered" | "read") => ({
    p50: ratio(s3.latencyMs[k].p50, s2.latencyMs[k].p50),
    p99: ratio(s3.latencyMs[k].p99, s2.latencyMs[k].p99),
  });
  return {
    perMessageOverWatermark: {
      ackRequests: ratio(s3.perMessage.ackRequests, s2.perMessage.ackRequests),
      receiptEvents: ratio(s3.perMessage.receiptEvents, s2.perMessage.receiptEvents),
      httpRequests: ratio(s3.perMessage.httpRequests, s2.perMessage.httpRequests),
      eventsPublished: ratio(s3.perMessage.eventsPublished, s2.perMessage.eventsPublished),
      framesSent: ratio(s3.perMessage.framesSent, s2.perMessage.framesSent),
      appCpu: ratio(s3.server.app.cpuMs, s2.server.app.cpuMs),
      latency: { recipient: lat("recipient"), delivered: lat("delivered"), read: lat("read") },
    },
    watermarkOverFloor: {
      p50: ratio(s2.latencyMs.recipient.p50, floor.latencyMs.p50),
      p99: ratio(s2.latencyMs.recipient.p99, floor.latencyMs.p99),
    },
  };
}

export function targets(r: Omit<Results, "targets">): Target[] {
  const { watermark: s2, perMessage: s3, conversational, throughput, pageWeight: page } = r.scenarios;
  const x = r.ratios?.perMessageOverWatermark;
  const at = (
    name: string,
    target: string,
    value: number | null | undefined,
    met: (v: number) => boolean,
  ): Target => ({
    name,
    target,
    value: value ?? null,
    met: value === null || value === undefined || Number.isNaN(value) ? null : met(value),
  });
  const lostOrDuplicated = (s: ReceiptsResult) => s.delivery.lost + s.delivery.duplicated;
  const unstored = (s: ReceiptsResult) =>
    s.messages.failed +
    (s.messages.storedMatches ? 0 : Math.max(1, Math.abs(s.messages.stored - s.messages.sent)));
  const w = s2.skipped ? null : s2;
  const conv = conversational.skipped ? null : conversational;
  // --skip-receipts skips all three together.
  const all = s2.skipped || s3.skipped || conversational.skipped ? null : [s2, s3, conversational];
  const sum = (fn: (s: ReceiptsResult) => number) => all && all.reduce((n, s) => n + fn(s), 0);
  return [
    at("send → recipient p50 (ms), burst", "≤ 10", w?.latencyMs.recipient.p50, (v) => v <= 10),
    at("send → recipient p99 (ms), burst", "≤ 50", w?.latencyMs.recipient.p99, (v) => v <= 50),
    at(
      "conversational: send → sender sees delivered p50 (ms)",
      "≤ 30",
      conv?.latencyMs.delivered.p50,
      (v) => v <= 30,
    ),
    at(
      "conversational: send → sender sees delivered p99 (ms)",
      "≤ 100",
      conv?.latencyMs.delivered.p99,
      (v) => v <= 100,
    ),
    at(
      "conversational: send → sender sees read p50 (ms; read 100 ms after receipt)",
      "≤ 150",
      conv?.latencyMs.read.p50,
      (v) => v <= 150,
    ),
    at("burst: ack requests, per-message / watermark", "≥ 5×", x?.ackRequests, (v) => v >= 5),
    at("burst: receipt events, per-message / watermark", "≥ 5×", x?.receiptEvents, (v) => v >= 5),
    at("burst: WebSocket frames delivered per message", "≤ 3.0", w?.perMessage.framesSent, (v) => v <= 3),
    at("lost + duplicated deliveries (every receipt scenario)", "0", sum(lostOrDuplicated), (v) => v === 0),
    at("failed or wrongly stored sends (every receipt scenario)", "0", sum(unstored), (v) => v === 0),
    at(
      `sustained sends, open loop, p99 < 100 ms (req/s)`,
      `≥ ${SEND_RATE_GOAL}`,
      throughput.skipped ? null : throughput.sustainedRps.openLoop,
      (v) => v >= SEND_RATE_GOAL,
    ),
    at(
      "conversation page JS (kB gzip, transferred): CI budget (bench/lib/budget.ts)",
      `≤ ${PAGE_BUDGET.jsTransferredKb}`,
      page.skipped ? null : page.jsTransferredKb,
      (v) => v <= PAGE_BUDGET.jsTransferredKb,
    ),
    at(
      "conversation page layout shift (CLS)",
      `≤ ${PAGE_BUDGET.cls}`,
      page.skipped ? null : page.cls,
      (v) => v <= PAGE_BUDGET.cls,
    ),
    ...scaleTargets(r.scenarios.scale),
  ];
}

const f = (v: number | null | undefined, digits = 1) =>
  v === null || v === undefined || Number.isNaN(v) ? "–" : Number(v.toFixed(digits)).toLocaleString("en-US");

function receiptsMarkdown(
  r: Results,
  s2: ReceiptsResult,
  s3: ReceiptsResult,
  conv: ReceiptsResult,
  row: (...cells: (string | number)[]) => void,
  lines: string[],
) {
  const { floor } = r.scenarios;
  const x = r.ratios!.perMessageOverWatermark;
  const lat = (s: { p50: number; p95: number; p99: number }) => `${f(s.p50)} / ${f(s.p95)} / ${f(s.p99)}`;
  row(
    "latency p50 / p95 / p99 (ms)",
    "1 · floor",
    "2 · watermarks (Ticks)",
    "3 · per-message acks",
    "3 ÷ 2 (p50, p99)",
  );
  row("---", "---:", "---:", "---:", "---:");
  row(
    "send → recipient receives",
    lat(floor.latencyMs),
    lat(s2.latencyMs.recipient),
    lat(s3.latencyMs.recipient),
    `${f(x.latency.recipient.p50, 2)}×, ${f(x.latency.recipient.p99, 2)}×`,
  );
  row(
    "send → sender sees delivered",
    "",
    lat(s2.latencyMs.delivered),
    lat(s3.latencyMs.delivered),
    `${f(x.latency.delivered.p50, 2)}×, ${f(x.latency.delivered.p99, 2)}×`,
  );
  row(
    "send → sender sees read",
    "",
    lat(s2.latencyMs.read),
    lat(s3.latencyMs.read),
    `${f(x.latency.read.p50, 2)}×, ${f(x.latency.read.p99, 2)}×`,
  );
  row("send request alone", "", lat(s2.latencyMs.sendRequest), lat(s3.latencyMs.sendRequest), "");
  lines.push("");
  row("conversational profile (watermarks), p50 / p95 / p99 (ms)", "");
  row("---", "---:");
  row("send → recipient receives", lat(conv.latencyMs.recipient));
  row("send → sender sees delivered", lat(conv.latencyMs.delivered));
  row("send → sender sees read", lat(conv.latencyMs.read));
  row(
    "per message: ack requests / receipt events / frames",
    `${f(conv.perMessage.ackRequests, 2)} / ${f(conv.perMessage.receiptEvents, 2)} / ${f(conv.perMessage.framesSent, 2)}`,
  );
  lines.push("");
  row("per message sent", "2 · watermarks", "3 · per-message", "3 ÷ 2");
  row("---", "---:", "---:", "---:");
  row(
    "ack requests",
    f(s2.perMessage.ackRequests, 2),
    f(s3.perMessage.ackRequests, 2),
    `**${f(x.ackRequests, 2)}×**`,
  );
  row(
    "… of which could not move a watermark (repeat / own message)",
    `${f(s2.perMessage.wastedAckRequests, 2)} (${s2.requests.repeated} / ${s2.requests.ownMessage})`,
    `${f(s3.perMessage.wastedAckRequests, 2)} (${s3.requests.repeated} / ${s3.requests.ownMessage})`,
    "",
  );
  row(
    "receipt events published",
    f(s2.perMessage.receiptEvents, 2),
    f(s3.perMessage.receiptEvents, 2),
    `**${f(x.receiptEvents, 2)}×**`,
  );
  row(
    "HTTP requests, all (sends + acks)",
    f(s2.perMessage.httpRequests, 2),
    f(s3.perMessage.httpRequests, 2),
    `${f(x.httpRequests, 2)}×`,
  );
  row(
    "realtime events published, all",
    f(s2.perMessage.eventsPublished, 2),
    f(s3.perMessage.eventsPublished, 2),
    `${f(x.eventsPublished, 2)}×`,
  );
  row(
    "WebSocket frames delivered",
    f(s2.perMessage.framesSent, 2),
    f(s3.perMessage.framesSent, 2),
    `${f(x.framesSent, 2)}×`,
  );
  row(
    "app server CPU (ms, % of one core)",
    `${f(s2.server.app.cpuMs, 0)} (${f(s2.server.app.cpuPercentOfOneCore)}%)`,
    `${f(s3.server.app.cpuMs, 0)} (${f(s3.server.app.cpuPercentOfOneCore)}%)`,
    `${f(x.appCpu, 2)}×`,
  );
  row("realtime server CPU (ms)", f(s2.server.realtime.cpuMs, 0), f(s3.server.realtime.cpuMs, 0), "");
  row(
    "peak RSS app / realtime (MB)",
    `${f(s2.server.app.peakRssMb, 0)} / ${f(s2.server.realtime.peakRssMb, 0)}`,
    `${f(s3.server.app.peakRssMb, 0)} / ${f(s3.server.realtime.peakRssMb, 0)}`,
    "",
  );
  const account = (s: ReceiptsResult) =>
    `${s.messages.sent}/${s.messages.planned} sent, ${s.messages.stored} stored; ${s.delivery.received}/${s.delivery.expected} received; ` +
    `${s.delivery.lost} lost, ${s.delivery.duplicated} dup, ${s.delivery.outOfOrder} out of order; ${s.errors} errors`;
  row("messages", account(s2), account(s3), "");
  lines.push("");
  lines.push(
    `Scenario 2 ÷ scenario 1 (send → recipient vs raw trigger → receive): p50 ${f(r.ratios!.watermarkOverFloor.p50, 2)}×, p99 ${f(r.ratios!.watermarkOverFloor.p99, 2)}×.`,
    "",
  );
}

export function markdown(r: Results): string {
  const { floor, watermark: s2, perMessage: s3, conversational: conv, throughput, pageWeight } = r.scenarios;
  const c = r.config;
  const lines: string[] = [];
  const row = (...cells: (string | number)[]) => lines.push(`| ${cells.join(" | ")} |`);
  const lat = (s: { p50: number; p95: number; p99: number }) => `${f(s.p50)} / ${f(s.p95)} / ${f(s.p99)}`;

  lines.push(
    `**Load:** ${c.users} users, ${c.directs} direct chats + ${c.groups} groups of ${c.groupSize}; ` +
      `burst profile: ${c.messages} messages at ${c.rate}/s in runs of ${c.burst}; conversational profile: ` +
      `${c.conversationalMessages} messages, each chat one every ${c.conversationalGapMs} ms, members taking turns; ` +
      `read ${c.readDelayMs} ms after receipt; the app's ack policy (one batch request for every chat; a chat's ` +
      `ack goes at once when it had none for ${c.ackWindowMs} ms, or is a read that catches it up, else at most ` +
      `${c.ackWindowMs} ms after the last request). ` +
      `**Machine:** ${r.machine.cores} × ${r.machine.cpu}, Node ${r.machine.node}, load average ` +
      `${r.machine.loadAverage.before.map((l) => l.toFixed(2)).join(" ")} before → ` +
      `${r.machine.loadAverage.after.map((l) => l.toFixed(2)).join(" ")} after. ` +
      `**App:** \`npm start\` with ${r.setup.webProcesses} \`next start\` process(es) on the one port ` +
      `(WEB_CONCURRENCY; the default is one per core).`,
    "",
  );
  if (s2.skipped || s3.skipped || conv.skipped) {
    lines.push(
      `1 · floor, trigger → receive p50 / p95 / p99: ${lat(floor.latencyMs)} ms. 2, 3 · receipts: skipped (--skip-receipts).`,
      "",
    );
  } else receiptsMarkdown(r, s2, s3, conv, row, lines);

  if (!throughput.skipped) {
    const fl = throughput.floors;
    row(
      `4 · floors and sends, closed loop, ${fl.connections} connections`,
      "req/s",
      "p50 (ms)",
      "p99 (ms)",
      "app CPU per request (ms)",
      "sends ÷ this",
    );
    row("---", "---:", "---:", "---:", "---:", "---:");
    const sendStep = throughput.closedLoop.find((s) => s.connections === fl.connections);
    const floorRow = (
      label: string,
      s: { rps: number; p50: number; p99: number; cpuMsPerRequest: number },
      x: number | null,
    ) =>
      row(label, f(s.rps, 0), f(s.p50), f(s.p99), f(s.cpuMsPerRequest, 2), x === null ? "" : `${f(x, 2)}×`);
    floorRow(`static file (${fl.static.path})`, fl.static, fl.sendOverFloor.static);
    floorRow("next-auth's GET /api/auth/session", fl.session, fl.sendOverFloor.session);
    floorRow("GET /api/health (one query, one realtime ping)", fl.health, fl.sendOverFloor.health);
    floorRow("POST …/messages refused at the door (no session: 401)", fl.refused, fl.sendOverFloor.refused);
    if (sendStep) floorRow("**POST …/messages (send)**", sendStep, null);
    lines.push("");
    row(
      "4 · throughput, POST …/messages",
      "rate (req/s)",
      "p50 (ms)",
      "p99 (ms)",
      "errors",
      "app CPU per send (ms)",
      "app CPU (% of one core)",
    );
    row("---", "---:", "---:", "---:", "---:", "---:", "---:");
    const cpu = (s: StepCpu) => [f(s.cpuMsPerRequest, 2), f(s.cpuPercentOfOneCore, 0)] as const;
    for (const s of throughput.closedLoop)
      row(
        `closed loop, ${s.connections} connection(s)`,
        f(s.rps, 0),
        f(s.p50),
        f(s.p99),
        s.errors + s.non2xx,
        ...cpu(s),
      );
    for (const s of throughput.openLoop)
      row(
        `open loop at ${s.rate}/s${s.passed ? "" : " ✗"}`,
        f(s.achieved, 0),
        f(s.p50),
        f(s.p99),
        s.errors,
        ...cpu(s),
      );
    lines.push(
      "",
      `Sustained with p99 < ${throughput.p99LimitMs} ms: **${throughput.sustainedRps.openLoop} req/s** open loop (fixed rate), ` +
        `**${throughput.sustainedRps.closedLoop} req/s** closed loop.`,
      "",
    );
  } else lines.push(`4 · throughput: skipped (${throughput.reason}).`, "");

  if (!pageWeight.skipped) {
    lines.push(
      `5 · conversation page (cold cache, median of ${pageWeight.loads.length}): **${f(pageWeight.jsTransferredKb)} kB** of JavaScript ` +
        `transferred (${f(pageWeight.jsBodyKb)} kB gzip bodies, ${pageWeight.loads[0]?.scripts ?? 0} scripts, ` +
        `${f((pageWeight.loads[0]?.jsDecodedBytes ?? 0) / 1024)} kB uncompressed); first message on screen after ` +
        `**${f(pageWeight.firstMessageMs)} ms**; layout shift while it fills in (CLS) **${f(pageWeight.cls, 3)}**. ` +
        `The sign-in page (React, the Next.js runtime and one small form: the framework's floor) transfers ${f(pageWeight.floorJsTransferredKb)} kB.`,
      "",
      "| script (last load) | kB transferred |",
      "| --- | ---: |",
      ...pageWeight.scripts.map((s) => `| ${s.url} | ${f(s.transferredBytes / 1024)} |`),
      "",
    );
  } else lines.push(`5 · page weight: skipped (${pageWeight.reason}).`, "");

  if (!r.scenarios.scale.skipped) lines.push(...scaleMarkdown(r.scenarios.scale));
  else lines.push(`6 · scale: skipped (${r.scenarios.scale.reason}).`, "");

  if (!r.profile.skipped) lines.push(...profileMarkdown(r.profile));
  else if (r.config.profile) lines.push(`Profile: none (${r.profile.reason}).`, "");

  row("target", "goal", "measured", "");
  row("---", "---:", "---:", "---");
  for (const t of r.targets)
    row(t.name, t.target, f(t.value, 2), t.met === null ? "n/a" : t.met ? "✅ met" : "❌ missed");
  return lines.join("\n") + "\n";
}

function profileMarkdown(p: ProfileSummary): string[] {
  return [
    `**Where a send's time goes** (\`--profile\`: the Next servers — ${p.files.length} process(es) — under V8's sampling ` +
      `profiler, self time summed over them during the ` +
      `throughput scenario's ${p.requests.toLocaleString("en-US")} sends): not idle ${f(p.busyMs, 0)} ms, summed over the processes, in a ` +
      `${f(p.windowMs, 0)} ms window; **${f(p.cpuMsPerRequest, 2)} ms of CPU per send** (/proc; ${f(p.busyMsPerRequest, 2)} ms not idle, which on a busy ` +
      `machine includes waiting for a core). The profiler itself slows the server a little.`,
    "",
    "| where (self time) | ms | share of busy |",
    "| --- | ---: | ---: |",
    ...p.buckets.map((b) => `| ${b.name} | ${f(b.ms, 0)} | ${f(b.share)} % |`),
    "",
    "| top functions (self time) | where | bucket | share |",
    "| --- | --- | --- | ---: |",
    ...p.top.slice(0, 15).map((t) => `| \`${t.fn}\` | ${t.where} | ${t.bucket} | ${f(t.share)} % |`),
    "",
  ];
}
