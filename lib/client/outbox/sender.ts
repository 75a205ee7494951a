// The leader's send loop: the oldest queued message first, one at a time, so every conversation
// gets its messages in typed order (a wait for one — offline, rate limited — holds the rest back,
// as it would hold them at the server). What happens to a message after an attempt:
//   stored (201, or 200 for a clientId the server already has) → handed on, then removed;
//   no answer while offline → waits for the network, then the same clientId again;
//   429/503 with Retry-After → waits as told, then the same clientId again;
//   no answer while online, or a server error → Not sent, retryable (the person decides);
//   refused (400, 403, 404, 413…) → Not sent with the server's reason, until edited or deleted.
import type { Message } from "@/lib/core/types";
import { ClientError, errorMessage, isRefusal } from "@/lib/client/api";
import { nextToSend, type OutboxRecord, type SendFailure } from "./record";
import type { OutboxStore } from "./store";

export type Outcome = { sent: Message } | { waitMs: number } | "offline" | { failed: SendFailure };

/** What one attempt's error means for the message (see above). */
export function outcomeOf(error: unknown, online: boolean): Outcome {
  if (error instanceof ClientError && error.code === "network" && !online) return "offline";
  if (error instanceof ClientError && error.retryAfter) return { waitMs: error.retryAfter * 1000 };
  const code = error instanceof ClientError ? error.code : "internal";
  return {
    failed: {
      code,
      message: errorMessage(error, "The server couldn't store it."),
      retryable: !isRefusal(error),
    },
  };
}

/** Wakes the loop when there may be something new to do (a message added, the network back). */
export class Wakeup {
  private pending = false;
  private waiter?: () => void;

  wake() {
    this.pending = true;
    this.waiter?.();
  }

  wait(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.pending = false;
        this.waiter = undefined;
        signal.removeEventListener("abort", done);
        resolve();
      };
      if (this.pending || signal.aborted) return done();
      this.waiter = done;
      signal.addEventListener("abort", done, { once: true });
    });
  }
}

export type SenderDeps = {
  store: Pick<OutboxStore, "all" | "update" | "remove">;
  /** One attempt: POSTs the record with its clientId, answers the stored message. */
  deliver: (record: OutboxRecord) => Promise<Message>;
  /** The server has it: show it (before the record goes, so it never blinks out). */
  onSent: (record: OutboxRecord, message: Message) => void | Promise<void>;
  /** A record changed or went: tell every tab. */
  onChange: () => void;
  online: () => boolean;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  wakeup: Wakeup;
};

/** Sends until `signal` aborts (the tab stops leading). */
export async function runSender(deps: SenderDeps, signal: AbortSignal): Promise<void> {
  const { store, wakeup } = deps;
  while (!signal.aborted) {
    const next = nextToSend(await store.all());
    if (!next || !deps.online()) {
      await wakeup.wait(signal);
      continue;
    }
    const outcome = await deps.deliver(next).then(
      (sent): Outcome => ({ sent }),
      (error: unknown) => outcomeOf(error, deps.online()),
    );
    if (outcome === "offline") continue;
    if ("waitMs" in outcome) {
      await deps.sleep(outcome.waitMs, signal);
    } else if ("sent" in outcome) {
      await deps.onSent(next, outcome.sent);
      await store.remove(next.clientId);
      deps.onChange();
    } else {
      await store.update(next.clientId, { state: "failed", failure: outcome.failed });
      deps.onChange();
    }
  }
}
