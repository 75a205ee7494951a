// pusher-js asks the app to authorise a private channel once per connection. When that request
// gets no answer (the app restarting or deploying, the network back before the app is) or a
// server error, the channel stays unsubscribed while the socket itself is fine — and since only a
// reconnect subscribes again, nothing arrives on it, and nothing triggers a catch-up, until the
// page is reloaded. Found by the chaos soak (`npm run chaos`): the realtime server came back while
// the app was restarting. So a held channel whose authorisation failed that way is asked for
// again, backing off; a refusal (signed out, not a member) is final.
import type Pusher from "pusher-js";
import type { Channel } from "pusher-js";

export const SUBSCRIBE_RETRY = { firstMs: 1000, maxMs: 30_000 } as const;

/** pusher-js's subscription_error: `status` when the auth endpoint answered (0: no answer, in a browser). */
export type SubscriptionError = { type?: string; error?: string; status?: number };

/** Whether asking again may succeed: no answer, a timeout, too many requests or a server error. */
export function mayRetrySubscription(e: SubscriptionError | undefined): boolean {
  const status = e?.status;
  return status === undefined || status === 0 || status === 408 || status === 429 || status >= 500;
}

/** Keeps asking for `channel` after a failure that may pass; returns the undo. */
export function retryFailedSubscription(
  pusher: Pusher,
  channel: Channel,
  policy: { firstMs: number; maxMs: number } = SUBSCRIBE_RETRY,
): () => void {
  let delay: number = policy.firstMs;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const onError = (e: SubscriptionError) => {
    if (!mayRetrySubscription(e)) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      // Not connected: pusher-js subscribes every channel again itself once it is.
      if (!channel.subscribed && pusher.connection.state === "connected") pusher.subscribe(channel.name);
    }, delay);
    delay = Math.min(delay * 2, policy.maxMs);
  };
  const onSubscribed = () => {
    clearTimeout(timer);
    delay = policy.firstMs;
  };
  channel.bind("pusher:subscription_error", onError);
  channel.bind("pusher:subscription_succeeded", onSubscribed);
  return () => {
    clearTimeout(timer);
    channel.unbind("pusher:subscription_error", onError);
    channel.unbind("pusher:subscription_succeeded", onSubscribed);
  };
}
