// Issue 15's pure rules: how the browser merges changed copies of a message (merge.ts), what
// "seen the edit" watermark a view may claim (edit-seen.ts), the optimistic reaction toggle
// (message-actions.ts), edit-seen and recipient counts across membership changes (status.ts), and
// the editSeen mark riding in the ack coalescer.
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AckCoalescer, type AckEntry, type AckEntryResult } from "@/lib/core/ack-coalescer";
import { countEditSeen, countReceipts, type FormerWindow, type WatermarkGroup } from "@/lib/core/status";
import type { ClientDetail, ClientMessage } from "@/lib/client/conversation/merge";
import { mergeOne, withChanges, withoutMessage, applyReceipts } from "@/lib/client/conversation/merge";
import type { Message, ReactionSummary } from "@/lib/core/types";
import { fuzz } from "./fuzz-arbitraries";

const alice = { id: "alice", username: "alice", name: "Alice" };
const bob = { id: "bob", username: "bob", name: "Bob" };
const carol = { id: "carol", username: "carol", name: "Carol" };

function msg(seq: number, extra: Partial<Message> = {}): Message {
  return {
    id: `m${seq}`,
    conversationId: "conv",
    seq,
    sender: alice,
    body: `message ${seq}`,
    clientId: `c${seq}`,
    createdAt: new Date(2026, 0, 1, 0, 0, seq).toISOString(),
    changeSeq: seq,
    ...extra,
  };
}

const detail = (messages: ClientMessage[]): ClientDetail => ({
  conversation: {} as ClientDetail["conversation"],
  messages,
  hasMore: false,
  me: { id: alice.id, shareReadReceipts: true },
  unseenEdits: [],
});

describe("mergeOne", () => {
  it("the copy with the newer changeSeq wins whole: text, editedAt, reactions", () => {
    const held = msg(3, { changeSeq: 3, reactions: [{ emoji: "👍", count: 1, users: [bob] }] });
    const edited = msg(3, { changeSeq: 7, body: "edited", editedAt: "2026-01-01T00:01:00Z", editSeq: 7 });
    const out = mergeOne(held, edited);
    expect(out).toMatchObject({ body: "edited", changeSeq: 7, editSeq: 7, editedAt: "2026-01-01T00:01:00Z" });
    // The newer copy has no reactions: they were taken off.
    expect(out.reactions).toBeUndefined();
  });

  it("a stale copy (an earlier change) changes nothing of the newer one held", () => {
    const held = msg(3, { changeSeq: 9, body: "edited twice", editSeq: 9, editedAt: "t9" });
    const stale = msg(3, { changeSeq: 5, body: "edited once", editSeq: 5, editedAt: "t5" });
    const out = mergeOne(held, stale);
    expect(out).toMatchObject({ body: "edited twice", changeSeq: 9, editSeq: 9, editedAt: "t9" });
  });

  it("receipts only grow, whichever copy is newer", () => {
    const held = msg(3, {
      changeSeq: 3,
      receipts: { recipients: 2, delivered: 2, read: 1 },
      status: "delivered",
    });
    const newerButBehind = msg(3, {
      changeSeq: 8,
      body: "edited",
      receipts: { recipients: 2, delivered: 1, read: 0 },
      status: "sent",
    });
    const out = mergeOne(held, newerButBehind);
    expect(out.body).toBe("edited");
    expect(out.receipts).toEqual({ recipients: 2, delivered: 2, read: 1 });
    expect(out.status).toBe("delivered");
    // A change event carries no receipts at all: the held ones stay.
    const event = msg(3, { changeSeq: 9, body: "again" });
    expect(mergeOne(out, event).receipts).toEqual({ recipients: 2, delivered: 2, read: 1 });
  });

  it("a tombstone drops receipts, status, editSeen, quote and reactions, whatever was held", () => {
    const held = msg(3, {
      changeSeq: 4,
      receipts: { recipients: 1, delivered: 1, read: 1 },
      status: "read",
      editSeq: 4,
      editSeen: 1,
      replyTo: { seq: 1, sender: bob, text: "quoted", deleted: false },
      reactions: [{ emoji: "👍", count: 1, users: [bob] }],
    });
    const tomb = msg(3, { changeSeq: 6, body: "", deleted: true });
    const out = mergeOne(held, tomb);
    expect(out).toMatchObject({ deleted: true, body: "" });
    for (const key of ["receipts", "status", "editSeen", "replyTo", "reactions"] as const) {
      expect(out[key], key).toBeUndefined();
    }
    // And a late copy from before the deletion can't bring the text back.
    expect(mergeOne(out, held)).toMatchObject({ deleted: true, body: "" });
  });

  it("seen-the-edit grows within one edit, and starts again from a newer edit's own count", () => {
    const held = msg(3, { changeSeq: 5, editSeq: 5, editSeen: 2 });
    expect(mergeOne(held, msg(3, { changeSeq: 5, editSeq: 5, editSeen: 1 })).editSeen).toBe(2);
    expect(mergeOne(held, msg(3, { changeSeq: 5, editSeq: 5, editSeen: 3 })).editSeen).toBe(3);
    expect(mergeOne(held, msg(3, { changeSeq: 8, editSeq: 8, editSeen: 0 })).editSeen).toBe(0);
  });

  it("a confirmed copy replaces an optimistic one", () => {
    const local: ClientMessage = { ...msg(3), local: "sending" };
    const out = mergeOne(local, msg(3, { changeSeq: 3 }));
    expect(out.local).toBeUndefined();
  });

  it("merging is order-independent: any arrival order of copies ends at the newest, receipts at the max", () => {
    const copy = fc.record({
      changeSeq: fc.integer({ min: 1, max: 20 }),
      delivered: fc.integer({ min: 0, max: 3 }),
    });
    fc.assert(
      fc.property(fc.array(copy, { minLength: 1, maxLength: 6 }), (copies) => {
        const messages = copies.map((c) =>
          msg(1, {
            changeSeq: c.changeSeq,
            body: `v${c.changeSeq}`,
            receipts: { recipients: 3, delivered: c.delivered, read: 0 },
          }),
        );
        const fold = (list: Message[]) =>
          list.reduce<ClientMessage | undefined>((h, m) => mergeOne(h, m), undefined)!;
        const forward = fold(messages);
        const backward = fold([...messages].reverse());
        const newest = Math.max(...copies.map((c) => c.changeSeq));
        for (const out of [forward, backward]) {
          expect(out.changeSeq).toBe(newest);
          expect(out.body).toBe(`v${newest}`);
          expect(out.receipts?.delivered).toBe(Math.max(...copies.map((c) => c.delivered)));
        }
      }),
      fuzz(200),
    );
  });
});

