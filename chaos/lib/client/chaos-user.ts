// One person's browser, as a Node process: a next-auth session over HTTP (its cookies kept in a
// file), one pusher-js connection on the user's own channel, and the app's own client rules — the
// outbox's send loop (lib/client/outbox/sender.ts) over a file standing in for IndexedDB, the ack
// coalescer, the conversation cache's merges (lib/client/conversation/merge.ts), the list's patches
// (lib/client/inbox/patch-list.ts) and the catch-up steps of catch-up.ts. Every conversation is
// "open" (a tab each), read after a delay unless the person ignores it. What the person does (type,
// tap Retry on a message left Not sent) is the soak's; how the app reacts is the app's code.
import { randomUUID } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Pusher from "pusher-js";
import {
  AckCoalescer,
  APP_ACK_POLICY,
  type AckEntry,
  type AckEntryResult,
} from "../../../lib/core/ack-coalescer";
import { EVENTS, userChannel } from "../../../lib/core/realtime/channels";
import { pusherClientOptions } from "../../../lib/core/realtime/client-options";
import type {
  ConversationDetail,
  ConversationSummary,
  ConversationUpdatedEvent,
  Message,
  ReceiptsEvent,
} from "../../../lib/core/types";
import { ClientError, isRefusal } from "../../../lib/client/api";
import {
  firstConfirmedSeq,
  hasGap,
  lastConfirmedSeq,
  mergeMessages,
  withMessages,
  withReceipts,
  type ClientDetail,
} from "../../../lib/client/conversation/merge";
import { applyAck, patchList, type InboxList } from "../../../lib/client/inbox/patch-list";
import type { OutboxRecord } from "../../../lib/client/outbox/record";
import { holdChannel } from "../../../lib/client/realtime/connection";
import { runSender, Wakeup } from "../../../lib/client/outbox/sender";
import { Session, signIn, type Answer } from "../../../bench/lib/http";
import { localRealtime } from "../../../bench/lib/protocol";
import {
  FILES,
  type ClientConfig,
  type ClientDigest,
  type ClientView,
  type JournalLine,
  type ObservationLine,
  type RequestKind,
} from "../protocol";
import { FileOutbox } from "./file-outbox";
import { ClientLogs } from "./logs";
import { Network } from "./network";

const CATCH_UP_PAGES = 10; // as catch-up.ts
const between = ([min, max]: [number, number]) => min + Math.random() * (max - min);
const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
  });
const emptyDetail = (): ClientDetail => ({ messages: [] }) as unknown as ClientDetail;

type Page = { messages: Message[]; hasMore: boolean };

export class ChaosUser {
  readonly net = new Network();
  private readonly logs: ClientLogs;
  private readonly outbox: FileOutbox;
  private readonly wakeup = new Wakeup();
  private readonly running = new AbortController();
  private session!: Session;
  private pusher!: Pusher;
  private acks!: AckCoalescer;
  private list: InboxList = { conversations: [] };
  private listVersion = 0;
  private readonly views = new Map<string, ClientDetail>();
  private readonly catchUps = new Map<string, { again: boolean; done: Promise<void> }>();
  private readonly readTimers = new Set<ReturnType<typeof setTimeout>>();
  private readonly failedAt = new Map<string, number>();
  private typing = true;
  private subscribed = false;
  private readonly me: string;

  private constructor(private readonly config: ClientConfig) {
    this.me = config.user.id;
    this.logs = new ClientLogs(config.dir);
    this.outbox = new FileOutbox(join(config.dir, FILES.outbox));
    for (const c of config.conversations) this.views.set(c.id, emptyDetail());
  }

  static async start(config: ClientConfig): Promise<ChaosUser> {
    const user = new ChaosUser(config);
    user.logs.event("start");
    user.completeJournal();
    await user.openSession();
    user.acks = new AckCoalescer({
      ...APP_ACK_POLICY,
      post: (marks) => user.postAcks(marks),
      onAcked: (id, marks) => user.patchListWith((l) => applyAck(l, id, marks)),
      onError: (error) => (isRefusal(error) ? "drop" : "retry"),
    });
    user.connect();
    user.net.onChange((online) => {
      user.logs.event(online ? "network-up" : "network-down");
      if (online) {
        user.pusher.connect();
        user.wakeup.wake(); // the browser's "online" event
      } else {
        user.subscribed = false;
        user.pusher.disconnect();
      }
    });
    void user.runOutbox();
    user.personLoop();
    if (config.startAt !== undefined) user.begin(config.startAt);
    // The page's own load (server-rendered in the browser), whether or not the socket is up.
    void user.refreshAll();
    return user;
  }

