// The orchestrator's handle on the client processes: users spread round-robin (so the two ends of
// a direct chat live in different processes), one scenario at a time, logs merged.
import { Child } from "./ipc";
import { stop } from "./procs";
import {
  now,
  type ConversationInfo,
  type RunOptions,
  type UserInfo,
  type WorkerLog,
  type WorkerRequest,
  type WorkerStatus,
} from "./protocol";

const WORKER = new URL("./worker.ts", import.meta.url).pathname;

export class WorkerPool {
  private constructor(private readonly workers: Child<WorkerRequest>[]) {}

  get pids(): number[] {
    return this.workers.map((w) => w.pid);
  }

  static async start(
    count: number,
    init: {
      appUrl: string;
      realtimePort: number;
      key: string;
      users: UserInfo[];
      conversations: ConversationInfo[];
    },
  ): Promise<WorkerPool> {
    const workers = Array.from(
      { length: Math.min(count, init.users.length) },
      () => new Child<WorkerRequest>(WORKER),
    );
    const pool = new WorkerPool(workers);
    await Promise.all(
      workers.map((w, i) =>
        w.call({ type: "init", ...init, users: init.users.filter((_, k) => k % workers.length === i) }),
      ),
    );
    return pool;
  }

  /**
   * How far each worker's clock is from ours, from the round trip with the smallest delay. All
   * processes read the same system clock, so this should be ~0; it is reported as a sanity check.
   */
  async clockSkewMs(): Promise<number> {
    let worst = 0;
    for (const w of this.workers) {
      let best = { rtt: Infinity, offset: 0 };
      for (let i = 0; i < 20; i++) {
        const t0 = now();
        const theirs = await w.call<number>({ type: "clock" });
        const t1 = now();
        if (t1 - t0 < best.rtt) best = { rtt: t1 - t0, offset: theirs - (t0 + t1) / 2 };
      }
      worst = Math.max(worst, Math.abs(best.offset));
    }
    return worst;
  }

  async run(options: RunOptions): Promise<void> {
    await Promise.all(this.workers.map((w) => w.call({ type: "run", ...options })));
  }

  /** Until every send answered, every ack went out and nothing arrived for `quietMs` (or `maxMs`). */
  async settle(input: { quietMs: number; maxMs: number }): Promise<{ settled: boolean; ms: number }> {
    const started = now();
    while (now() - started < input.maxMs) {
      await new Promise((r) => setTimeout(r, 100));
      const statuses = await Promise.all(this.workers.map((w) => w.call<WorkerStatus>({ type: "status" })));
      // Over when every send is answered, nothing is left to ack, every sender has heard its
      // messages were read by all, and nothing has arrived for a moment.
      const busy = statuses.some((s) => s.sendsPending > 0 || !s.acksIdle || s.unconfirmed > 0);
      const last = Math.max(...statuses.map((s) => s.lastEventAt));
      if (!busy && now() - last >= input.quietMs) return { settled: true, ms: now() - started };
    }
    return { settled: false, ms: now() - started };
  }

  async collect(): Promise<WorkerLog> {
    const logs = await Promise.all(this.workers.map((w) => w.call<WorkerLog>({ type: "collect" })));
    const merged: WorkerLog = {
      sends: logs.flatMap((l) => l.sends),
      receives: logs.flatMap((l) => l.receives),
      receipts: logs.flatMap((l) => l.receipts),
      requests: { send: 0, ack: 0, delivered: 0, read: 0, failed: 0, repeated: 0, ownMessage: 0 },
      errors: logs.flatMap((l) => l.errors),
    };
    for (const l of logs) {
      for (const k of Object.keys(merged.requests) as (keyof typeof merged.requests)[]) {
        merged.requests[k] += l.requests[k];
      }
    }
    return merged;
  }

  async close(): Promise<void> {
    await Promise.all(
      this.workers.map(async (w) => {
        await Promise.race([w.call({ type: "close" }), new Promise((r) => setTimeout(r, 2000))]).catch(
          () => {},
        );
        await stop(w.process);
      }),
    );
  }
}
