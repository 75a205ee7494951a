// Leader election: exactly one tab of a user sends. Node has no Web Locks, so a LockManager with
// the spec's semantics for exclusive locks stands in (the e2e suite runs the browser's own).
import "fake-indexeddb/auto";
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Message } from "@/lib/core/types";
import { untilAborted, whileLeader } from "@/lib/client/outbox/leader";
import { runSender, Wakeup } from "@/lib/client/outbox/sender";
import { openStore } from "@/lib/client/outbox/store";

/** Exclusive locks, granted in request order; a waiting request withdraws when its signal aborts. */
class Locks {
  private held = new Set<string>();
  private waiting = new Map<string, (() => void)[]>();

  request(name: string, options: { signal?: AbortSignal }, callback: () => Promise<void>): Promise<void> {
    return new Promise((resolve, reject) => {
      const abort = () => {
        const queue = this.waiting.get(name) ?? [];
        this.waiting.set(
          name,
          queue.filter((g) => g !== grant),
        );
        reject(new DOMException("aborted", "AbortError"));
      };
      const grant = () => {
        options.signal?.removeEventListener("abort", abort);
        this.held.add(name);
        callback()
          .then(resolve, reject)
          .finally(() => {
            this.held.delete(name);
            this.waiting.get(name)?.shift()?.();
          });
      };
      if (options.signal?.aborted) return abort();
      options.signal?.addEventListener("abort", abort, { once: true });
      if (this.held.has(name)) this.waiting.set(name, [...(this.waiting.get(name) ?? []), grant]);
      else grant();
    });
  }
}

const settle = () => new Promise((r) => setTimeout(r, 0));

/** A tab that notes when it leads and leads until stopped. */
function tab(locks: Locks | undefined, leaders: string[], name: string) {
  return whileLeader(locks as unknown as LockManager, "outbox-u1", async (signal) => {
    leaders.push(name);
    await untilAborted(signal);
  });
}

describe("whileLeader", () => {
  it("lets exactly one tab lead; when it stops (or closes), the next one waiting takes over", async () => {
    const locks = new Locks();
    const leaders: string[] = [];
    const stop1 = tab(locks, leaders, "tab 1");
    const stop2 = tab(locks, leaders, "tab 2");
    const stop3 = tab(locks, leaders, "tab 3");
    await settle();
    expect(leaders).toEqual(["tab 1"]);
    stop1();
    await settle();
    expect(leaders).toEqual(["tab 1", "tab 2"]);
    // A tab that goes while still waiting never leads.
    stop3();
    stop2();
    await settle();
    expect(leaders).toEqual(["tab 1", "tab 2"]);
  });

  it("leads at once where there are no Web Locks (every tab for itself)", async () => {
    const leaders: string[] = [];
    const stop = tab(undefined, leaders, "alone");
    await settle();
    expect(leaders).toEqual(["alone"]);
    stop();
  });
});

describe("two tabs of one user with one queued message", () => {
  it("send it exactly once", async () => {
    const locks = new Locks();
    const user = `u${randomUUID()}`;
    const posts: string[] = [];
    const tabs = await Promise.all(
      [1, 2].map(async () => {
        const store = await openStore(user);
        const wakeup = new Wakeup();
        const stop = whileLeader(locks as unknown as LockManager, `outbox-${user}`, (signal) =>
          runSender(
            {
              store,
              deliver: async (r) => {
                posts.push(r.clientId);
                return {
                  ...r,
                  id: "m1",
                  seq: 1,
                  changeSeq: 1,
                  sender: { id: user, username: "u", name: "U" },
                } as Message;
              },
              onSent: () => {},
              onChange: () => {},
              online: () => true,
              sleep: async () => {},
              wakeup,
            },
            signal,
          ),
        );
        return { store, wakeup, stop };
      }),
    );
    // Typed in the second tab (not the leader); both tabs hear of it.
    const r = await tabs[1]!.store.add({
      clientId: randomUUID(),
      conversationId: "c",
      body: "hi",
      createdAt: "",
    });
    tabs.forEach((t) => t.wakeup.wake());
    for (let i = 0; i < 100 && (await tabs[0]!.store.all()).length > 0; i++) await settle();
    expect(await tabs[0]!.store.all()).toEqual([]);
    tabs.forEach((t) => t.wakeup.wake());
    await settle();
    expect(posts).toEqual([r.clientId]);
    tabs.forEach((t) => t.stop());
  });
});