  /** A kill between the outbox write and the journal line leaves one unjournaled: note it now. */
  private completeJournal() {
    const file = join(this.config.dir, FILES.journal);
    const known = new Set(
      existsSync(file)
        ? readFileSync(file, "utf8")
            .split("\n")
            .filter(Boolean)
            .map((l) => (JSON.parse(l) as JournalLine).clientId)
        : [],
    );
    for (const r of this.outbox.snapshot()) {
      if (!known.has(r.clientId))
        this.logs.journal({
          clientId: r.clientId,
          conversationId: r.conversationId,
          body: r.body,
          at: Date.now(),
        });
    }
  }

  private async openSession() {
    const jar = join(this.config.dir, FILES.cookies);
    if (existsSync(jar)) {
      this.session = new Session(this.config.appUrl, this.net.fetch).restore(readFileSync(jar, "utf8"));
      return;
    }
    // First start only (the app may be restarting): keep trying.
    for (let attempt = 0; ; attempt++) {
      const start = Date.now();
      try {
        this.session = await signIn(this.config.appUrl, this.config.user, this.net.fetch);
        this.logs.request({ kind: "sign-in", status: 200, start, end: Date.now() });
        writeFileSync(jar, this.session.cookie);
        return;
      } catch (error) {
        this.logs.request({ kind: "sign-in", status: 0, start, end: Date.now() });
        if (attempt > 60) throw error;
        await sleep(1000);
      }
    }
  }

  /** One request, logged with its status (0: no answer) and times. */
  private async call<T>(kind: RequestKind, method: string, path: string, body?: unknown): Promise<Answer<T>> {
    const start = Date.now();
    try {
      const answer = await this.session.json<T>(method, path, body);
      const retryAfter = answer.headers.get("retry-after") !== null;
      this.logs.request({ kind, status: answer.status, retryAfter, start, end: Date.now() });
      return answer;
    } catch (error) {
      this.logs.request({ kind, status: 0, start, end: Date.now() });
      throw new ClientError({ code: "network", message: String(error) });
    }
  }

  private connect() {
    this.pusher = new Pusher(
      this.config.key,
      pusherClientOptions(localRealtime(this.config.realtimePort), {
        endpoint: "/api/pusher/auth",
        transport: "ajax",
        customHandler: ({ socketId, channelName }, callback) => {
          const start = Date.now();
          this.session
            .form<{ auth: string }>("/api/pusher/auth", { socket_id: socketId, channel_name: channelName })
            .then(({ status, json }) => {
              this.logs.request({ kind: "pusher-auth", status, start, end: Date.now() });
              if (status === 200) callback(null, json);
              else callback(new Error(`auth ${status}`), null);
            })
            .catch((error: Error) => {
              this.logs.request({ kind: "pusher-auth", status: 0, start, end: Date.now() });
              callback(error, null);
            });
        },
      }),
    );
    this.pusher.connection.bind("state_change", (s: { current: string }) => {
      this.logs.event(`socket-${s.current}`);
      if (s.current !== "connected") this.subscribed = false;
    });
    // As the browser holds it (connection.ts): a failed authorisation is asked for again.
    const channel = holdChannel(this.pusher, userChannel(this.me));
    channel.bind(EVENTS.conversationUpdated, (e: ConversationUpdatedEvent) => this.onConversationUpdated(e));
    channel.bind(EVENTS.receiptsUpdated, (e: ReceiptsEvent) => this.onReceipts(e));
    // Events may have been missed while (re)connecting: the list refetches, every chat catches up.
    channel.bind("pusher:subscription_succeeded", () => {
      this.subscribed = true;
      this.logs.event("subscribed");
      void this.refreshAll();
    });
    channel.bind("pusher:subscription_error", (e: unknown) => {
      this.subscribed = false;
      this.logs.counters.subscriptionErrors++;
      this.logs.event("subscription-error", e);
    });
  }

  // ——— the list (use-inbox.ts) ———

  private patchListWith(fn: (list: InboxList) => InboxList) {
    this.list = fn(this.list);
    this.listVersion++;
  }