describe("withChanges", () => {
  it("applies changes to messages held, and ignores messages older than the oldest held", () => {
    const d = detail([msg(5), msg(6), msg(7)]);
    const out = withChanges(d, [
      msg(3, { changeSeq: 20, body: "old, edited" }),
      msg(6, { changeSeq: 21, body: "six, edited" }),
    ]);
    expect(out.messages.map((m) => m.seq)).toEqual([5, 6, 7]);
    expect(out.messages.find((m) => m.seq === 6)?.body).toBe("six, edited");
  });

  it("adds new messages past the newest held (a catch-up brings them too)", () => {
    const out = withChanges(detail([msg(5)]), [msg(6, { changeSeq: 30 })]);
    expect(out.messages.map((m) => m.seq)).toEqual([5, 6]);
  });

  it("holding nothing confirmed, holds nothing from changes; nothing relevant returns the same detail", () => {
    const empty = detail([]);
    expect(withChanges(empty, [msg(2)])).toBe(empty);
    const d = detail([msg(5)]);
    expect(withChanges(d, [msg(1, { changeSeq: 9 })])).toBe(d);
  });
});

describe("withoutMessage", () => {
  it("drops the confirmed message with that seq, keeps pending ones, and returns the same detail when absent", () => {
    const pending: ClientMessage = { ...msg(0), clientId: "p", local: "sending" };
    const d = detail([msg(1), msg(2), pending]);
    const out = withoutMessage(d, 2);
    expect(out.messages.map((m) => (m.local ? "pending" : m.seq))).toEqual([1, "pending"]);
    expect(withoutMessage(out, 2)).toBe(out);
    expect(withoutMessage(d, 0).messages).toHaveLength(3);
  });
});

describe("applyReceipts with editSeen", () => {
  it("raises editSeen on an edited message, never lowers it, and ignores it for unedited or deleted ones", () => {
    const ms = [
      msg(1, { editSeq: 4, editSeen: 1, receipts: { recipients: 2, delivered: 2, read: 2 } }),
      msg(2, { receipts: { recipients: 2, delivered: 2, read: 2 } }),
      msg(3, { deleted: true, body: "" }),
    ];
    const up = applyReceipts(ms, {
      conversationId: "conv",
      receipts: [
        { seq: 1, recipients: 2, delivered: 2, read: 2, editSeen: 2 },
        { seq: 2, recipients: 2, delivered: 2, read: 2, editSeen: 1 },
        { seq: 3, recipients: 2, delivered: 2, read: 2, editSeen: 1 },
      ],
    });
    expect(up[0]!.editSeen).toBe(2);
    expect(up[1]!.editSeen).toBeUndefined();
    expect(up[2]!.receipts).toBeUndefined();
    const down = applyReceipts(up, {
      conversationId: "conv",
      receipts: [{ seq: 1, recipients: 2, delivered: 2, read: 2, editSeen: 1 }],
    });
    expect(down).toBe(up);
  });
});

