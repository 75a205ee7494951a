// A fixed number of requests at a fixed concurrency (closed loop: each of N connections sends its
// next request when the last one answered), or at a fixed rate (open loop: each request leaves
// when it is due, whatever the server does), timed with performance.now() — autocannon's
// histograms count whole milliseconds, too coarse to compare 3 ms with 4 ms. Keep-alive
// connections, as a browser holds them.
import { Agent, request } from "node:http";
import { summarize, type Summary } from "./stats";

export type LoadRequest = { method: "GET" | "POST"; path: string; body?: unknown };

export type LoadResult = {
  /** Requests measured: `planned`, or fewer when the time budget ran out first. */
  requests: number;
  planned: number;
  /** The budget ran out before every planned request was made. */
  stoppedEarly: boolean;
  /** Requests made in all, warm-up included: request i was make(i) for every i below this. */
  issued: number;
  connections: number;
  /** Answers with the expected status. */
  ok: number;
  /** Status → count, for anything else ("error: …" when no answer came). */
  unexpected: Record<string, number>;
  latencyMs: Summary;
  rps: number;
  /** A few answers (parsed JSON), for count checks: `request`, the number make() was given. */
  samples: { request: number; status: number; json: unknown }[];
  /** Every measured request's time, in the order they answered (runs in batches merge these). */
  latenciesMs: number[];
  /** From the first measured request to the last answer. */
  measuredMs: number;
};

type Answer = { status: number; text: string };

/** Long enough to time even a pathological request (the list at 1M messages, 8 at a time). */
const REQUEST_TIMEOUT_MS = 120_000;

function send(agent: Agent, base: URL, cookie: string, req: LoadRequest): Promise<Answer> {
  const payload = req.body === undefined ? undefined : JSON.stringify(req.body);
  return new Promise((resolve, reject) => {
    const r = request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method: req.method,
        path: req.path,
        headers: {
          cookie,
          accept: "application/json",
          ...(payload === undefined
            ? {}
            : { "content-type": "application/json", "content-length": Buffer.byteLength(payload) }),
        },
        timeout: REQUEST_TIMEOUT_MS,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (c: Buffer) => chunks.push(c));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }),
        );
        response.on("error", reject);
      },
    );
    r.on("timeout", () => r.destroy(new Error("timeout")));
    r.on("error", reject);
    r.end(payload);
  });
}

/**
 * `warmup` unmeasured requests, then `requests` measured ones, `connections` at a time; request i
 * (counting the warm-up ones first) is `make(first + i)`. The answers at the indexes in `keep`
 * (among the measured requests) are kept parsed.
 */
export async function closedLoop(input: {
  appUrl: string;
  cookie: string;
  connections: number;
  requests: number;
  warmup: number;
  expectStatus: number;
  make: (i: number) => LoadRequest;
  keep?: number[];
  /** Stop making new requests (warm-up included) after this long: a pathological case can't stall a run. */
  budgetMs?: number;
  /** The number make() gets for the first request (a run in batches goes on where the last stopped). */
  first?: number;
  /** Connections kept from an earlier batch (left open); by default new ones, closed at the end. */
  agent?: Agent;
}): Promise<LoadResult> {
  const base = new URL(input.appUrl);
  const agent = input.agent ?? new Agent({ keepAlive: true, maxSockets: input.connections });
  const first = input.first ?? 0;
  const keep = new Set(input.keep ?? [0]);
  const samples: LoadResult["samples"] = [];
  const unexpected: Record<string, number> = {};
  const latencies: number[] = [];
  let ok = 0;
  const deadline = performance.now() + (input.budgetMs ?? Infinity);
  let stoppedEarly = false;
  let issued = 0;
  const run = async (from: number, to: number, measure: boolean) => {
    let next = from;
    const worker = async () => {
      while (next < to) {
        if (performance.now() > deadline) {
          stoppedEarly = true;
          return;
        }
        const i = next++;
        issued = Math.max(issued, i + 1);
        const started = performance.now();
        let answer: Answer;
        try {
          answer = await send(agent, base, input.cookie, input.make(first + i));
        } catch (error) {
          // No answer at all: keyed by the cause (timeout, ECONNRESET…), so the report says which.
          const key = `error: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`;
          if (measure) unexpected[key] = (unexpected[key] ?? 0) + 1;
          continue;
        }
        const ms = performance.now() - started;
        if (!measure) continue;
        latencies.push(ms);
        if (answer.status === input.expectStatus) ok++;
        else unexpected[answer.status] = (unexpected[answer.status] ?? 0) + 1;
        if (keep.has(i - from) || answer.status !== input.expectStatus) {
          if (samples.length < 8)
            samples.push({ request: first + i, status: answer.status, json: parse(answer.text) });
        }
      }
    };
    await Promise.all(Array.from({ length: input.connections }, worker));
  };
  try {
    await run(0, input.warmup, false);
    const started = performance.now();
    await run(input.warmup, input.warmup + input.requests, true);
    const measuredMs = performance.now() - started;
    const seconds = measuredMs / 1000;
    return {
      requests:
        latencies.length +
        Object.entries(unexpected).reduce((n, [k, v]) => n + (k.startsWith("error") ? v : 0), 0),
      planned: input.requests,
      stoppedEarly,
      issued,
      connections: input.connections,
      ok,
      unexpected,
      latencyMs: summarize(latencies),
      rps: Math.round((latencies.length / seconds) * 10) / 10,
      samples,
      latenciesMs: latencies,
      measuredMs,
    };
  } finally {
    if (!input.agent) agent.destroy();
  }
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text.slice(0, 200);
  }
}

export type OpenLoopResult = {
  /** Requests made: `rate` × `seconds`. */
  requests: number;
  /** Each answered request's time from when it was due (not from when it left), ascending. */
  latenciesMs: number[];
  /** Requests that got another status than expected, or no answer. */
  errors: number;
  /** From the first request's due time to the last answer. */
  elapsedMs: number;
};

/**
 * `rate` requests a second for `seconds`, request i due at i / rate: it leaves then, however many
 * are still waiting for an answer, and its latency counts from then, so a server that falls
 * behind shows its queue instead of slowing the arrivals down (no coordinated omission). Over at
 * most `maxSockets` keep-alive connections — more waiting requests queue in the agent, still
 * timed from their due time. Plain node:http, as closedLoop: undici's fetch cost the generator
 * ~1–3 ms of CPU a request against ~0.4 ms here, taken from the two cores the server runs on.
 */
export async function openLoop(input: {
  appUrl: string;
  cookie: string;
  rate: number;
  seconds: number;
  expectStatus: number;
  make: (i: number) => LoadRequest;
  maxSockets?: number;
}): Promise<OpenLoopResult> {
  const base = new URL(input.appUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: input.maxSockets ?? 64 });
  const total = Math.round(input.rate * input.seconds);
  const latencies: number[] = [];
  let errors = 0;
  const start = performance.now() + 50;
  const inFlight: Promise<void>[] = [];
  try {
    for (let i = 0; i < total; i++) {
      const due = start + (i * 1000) / input.rate;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      inFlight.push(
        send(agent, base, input.cookie, input.make(i)).then(
          (answer) => {
            if (answer.status === input.expectStatus) latencies.push(performance.now() - due);
            else errors++;
          },
          () => {
            errors++;
          },
        ),
      );
    }
    await Promise.all(inFlight);
    return {
      requests: total,
      latenciesMs: latencies.sort((a, b) => a - b),
      errors,
      elapsedMs: performance.now() - start,
    };
  } finally {
    agent.destroy();
  }
}
