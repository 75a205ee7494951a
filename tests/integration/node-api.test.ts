// The Pages API shell (lib/server/http/node-api.ts) over a real Node HTTP server: what reaches a
// handler, and what reaches the client, is what an App Router route handler sees and answers.
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json } from "@/lib/server/http/json";
import { nodeApi, type NodeApiRequest } from "@/lib/server/http/node-api";
import { readJson, route } from "@/lib/server/http/route";

type Params = { params: Promise<{ id: string }> };

const api = nodeApi(
  {
    GET: route<Params>(async (request, { params }) =>
      json({
        id: (await params).id,
        q: new URL(request.url).searchParams.get("q"),
        cookie: request.headers.get("cookie"),
      }),
    ),
    POST: route<Params>(async (request, { params }) => {
      const answer = json({ id: (await params).id, body: await readJson(request) }, { status: 201 });
      answer.headers.append("set-cookie", "a=1; Path=/");
      answer.headers.append("set-cookie", "b=2; Path=/");
      return answer;
    }),
  },
  ["id"],
);

// Next parses the path's dynamic segments into `req.query` before a Pages API route runs; this
// server does the same for `/items/[id]`.
function withQuery(req: IncomingMessage): NodeApiRequest {
  const url = new URL(req.url ?? "/", "http://localhost");
  return Object.assign(req, {
    query: { ...Object.fromEntries(url.searchParams), id: url.pathname.split("/")[2] },
  });
}

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => void api(withQuery(req), res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const post = (body: string, headers: Record<string, string> = { "content-type": "application/json" }) =>
  fetch(`${base}/items/abc`, { method: "POST", body, headers });

describe("nodeApi", () => {
  it("hands the handler the route's segment and the query, and answers with the body's length", async () => {
    const answer = await fetch(`${base}/items/abc?q=hello`, { headers: { cookie: "a=1; b=2" } });
    expect(answer.status).toBe(200);
    const text = await answer.text();
    expect(JSON.parse(text)).toEqual({ id: "abc", q: "hello", cookie: "a=1; b=2" });
    expect(answer.headers.get("content-type")).toBe("application/json");
    expect(answer.headers.get("content-length")).toBe(String(Buffer.byteLength(text)));
  });

  it("streams the body to the handler and keeps every header of its answer", async () => {
    const answer = await post(JSON.stringify({ text: "hi ✓" }));
    expect(answer.status).toBe(201);
    expect(await answer.json()).toEqual({ id: "abc", body: { text: "hi ✓" } });
    expect(answer.headers.getSetCookie()).toEqual(["a=1; Path=/", "b=2; Path=/"]);
  });

  it("lets the handler refuse what it refuses: too large, not JSON, from another site", async () => {
    const large = await post(JSON.stringify({ text: "x".repeat(20_000) }));
    expect(large.status).toBe(413);
    expect((await large.json()).error.code).toBe("payload_too_large");

    const form = await post("a=1", { "content-type": "application/x-www-form-urlencoded" });
    expect(form.status).toBe(400);

    const crossSite = await post("{}", {
      "content-type": "application/json",
      "sec-fetch-site": "cross-site",
    });
    expect(crossSite.status).toBe(403);
    expect((await crossSite.json()).error.code).toBe("forbidden");
  });

  it("answers a method the route has no handler for with 405, and OPTIONS with what it allows", async () => {
    const answer = await fetch(`${base}/items/abc`, { method: "DELETE" });
    expect(answer.status).toBe(405);
    expect(answer.headers.get("allow")).toBe("GET, POST, HEAD, OPTIONS");
    const options = await fetch(`${base}/items/abc`, { method: "OPTIONS" });
    expect(options.status).toBe(204);
    expect(options.headers.get("allow")).toBe("GET, POST, HEAD, OPTIONS");
  });

  it("serves a request whose Host a URL can't hold", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const { port } = new URL(base);
      request({ host: "127.0.0.1", port, path: "/items/abc", headers: { host: "[" } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
        .on("error", reject)
        .end();
    });
    expect(status).toBe(200);
  });

  it("answers HEAD as GET, without the body", async () => {
    const get = await fetch(`${base}/items/abc`);
    const head = await fetch(`${base}/items/abc`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
    expect(head.headers.get("content-length")).toBe(get.headers.get("content-length"));
  });

  it("refuses to run where Next's body parser has already read the body", async () => {
    const req = Object.assign(
      withQuery({ url: "/items/abc", method: "POST", headers: {} } as IncomingMessage),
      {
        body: {},
      },
    );
    await expect(api(req, {} as ServerResponse)).rejects.toThrow(/bodyParser: false/);
  });
});
