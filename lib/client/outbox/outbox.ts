// The outbox as the page sees it: the one source of queued messages and drafts for the UI, a
// snapshot of what IndexedDB holds for the signed-in user. Its code (idb, the store, the sender)
// loads on demand — when this browser keeps something for the user, or at the first keystroke —
// so a page with nothing stored doesn't carry it. A flag in localStorage says "something may be
// stored": set before the first write, removed only at sign-out after everything is cleared. A
// crash can lose it while IndexedDB kept the write: without it, the database is asked (probe.ts).
import type { Quote } from "@/lib/core/types";
import { holdsAnything } from "./probe";
import type { OutboxFile } from "./record";
import type { OutboxRuntime, OutboxSnapshot, RuntimeOptions } from "./runtime";

export type OutboxConfig = Omit<RuntimeOptions, "onSnapshot">;

const EMPTY: OutboxSnapshot = { records: [], drafts: {} };

let snapshot = EMPTY;
const listeners = new Set<() => void>();
let config: OutboxConfig | undefined;
let runtime: Promise<OutboxRuntime> | undefined;

const flag = (userId: string) => `ticks:stored:${userId}`;

function flagged(userId: string): boolean {
  try {
    return localStorage.getItem(flag(userId)) !== null;
  } catch {
    return true; // storage unreadable: assume there may be something
  }
}

function setFlag(userId: string) {
  try {
    localStorage.setItem(flag(userId), "1");
  } catch {
    // Not writable (storage disabled): the flag is then read as "maybe", see flagged().
  }
}

// Without the flag, the database itself is asked once per page (see probe.ts for why).
let probed: { userId: string; found: Promise<boolean> } | undefined;

/** Whether anything may be stored: the flag, else what the database holds (the flag restored). */
async function mayHoldSomething(userId: string): Promise<boolean> {
  if (flagged(userId)) return true;
  if (probed?.userId !== userId) probed = { userId, found: holdsAnything(userId) };
  const found = await probed.found;
  if (found) setFlag(userId);
  return found;
}

function setSnapshot(next: OutboxSnapshot) {
  snapshot = next;
  for (const listener of listeners) listener();
}

export const subscribeOutbox = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};
export const outboxSnapshot = () => snapshot;
export const emptyOutbox = () => EMPTY;

function load(): Promise<OutboxRuntime> {
  const current = config;
  if (!current) return Promise.reject(new Error("outbox used before configureOutbox"));
  runtime ??= import("./runtime")
    .then((m) =>
      m.startOutbox({
        userId: current.userId,
        // Read at call time: the shell may hand over fresh callbacks (its SWR cache) later.
        deliver: (record, saveFiles) => config!.deliver(record, saveFiles),
        onSent: (message) => config?.onSent(message),
        onSnapshot: setSnapshot,
      }),
    )
    .catch((error: unknown) => {
      // Its code didn't load (offline before it ever did) or the database didn't open: the next
      // use tries again instead of failing forever.
      runtime = undefined;
      throw error;
    });
  return runtime;
}

/**
 * Fetches the outbox's code (without starting it) once the person does anything on the page, so
 * that going offline afterwards can't leave the page unable to keep what they type. Before the
 * service worker has the app's files, this is what makes sending offline work; a page only read
 * and never touched doesn't pay for it.
 */
function warmUp(): () => void {
  const events = ["pointerdown", "keydown", "focusin", "offline"] as const;
  const warm = () => {
    for (const event of events) window.removeEventListener(event, warm, true);
    void import("./runtime").catch(() => {
      // Offline already: the service worker may still serve it later; a send will try again.
    });
  };
  for (const event of events) window.addEventListener(event, warm, { capture: true, passive: true });
  return () => {
    for (const event of events) window.removeEventListener(event, warm, true);
  };
}

/** Something is about to be stored: flag it first, then load. */
function forWriting(): Promise<OutboxRuntime> {
  setFlag(config!.userId);
  return load();
}

/** The chat shell's setup; returns its undo. Starts the outbox at once if anything may be stored. */
export function configureOutbox(next: OutboxConfig): () => void {
  if (config && config.userId !== next.userId) void stopOutbox();
  config = next;
  void mayHoldSomething(next.userId).then((found) => {
    if (found && config?.userId === next.userId) void load();
  });
  // Another tab of this user stored something first: join in (it may need this tab to send).
  const onStorage = (e: StorageEvent) => e.key === flag(next.userId) && e.newValue && void load();
  window.addEventListener("storage", onStorage);
  const stopWarmUp = warmUp();
  return () => {
    window.removeEventListener("storage", onStorage);
    stopWarmUp();
  };
}

export async function queueMessage(
  conversationId: string,
  body: string,
  replyTo?: Quote,
  files?: OutboxFile[],
) {
  await (await forWriting()).add(conversationId, body, replyTo, files);
}

export async function retryMessage(clientId: string) {
  await (await load()).retry(clientId);
}

export async function discardMessage(clientId: string) {
  await (await load()).discard(clientId);
}

export async function saveDraft(conversationId: string, body: string) {
  // Nothing typed and nothing stored: nothing to delete either.
  if (!body.trim() && !runtime && !flagged(config!.userId)) return;
  await (await forWriting()).saveDraft(conversationId, body);
}

/** A conversation's saved draft ("" when none), once the outbox has read what's stored. */
export async function loadDraft(conversationId: string): Promise<string> {
  if (!runtime && !(await mayHoldSomething(config!.userId))) return "";
  await load();
  return snapshot.drafts[conversationId] ?? "";
}

async function stopOutbox() {
  const current = await runtime?.catch(() => undefined);
  current?.stop();
  runtime = undefined;
  setSnapshot(EMPTY);
}

/** Sign-out: forgets the user's outbox and drafts on this device (the other tabs see it go). */
export async function forgetOutbox(userId: string) {
  if (runtime || (await mayHoldSomething(userId))) {
    if (config?.userId === userId) await (await load()).clear();
    await stopOutbox();
  }
  probed = undefined;
  try {
    localStorage.removeItem(flag(userId));
  } catch {
    // Nothing to remove.
  }
}
