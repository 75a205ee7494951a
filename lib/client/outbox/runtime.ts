// The outbox at work in one tab, loaded on demand (outbox.ts): the store, what the user's other
// tabs say (BroadcastChannel), and — in the one tab that holds the lock — the send loop.
import type { Quote } from "@/lib/core/types";
import type { Message } from "@/lib/core/types";
import { untilAborted, whileLeader } from "./leader";
import type { Draft, OutboxFile, OutboxRecord } from "./record";
import { runSender, Wakeup } from "./sender";
import { openStore } from "./store";

export type OutboxSnapshot = { records: readonly OutboxRecord[]; drafts: Readonly<Record<string, string>> };

export type RuntimeOptions = {
  userId: string;
  /** One attempt; `saveFiles` keeps what the upload got to (upload ids) with the record. */
  deliver: (record: OutboxRecord, saveFiles: (files: OutboxFile[]) => Promise<void>) => Promise<Message>;
  /** A message of this user reached the server (sent by this tab or another). */
  onSent: (message: Message) => void;
  onSnapshot: (snapshot: OutboxSnapshot) => void;
};

type Note = { type: "changed" } | { type: "sent"; message: Message };

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
  });

export type OutboxRuntime = Awaited<ReturnType<typeof startOutbox>>;

export async function startOutbox(options: RuntimeOptions) {
  const store = await openStore(options.userId);
  const channel = new BroadcastChannel(`ticks-outbox-${options.userId}`);
  const wakeup = new Wakeup();

  const refresh = async () => {
    const [records, drafts] = await Promise.all([store.all(), store.drafts()]);
    options.onSnapshot({ records, drafts: draftMap(drafts) });
  };
  /** After a change here: show it, tell the other tabs, and wake the sender (if it's here). */
  const changed = async () => {
    await refresh();
    channel.postMessage({ type: "changed" } satisfies Note);
    wakeup.wake();
  };
  channel.onmessage = (event: MessageEvent<Note>) => {
    if (event.data.type === "sent") options.onSent(event.data.message);
    else void refresh();
    wakeup.wake();
  };
  const onOnline = () => wakeup.wake();
  window.addEventListener("online", onOnline);

  const stopLeading = whileLeader(navigator.locks, `ticks-outbox-${options.userId}`, async (signal) => {
    await runSender(
      {
        store,
        deliver: (record) =>
          options.deliver(record, async (files) => {
            await store.update(record.clientId, { files });
          }),
        onSent: (_record, message) => {
          options.onSent(message);
          channel.postMessage({ type: "sent", message } satisfies Note);
        },
        onChange: () => void changed(),
        online: () => navigator.onLine,
        sleep,
        wakeup,
      },
      signal,
    );
    await untilAborted(signal);
  });

  await refresh();

  return {
    /** Stored before it shows: what the person sees as Sending is already on disk. */
    async add(conversationId: string, body: string, replyTo?: Quote, files?: OutboxFile[]) {
      const clientId = crypto.randomUUID();
      await store.add({
        clientId,
        conversationId,
        body,
        createdAt: new Date().toISOString(),
        ...(replyTo ? { replyTo } : {}),
        ...(files?.length ? { files } : {}),
      });
      await changed();
    },
    async retry(clientId: string) {
      if (await store.update(clientId, { state: "queued", failure: undefined })) await changed();
    },
    async discard(clientId: string) {
      await store.remove(clientId);
      await changed();
    },
    async saveDraft(conversationId: string, body: string) {
      await store.saveDraft(conversationId, body);
      await changed();
    },
    async clear() {
      await store.clear();
      await changed();
    },
    stop() {
      stopLeading();
      window.removeEventListener("online", onOnline);
      channel.close();
      store.close();
    },
  };
}

function draftMap(drafts: Draft[]): Record<string, string> {
  return Object.fromEntries(drafts.map((d) => [d.conversationId, d.body]));
}
