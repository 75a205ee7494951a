// Hosted Pusher Channels' limits, enforced here so that what passes locally passes in production.
// Sources: pusher/docs rest-api.md, pusher-websockets-protocol.md, using_channels/{channels,events,presence-channels}.md.

/** Event data ≤ 10 KB per event; hosted Pusher answers 413 above it. */
export const MAX_EVENT_DATA_BYTES = 10 * 1024;
/** One trigger publishes to 1–100 channels. */
export const MAX_CHANNELS_PER_TRIGGER = 100;
/** One batch holds at most 10 events on the multi-tenant clusters. */
export const MAX_BATCH_EVENTS = 10;
/** Event names ≤ 200 characters (the server SDKs check the same). */
export const MAX_EVENT_NAME_LENGTH = 200;
/** Channel names ≤ 164 characters, prefix included. */
export const MAX_CHANNEL_NAME_LENGTH = 164;
/** Presence channels hold at most 100 distinct users. */
export const MAX_PRESENCE_MEMBERS = 100;
/** A presence user id ≤ 128 characters. */
export const MAX_PRESENCE_USER_ID_LENGTH = 128;
/** A presence user_info object ≤ 1 KB once serialised. */
export const MAX_PRESENCE_USER_INFO_BYTES = 1024;
/** Client events: at most 10 per second per connection, error 4301 beyond. */
export const MAX_CLIENT_EVENTS_PER_SECOND = 10;
/** HTTP API requests are accepted only when auth_timestamp is within 600 s of server time. */
export const AUTH_TIMESTAMP_TOLERANCE_SECONDS = 600;

/**
 * Largest HTTP body read. A full batch is 10 × 10 KB of data plus names and JSON escaping
 * (data is a JSON string inside JSON, so quotes double), which fits with room to spare.
 */
export const MAX_HTTP_BODY_BYTES = 256 * 1024;
/** Largest WebSocket message read from a client: a client event (≤ 10 KB of data) or a subscribe. */
export const MAX_WS_MESSAGE_BYTES = 64 * 1024;

/** Protocol recommendation: ping after 120 s without activity, then wait 30 s for the pong. */
export const DEFAULT_ACTIVITY_TIMEOUT_SECONDS = 120;
export const DEFAULT_PONG_TIMEOUT_SECONDS = 30;

/** Cache channels keep their last event "up to 30 minutes" (pusher/docs cache-channels.md). */
export const DEFAULT_CACHE_TTL_SECONDS = 30 * 60;

/** Signed-in users watch at most 100 others; beyond, the first 100 are kept and 4302 is sent (protocol docs). */
export const MAX_WATCHLIST_USERS = 100;

/**
 * subscription_count: sent on every change, but "on channels with more than 100 connected
 * clients, the event is sent every 5 seconds as long as there is activity" (pusher/docs events.md).
 */
export const SUBSCRIPTION_COUNT_BUSY_CHANNEL = 100;
export const SUBSCRIPTION_COUNT_BUSY_INTERVAL_MS = 5000;

/** "A delay of up to three seconds" before channel_vacated / member_removed (pusher/docs webhooks.md). */
export const DEFAULT_WEBHOOK_DELAY_SECONDS = 3;
/** Failed webhooks are retried "with exponential backoff, for 5 minutes" (pusher/docs webhooks.md). */
export const DEFAULT_WEBHOOK_RETRY_DELAY_SECONDS = 1;
export const DEFAULT_WEBHOOK_RETRY_FOR_SECONDS = 5 * 60;
/** Backoff stops doubling here, so a long outage is still probed once a minute. */
export const MAX_WEBHOOK_RETRY_DELAY_MS = 60_000;
/** A webhook request that hasn't answered after this long counts as failed (and is retried). */
export const WEBHOOK_REQUEST_TIMEOUT_MS = 10_000;
/** Events per webhook request; more wait for the next request. */
export const MAX_WEBHOOK_BATCH_EVENTS = 100;
/** Events queued per endpoint while it is failing; beyond, the oldest are dropped (and logged). */
export const MAX_WEBHOOK_QUEUED_EVENTS = 10_000;