describe("editSeenWatermark", () => {
  // Imported lazily: edit-seen.ts is a client module (React hooks) whose pure rule is tested here.
  const load = async () => (await import("@/lib/client/conversation/edit-seen")).editSeenWatermark;

  it("claims the newest seen edit when nothing is unseen", async () => {
    const w = await load();
    expect(w([], [3, 9, 5])).toBe(9);
    expect(w([], [])).toBe(0);
  });

  it("stays below the oldest unseen edit", async () => {
    const w = await load();
    expect(w([7], [3, 9])).toBe(6);
    expect(w([4, 7], [3, 9])).toBe(3);
    expect(w([1], [9])).toBe(0);
  });

  it("never claims past what was seen, and never an unseen edit (property)", async () => {
    const w = await load();
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 40 }), { maxLength: 8 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 40 }), { maxLength: 8 }),
        (unseen, seen) => {
          const mark = w(unseen, seen);
          expect(mark).toBeGreaterThanOrEqual(0);
          expect(mark).toBeLessThanOrEqual(Math.max(0, ...seen));
          for (const u of unseen) expect(mark, `claims unseen edit ${u}`).toBeLessThan(u);
        },
      ),
      fuzz(300),
    );
  });
});

describe("toggleReaction", () => {
  const load = async () => (await import("@/lib/client/conversation/message-actions")).toggleReaction;
  const thumbs = (users = [bob]): ReactionSummary => ({ emoji: "👍", count: users.length, users });

  it("on adds me to the emoji (or a new emoji), once", async () => {
    const toggle = await load();
    expect(toggle(undefined, "👍", alice, true)).toEqual([
      { emoji: "👍", count: 1, users: [alice], me: true },
    ]);
    const both = toggle([thumbs()], "👍", alice, true);
    expect(both).toEqual([{ emoji: "👍", count: 2, users: [bob, alice], me: true }]);
    expect(toggle(both, "👍", alice, true)).toBe(both);
    expect(toggle([thumbs()], "❤️", alice, true)).toEqual([
      thumbs(),
      { emoji: "❤️", count: 1, users: [alice], me: true },
    ]);
  });

  it("off takes me off, drops an emoji nobody uses, and does nothing if I wasn't on it", async () => {
    const toggle = await load();
    expect(toggle([thumbs([bob, alice])], "👍", alice, false)).toEqual([{ ...thumbs([bob]), me: false }]);
    expect(toggle([thumbs([alice])], "👍", alice, false)).toEqual([]);
    const list = [thumbs([bob])];
    expect(toggle(list, "👍", alice, false)).toBe(list);
    expect(toggle(undefined, "👍", alice, false)).toEqual([]);
  });

  it("knows I reacted when the server said so, though I'm not among the people listed", async () => {
    const toggle = await load();
    // 40 people reacted; the first ten are listed, and I'm the 31st.
    const crowd: ReactionSummary = { emoji: "👍", count: 40, users: [bob, carol], me: true };
    expect(toggle([crowd], "👍", alice, true)).toEqual([crowd]);
    expect(toggle([crowd], "👍", alice, false)).toEqual([{ ...crowd, count: 39, me: false }]);
  });

  it("on then off ends where it began; counts never go negative (property)", async () => {
    const toggle = await load();
    // One viewer's toggles (others' arrive from the server, whole).
    const user = fc.constant(alice);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(user, fc.constantFrom("👍", "❤️"), fc.boolean()), { maxLength: 12 }),
        (ops) => {
          let list: ReactionSummary[] = [];
          for (const [u, e, on] of ops) list = toggle(list, e, u, on);
          for (const r of list) {
            expect(r.count).toBeGreaterThan(0);
            expect(r.count).toBe(r.users.length);
            expect(new Set(r.users.map((x) => x.id)).size).toBe(r.users.length);
          }
          const before = list;
          const on = toggle(before, "🎉", alice, true);
          expect(toggle(on, "🎉", alice, false)).toEqual(before);
        },
      ),
      fuzz(200),
    );
  });
});

