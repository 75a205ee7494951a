import { afterEach, describe, expect, it } from "vitest";
import {
  APP,
  RawClient,
  cleanup,
  connectedClient,
  dataOf,
  eventually,
  pusherClient,
  startServer,
  waitForState,
  withTimeout,
} from "./helpers";

afterEach(cleanup);

describe("connecting", () => {
  it("pusher-js connects and gets a socket id of the form digits.digits", async () => {
    const server = await startServer();
    const client = await connectedClient(server);
    expect(client.connection.socket_id).toMatch(/^\d+\.\d+$/);
    expect(server.stats().connections).toBe(1);
  });

  it("pusher:connection_established announces the activity timeout in seconds", async () => {
    const server = await startServer({ activityTimeout: 45 });
    const client = await RawClient.open(server);
    const established = await client.next((m) => m.event === "pusher:connection_established");
    const data = dataOf<{ socket_id: string; activity_timeout: number }>(established);
    expect(data.socket_id).toMatch(/^\d+\.\d+$/);
    expect(data.activity_timeout).toBe(45);
  });

  it("every connection gets its own socket id", async () => {
    const server = await startServer();
    const ids = await Promise.all(
      [1, 2, 3, 4, 5].map(async () => (await RawClient.connect(server)).socketId),
    );
    expect(new Set(ids).size).toBe(5);
  });

  it("an unknown app key is refused with pusher:error 4001 and close code 4001", async () => {
    const server = await startServer();
    const client = await RawClient.open(server, "/app/not-a-key?protocol=7");
    const error = await client.next((m) => m.event === "pusher:error");
    expect(error.data).toMatchObject({ code: 4001 });
    expect((await client.waitClosed()).code).toBe(4001);
  });

  it("pusher-js reports an unknown app key as error 4001", async () => {
    const server = await startServer();
    const client = pusherClient(server, { key: "not-a-key" });
    // pusher-js wraps the close code in a WebSocketError and gives up ("refused": no reconnect).
    const error = await withTimeout(
      new Promise<{ type: string; error?: { data?: { code?: number } } }>((resolve) =>
        client.connection.bind("error", resolve),
      ),
      5000,
      "connection error",
    );
    expect(error.type).toBe("WebSocketError");
    expect(error.error?.data?.code).toBe(4001);
    await waitForState(client, "disconnected");
  });

  it("a path other than /app/{key} is refused with 4005", async () => {
    const server = await startServer();
    const client = await RawClient.open(server, "/socket?protocol=7");
    expect((await client.waitClosed()).code).toBe(4005);
  });

  it("a missing protocol version is refused with 4008, an unsupported one with 4007", async () => {
    const server = await startServer();
    const missing = await RawClient.open(server, `/app/${APP.key}`);
    expect((await missing.waitClosed()).code).toBe(4008);
    const old = await RawClient.open(server, `/app/${APP.key}?protocol=3`);
    expect((await old.waitClosed()).code).toBe(4007);
    const future = await RawClient.open(server, `/app/${APP.key}?protocol=8`);
    expect((await future.waitClosed()).code).toBe(4007);
  });

  it("connections over the app's quota are refused with 4004", async () => {
    const server = await startServer({ maxConnections: 2 });
    await RawClient.connect(server);
    await RawClient.connect(server);
    const third = await RawClient.open(server);
    const error = await third.next((m) => m.event === "pusher:error");
    expect(error.data).toMatchObject({ code: 4004 });
    expect((await third.waitClosed()).code).toBe(4004);
  });
});

