import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { toErrorResponse } from "@/lib/server/errors";

// The hot path (a send, an ack) is served by the Pages Router's API routes (pages/api), through
// this shell, instead of App Router route handlers. The handlers are the same web-style functions
// (`route`/`authedRoute`, ./route.ts); only what runs around them changes. An App Router route
// handler costs ≈ 1.1–1.3 ms more CPU per request than a Pages API route on this project's machines
// (a no-op POST: 2.21 → 0.92 ms; a send: 4.90 → 3.80 ms, builds alternating) — Next's per-request
// machinery for it (request store, AsyncLocalStorage snapshots, the response's web stream piped
// back to Node), none of which a JSON answer of a few hundred bytes needs. A send's CPU is what
// bounds sends per second (docs/architecture.md, "The hot path").

type Handler<P> = (request: Request, context: { params: Promise<P> }) => Promise<Response>;
type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** What a Pages API route is handed: Node's request, with Next's `query` (route params win). */
export type NodeApiRequest = IncomingMessage & { query: Partial<Record<string, string | string[]>> };

/**
 * A Pages API route running `handlers` (by method; HEAD as GET without the body), handed the
 * dynamic segments named in `params`. Its file must also say `export const config = { api: {
 * bodyParser: false } }` (Next reads it from the file): the handler reads the body itself, with
 * its size limit (./route.ts, readText).
 */
export function nodeApi<const K extends string>(
  handlers: Partial<Record<Method, Handler<Record<K, string>>>>,
  params: readonly K[],
) {
  const allow = [...Object.keys(handlers), ...(handlers.GET ? ["HEAD"] : [])].join(", ");
  return async (req: NodeApiRequest, res: ServerResponse): Promise<void> => {
    const method = (req.method ?? "GET").toUpperCase();
    const handler = handlers[(method === "HEAD" ? "GET" : method) as Method];
    if (!handler) {
      res.writeHead(405, { Allow: allow }).end();
      return;
    }
    if ("body" in req) throw new Error("A nodeApi route needs `config = { api: { bodyParser: false } }`");
    let response: Response;
    try {
      response = await handler(toRequest(req, method), { params: Promise.resolve(paramsOf(req, params)) });
    } catch (error) {
      // The handlers answer their own errors (./route.ts); this is a request Node let through
      // that a web Request refuses (a malformed Host, say).
      response = toErrorResponse(error);
    }
    await send(res, response, method === "HEAD");
  };
}

/** The segments a route declares, as strings (Next puts them in `query`, over any same-named query). */
function paramsOf<K extends string>(req: NodeApiRequest, names: readonly K[]): Record<K, string> {
  const values = {} as Record<K, string>;
  for (const name of names) {
    const value = req.query[name];
    values[name] = Array.isArray(value) ? value.join("/") : (value ?? "");
  }
  return values;
}

/** Node's request as a web Request (the body streamed, not read: the handler decides how much). */
function toRequest(req: IncomingMessage, method: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`);
  const hasBody = method !== "GET" && method !== "HEAD";
  return new Request(url, {
    method,
    headers,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: "half" } : {}),
  } as RequestInit);
}

/** Writes a handler's Response to Node's (our answers are small JSON: one buffer, its length known). */
async function send(res: ServerResponse, response: Response, headOnly: boolean): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  res.statusCode = response.status;
  for (const [name, value] of response.headers) if (name !== "set-cookie") res.setHeader(name, value);
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader("set-cookie", cookies);
  res.setHeader("content-length", body.byteLength);
  res.end(headOnly ? undefined : body);
}
