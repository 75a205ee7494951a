// Starts the local Pusher-protocol server: one HTTP server carrying both the HTTP API and the
// WebSocket endpoint /app/{key}, like hosted Pusher's ws and api hosts folded into one port.
import { randomInt } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import { AppState, emptyCounters, type RealtimeStats } from "./app-state";
import { resolveConfig, type AppCredentials, type RealtimeServerOptions } from "./config";
import { Connection } from "./connection";
import { createHttpApi } from "./http-api";
import { MAX_WS_MESSAGE_BYTES } from "./limits";
import { createLogger } from "./log";
import { ErrorCode, MIN_PROTOCOL_VERSION, PROTOCOL_VERSION, encodeError } from "./protocol";

export interface RealtimeServer {
  /** The port actually bound (useful with port 0). */
  readonly port: number;
  readonly host: string;
  /** Base URL of the HTTP API, e.g. http://127.0.0.1:6001. */
  readonly url: string;
  readonly apps: readonly AppCredentials[];
  /** A snapshot of counters, for health checks and benchmarks. */
  stats(): RealtimeStats;
  /** Closes every client with 4200 (reconnect immediately), then the HTTP server. Idempotent. */
  close(): Promise<void>;
}

/** How long clients get to complete the closing handshake on shutdown before they're cut off. */
const SHUTDOWN_GRACE_MS = 1000;

export async function startRealtimeServer(options: RealtimeServerOptions = {}): Promise<RealtimeServer> {
  const config = resolveConfig(options);
  const logger = createLogger(config.logLevel, config.logSink);
  const counters = emptyCounters();
  const appsById = new Map<string, AppState>();
  const appsByKey = new Map<string, AppState>();
  for (const { credentials, settings } of config.apps) {
    const app = new AppState(credentials, settings, counters, {
      cacheTtlMs: config.cacheTtlMs,
      clock: config.clock,
      webhookTiming: config.webhookTiming,
      logger,
    });
    appsById.set(credentials.id, app);
    appsByKey.set(credentials.key, app);
  }
  const socketIds = new Set<string>();
  // Connections still holding state; a closing socket leaves at once, not after its closing handshake.
  const connectionCount = () => {
    let n = 0;
    for (const app of appsById.values()) n += app.connections.size;
    return n;
  };

  const httpServer = createServer(createHttpApi({ appsById, logger, connectionCount }));
  // Node closes idle keep-alive sockets after 5 s; a client reusing one at that instant gets
  // ECONNRESET and its trigger is lost. Hold them longer than any client's pool does.
  httpServer.keepAliveTimeout = 65_000;
  httpServer.headersTimeout = 66_000;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_WS_MESSAGE_BYTES });

  httpServer.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    wss.handleUpgrade(req, socket, head, (ws) => {
      try {
        accept(ws, req);
      } catch (error) {
        // A malformed request must cost one socket, never the process.
        logger.error("upgrade_failed", { url: req.url, error: String(error) });
        ws.terminate();
      }
    });
  });

  /** Refusals happen after the upgrade, as in Pusher, so clients see the protocol's close code. */
  function refuse(ws: WebSocket, code: number, message: string): void {
    logger.info("connection_refused", { code, reason: message });
    ws.send(encodeError(code, message));
    ws.close(code, message);
  }

  function accept(ws: WebSocket, req: IncomingMessage): void {
    if (closing) return refuse(ws, ErrorCode.RECONNECT_IMMEDIATELY, "Server shutting down");
    const url = new URL(req.url ?? "/", "http://localhost");
    const match = /^\/app\/([^/]+)$/.exec(url.pathname);
    if (!match?.[1]) return refuse(ws, ErrorCode.PATH_NOT_FOUND, "Path not found: connect to /app/{key}");
    const app = appsByKey.get(decodeURIComponent(match[1]));
    if (!app) return refuse(ws, ErrorCode.APP_DOES_NOT_EXIST, "Application does not exist: unknown app key");

    const protocol = url.searchParams.get("protocol");
    if (protocol === null) return refuse(ws, ErrorCode.NO_PROTOCOL_VERSION, "No protocol version supplied");
    const version = Number(protocol);
    if (!Number.isInteger(version) || version < MIN_PROTOCOL_VERSION || version > PROTOCOL_VERSION) {
      return refuse(ws, ErrorCode.UNSUPPORTED_PROTOCOL_VERSION, `Unsupported protocol version: ${protocol}`);
    }
    if (app.connections.size >= config.maxConnections) {
      return refuse(ws, ErrorCode.APP_OVER_CONNECTION_QUOTA, "Application is over connection quota");
    }

    const socketId = newSocketId(socketIds);
    socketIds.add(socketId);
    const connection = new Connection(
      socketId,
      ws,
      app,
      {
        activityTimeoutMs: config.activityTimeoutSeconds * 1000,
        pongTimeoutMs: config.pongTimeoutSeconds * 1000,
      },
      logger,
    );
    counters.connectionsTotal++;
    ws.once("close", () => socketIds.delete(socketId));
    connection.start();
    logger.info("connection_opened", {
      app: app.credentials.id,
      socket_id: socketId,
      remote: req.socket.remoteAddress,
      client: url.searchParams.get("client"),
      version: url.searchParams.get("version"),
    });
  }

  let closing: Promise<void> | undefined;

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(config.port, config.host, () => {
      httpServer.off("error", reject);
      resolve();
    });
  });
  httpServer.on("error", (error) => logger.error("server_error", { error: error.message }));
  const port = (httpServer.address() as AddressInfo).port;
  const urlHost = config.host.includes(":") ? `[${config.host}]` : config.host;

  async function close(): Promise<void> {
    for (const app of appsById.values()) {
      // First, so that clients leaving now raise no webhooks and no subscription counts.
      app.close();
      for (const connection of [...app.connections.values()]) {
        connection.close(ErrorCode.RECONNECT_IMMEDIATELY, "Server shutting down");
      }
    }
    const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
    httpServer.closeIdleConnections();
    await waitUntil(() => wss.clients.size === 0, SHUTDOWN_GRACE_MS);
    for (const ws of wss.clients) ws.terminate();
    httpServer.closeAllConnections();
    await closed;
    wss.close();
  }

  return {
    port,
    host: config.host,
    url: `http://${urlHost}:${port}`,
    apps: config.apps.map((app) => app.credentials),
    stats: () => ({
      ...counters,
      connections: connectionCount(),
      channels: [...appsById.values()].reduce((n, app) => n + app.channels.size, 0),
    }),
    close: () => (closing ??= close()),
  };
}

/** Socket ids as Pusher issues them: two integers joined by a dot, unique among live connections. */
function newSocketId(taken: ReadonlySet<string>): string {
  for (;;) {
    const id = `${randomInt(1, 2 ** 31)}.${randomInt(1, 2 ** 31)}`;
    if (!taken.has(id)) return id;
  }
}

function waitUntil(done: () => boolean, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const deadline = Date.now() + timeoutMs;
    const poll = () => {
      if (done() || Date.now() >= deadline) return resolve();
      setTimeout(poll, 10);
    };
    poll();
  });
}