  /**
   * SWR's refetch: an answer that a patch overtook is dropped and asked for again (the app's
   * onDiscarded, use-inbox.ts) until one lands — the app sets no limit. (This model used to give
   * up after five: with an outbox flushing after the network came back, every answer was
   * overtaken and the list kept a conversation's lastSeq from before the drop, which no browser
   * does.) After many in a row it pauses a moment, so a storm of patches can't spin it.
   */
  private async fetchList() {
    for (let dropped = 0; ; dropped++) {
      if (dropped > 0 && dropped % 10 === 0) await sleep(250);
      const version = this.listVersion;
      const start = Date.now();
      const answer = await this.call<InboxList>("list", "GET", "/api/conversations").catch(() => null);
      if (!answer || answer.status !== 200) return;
      for (const c of answer.json.conversations) this.observeMarks("list", c, start);
      if (this.listVersion !== version) continue;
      this.list = answer.json;
      this.onListShown();
      return;
    }
  }

  /** Whatever the list shows is held: acknowledge delivery where the server doesn't know it yet. */
  private onListShown() {
    for (const c of this.list.conversations) {
      this.acks.noteServerMarks(c.id, { deliveredSeq: c.deliveredSeq, readSeq: c.readSeq });
      if (c.deliveredSeq < c.lastSeq) this.acks.ack(c.id, "delivered", c.lastSeq);
    }
  }

  private onConversationUpdated(e: ConversationUpdatedEvent) {
    const id = e.conversationId;
    if (!this.list.conversations.some((c) => c.id === id)) void this.fetchList();
    else this.patchListWith((l) => patchList(l, e, this.me));
    if (e.lastMessage?.sender.id === this.me) {
      this.acks.noteServerMarks(id, { deliveredSeq: e.lastSeq, readSeq: e.lastSeq });
    } else if (e.readSeq !== undefined && e.deliveredSeq !== undefined) {
      this.acks.noteServerMarks(id, { deliveredSeq: e.deliveredSeq, readSeq: e.readSeq });
    } else if (e.lastMessage) {
      this.acks.ack(id, "delivered", e.lastSeq);
    }
    // The open conversation (events.ts).
    const view = this.views.get(id);
    if (!view || !e.lastMessage) return;
    const message = e.lastMessage;
    this.logs.counters.receivedLive++;
    if (hasGap(view.messages, message.seq)) return void this.catchUp(id);
    this.views.set(id, withMessages(view, [message]));
    if (message.sender.id === this.me && !message.system)
      this.acks.noteServerMarks(id, { deliveredSeq: message.seq, readSeq: message.seq });
    else this.onHeld(id, message.seq);
  }

  private onReceipts(e: ReceiptsEvent) {
    const view = this.views.get(e.conversationId);
    if (view) this.views.set(e.conversationId, withReceipts(view, e));
  }

  // ——— the open conversations (catch-up.ts) ———

  private async refreshAll() {
    await Promise.all([this.fetchList(), ...this.config.conversations.map((c) => this.catchUp(c.id))]);
  }

  /** One at a time per conversation; asked again while running, it runs once more after. */
  private catchUp(id: string): Promise<void> {
    const running = this.catchUps.get(id);
    if (running) {
      running.again = true;
      return running.done;
    }
    const state = { again: false, done: Promise.resolve() };
    state.done = (async () => {
      do {
        state.again = false;
        this.logs.counters.catchUps++;
        await this.catchUpOnce(id).catch((error: unknown) =>
          this.logs.event("catch-up-failed", String(error)),
        );
      } while (state.again && !this.running.signal.aborted);
      this.catchUps.delete(id);
    })();
    this.catchUps.set(id, state);
    return state.done;
  }

  private async catchUpOnce(id: string) {
    const start = Date.now();
    const fresh = await this.call<ConversationDetail>("conversation", "GET", `/api/conversations/${id}`);
    if (fresh.status !== 200) return;
    this.observeMarks("conversation", fresh.json.conversation, start);
    this.observeReceipts("conversation", fresh.json.messages, start);
    const held = this.views.get(id)!.messages;
    let messages = mergeMessages(held, fresh.json.messages);
    let after = lastConfirmedSeq(held);
    const firstFresh = fresh.json.messages[0]?.seq ?? 0;
    for (let i = 0; after > 0 && after + 1 < firstFresh && i < CATCH_UP_PAGES; i++) {
      const page = await this.page(id, `after=${after}&limit=100`);
      if (!page || page.messages.length === 0) break;
      messages = mergeMessages(messages, page.messages);
      after = page.messages.at(-1)!.seq;
      if (!page.hasMore) break;
    }
    this.hold(id, messages);
    // A person scrolling back to the start (use-history-scroll's "load older"), after a restart.
    for (let first = firstConfirmedSeq(this.views.get(id)!.messages) ?? 1; first > 1;) {
      const page = await this.page(id, `before=${first}&limit=50`);
      if (!page || page.messages.length === 0) break;
      this.hold(id, page.messages);
      first = page.messages[0]!.seq;
    }
  }

