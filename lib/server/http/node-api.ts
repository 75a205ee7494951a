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
 * A Pages API route running `handlers` (by method; HEAD as GET without the body; OPTIONS and a
 * method it lacks answered as the App Router answers them), handed the dynamic segments named in
 * `params`. Its file must also say `export const config = { api: {
 * bodyParser: false } }` (Next reads it from the file): the handler reads the body itself, with
 * its size limit (./route.ts, readText).
 */
export function nodeApi<const K extends string>(
  handlers: Partial<Record<Method, Handler<Record<K, string>>>>,
  params: readonly K[],
) {
  const methods = Object.keys(handlers) as Method[];
  const allow = [...methods, ...(handlers.GET ? ["HEAD"] : []), "OPTIONS"].join(", ");
  const serve = async (req: NodeApiRequest, res: ServerResponse): Promise<void> => {
    const method = (req.method ?? "GET").toUpperCase();
    const handler = handlers[(method === "HEAD" ? "GET" : method) as Method];
    if (!handler) {
      res.writeHead(method === "OPTIONS" ? 204 : 405, { Allow: allow }).end();
      return;
    }
    if ("body" in req) throw new Error("A nodeApi route needs `config = { api: { bodyParser: false } }`");
    let answer: Answer;
    try {
      const request = toRequest(req, method);
      answer = await read(await handler(request, { params: Promise.resolve(paramsOf(req, params)) }));
    } catch (error) {
      // The handlers answer their own errors (./route.ts); this is one around them (say, a body
      // stream that failed while the answer was read), answered in the API's shape all the same.
      answer = await read(toErrorResponse(error));
    }
    write(res, answer, method === "HEAD");
  };
  // The methods it serves, for the route inventory's check against what the file exports.
  return Object.assign(serve, { methods });
}

/** The segments a route declares (Next puts them in `query`, over any same-named query). */
function paramsOf<K extends string>(req: NodeApiRequest, names: readonly K[]): Record<K, string> {
  const values = {} as Record<K, string>;
  // A single segment is one string; our routes have no catch-all ([...path]) segments.
  for (const name of names) values[name] = String(req.query[name] ?? "");
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
  // A fixed origin: handlers read the path and the query only (the same-origin check reads the
  // Host and Origin headers themselves), and a client's malformed Host can't fail the URL.
  const url = new URL(req.url ?? "/", "http://localhost");
  const hasBody = method !== "GET" && method !== "HEAD";
  return new Request(url, {
    method,
    headers,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: "half" } : {}),
  } as RequestInit);
}

type Answer = { status: number; headers: Headers; body: Buffer };

/** A handler's Response, read whole (our answers are small JSON: one buffer, its length known). */
async function read(response: Response): Promise<Answer> {
  return {
    status: response.status,
    headers: response.headers,
    body: Buffer.from(await response.arrayBuffer()),
  };
}

// Headers write() sets itself rather than copies: framing is Node's (from the length below), and
// each Set-Cookie stays a header of its own (Headers iteration would join them).
const NOT_COPIED = new Set(["connection", "keep-alive", "transfer-encoding", "content-length", "set-cookie"]);

function write(res: ServerResponse, answer: Answer, headOnly: boolean) {
  res.statusCode = answer.status;
  for (const [name, value] of answer.headers) if (!NOT_COPIED.has(name)) res.setHeader(name, value);
  const cookies = answer.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader("set-cookie", cookies);
  res.setHeader("content-length", answer.body.byteLength);
  res.end(headOnly ? undefined : answer.body);
}
