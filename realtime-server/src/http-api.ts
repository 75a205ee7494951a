// Pusher Channels HTTP API (pusher/docs rest-api.md): routing of signed requests to publish events
// and to query channels, answered with hosted Pusher's status codes; plus an unauthenticated health route.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AppState } from "./app-state";
import { channelInfo, channelUsers, listChannels } from "./channel-info";
import { authenticate } from "./http-auth";
import { HttpError, sendJson } from "./http-error";
import { triggerBatch, triggerEvents } from "./http-publish";
import { terminateUserConnections } from "./http-users";
import { MAX_HTTP_BODY_BYTES } from "./limits";
import type { Logger } from "./log";
import { isRecord } from "./protocol";

export interface HttpApiContext {
  appsById: ReadonlyMap<string, AppState>;
  logger: Logger;
  connectionCount(): number;
}

type Route =
  | { kind: "events" | "batch_events" | "channels"; appId: string }
  | { kind: "channel" | "users"; appId: string; channel: string }
  | { kind: "terminate"; appId: string; userId: string };

export function createHttpApi(ctx: HttpApiContext): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(ctx, req, res).catch((error: unknown) => {
      if (error instanceof HttpError) {
        ctx.logger.info("http_refused", {
          method: req.method,
          path: pathOf(req.url),
          status: error.status,
          error: error.message,
        });
        sendJson(res, error.status, { error: error.message });
      } else {
        ctx.logger.error("http_failed", { method: req.method, path: pathOf(req.url), error: String(error) });
        sendJson(res, 500, { error: "Internal server error" });
      }
    });
  };
}

async function handle(ctx: HttpApiContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const rawUrl = req.url ?? "/";
  const queryStart = rawUrl.indexOf("?");
  // The signature covers the path exactly as sent, so it is not decoded or normalised.
  const path = queryStart === -1 ? rawUrl : rawUrl.slice(0, queryStart);
  const query = new URLSearchParams(queryStart === -1 ? "" : rawUrl.slice(queryStart + 1));
  const method = (req.method ?? "GET").toUpperCase();

  if (method === "GET" && (path === "/" || path === "/health")) {
    req.resume();
    return sendJson(res, 200, { ok: true, connections: ctx.connectionCount() });
  }

  const route = matchRoute(method, path);
  if (!route) {
    req.resume();
    throw new HttpError(404, `Unknown route: ${method} ${path}`);
  }
  const app = ctx.appsById.get(route.appId);
  if (!app) {
    req.resume();
    throw new HttpError(403, `Unknown app id: ${route.appId}`);
  }
  const body = await readBody(req, res);
  authenticate(app, method, path, query, body);
  ctx.logger.debug("http_request", { app: app.credentials.id, method, path });

  switch (route.kind) {
    case "events":
      return sendJson(res, 200, triggerEvents(app, parseJsonObject(body)));
    case "batch_events":
      return sendJson(res, 200, triggerBatch(app, parseJsonObject(body)));
    case "channels":
      return sendJson(res, 200, listChannels(app, query));
    case "channel":
      return sendJson(res, 200, channelInfo(app, route.channel, query));
    case "users":
      return sendJson(res, 200, channelUsers(app, route.channel));
    case "terminate":
      return sendJson(res, 200, terminateUserConnections(app, route.userId));
  }
}

function matchRoute(method: string, path: string): Route | undefined {
  const parts = path.split("/");
  if (parts[0] !== "" || parts[1] !== "apps" || !parts[2]) return undefined;
  const appId = decodeSegment(parts[2]);
  const rest = parts.slice(3);
  if (method === "POST" && rest.length === 1 && rest[0] === "events") return { kind: "events", appId };
  if (method === "POST" && rest.length === 1 && rest[0] === "batch_events")
    return { kind: "batch_events", appId };
  if (
    method === "POST" &&
    rest.length === 3 &&
    rest[0] === "users" &&
    rest[1] &&
    rest[2] === "terminate_connections"
  ) {
    return { kind: "terminate", appId, userId: decodeSegment(rest[1]) };
  }
  if (method !== "GET" || rest[0] !== "channels") return undefined;
  if (rest.length === 1) return { kind: "channels", appId };
  const channel = rest[1] ? decodeSegment(rest[1]) : "";
  if (rest.length === 2 && channel) return { kind: "channel", appId, channel };
  if (rest.length === 3 && channel && rest[2] === "users") return { kind: "users", appId, channel };
  return undefined;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function readBody(req: IncomingMessage, res: ServerResponse): Promise<Buffer> {
  const tooLarge = () => new HttpError(413, `Request body larger than ${MAX_HTTP_BODY_BYTES} bytes`);
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > MAX_HTTP_BODY_BYTES) {
    // Don't read what we'll refuse anyway; the socket closes after the answer.
    res.setHeader("connection", "close");
    req.resume();
    return Promise.reject(tooLarge());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_HTTP_BODY_BYTES) {
        req.off("data", onData);
        res.setHeader("connection", "close");
        req.resume();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.on("end", () => resolve(Buffer.concat(chunks, size)));
    req.on("error", reject);
  });
}

function parseJsonObject(body: Buffer): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(body.toString("utf8"));
  } catch {
    throw new HttpError(400, "Request body must be valid JSON");
  }
  if (!isRecord(value)) throw new HttpError(400, "Request body must be a JSON object");
  return value;
}

function pathOf(url: string | undefined): string {
  const raw = url ?? "/";
  const q = raw.indexOf("?");
  return q === -1 ? raw : raw.slice(0, q);
}