  private async page(id: string, query: string): Promise<Page | null> {
    const start = Date.now();
    const answer = await this.call<Page>("messages", "GET", `/api/conversations/${id}/messages?${query}`);
    if (answer.status !== 200) return null;
    this.observeReceipts("conversation", answer.json.messages, start);
    return answer.json;
  }

  private hold(id: string, incoming: Message[]) {
    const view = this.views.get(id)!;
    const before = new Set(view.messages.map((m) => m.seq));
    const confirmed = incoming.filter((m) => !("local" in m && m.local));
    this.logs.counters.receivedFetched += confirmed.filter((m) => !before.has(m.seq)).length;
    this.views.set(id, withMessages(view, confirmed));
    this.onHeld(id, lastConfirmedSeq(this.views.get(id)!.messages));
  }

  /** Held is delivered; read a moment later, unless this person ignores the conversation. */
  private onHeld(id: string, seq: number) {
    if (seq <= 0) return;
    this.acks.ack(id, "delivered", seq);
    if (this.config.ignores.includes(id)) return;
    const timer = setTimeout(() => {
      this.readTimers.delete(timer);
      this.acks.ack(id, "read", seq);
    }, between(this.config.readDelayMs));
    this.readTimers.add(timer);
  }

  // ——— acks (ack-queue.ts) ———

  private async postAcks(marks: AckEntry[]): Promise<AckEntryResult[]> {
    const start = Date.now();
    const answer = await this.call<{ results: AckEntryResult[]; error?: { code: string; message: string } }>(
      "ack",
      "POST",
      "/api/delivered",
      { marks, socketId: this.pusher.connection.socket_id },
    );
    if (answer.status !== 200) throw this.errorOf(answer);
    for (const r of answer.json.results) {
      if ("error" in r) continue;
      this.observe("ack", `${r.conversationId}|${this.me}`, "delivered", r.deliveredSeq, start);
      this.observe("ack", `${r.conversationId}|${this.me}`, "read", r.readSeq, start);
    }
    return answer.json.results;
  }

  private errorOf(answer: Answer<unknown>): ClientError {
    const body = answer.json as { error?: { code?: string; message?: string } } | null;
    return new ClientError(
      {
        code: (body?.error?.code ?? "internal") as ClientError["code"],
        message: body?.error?.message ?? `Request failed (${answer.status})`,
        retryAfter: Number(answer.headers.get("retry-after")) || undefined,
      },
      answer.status,
    );
  }

  // ——— the outbox (runtime.ts, use-outbox.ts) ———

  private async runOutbox() {
    const attempts = new Set<string>();
    await runSender(
      {
        store: this.outbox,
        deliver: async (record) => {
          // The same clientId again without the person asking: a wait for Retry-After or the network.
          if (attempts.has(record.clientId) && !this.failedAt.has(record.clientId))
            this.logs.counters.resends++;
          attempts.add(record.clientId);
          this.failedAt.delete(record.clientId);
          return this.deliver(record);
        },
        onSent: (_record, message) => this.onSent(message),
        onChange: () => {},
        online: () => this.net.online(),
        sleep,
        wakeup: this.wakeup,
      },
      this.running.signal,
    );
  }

  private async deliver(record: OutboxRecord): Promise<Message> {
    const start = Date.now();
    const base = { clientId: record.clientId, conversationId: record.conversationId, start };
    let answer: Answer<{ message?: Message }>;
    try {
      answer = await this.call("send", "POST", `/api/conversations/${record.conversationId}/messages`, {
        body: record.body,
        clientId: record.clientId,
        socketId: this.pusher.connection.socket_id,
      });
    } catch (error) {
      this.logs.answer({ ...base, status: 0, end: Date.now() });
      throw error;
    }
    const message = answer.json?.message;
    if (answer.status >= 200 && answer.status < 300 && message) {
      this.logs.answer({ ...base, status: answer.status, seq: message.seq, end: Date.now() });
      this.observeReceipts("send", [message], start);
      return message;
    }
    const error = this.errorOf(answer);
    this.logs.answer({
      ...base,
      status: answer.status,
      code: error.code,
      retryAfter: error.retryAfter,
      end: Date.now(),
    });
    throw error;
  }

  /** The server has it: into the cache and the list, with any receipts that beat the answer. */
  private onSent(message: Message) {
    const { conversationId: id, seq } = message;
    this.acks.noteServerMarks(id, { deliveredSeq: seq, readSeq: seq });
    const view = this.views.get(id);
    if (view) this.views.set(id, withMessages(view, [message]));
    this.patchListWith((l) =>
      patchList(l, { conversationId: id, lastSeq: seq, lastMessage: message }, this.me),
    );
  }

