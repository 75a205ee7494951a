// A pass-through HTTP proxy in front of the realtime server's HTTP API that counts the requests
// the app makes to it: what a hosted Pusher bills and rate-limits (the server's own stats count
// events per channel, not requests). Only the scale scenario puts it in the app's path.
import { Agent, createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type PusherRequestCounts = {
  /** POST /apps/{id}/events and /apps/{id}/batch_events: triggers. */
  triggers: number;
  /** Anything else (health checks' channel queries…). */
  other: number;
};

export async function startPusherCounter(target: { host: string; port: number }) {
  const counts: PusherRequestCounts = { triggers: 0, other: 0 };
  const agent = new Agent({ keepAlive: true });
  const server: Server = createServer((req, res) => {
    if (req.method === "POST" && /^\/apps\/[^/]+\/(batch_)?events\b/.test(req.url ?? "")) counts.triggers++;
    else counts.other++;
    const upstream = request(
      {
        agent,
        host: target.host,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  // As the realtime server does: hold keep-alive sockets longer than any client's pool.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    counts: () => ({ ...counts }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
        agent.destroy();
      }),
  };
}
