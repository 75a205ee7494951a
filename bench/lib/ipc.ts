// Request/answer over Node's IPC channel, for the bench's child processes (client workers, the
// realtime server). Each child is a separate process so its CPU time, memory and event loop are
// its own, as on real machines.
import { fork, type ChildProcess } from "node:child_process";
import { track } from "./procs";

type Envelope = { id: number; request: unknown };
type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

export class Child<Req extends { type: string }> {
  private next = 1;
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  readonly process: ChildProcess;

  constructor(file: string, env: NodeJS.ProcessEnv = process.env) {
    // tsx as a loader, so children run TypeScript like the orchestrator; detached: own process group.
    this.process = track(
      fork(file, [], {
        execArgv: ["--import", "tsx"],
        stdio: ["ignore", "inherit", "inherit", "ipc"],
        detached: true,
        env,
      }),
    );
    this.process.on("message", (reply: Reply) => {
      const waiter = this.pending.get(reply.id);
      if (!waiter) return;
      this.pending.delete(reply.id);
      if (reply.ok) waiter.resolve(reply.value);
      else waiter.reject(new Error(reply.error));
    });
    this.process.once("exit", (code, signal) => {
      for (const waiter of this.pending.values()) {
        waiter.reject(new Error(`${file} exited (${code ?? signal}) before answering`));
      }
      this.pending.clear();
    });
  }

  get pid(): number {
    return this.process.pid ?? -1;
  }

  call<T>(request: Req): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      // With a callback, a child that died meanwhile (the chaos soak kills clients) fails this call
      // instead of an unhandled 'error' event (EPIPE) taking the whole run down.
      this.process.send({ id, request } satisfies Envelope, (error) => {
        if (!error) return;
        this.pending.delete(id);
        reject(error);
      });
    });
  }
}

/** The child's side: answers each request with the handler's result or error message. */
export function serve<Req>(handler: (request: Req) => Promise<unknown>): void {
  if (!process.send) throw new Error("must be started by the bench (no IPC channel)");
  // Orphaned (the bench died without stopping us): leave rather than linger.
  process.on("disconnect", () => process.exit(0));
  process.on("message", (message: Envelope) => {
    handler(message.request as Req).then(
      (value) => process.send?.({ id: message.id, ok: true, value } satisfies Reply),
      (error: unknown) =>
        process.send?.({
          id: message.id,
          ok: false,
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        } satisfies Reply),
    );
  });
}
