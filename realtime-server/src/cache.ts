// Cache channels (pusher/docs using_channels/cache-channels.md): the last event published through
// the HTTP API on a cache-* / private-cache-* / private-encrypted-cache-* / presence-cache-*
// channel is kept for a TTL and replayed to each new subscriber. Client events are not cached.

const CACHE_PREFIXES = ["cache-", "private-cache-", "private-encrypted-cache-", "presence-cache-"];

export function isCacheChannel(name: string): boolean {
  return CACHE_PREFIXES.some((prefix) => name.startsWith(prefix));
}

export interface CachedEvent {
  event: string;
  data: string;
  expiresAt: number;
}

/** Expired entries are dropped when read, and swept at most this often when others are written. */
const SWEEP_INTERVAL_MS = 60_000;

export class ChannelCache {
  private readonly entries = new Map<string, CachedEvent>();
  /** Channels whose miss has been reported to webhooks since they were last written or vacated. */
  private readonly missesReported = new Set<string>();
  private lastSweep: number;

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.lastSweep = now();
  }

  set(channel: string, event: string, data: string): void {
    const now = this.now();
    this.entries.set(channel, { event, data, expiresAt: now + this.ttlMs });
    this.missesReported.delete(channel);
    if (now - this.lastSweep >= SWEEP_INTERVAL_MS) this.sweep(now);
  }

  get(channel: string): CachedEvent | undefined {
    const entry = this.entries.get(channel);
    if (entry && entry.expiresAt <= this.now()) {
      this.entries.delete(channel);
      return undefined;
    }
    return entry;
  }

  /** Seconds the entry has left, as the HTTP API's `cache.ttl` reports it. */
  ttlSeconds(entry: CachedEvent): number {
    return Math.max(0, Math.ceil((entry.expiresAt - this.now()) / 1000));
  }

  /**
   * True the first time a miss on `channel` is seen: hosted de-duplicates cache_miss webhooks
   * when several clients subscribe to the same empty channel. Reset by a write or a vacated channel.
   */
  firstMiss(channel: string): boolean {
    if (this.missesReported.has(channel)) return false;
    this.missesReported.add(channel);
    return true;
  }

  vacated(channel: string): void {
    this.missesReported.delete(channel);
  }

  get size(): number {
    return this.entries.size;
  }

  private sweep(now: number): void {
    this.lastSweep = now;
    for (const [channel, entry] of this.entries) {
      if (entry.expiresAt <= now) this.entries.delete(channel);
    }
  }
}
