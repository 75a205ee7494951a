import "server-only";

// A browser that drops a request mid-body (a closed tab, a lost network, a cancelled upload) makes
// Node's request stream fail with `Error: aborted` (code ECONNRESET). Next reads bodies where
// nothing listens for that, so it surfaces as an uncaught exception, which Next's own process
// handler prints as `uncaughtException: Error: aborted` — an alarming line for something normal.
// Next offers no setting for it, so its handler is wrapped to let these through silently.

type Listener = (error: unknown, origin?: string) => void;
type Target = Pick<NodeJS.EventEmitter, "listeners" | "on" | "removeListener">;

const EVENT = "uncaughtException";
const wrapped = new WeakSet<object>();
const installed = new WeakSet<object>();

/** Whether an error only says that the client went away (Node's request-stream abort). */
export function isClientAbort(error: unknown): boolean {
  if (!(error instanceof Error) || error.message !== "aborted") return false;
  const code = (error as NodeJS.ErrnoException).code;
  return code === undefined || code === "ECONNRESET";
}

/**
 * Makes every `uncaughtException` handler of `target` (the process) skip client aborts — the ones
 * there now and the ones added later (Next adds its own after instrumentation's register()).
 */
export function quietClientAborts(target: Target = process) {
  if (installed.has(target)) return;
  installed.add(target);
  const rewrap = (listener: Listener) => {
    if (wrapped.has(listener)) return;
    const filtered: Listener = (error, origin) => {
      if (!isClientAbort(error)) listener(error, origin);
    };
    wrapped.add(filtered);
    target.removeListener(EVENT, listener);
    target.on(EVENT, filtered);
  };
  for (const listener of target.listeners(EVENT)) rewrap(listener as Listener);
  // "newListener" fires just before the listener is added: wrap it once it's there.
  target.on("newListener", (event: string | symbol, listener: Listener) => {
    if (event === EVENT && !wrapped.has(listener)) queueMicrotask(() => rewrap(listener));
  });
}
