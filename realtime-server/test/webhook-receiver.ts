// A local webhook endpoint for the tests: records each POST and checks it with the official SDK's
// webhook(request).isValid(), the verifier apps use. Answers 200 unless told otherwise.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import PusherServer from "pusher";
import { APP, eventually, onCleanup } from "./helpers";

export interface WebhookRequest {
  headers: IncomingHttpHeaders;
  body: string;
  /** The SDK's verdict: body is JSON and X-Pusher-Signature is the HMAC of it with the app secret. */
  valid: boolean;
  timeMs: number;
  events: Record<string, unknown>[];
}

export class WebhookReceiver {
  readonly requests: WebhookRequest[] = [];
  /** Statuses for the next requests, in order; once used up, 200. */
  readonly statuses: number[] = [];
  /** While set, requests wait for it before being answered. */
  hold: Promise<void> | undefined;

  /** Where to point the server's webhooks; set once listening. */
  url = "";

  private constructor() {}

  /** `secret` is what the SDK verifies signatures with: the app's. */
  static async start(secret = APP.secret): Promise<WebhookReceiver> {
    const sdk = new PusherServer({ appId: APP.id, key: APP.key, secret, host: "127.0.0.1" });
    const receiver = new WebhookReceiver();
    const http = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8");
        const webhook = sdk.webhook({ headers: req.headers, rawBody: body });
        const valid = webhook.isValid();
        receiver.requests.push({
          headers: req.headers,
          body,
          valid,
          timeMs: valid ? webhook.getTime().getTime() : NaN,
          events: valid ? (webhook.getEvents() as unknown as Record<string, unknown>[]) : [],
        });
        const status = receiver.statuses.shift() ?? 200;
        void (receiver.hold ?? Promise.resolve()).then(() => {
          res.writeHead(status, { "content-type": "text/plain" });
          res.end(status === 200 ? "ok" : "failed");
        });
      });
    });
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    onCleanup(
      () =>
        new Promise<void>((resolve) => {
          http.closeAllConnections();
          http.close(() => resolve());
        }),
    );
    receiver.url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/pusher/webhooks`;
    return receiver;
  }

  /** The events of every valid request received (retried ones included), in order. */
  get events(): Record<string, unknown>[] {
    return this.requests.flatMap((request) => request.events);
  }

  /** Waits until an event matching `fields` has been received; returns it. */
  async received(fields: Record<string, unknown>): Promise<Record<string, unknown>> {
    const matches = (event: Record<string, unknown>) =>
      Object.entries(fields).every(([key, value]) => event[key] === value);
    await eventually(() => this.events.some(matches), `a webhook event ${JSON.stringify(fields)}`);
    return this.events.find(matches) as Record<string, unknown>;
  }
}