  // ——— the person ———

  /** The person starts typing what the plan says, from `startAt` on. */
  begin(startAt: number) {
    const now = Date.now();
    for (const send of this.config.sends) {
      // Due while this browser was closed: that message was never typed.
      if (startAt + send.at < now) continue;
      setTimeout(() => void this.type(send.conversationId, send.body), startAt + send.at - now).unref();
    }
  }

  private async type(conversationId: string, body: string) {
    if (!this.typing) return;
    const clientId = randomUUID();
    await this.outbox.add({ clientId, conversationId, body, createdAt: new Date().toISOString() });
    this.logs.journal({ clientId, conversationId, body, at: Date.now() });
    this.wakeup.wake();
  }

  /** Taps Retry on a message left Not sent for a retryable reason, after a moment. */
  private personLoop() {
    const timer = setInterval(() => {
      for (const r of this.outbox.snapshot()) {
        if (r.state !== "failed" || !r.failure?.retryable) continue;
        const since = this.failedAt.get(r.clientId);
        if (since === undefined) {
          this.failedAt.set(r.clientId, Date.now() + between(this.config.retryTapMs));
        } else if (Date.now() >= since) {
          this.logs.counters.retryTaps++;
          void this.outbox.update(r.clientId, { state: "queued", failure: undefined }).then(() => {
            this.wakeup.wake();
          });
        }
      }
    }, 250);
    timer.unref();
  }

  stopTyping() {
    this.typing = false;
  }

  // ——— observations ———

  private observe(
    source: ObservationLine["source"],
    key: string,
    mark: string,
    value: number,
    start: number,
  ) {
    this.logs.observe({ source, key, mark, value, start, end: Date.now() });
  }

  private observeMarks(source: ObservationLine["source"], c: ConversationSummary, start: number) {
    this.observe(source, `${c.id}|${this.me}`, "delivered", c.deliveredSeq, start);
    this.observe(source, `${c.id}|${this.me}`, "read", c.readSeq, start);
  }

  private observeReceipts(source: ObservationLine["source"], messages: Message[], start: number) {
    for (const m of messages) {
      if (m.sender.id !== this.me || !m.receipts) continue;
      const key = `${m.conversationId}|${m.seq}`;
      this.observe(source, key, "delivered", m.receipts.delivered, start);
      this.observe(source, key, "read", m.receipts.read, start);
    }
  }

  // ——— what the orchestrator asks ———

  digest(): ClientDigest {
    const records = this.outbox.snapshot();
    const summaries = new Map(this.list.conversations.map((c) => [c.id, c]));
    return {
      user: this.me,
      conversations: this.config.conversations.map(({ id }) => {
        const s = summaries.get(id);
        const messages = this.views.get(id)!.messages.filter((m) => !m.local);
        return {
          id,
          lastSeq: s?.lastSeq ?? -1,
          unreadCount: s?.unreadCount ?? -1,
          deliveredSeq: s?.deliveredSeq ?? -1,
          readSeq: s?.readSeq ?? -1,
          messages: messages.map((m) => [m.seq, m.id]),
          own: messages.flatMap((m) =>
            m.sender.id === this.me && m.receipts
              ? [
                  [m.seq, { ...m.receipts, status: m.status ?? "?" }] as [
                    number,
                    typeof m.receipts & { status: string },
                  ],
                ]
              : [],
          ),
        };
      }),
      outbox: {
        queued: records.filter((r) => r.state === "queued").length,
        failed: records.filter((r) => r.state === "failed" && r.failure?.retryable).length,
        refused: records.filter((r) => r.state === "failed" && !r.failure?.retryable).length,
      },
      quiet:
        this.acks.idle &&
        this.catchUps.size === 0 &&
        this.readTimers.size === 0 &&
        this.net.online() &&
        this.subscribed,
      subscribed: this.subscribed,
    };
  }

  view(): ClientView {
    return {
      user: this.me,
      messages: [...this.views].flatMap(([conversationId, d]) =>
        d.messages
          .filter((m) => !m.local)
          .map((m) => ({
            conversationId,
            seq: m.seq,
            id: m.id,
            senderId: m.sender.id,
            clientId: m.clientId,
            body: m.body,
          })),
      ),
    };
  }

  flush() {
    this.logs.flush();
  }

  close() {
    this.running.abort();
    this.acks.stop();
    for (const t of this.readTimers) clearTimeout(t);
    this.pusher.disconnect();
    this.logs.close();
  }
}
