// pusher_internal:subscription_count (pusher/docs using_channels/events.md): every subscriber of a
// non-presence channel is told how many connections are subscribed whenever that changes, when
// the app has the feature on. Hosted sends it on each change, but "on channels with more than 100
// connected clients, the event is sent every 5 seconds as long as there is activity". Here: a
// change on a channel of ≤ 100 is sent at once; on a bigger one it is sent at once if the last
// send was ≥ 5 s ago, otherwise once when those 5 s are up, carrying the count of that moment.
import { SUBSCRIPTION_COUNT_BUSY_CHANNEL, SUBSCRIPTION_COUNT_BUSY_INTERVAL_MS } from "./limits";

interface BusyChannel {
  lastSentAt: number;
  timer?: NodeJS.Timeout;
}

export class SubscriptionCountThrottle {
  /** Only channels that were over the threshold at their last send; the rest need no state. */
  private readonly busy = new Map<string, BusyChannel>();
  private closed = false;

  /**
   * @param count current subscriptions of a channel (0 once it's gone)
   * @param send announces a channel's current count
   */
  constructor(
    private readonly count: (channel: string) => number,
    private readonly send: (channel: string, count: number) => void,
    private readonly now: () => number = Date.now,
  ) {}

  changed(channel: string): void {
    if (this.closed) return;
    const state = this.busy.get(channel);
    if (state?.timer !== undefined) return; // the scheduled send will carry the new count
    const now = this.now();
    const count = this.count(channel);
    if (state && count > SUBSCRIPTION_COUNT_BUSY_CHANNEL) {
      const wait = state.lastSentAt + SUBSCRIPTION_COUNT_BUSY_INTERVAL_MS - now;
      if (wait > 0) {
        state.timer = setTimeout(() => {
          state.timer = undefined;
          this.sendNow(channel);
        }, wait);
        return;
      }
    }
    this.sendNow(channel);
  }

  close(): void {
    this.closed = true;
    for (const state of this.busy.values()) clearTimeout(state.timer);
    this.busy.clear();
  }

  private sendNow(channel: string): void {
    const count = this.count(channel);
    if (count > SUBSCRIPTION_COUNT_BUSY_CHANNEL) this.busy.set(channel, { lastSentAt: this.now() });
    else this.busy.delete(channel);
    this.send(channel, count);
  }
}
