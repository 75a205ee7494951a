// Carries out the plan's faults on the real processes. Server faults run one after another (each
// repaired — restarted and healthy, or the lock let go — before the next begins); each client's
// faults run one after another too. Late faults start as soon as their turn comes; what actually
// happened, when, and how long each repair took is recorded.
import { startApp, startRealtime, type AppProcess, type RealtimeProcess } from "../../bench/lib/app-process";
import { Child } from "../../bench/lib/ipc";
import type { Fleet } from "./clients";
import { GLOBAL_KINDS, type Fault, type FaultKind } from "./schedule";

export type FaultRecord = {
  kind: FaultKind;
  client?: number;
  plannedAt: number;
  /** Epoch ms: when the fault began, and when it was over (the process back and healthy). */
  startedAt: number;
  endedAt: number;
  durationMs: number;
  /** For a restart: from spawning until it answered healthy. */
  restartMs?: number;
  skipped?: string;
  /**
   * Per client affected (every one for a server fault): ms from the repair until it held every
   * message the database had at that moment (null: not within the cap).
   */
  catchUpMs?: (number | null)[];
};

export type Servers = {
  app: AppProcess;
  realtime: RealtimeProcess;
  appPort: number;
  realtimePort: number;
  database: string;
  appLog: string;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const DB_LOCKER = new URL("./db-lock-child.ts", import.meta.url).pathname;

export async function runFaults(input: {
  faults: Fault[];
  startAt: number;
  servers: Servers;
  fleet: Fleet;
  log: (message: string) => void;
  /** Measures how long the clients it affected take to catch up after a fault was repaired. */
  catchUp: (clients: number[]) => Promise<(number | null)[]>;
}): Promise<FaultRecord[]> {
  const { servers, fleet, log } = input;
  const records: FaultRecord[] = [];
  const probes: Promise<void>[] = [];

  async function apply(f: Fault): Promise<void> {
    const startedAt = Date.now();
    const record: FaultRecord = {
      kind: f.kind,
      ...(f.client === undefined ? {} : { client: f.client }),
      plannedAt: input.startAt + f.at,
      startedAt,
      endedAt: startedAt,
      durationMs: f.durationMs,
    };
    const who = f.client === undefined ? "" : ` on client ${f.client}`;
    log(`fault: ${f.kind}${who} for ${(f.durationMs / 1000).toFixed(1)} s`);
    switch (f.kind) {
      case "app-kill": {
        await servers.app.kill();
        await sleep(f.durationMs);
        const restart = Date.now();
        servers.app = await retried(() =>
          startApp({
            port: servers.appPort,
            realtimePort: servers.realtimePort,
            database: servers.database,
            logFile: servers.appLog,
          }),
        );
        record.restartMs = Date.now() - restart;
        break;
      }
      case "realtime-kill": {
        await servers.realtime.kill();
        await sleep(f.durationMs);
        const restart = Date.now();
        servers.realtime = await retried(() => startRealtime(servers.realtimePort));
        record.restartMs = Date.now() - restart;
        break;
      }
      case "db-lock": {
        const locker = new Child(DB_LOCKER, { ...process.env, CHAOS_DB: servers.database });
        await new Promise<void>((resolve) =>
          locker.process.on("message", (m: { locked?: boolean }) => m.locked && resolve()),
        );
        record.startedAt = Date.now();
        await sleep(f.durationMs);
        const gone = new Promise((r) => locker.process.once("exit", r));
        locker.process.send({ release: true });
        await gone;
        break;
      }
      case "network-drop": {
        const client = fleet.client(f.client!);
        if (!client.alive) {
          record.skipped = "client down";
          break;
        }
        await client.call({ type: "network", down: true }).catch(() => {});
        await sleep(f.durationMs);
        await client.call({ type: "network", down: false }).catch(() => {});
        break;
      }
      case "client-kill": {
        const client = fleet.client(f.client!);
        await client.kill();
        await sleep(f.durationMs);
        const restart = Date.now();
        await client.start();
        record.restartMs = Date.now() - restart;
        break;
      }
    }
    record.endedAt = Date.now();
    records.push(record);
    if (!record.skipped) {
      const affected = f.client === undefined ? fleet.clients.map((_, i) => i) : [f.client];
      probes.push(input.catchUp(affected).then((ms) => void (record.catchUpMs = ms)));
    }
  }

  /** One lane: its faults in order, each when its time comes (or at once, if running late). */
  async function lane(faults: Fault[]) {
    for (const f of faults) {
      const wait = input.startAt + f.at - Date.now();
      if (wait > 0) await sleep(wait);
      await apply(f);
    }
  }

  const global = input.faults.filter((f) => GLOBAL_KINDS.includes(f.kind));
  const perClient = new Map<number, Fault[]>();
  for (const f of input.faults) {
    if (f.client === undefined) continue;
    perClient.set(f.client, [...(perClient.get(f.client) ?? []), f]);
  }
  await Promise.all([lane(global), ...[...perClient.values()].map(lane)]);
  await Promise.all(probes);
  return records.sort((a, b) => a.startedAt - b.startedAt);
}

/** A restart on a loaded machine may miss its health deadline: try again (a real operator would). */
async function retried<T>(start: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await start();
    } catch (error) {
      if (i >= attempts) throw error;
      await sleep(1000);
    }
  }
}
