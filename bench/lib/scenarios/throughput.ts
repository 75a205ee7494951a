// Scenario 4: how many sends per second the app sustains with p99 under 100 ms, on
// POST /api/conversations/{id}/messages. Closed loop (autocannon: N connections, each sending its
// next request when the last answered) and open loop (a fixed arrival rate whatever the server
// does, latency counted from when each request was due, so a slow server can't hide its queue).
// First, at the same connections, the floors a send can't beat: a static file, next-auth's own
// session endpoint (a JWT decode), /api/health (one trivial query and one realtime ping) and the
// send's own route refused at the door (no session: 401 — Next routes it, builds the Request, runs
// the handler's wrapper and answers JSON, and nothing else), so send ÷ floor shows what a send
// costs beyond serving any request at all, and the refused send's CPU is the framework's share.
import { randomUUID } from "node:crypto";
import autocannon from "autocannon";
import { openLoop } from "../load";
import type { Session } from "../http";
import { cpuSince, percentOfOneCore, ResourceMeter } from "../procs";
import { percentile, ratio } from "../stats";
import type { Resources } from "./receipts";

const P99_LIMIT_MS = 100;

/**
 * The app server's CPU over one step (its process tree, from /proc): per request, and as a share
 * of one core — each of its `next start` processes runs its JavaScript on one thread, so near
 * 100 % per process it is saturated, and the machine's cores are shared with the load itself.
 */
export type StepCpu = { cpuMsPerRequest: number; cpuPercentOfOneCore: number };

export type ClosedStep = {
  connections: number;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
} & StepCpu;
export type OpenStep = {
  rate: number;
  requests: number;
  achieved: number;
  p50: number;
  p99: number;
  errors: number;
  passed: boolean;
} & StepCpu;

export type FloorStep = {
  path: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** Answers with a status other than the floor's own (200; 401 for the refused send). */
  unexpected: number;
} & StepCpu;

export type ThroughputResult = {
  skipped: false;
  p99LimitMs: number;
  /** Requests per second at `connections` of the floors, and sends ÷ each (closed loop, same connections). */
  floors: {
    connections: number;
    static: FloorStep;
    session: FloorStep;
    health: FloorStep;
    refused: FloorStep;
    sendOverFloor: {
      static: number | null;
      session: number | null;
      health: number | null;
      refused: number | null;
    };
  };
  closedLoop: ClosedStep[];
  openLoop: OpenStep[];
  /** Sends made in the closed- and open-loop steps (the profiler's window). */
  sends: number;
  /** The highest rate with p99 under the limit and no errors, by each method. */
  sustainedRps: { closedLoop: number; openLoop: number };
  server: { app: Resources };
};

// A fresh clientId per request: the same one again would be an idempotent replay, not a send.
const message = () => ({ body: "throughput test message", clientId: randomUUID() });
const body = () => JSON.stringify(message());