describe("countEditSeen", () => {
  it("counts recipients (joined before the message) whose edit-seen watermark reached the edit", () => {
    const groups = [
      { editSeenSeq: 10, joinedSeq: 0, count: 2 },
      { editSeenSeq: 6, joinedSeq: 0, count: 1 }, // saw an older edit only
      { editSeenSeq: 12, joinedSeq: 5, count: 3 }, // joined after the message: not its recipients
    ];
    expect(countEditSeen({ seq: 4, editSeq: 8 }, groups, null)).toBe(2);
    expect(countEditSeen({ seq: 6, editSeq: 8 }, groups, null)).toBe(5);
    expect(countEditSeen({ seq: 4, editSeq: 11 }, groups, null)).toBe(0);
  });

  it("is private like reads: a viewer capped in a direct chat sees none", () => {
    expect(countEditSeen({ seq: 1, editSeq: 2 }, [{ editSeenSeq: 5, joinedSeq: 0, count: 1 }], 10)).toBe(0);
  });
});

describe("countReceipts across membership changes", () => {
  const member = (g: Partial<WatermarkGroup>): WatermarkGroup => ({
    deliveredSeq: 0,
    publicReadSeq: 0,
    joinedSeq: 0,
    count: 1,
    ...g,
  });
  const former = (f: Partial<FormerWindow>): FormerWindow => ({
    joinedSeq: 0,
    leftSeq: 0,
    deliveredSeq: 0,
    publicReadSeq: 0,
    ...f,
  });

  it("a former member counts for messages in their window (joinedSeq < seq ≤ leftSeq), with frozen watermarks", () => {
    // Bob was a member from the start until the line at seq 5, having read up to 3.
    const counts = countReceipts({
      seqs: [2, 3, 4, 6],
      groups: [],
      otherMembers: 0,
      readCap: null,
      formers: [former({ joinedSeq: 0, leftSeq: 5, deliveredSeq: 4, publicReadSeq: 3 })],
    });
    expect(counts.get(2)).toEqual({ recipients: 1, delivered: 1, read: 1 });
    expect(counts.get(3)).toEqual({ recipients: 1, delivered: 1, read: 1 });
    expect(counts.get(4)).toEqual({ recipients: 1, delivered: 1, read: 0 });
    expect(counts.get(6)).toEqual({ recipients: 0, delivered: 0, read: 0 });
  });

  it("someone added later is a recipient only of what came after they joined", () => {
    const counts = countReceipts({
      seqs: [3, 8],
      groups: [member({ joinedSeq: 5, deliveredSeq: 8, publicReadSeq: 8 })],
      otherMembers: 1,
      readCap: null,
    });
    expect(counts.get(3)).toEqual({ recipients: 0, delivered: 0, read: 0 });
    expect(counts.get(8)).toEqual({ recipients: 1, delivered: 1, read: 1 });
  });

  it("removed then added again: recipient in both windows, not in between", () => {
    const counts = countReceipts({
      seqs: [2, 6, 9],
      groups: [member({ joinedSeq: 7, deliveredSeq: 9, publicReadSeq: 9 })],
      otherMembers: 1,
      readCap: null,
      formers: [former({ joinedSeq: 0, leftSeq: 4, deliveredSeq: 2, publicReadSeq: 2 })],
    });
    expect(counts.get(2)).toEqual({ recipients: 1, delivered: 1, read: 1 });
    expect(counts.get(6)).toEqual({ recipients: 0, delivered: 0, read: 0 });
    expect(counts.get(9)).toEqual({ recipients: 1, delivered: 1, read: 1 });
  });

  it("a member leaving never lowers a message's counts (property: current vs. frozen copy)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }), // message seq
        fc.integer({ min: 0, max: 10 }), // joined
        fc.integer({ min: 0, max: 12 }), // delivered
        fc.integer({ min: 0, max: 12 }), // read
        (seq, joinedSeq, d, r) => {
          const deliveredSeq = Math.max(d, r);
          const publicReadSeq = Math.min(r, deliveredSeq);
          const leftSeq = 12; // the line that removes them comes after everything here
          const before = countReceipts({
            seqs: [seq],
            groups: [member({ joinedSeq: joinedSeq >= seq ? joinedSeq : 0, deliveredSeq, publicReadSeq })],
            otherMembers: 1,
            readCap: null,
          }).get(seq)!;
          const after = countReceipts({
            seqs: [seq],
            groups: [],
            otherMembers: 0,
            readCap: null,
            formers: [former({ joinedSeq, leftSeq, deliveredSeq, publicReadSeq })],
          }).get(seq)!;
          expect(after).toEqual(before);
        },
      ),
      fuzz(300),
    );
  });
});

