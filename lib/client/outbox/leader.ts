// Which tab sends: the one holding the user's outbox lock (Web Locks). The browser grants an
// exclusive lock to one holder at a time, queues the other tabs' requests, and passes the lock on
// when its holder lets go or its tab closes or crashes — so exactly one tab sends, and another
// takes over without any timeout or heartbeat of ours.

type Locks = Pick<LockManager, "request">;

/**
 * Runs `lead` while this tab holds the lock `name`, until `lead` returns or `stop()` is called
 * (which also withdraws a request still waiting). Without Web Locks every tab leads: sends stay
 * idempotent (clientId), only no longer single.
 */
export function whileLeader(
  locks: Locks | undefined,
  name: string,
  lead: (signal: AbortSignal) => Promise<void>,
): () => void {
  const stopped = new AbortController();
  const run = () => (stopped.signal.aborted ? Promise.resolve() : lead(stopped.signal));
  if (!locks) void run();
  // Rejects with an AbortError when stopped while still waiting: that is the point of stopping.
  else locks.request(name, { signal: stopped.signal }, run).catch(() => {});
  return () => stopped.abort();
}

/** Resolves when `signal` aborts (the lock is held until the leader's promise settles). */
export function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener("abort", () => resolve(), { once: true });
  });
}
