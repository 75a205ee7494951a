// The events hosted Pusher sends to webhooks, in the shapes of pusher/docs server_api/webhooks.md.

export const WEBHOOK_EVENT_NAMES = [
  "channel_occupied",
  "channel_vacated",
  "member_added",
  "member_removed",
  "client_event",
  "cache_miss",
  "subscription_count",
] as const;

export type WebhookEventName = (typeof WEBHOOK_EVENT_NAMES)[number];

export type WebhookEvent =
  | { name: "channel_occupied" | "channel_vacated" | "cache_miss"; channel: string }
  | { name: "member_added" | "member_removed"; channel: string; user_id: string }
  | {
      name: "client_event";
      channel: string;
      event: string;
      data: string;
      socket_id: string;
      /** Presence channels only. */
      user_id?: string;
    }
  | { name: "subscription_count"; channel: string; subscription_count: number };

export function isWebhookEventName(value: unknown): value is WebhookEventName {
  return (WEBHOOK_EVENT_NAMES as readonly unknown[]).includes(value);
}
