// Scenario 4: how many sends per second the app sustains with p99 under 100 ms, on
// POST /api/conversations/{id}/messages. Closed loop (autocannon: N connections, each sending its
// next request when the last answered) and open loop (a fixed arrival rate whatever the server
// does, latency counted from when each request was due, so a slow server can't hide its queue).
import { randomUUID } from "node:crypto";
import autocannon from "autocannon";
import type { Session } from "../http";
import { ResourceMeter } from "../procs";
import { percentile } from "../stats";
import type { Resources } from "./receipts";

const P99_LIMIT_MS = 100;

export type ClosedStep = {
  connections: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
};
export type OpenStep = {
  rate: number;
  achieved: number;
  p50: number;
  p99: number;
  errors: number;
  passed: boolean;
};

export type ThroughputResult = {
  skipped: false;
  p99LimitMs: number;
  closedLoop: ClosedStep[];
  openLoop: OpenStep[];
  /** The highest rate with p99 under the limit and no errors, by each method. */
  sustainedRps: { closedLoop: number; openLoop: number };
  server: { app: Resources };
};

const body = () => JSON.stringify({ body: "throughput test message", clientId: randomUUID() });

export async function runThroughput(input: {
  appUrl: string;
  appPid: number;
  session: Session;
  conversationId: string;
  seconds: number;
  connections: number[];
  rates: number[];
}): Promise<ThroughputResult> {
  const path = `/api/conversations/${input.conversationId}/messages`;
  const headers = { cookie: input.session.cookie, "content-type": "application/json" };
  const meter = new ResourceMeter(input.appPid);
  meter.start();
  const started = performance.now();

  const closedLoop: ClosedStep[] = [];
  for (const connections of input.connections) {
    const result = await autocannon({
      url: input.appUrl,
      connections,
      duration: input.seconds,
      headers,
      // A fresh clientId per request: the same one again would be an idempotent replay, not a send.
      requests: [{ method: "POST", path, setupRequest: (request) => ({ ...request, body: body() }) }],
    });
    closedLoop.push({
      connections,
      rps: Math.round(result.requests.average),
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors: result.errors + result.timeouts,
      non2xx: result.non2xx,
    });
  }

  const openLoop: OpenStep[] = [];
  for (const rate of input.rates) {
    const step = await openLoopStep(input.appUrl + path, headers, rate, input.seconds);
    openLoop.push(step);
    if (!step.passed) break; // beyond this rate it only queues up; stop before it spills over
  }

  const ok = (s: { p99: number; errors: number }) => s.p99 < P99_LIMIT_MS && s.errors === 0;
  return {
    skipped: false,
    p99LimitMs: P99_LIMIT_MS,
    closedLoop,
    openLoop,
    sustainedRps: {
      closedLoop: Math.max(0, ...closedLoop.filter((s) => ok(s) && s.non2xx === 0).map((s) => s.rps)),
      openLoop: Math.max(0, ...openLoop.filter((s) => s.passed).map((s) => s.rate)),
    },
    server: { app: meter.read(performance.now() - started) },
  };
}

async function openLoopStep(
  url: string,
  headers: Record<string, string>,
  rate: number,
  seconds: number,
): Promise<OpenStep> {
  const total = Math.round(rate * seconds);
  const latencies: number[] = [];
  let errors = 0;
  const start = performance.now() + 50;
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(
      fetch(url, { method: "POST", headers, body: body(), signal: AbortSignal.timeout(10_000) })
        .then(async (response) => {
          await response.arrayBuffer();
          if (response.status === 201) latencies.push(performance.now() - due);
          else errors++;
        })
        .catch(() => {
          errors++;
        }),
    );
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const p99 = Math.round(percentile(latencies, 99) * 10) / 10;
  const achieved = Math.round((latencies.length / elapsed) * 10) / 10;
  return {
    rate,
    achieved,
    p50: Math.round(percentile(latencies, 50) * 10) / 10,
    p99,
    errors,
    passed: errors === 0 && p99 < P99_LIMIT_MS,
  };
}
