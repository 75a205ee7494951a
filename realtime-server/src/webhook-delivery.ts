// Delivery to one webhook endpoint: events are batched into `{time_ms, events}` bodies, signed
// like hosted Pusher's (X-Pusher-Key, X-Pusher-Signature = HMAC-SHA256 hex of the body with the
// app secret), POSTed one request at a time so they arrive in order, and retried with
// exponential backoff until the retry window closes (pusher/docs server_api/webhooks.md).
import type { AppCredentials, WebhookTiming } from "./config";
import {
  MAX_WEBHOOK_BATCH_EVENTS,
  MAX_WEBHOOK_QUEUED_EVENTS,
  MAX_WEBHOOK_RETRY_DELAY_MS,
  WEBHOOK_REQUEST_TIMEOUT_MS,
} from "./limits";
import type { Logger } from "./log";
import { hmacSha256Hex } from "./signature";
import type { WebhookEvent } from "./webhook-events";

interface Batch {
  body: string;
  firstAttemptAt: number;
  attempts: number;
}

export class WebhookEndpoint {
  private readonly queue: WebhookEvent[] = [];
  private current: Batch | undefined;
  private flushScheduled = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly inFlight = new AbortController();
  private closed = false;

  constructor(
    readonly url: string,
    private readonly credentials: AppCredentials,
    private readonly timing: WebhookTiming,
    private readonly logger: Logger,
  ) {}

  enqueue(event: WebhookEvent): void {
    if (this.closed) return;
    this.queue.push(event);
    if (this.queue.length > MAX_WEBHOOK_QUEUED_EVENTS) {
      const dropped = this.queue.shift();
      this.logger.error("webhook_dropped", { url: this.url, event: dropped?.name, reason: "queue full" });
    }
    this.scheduleFlush();
  }

  /** Stops sending: pending and queued events are dropped, an unanswered request is abandoned. */
  close(): void {
    this.closed = true;
    clearTimeout(this.retryTimer);
    this.inFlight.abort();
    if (this.current || this.queue.length > 0) {
      this.logger.info("webhooks_abandoned", {
        url: this.url,
        events: this.queue.length + (this.current ? 1 : 0),
      });
    }
    this.queue.length = 0;
    this.current = undefined;
  }

  /**
   * Events raised in the same turn of the event loop (one connection closing vacates all its
   * channels) and those raised while a request is outstanding go out together.
   */
  private scheduleFlush(): void {
    if (this.flushScheduled || this.current || this.closed) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    if (this.current || this.closed || this.queue.length === 0) return;
    const events = this.queue.splice(0, MAX_WEBHOOK_BATCH_EVENTS);
    const now = Date.now();
    // time_ms is when the webhook was created, so retries carry the original time (and signature).
    this.current = { body: JSON.stringify({ time_ms: now, events }), firstAttemptAt: now, attempts: 0 };
    void this.attempt();
  }

  private async attempt(): Promise<void> {
    const batch = this.current;
    if (!batch || this.closed) return;
    batch.attempts++;
    let failure: string | undefined;
    try {
      const res = await fetch(this.url, {
        method: "POST",
        body: batch.body,
        headers: {
          // pusher's WebHook.isValid() accepts exactly this content type.
          "content-type": "application/json",
          "x-pusher-key": this.credentials.key,
          "x-pusher-signature": hmacSha256Hex(this.credentials.secret, batch.body),
        },
        signal: AbortSignal.any([this.inFlight.signal, AbortSignal.timeout(WEBHOOK_REQUEST_TIMEOUT_MS)]),
      });
      // Drain the body so the connection can be reused.
      await res.arrayBuffer().catch(() => undefined);
      if (!res.ok) failure = `HTTP ${res.status}`;
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    }
    if (this.closed || this.current !== batch) return;

    if (failure === undefined) {
      this.logger.debug("webhook_sent", { url: this.url, attempts: batch.attempts });
      return this.done();
    }
    const delay = Math.min(this.timing.retryDelayMs * 2 ** (batch.attempts - 1), MAX_WEBHOOK_RETRY_DELAY_MS);
    if (Date.now() + delay - batch.firstAttemptAt > this.timing.retryForMs) {
      this.logger.error("webhook_failed", { url: this.url, attempts: batch.attempts, error: failure });
      return this.done();
    }
    this.logger.info("webhook_retry", {
      url: this.url,
      attempts: batch.attempts,
      error: failure,
      delay_ms: delay,
    });
    this.retryTimer = setTimeout(() => void this.attempt(), delay);
  }

  private done(): void {
    this.current = undefined;
    this.scheduleFlush();
  }
}
