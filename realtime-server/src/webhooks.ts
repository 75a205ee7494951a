// What one app's webhooks are told, and when. Hosted Pusher holds channel_vacated and
// member_removed back "up to three seconds" so that a page reload or a dropped connection that
// comes straight back sends nothing at all (pusher/docs server_api/webhooks.md "Webhook request
// delay"): a vacated channel re-occupied, or a member back, within the delay cancels both events.
import type { AppCredentials, ResolvedAppSettings, WebhookTiming } from "./config";
import type { Logger } from "./log";
import { WebhookEndpoint } from "./webhook-delivery";
import type { WebhookEvent, WebhookEventName } from "./webhook-events";

interface Route {
  endpoint: WebhookEndpoint;
  events: ReadonlySet<WebhookEventName>;
}

export class AppWebhooks {
  private readonly routes: Route[];
  /** Held-back channel_vacated / member_removed, by channel (and user). */
  private readonly held = new Map<string, NodeJS.Timeout>();
  private closed = false;

  constructor(
    credentials: AppCredentials,
    settings: ResolvedAppSettings,
    private readonly timing: WebhookTiming,
    logger: Logger,
  ) {
    this.routes = settings.webhooks.map((target) => ({
      endpoint: new WebhookEndpoint(target.url, credentials, timing, logger),
      events: new Set(target.events),
    }));
  }

  /** Whether anything listens for `name`: callers skip building events nobody is sent. */
  wants(name: WebhookEventName): boolean {
    return !this.closed && this.routes.some((route) => route.events.has(name));
  }

  channelOccupied(channel: string): void {
    if (this.cancelHeld(`vacated\n${channel}`)) return;
    this.send({ name: "channel_occupied", channel });
  }

  channelVacated(channel: string): void {
    this.hold(`vacated\n${channel}`, { name: "channel_vacated", channel });
  }

  memberAdded(channel: string, userId: string): void {
    if (this.cancelHeld(`removed\n${channel}\n${userId}`)) return;
    this.send({ name: "member_added", channel, user_id: userId });
  }

  memberRemoved(channel: string, userId: string): void {
    this.hold(`removed\n${channel}\n${userId}`, { name: "member_removed", channel, user_id: userId });
  }

  send(event: WebhookEvent): void {
    if (this.closed) return;
    for (const route of this.routes) {
      if (route.events.has(event.name)) route.endpoint.enqueue(event);
    }
  }

  /** Stops everything: held events are dropped, nothing more is sent. */
  close(): void {
    this.closed = true;
    for (const timer of this.held.values()) clearTimeout(timer);
    this.held.clear();
    for (const route of this.routes) route.endpoint.close();
  }

  private hold(key: string, event: WebhookEvent): void {
    if (!this.wants(event.name)) return;
    if (this.timing.delayMs === 0) return this.send(event);
    clearTimeout(this.held.get(key));
    this.held.set(
      key,
      setTimeout(() => {
        this.held.delete(key);
        this.send(event);
      }, this.timing.delayMs),
    );
  }

  private cancelHeld(key: string): boolean {
    const timer = this.held.get(key);
    if (timer === undefined) return false;
    clearTimeout(timer);
    this.held.delete(key);
    return true;
  }
}