describe("ping and idle timeout", () => {
  it("answers pusher:ping with pusher:pong", async () => {
    const server = await startServer();
    const { client } = await RawClient.connect(server);
    client.send("pusher:ping", {});
    await client.next((m) => m.event === "pusher:pong");
  });

  it("pings a silent client, then closes it with 4201 when no answer comes", async () => {
    const server = await startServer({ activityTimeout: 0.15, pongTimeout: 0.15 });
    const { client } = await RawClient.connect(server);
    await client.next((m) => m.event === "pusher:ping", 2000);
    const closed = await client.waitClosed(2000);
    expect(closed.code).toBe(4201);
    expect(server.stats().connections).toBe(0);
  });

  it("keeps a client that answers the ping, and pings it again an activity timeout later", async () => {
    // a long pong timeout: answered pings must not wait for it before the next cycle
    const server = await startServer({ activityTimeout: 0.1, pongTimeout: 2 });
    const { client } = await RawClient.connect(server);
    const started = Date.now();
    for (let i = 0; i < 3; i++) {
      await client.next((m) => m.event === "pusher:ping", 1500);
      client.send("pusher:pong", {});
    }
    expect(Date.now() - started).toBeLessThan(1500);
    expect(client.ws.readyState).toBe(client.ws.OPEN);
    expect(server.stats().connections).toBe(1);
  });

  it("does not ping a client that keeps talking", async () => {
    const server = await startServer({ activityTimeout: 0.5, pongTimeout: 0.5 });
    const { client } = await RawClient.connect(server);
    for (let i = 0; i < 10; i++) {
      client.send("pusher:ping", {});
      await client.next((m) => m.event === "pusher:pong");
      await new Promise((resolve) => setTimeout(resolve, 100)); // spread over ~2 activity timeouts
    }
    expect(client.messages.some((m) => m.event === "pusher:ping")).toBe(false);
  });

  it("pusher-js stays connected through the server's ping cycle", async () => {
    const server = await startServer({ activityTimeout: 0.1, pongTimeout: 2 });
    const client = await connectedClient(server);
    const states: string[] = [];
    client.connection.bind("state_change", ({ current }: { current: string }) => states.push(current));
    await new Promise((resolve) => setTimeout(resolve, 600)); // several activity timeouts must pass
    expect(states).toEqual([]);
    expect(client.connection.state).toBe("connected");
  });
});

describe("shutdown", () => {
  it("close() closes clients with 4200 and stops listening", async () => {
    const server = await startServer();
    const { client } = await RawClient.connect(server);
    await server.close();
    expect((await client.waitClosed()).code).toBe(4200);
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();
  });

  it("health answers without authentication", async () => {
    const server = await startServer();
    await RawClient.connect(server);
    for (const path of ["/", "/health"]) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ ok: true, connections: 1 });
    }
  });
});

describe("logging", () => {
  it("writes one JSON line when a connection opens and one when it closes, at info level", async () => {
    const lines: string[] = [];
    const server = await startServer({ logLevel: "info", logSink: (line) => lines.push(line) });
    const { client, socketId } = await RawClient.connect(server);
    client.ws.close();
    await client.waitClosed();
    await eventually(() => lines.length >= 2, "two log lines");
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records).toEqual([
      expect.objectContaining({
        level: "info",
        msg: "connection_opened",
        app: "100001",
        socket_id: socketId,
      }),
      expect.objectContaining({ level: "info", msg: "connection_closed", socket_id: socketId, code: 1005 }),
    ]);
  });

  it("is quiet by default: nothing but errors", async () => {
    const lines: string[] = [];
    const server = await startServer({ logLevel: undefined, logSink: (line) => lines.push(line) });
    const { client } = await RawClient.connect(server);
    client.send("pusher:subscribe", { channel: "private-x", auth: "forged:sig" });
    await client.next((m) => m.event === "pusher:subscription_error");
    await fetch(`${server.url}/apps/ticks/events`, { method: "POST" });
    expect(lines).toEqual([]);
  });
});

describe("robustness", () => {
  it("survives malformed upgrade paths and messages", async () => {
    const server = await startServer();
    const bad = await RawClient.open(server, "/app/%E0%A4%A?protocol=7");
    await bad.waitClosed();
    const { client } = await RawClient.connect(server);
    client.ws.send("not json");
    await client.next((m) => m.event === "pusher:error");
    client.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    await client.next((m) => m.event === "pusher:error");
    client.send("pusher:subscribe", "not an object");
    await client.next((m) => m.event === "pusher:error");
    client.send("pusher:ping", {});
    await client.next((m) => m.event === "pusher:pong");
    expect((await RawClient.connect(server)).socketId).toMatch(/^\d+\.\d+$/);
  });

  it("a message over 64 KB closes the connection with 1009, as ws does for oversized frames", async () => {
    const server = await startServer();
    const { client } = await RawClient.connect(server);
    client.send("client-huge", "x".repeat(70 * 1024), "private-x");
    expect((await client.waitClosed()).code).toBe(1009);
  });
});
