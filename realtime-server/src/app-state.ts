// Everything the server holds for one app, in memory: its credentials and settings, channels, live
// connections, signed-in users, cached events and webhooks; and what follows a subscription
// change (webhooks, cache replay, subscription_count), the same however the change came about.
import { ChannelCache, isCacheChannel } from "./cache";
import { ChannelRegistry, type Joined, type Subscriber } from "./channels";
import type { AppCredentials, ResolvedAppSettings, WebhookTiming } from "./config";
import type { Connection } from "./connection";
import type { Logger } from "./log";
import { channelKind } from "./names";
import { encodeChannelEvent, encodeSystemEvent } from "./protocol";
import { SubscriptionCountThrottle } from "./subscription-count";
import { UserRegistry } from "./users";
import { AppWebhooks } from "./webhooks";

export interface RealtimeStats {
  /** Open WebSocket connections, all apps. */
  connections: number;
  /** Occupied channels, all apps. */
  channels: number;
  /** Connections accepted since start. */
  connectionsTotal: number;
  /** Events accepted by the HTTP API (one per channel published to). */
  eventsPublished: number;
  /** Client events relayed. */
  clientEvents: number;
  /** Frames written to sockets for channel events, client events and presence changes of other users. */
  messagesSent: number;
}

export type Counters = Omit<RealtimeStats, "connections" | "channels">;

export function emptyCounters(): Counters {
  return { connectionsTotal: 0, eventsPublished: 0, clientEvents: 0, messagesSent: 0 };
}

export interface AppServices {
  cacheTtlMs: number;
  clock: () => number;
  webhookTiming: WebhookTiming;
  logger: Logger;
}

export class AppState {
  readonly channels = new ChannelRegistry();
  /** By socket id, for the HTTP API's socket_id exclusion. */
  readonly connections = new Map<string, Connection>();
  readonly users: UserRegistry;
  readonly cache: ChannelCache;
  readonly webhooks: AppWebhooks;
  private readonly subscriptionCounts: SubscriptionCountThrottle;

  constructor(
    readonly credentials: AppCredentials,
    readonly settings: ResolvedAppSettings,
    readonly counters: Counters,
    services: AppServices,
  ) {
    this.users = new UserRegistry(settings.enableWatchlistEvents);
    this.cache = new ChannelCache(services.cacheTtlMs, services.clock);
    this.webhooks = new AppWebhooks(credentials, settings, services.webhookTiming, services.logger);
    this.subscriptionCounts = new SubscriptionCountThrottle(
      (name) => this.channels.get(name)?.subscribers.size ?? 0,
      (name, count) => this.announceSubscriptionCount(name, count),
    );
  }

  /** After a connection joined a channel: the webhooks for what the join changed. */
  joined(name: string, joined: Joined, userId?: string): void {
    if (joined.occupied) this.webhooks.channelOccupied(name);
    if (joined.memberAdded && userId !== undefined) this.webhooks.memberAdded(name, userId);
  }

  /**
   * After the new subscriber has its subscription_succeeded: a cache channel's last event (or
   * pusher:cache_miss), then everyone's new subscription_count.
   */
  subscribed(subscriber: Subscriber, name: string): void {
    if (isCacheChannel(name)) {
      const cached = this.cache.get(name);
      if (cached) {
        subscriber.send(Buffer.from(encodeChannelEvent(cached.event, name, cached.data)));
      } else {
        subscriber.send(Buffer.from(JSON.stringify({ event: "pusher:cache_miss", channel: name })));
        if (this.webhooks.wants("cache_miss") && this.cache.firstMiss(name)) {
          this.webhooks.send({ name: "cache_miss", channel: name });
        }
      }
    }
    this.subscriptionCountChanged(name);
  }

  /** Removes a subscription, with the webhooks and subscription_count that follow. */
  leave(subscriber: Subscriber, name: string, userId?: string): void {
    const left = this.channels.leave(subscriber, name, userId);
    if (left.memberRemoved && userId !== undefined) this.webhooks.memberRemoved(name, userId);
    if (left.vacated) {
      this.webhooks.channelVacated(name);
      this.cache.vacated(name);
    }
    this.subscriptionCountChanged(name);
  }

  close(): void {
    this.subscriptionCounts.close();
    this.webhooks.close();
  }

  private subscriptionCountChanged(name: string): void {
    // "Broadcast on all channel types except Presence channels" (pusher/docs events.md).
    if (this.settings.enableSubscriptionCount && channelKind(name) !== "presence") {
      this.subscriptionCounts.changed(name);
    }
  }

  private announceSubscriptionCount(name: string, count: number): void {
    const channel = this.channels.get(name);
    if (channel) {
      const frame = encodeSystemEvent(
        "pusher_internal:subscription_count",
        { subscription_count: count },
        name,
      );
      channel.publish(Buffer.from(frame));
    }
    if (this.webhooks.wants("subscription_count")) {
      this.webhooks.send({ name: "subscription_count", channel: name, subscription_count: count });
    }
  }
}