describe("AckCoalescer with editSeen", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(1_000_000);
  });
  afterEach(() => vi.useRealTimers());

  function setup(fail?: () => boolean) {
    const requests: AckEntry[][] = [];
    const queue = new AckCoalescer({
      windowMs: 300,
      retryMs: 3000,
      now: () => Date.now(),
      onError: () => "retry",
      post: async (batch) => {
        requests.push(batch);
        if (fail?.()) throw new Error("offline");
        return batch.map((e): AckEntryResult => ({
          conversationId: e.conversationId,
          deliveredSeq: 0,
          readSeq: 0,
        }));
      },
    });
    return { queue, requests };
  }

  it("rides along with delivered and read in the same entry", async () => {
    const { queue, requests } = setup();
    queue.ack("c", "read", 4);
    queue.ack("c", "editSeen", 9);
    queue.ack("d", "editSeen", 3);
    await vi.advanceTimersByTimeAsync(0);
    expect(requests).toEqual([
      [
        { conversationId: "c", read: 4, editSeen: 9 },
        { conversationId: "d", editSeen: 3 },
      ],
    ]);
  });

  it("sends only the highest, and never the same editSeen twice", async () => {
    const { queue, requests } = setup();
    queue.ack("c", "editSeen", 5);
    await vi.advanceTimersByTimeAsync(0);
    queue.ack("c", "editSeen", 3);
    queue.ack("c", "editSeen", 5);
    await vi.advanceTimersByTimeAsync(5000);
    expect(requests).toEqual([[{ conversationId: "c", editSeen: 5 }]]);
    queue.ack("c", "editSeen", 7);
    queue.ack("c", "editSeen", 6);
    await vi.advanceTimersByTimeAsync(5000);
    expect(requests.at(-1)).toEqual([{ conversationId: "c", editSeen: 7 }]);
    expect(requests).toHaveLength(2);
  });

  it("a server mark for delivered/read doesn't count as an editSeen ack", async () => {
    const { queue, requests } = setup();
    queue.noteServerMarks("c", { deliveredSeq: 50, readSeq: 50 });
    queue.ack("c", "editSeen", 4);
    await vi.advanceTimersByTimeAsync(0);
    expect(requests).toEqual([[{ conversationId: "c", editSeen: 4 }]]);
  });

  it("retries a failed editSeen once, then not again", async () => {
    let failing = true;
    const { queue, requests } = setup(() => failing);
    queue.ack("c", "editSeen", 2);
    await vi.advanceTimersByTimeAsync(0);
    failing = false;
    await vi.advanceTimersByTimeAsync(4000);
    await vi.advanceTimersByTimeAsync(10000);
    expect(requests).toEqual([
      [{ conversationId: "c", editSeen: 2 }],
      [{ conversationId: "c", editSeen: 2 }],
    ]);
  });
});

describe("whether I reacted (my-reactions)", () => {
  const load = () => import("@/lib/client/conversation/my-reactions");
  const thumbs = (users: (typeof alice)[], me?: boolean): ReactionSummary => ({
    emoji: "👍",
    count: users.length + 30,
    users,
    ...(me === undefined ? {} : { me }),
  });

  it("takes the server's word, else looks among the people listed", async () => {
    const { isMine } = await load();
    expect(isMine(thumbs([bob], true), alice.id)).toBe(true);
    expect(isMine(thumbs([alice], false), alice.id)).toBe(false);
    expect(isMine(thumbs([alice]), alice.id)).toBe(true);
    expect(isMine(thumbs([bob]), alice.id)).toBe(false);
  });

  it("an event's summaries (the same for everyone) keep what this view knew", async () => {
    const { keepMine } = await load();
    const held = [thumbs([bob], true)];
    const heard = [thumbs([bob, carol]), { emoji: "❤️", count: 1, users: [carol] }];
    expect(keepMine(heard, held)).toEqual([thumbs([bob, carol], true), heard[1]]);
    // A copy that says (a fetch, as I see it) wins.
    const fetched = [thumbs([bob], false)];
    expect(keepMine(fetched, held)).toBe(fetched);
  });

  it("my own toggle from another tab settles it; someone else's changes nothing of mine", async () => {
    const { withMyToggle } = await load();
    const heard = [thumbs([bob]), { emoji: "❤️", count: 1, users: [carol] }];
    expect(withMyToggle(heard, { userId: alice.id, emoji: "👍", on: true }, alice.id)).toEqual([
      thumbs([bob], true),
      heard[1],
    ]);
    expect(withMyToggle(heard, { userId: bob.id, emoji: "👍", on: false }, alice.id)).toBe(heard);
  });
});
