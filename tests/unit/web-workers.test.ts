// npm start's web processes (scripts/workers.ts): N processes on one port, a dead one replaced, one
// processes that keep dying not retried forever, and all of them stopped together. Real processes
// (Node's cluster module) running a stand-in for `next start` that answers with its pid.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { defaultConcurrency, startWorkers, type WebWorkers } from "@/scripts/workers";

const dir = mkdtempSync(path.join(tmpdir(), "ticks-workers-"));
const server = path.join(dir, "server.cjs");
writeFileSync(
  server,
  `require("node:http").createServer((req, res) => res.end(process.pid + " " + process.env.WEB_PROCESS))
     .listen(Number(process.env.PORT), "127.0.0.1");
   process.on("SIGTERM", () => process.exit(0));`,
);
const failing = path.join(dir, "failing.cjs");
writeFileSync(failing, "process.exit(3);");

let running: WebWorkers | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

/** The pid of the process that answered, on a connection of its own (the cluster deals connections). */
const whoAnswers = (port: number) => answer(port).then(([pid]) => pid!);

/** The pid and number (WEB_PROCESS) of the process that answered. */
const answer = (port: number) =>
  new Promise<number[]>((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, agent: false }, (res) => {
        let body = "";
        res.on("data", (chunk: Buffer) => (body += chunk));
        res.on("end", () => resolve(body.split(" ").map(Number)));
      })
      .on("error", reject);
  });

async function until<T>(probe: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Every process has answered: the pids seen once each of `expected` answered. */
async function answeredBy(port: number, expected: number[]) {
  const seen = new Set<number>();
  await until(async () => {
    seen.add(await whoAnswers(port));
    return expected.every((pid) => seen.has(pid)) ? true : undefined;
  });
  return seen;
}

const start = (port: number, exec = server) =>
  (running = startWorkers({
    exec,
    args: [],
    count: 2,
    env: () => ({ ...process.env, PORT: String(port) }),
    log: () => {},
  }));

describe("npm start's web processes", () => {
  it("defaults to one per core, at most 4", () => {
    expect([1, 2, 4, 64].map(defaultConcurrency)).toEqual([1, 2, 4, 4]);
  });

  it("serves one port from every process, and replaces one that dies", { timeout: 30_000 }, async () => {
    const port = await freePort();
    const workers = start(port);
    await until(async () => (workers.pids().length === 2 ? true : undefined));
    const [first, second] = workers.pids();
    expect(await answeredBy(port, [first!, second!])).toEqual(new Set([first, second]));

    process.kill(first!, "SIGKILL");
    const replacement = await until(async () => {
      const pids = workers.pids();
      return pids.length === 2 && !pids.includes(first!) ? pids.find((p) => p !== second) : undefined;
    });
    const seen = await answeredBy(port, [second!, replacement!]);
    expect(seen.has(first!)).toBe(false);
    // Numbered as they were started, for what one process says for all (lib/server/startup.ts).
    const numbers = new Map<number, number>();
    await until(async () => {
      const [pid, n] = await answer(port);
      numbers.set(pid!, n!);
      return numbers.size === 2 ? true : undefined;
    });
    expect(numbers).toEqual(
      new Map([
        [second, 2],
        [replacement, 3],
      ]),
    );

    await workers.stop();
    expect(workers.pids()).toEqual([]);
    await expect(workers.exited).resolves.toBe(0);
    await expect(whoAnswers(port)).rejects.toThrow();
  });

  it("gives up, with the last exit code, when processes keep dying", { timeout: 30_000 }, async () => {
    const workers = start(await freePort(), failing);
    await expect(workers.exited).resolves.toBe(3);
    expect(workers.pids()).toEqual([]);
  });
});