export async function runThroughput(input: {
  appUrl: string;
  appPid: number;
  session: Session;
  conversationId: string;
  seconds: number;
  connections: number[];
  rates: number[];
  floorConnections: number;
  /** Called as the send steps start and end (the profiler keeps only this window). */
  window?: { start(): void; end(): void };
}): Promise<ThroughputResult> {
  const path = `/api/conversations/${input.conversationId}/messages`;
  const headers = { cookie: input.session.cookie, "content-type": "application/json" };
  const floor = async (
    floorPath: string,
    request: Partial<autocannon.Options> = { headers: { cookie: input.session.cookie } },
    status = 200,
  ): Promise<FloorStep> => {
    const cpu = stepCpu(input.appPid);
    const result = await autocannon({
      url: input.appUrl + floorPath,
      connections: input.floorConnections,
      duration: input.seconds,
      ...request,
    });
    const byStatus = result.statusCodeStats ?? {};
    const answered = Object.values(byStatus).reduce((n, s) => n + (s.count ?? 0), 0);
    return {
      path: floorPath,
      rps: Math.round(result.requests.average),
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors: result.errors + result.timeouts,
      unexpected: answered - (byStatus[`${status}`]?.count ?? 0),
      ...cpu.end(result.requests.total),
    };
  };
  const floors = {
    static: await floor("/icon.svg"),
    session: await floor("/api/auth/session"),
    health: await floor("/api/health"),
    // The send itself, but without a cookie.
    refused: await floor(
      path,
      { method: "POST", headers: { "content-type": "application/json" }, body: body() },
      401,
    ),
  };

  const meter = new ResourceMeter(input.appPid);
  meter.start();
  const started = performance.now();
  input.window?.start();

  const connectionSteps = [...new Set([...input.connections, input.floorConnections])].sort((a, b) => a - b);
  const closedLoop: ClosedStep[] = [];
  for (const connections of connectionSteps) {
    const cpu = stepCpu(input.appPid);
    const result = await autocannon({
      url: input.appUrl,
      connections,
      duration: input.seconds,
      headers,
      requests: [{ method: "POST", path, setupRequest: (request) => ({ ...request, body: body() }) }],
    });
    closedLoop.push({
      ...cpu.end(result.requests.total),
      connections,
      requests: result.requests.total,
      rps: Math.round(result.requests.average),
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors: result.errors + result.timeouts,
      non2xx: result.non2xx,
    });
  }

  const openLoop: OpenStep[] = [];
  for (const rate of input.rates) {
    const cpu = stepCpu(input.appPid);
    const step = await openLoopStep(input.appUrl, path, input.session.cookie, rate, input.seconds);
    openLoop.push({ ...step, ...cpu.end(step.requests) });
    if (!step.passed) break; // beyond this rate it only queues up; stop before it spills over
  }
  input.window?.end();
  const sendsAtFloor = closedLoop.find((s) => s.connections === input.floorConnections)?.rps ?? NaN;

  const ok = (s: { p99: number; errors: number }) => s.p99 < P99_LIMIT_MS && s.errors === 0;
  return {
    skipped: false,
    p99LimitMs: P99_LIMIT_MS,
    floors: {
      connections: input.floorConnections,
      ...floors,
      sendOverFloor: {
        static: ratio(sendsAtFloor, floors.static.rps),
        session: ratio(sendsAtFloor, floors.session.rps),
        health: ratio(sendsAtFloor, floors.health.rps),
        refused: ratio(sendsAtFloor, floors.refused.rps),
      },
    },
    closedLoop,
    openLoop,
    sends: [...closedLoop, ...openLoop].reduce((n, s) => n + s.requests, 0),
    sustainedRps: {
      closedLoop: Math.max(0, ...closedLoop.filter((s) => ok(s) && s.non2xx === 0).map((s) => s.rps)),
      openLoop: Math.max(0, ...openLoop.filter((s) => s.passed).map((s) => s.rate)),
    },
    server: { app: meter.read(performance.now() - started) },
  };
}

/** Call as a step starts; `end` with the step's requests as it ends. */
function stepCpu(pid: number) {
  const used = cpuSince(pid);
  const started = performance.now();
  return {
    end: (requests: number): StepCpu => {
      const cpu = used();
      return {
        cpuMsPerRequest: requests > 0 ? Math.round((cpu / requests) * 100) / 100 : 0,
        cpuPercentOfOneCore: percentOfOneCore(cpu, performance.now() - started),
      };
    },
  };
}

async function openLoopStep(
  appUrl: string,
  path: string,
  cookie: string,
  rate: number,
  seconds: number,
): Promise<Omit<OpenStep, keyof StepCpu>> {
  const { requests, latenciesMs, errors, elapsedMs } = await openLoop({
    appUrl,
    cookie,
    rate,
    seconds,
    expectStatus: 201,
    make: () => ({ method: "POST", path, body: message() }),
  });
  const p99 = Math.round(percentile(latenciesMs, 99) * 10) / 10;
  return {
    rate,
    requests,
    achieved: Math.round((latenciesMs.length / (elapsedMs / 1000)) * 10) / 10,
    p50: Math.round(percentile(latenciesMs, 50) * 10) / 10,
    p99,
    errors,
    passed: errors === 0 && p99 < P99_LIMIT_MS,
  };
}
