// The orchestrator's handle on the client processes: one per person, started (and restarted
// after a kill -9) on the folder that holds its outbox, cookies and logs.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Child } from "../../bench/lib/ipc";
import { FILES, type ClientConfig, type ClientDigest, type ClientRequest, type ClientView } from "./protocol";

const MAIN = new URL("./client/main.ts", import.meta.url).pathname;

class ClientProcess {
  private child: Child<ClientRequest> | undefined;

  constructor(readonly config: ClientConfig) {
    mkdirSync(config.dir, { recursive: true });
    writeFileSync(join(config.dir, FILES.config), JSON.stringify(config));
  }

  /** Typing starts at `startAt` (written down first, so a restarted client knows it too). */
  async begin(startAt: number) {
    this.config.startAt = startAt;
    writeFileSync(join(this.config.dir, FILES.config), JSON.stringify(this.config));
    await this.call({ type: "begin", startAt });
  }

  get alive(): boolean {
    const p = this.child?.process;
    return !!p && p.exitCode === null && p.signalCode === null;
  }

  async start(): Promise<void> {
    const child = new Child<ClientRequest>(MAIN, {
      ...process.env,
      CHAOS_CLIENT_CONFIG: join(this.config.dir, FILES.config),
    });
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      child.process.on("message", (m: { ready?: boolean }) => m.ready && resolve());
      child.process.once("exit", (code, signal) =>
        reject(new Error(`client ${this.config.user.username} exited (${code ?? signal}) while starting`)),
      );
    });
  }

  /** kill -9 of the client's process: whatever it had not written to its files is gone. */
  async kill(): Promise<void> {
    const p = this.child?.process;
    if (!p || !this.alive) return;
    const exited = new Promise<void>((resolve) => p.once("exit", () => resolve()));
    try {
      process.kill(-p.pid!, "SIGKILL");
    } catch {
      p.kill("SIGKILL");
    }
    await exited;
  }

  call<T>(request: ClientRequest): Promise<T> {
    if (!this.child || !this.alive) return Promise.reject(new Error(`${this.config.user.username} is down`));
    return this.child.call<T>(request);
  }

  async close() {
    if (!this.alive) return;
    await Promise.race([this.call({ type: "close" }), new Promise((r) => setTimeout(r, 3000))]).catch(
      () => {},
    );
    await this.kill();
  }
}

export class Fleet {
  readonly clients: ClientProcess[];

  constructor(configs: ClientConfig[]) {
    this.clients = configs.map((c) => new ClientProcess(c));
  }

  /** A few at a time: each is a Node process loading TypeScript, on two cores. */
  async startAll() {
    for (let i = 0; i < this.clients.length; i += 4) {
      await Promise.all(this.clients.slice(i, i + 4).map((c) => c.start()));
    }
  }

  client(i: number): ClientProcess {
    return this.clients[i]!;
  }

  digests(): Promise<(ClientDigest | null)[]> {
    return Promise.all(this.clients.map((c) => c.call<ClientDigest>({ type: "digest" }).catch(() => null)));
  }

  views(): Promise<ClientView[]> {
    return Promise.all(this.clients.map((c) => c.call<ClientView>({ type: "view" })));
  }

  async each(request: ClientRequest) {
    await Promise.all(this.clients.map((c) => c.call(request).catch(() => null)));
  }

  async closeAll() {
    await Promise.all(this.clients.map((c) => c.close()));
  }
}
