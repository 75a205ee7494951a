// The operations the scale scenario measures, as a signed-in browser makes them, each with the
// count check its answer must pass (the seeded plan says what it must contain).
import { randomUUID } from "node:crypto";
import { PAGE_SIZE } from "../../../lib/core/validations/limits";
import type { LoadRequest } from "../load";
import type { WorldPlan } from "../seed/world";

export const OP_NAMES = [
  "list",
  "open",
  "older",
  "catchUp",
  "infoRecent",
  "infoOld",
  "search",
  "ack",
  "send",
] as const;
export type OpName = (typeof OP_NAMES)[number];

export const OP_LABELS: Record<OpName, string> = {
  list: "conversation list",
  open: "open conversation",
  older: "load older (?before=, anywhere in history)",
  catchUp: "catch-up (?after=, near the end)",
  infoRecent: "message info, latest own message",
  infoOld: "message info, older own messages",
  search: "user search (?q=)",
  ack: "ack (moves the read watermark)",
  send: "send",
};

/** For chart legends. */
export const SHORT_LABELS: Record<OpName, string> = {
  list: "list",
  open: "open",
  older: "older page",
  catchUp: "catch-up",
  infoRecent: "info, latest",
  infoOld: "info, older",
  search: "user search",
  ack: "ack",
  send: "send",
};

export type AckRoute = "batch" | "per-conversation";

export type OpDef = {
  name: OpName;
  status: number;
  make: (i: number) => LoadRequest;
  /** A problem with one kept answer, or null. */
  check: (json: unknown, i: number) => string | null;
};

/** What every answer is read as (only the fields the checks look at). */
type Msg = { seq: number };
type Answer = {
  conversations?: { id: string; lastSeq: number; unreadCount: number }[];
  conversation?: { id: string; lastSeq: number };
  messages?: Msg[];
  recipients?: unknown[];
  next?: string | null;
  message?: Msg;
  users?: { id: string }[];
};

const SEARCH = "user_1";
/** Message info's page of recipients (RECIPIENTS_PAGE in lib/server/chat/message-receipts.ts, server-only). */
const RECIPIENTS_PAGE = 50;

export function opDefs(plan: WorldPlan, ackRoute: AckRoute): OpDef[] {
  const c = plan.measured.conversation;
  const base = `/api/conversations/${c.id}`;
  const H = c.history;
  const recipients = c.memberKs.length - 1;
  /** Message info answers one page of recipients, and says where the next starts if there is one. */
  const infoPage = (a: Answer) =>
    expect(
      a.recipients?.length === Math.min(RECIPIENTS_PAGE, recipients) &&
        (a.next != null) === recipients > RECIPIENTS_PAGE,
      `${a.recipients?.length} recipients (next ${a.next ?? "none"}), planned ${recipients} in pages of ${RECIPIENTS_PAGE}`,
    );
  const own = plan.measured.ownSeqs;
  const oldOwn = own.length > 1 ? own.slice(0, -1) : own;
  const latestOwn = own.at(-1) ?? 1;
  const searchHits = plan.users.filter(
    (u) => u.k !== 0 && (u.username.includes(SEARCH) || u.name.toLowerCase().includes(SEARCH)),
  ).length;
  const pages = (a: Answer) => a.messages?.map((m) => m.seq) ?? [];
  const expect = (ok: boolean, what: string) => (ok ? null : what);
  /** Pages end anywhere between PAGE_SIZE + 1 and H: a spread that no cache holds whole. */
  const before = (i: number) => PAGE_SIZE + 1 + ((i * 104_729) % Math.max(1, H - PAGE_SIZE));
  const after = (i: number) => Math.max(0, H - 10 - (i % 90));
  const startRead = plan.measured.readSeq;

  return [
    {
      name: "list",
      status: 200,
      make: () => ({ method: "GET", path: "/api/conversations" }),
      check: (json) => {
        const list = (json as Answer).conversations ?? [];
        const mine = list.find((x) => x.id === c.id);
        return (
          expect(
            list.length === plan.measured.conversationCount,
            `${list.length} conversations, planned ${plan.measured.conversationCount}`,
          ) ??
          expect(mine?.lastSeq === H, `measured conversation lastSeq ${mine?.lastSeq}, planned ${H}`) ??
          expect(mine?.unreadCount === H - startRead, `unread ${mine?.unreadCount}, planned ${H - startRead}`)
        );
      },
    },
    {
      name: "open",
      status: 200,
      make: () => ({ method: "GET", path: base }),
      check: (json) => {
        const seqs = pages(json as Answer);
        return (
          expect(seqs.length === Math.min(PAGE_SIZE, H), `${seqs.length} messages on the first page`) ??
          expect(seqs.at(-1) === H, `last message ${seqs.at(-1)}, planned ${H}`)
        );
      },
    },
    {
      name: "older",
      status: 200,
      make: (i) => ({ method: "GET", path: `${base}/messages?before=${before(i)}` }),
      check: (json, i) => {
        const seqs = pages(json as Answer);
        return expect(
          seqs.length === PAGE_SIZE && seqs.at(-1) === before(i) - 1,
          `before=${before(i)}: ${seqs.length} messages ending at ${seqs.at(-1)}`,
        );
      },
    },
    {
      name: "catchUp",
      status: 200,
      make: (i) => ({ method: "GET", path: `${base}/messages?after=${after(i)}` }),
      check: (json, i) => {
        const seqs = pages(json as Answer);
        const want = Math.min(PAGE_SIZE, H - after(i));
        return expect(
          seqs.length === want && seqs[0] === after(i) + 1,
          `after=${after(i)}: ${seqs.length} messages from ${seqs[0]}, planned ${want}`,
        );
      },
    },
    {
      name: "infoRecent",
      status: 200,
      make: () => ({ method: "GET", path: `${base}/messages/${latestOwn}/receipts` }),
      check: (json) => {
        const a = json as Answer;
        return (
          expect(a.message?.seq === latestOwn, `seq ${a.message?.seq}, planned ${latestOwn}`) ?? infoPage(a)
        );
      },
    },
    {
      name: "infoOld",
      status: 200,
      make: (i) => ({ method: "GET", path: `${base}/messages/${oldOwn[i % oldOwn.length]}/receipts` }),
      check: (json) => infoPage(json as Answer),
    },
    {
      name: "search",
      status: 200,
      make: () => ({ method: "GET", path: `/api/users?q=${SEARCH}` }),
      check: (json) => {
        const n = (json as Answer).users?.length;
        return expect(
          n === Math.min(20, searchHits),
          `${n} users found, planned ${Math.min(20, searchHits)}`,
        );
      },
    },
    {
      name: "ack",
      status: 200,
      // Each ack moves the watermark one message further (out-of-order arrivals change nothing).
      make: (i) =>
        ackRoute === "batch"
          ? {
              method: "POST",
              path: "/api/delivered",
              body: {
                marks: [{ conversationId: c.id, delivered: startRead + 1 + i, read: startRead + 1 + i }],
              },
            }
          : { method: "POST", path: `${base}/read`, body: { upTo: startRead + 1 + i } },
      check: () => null,
    },
    {
      name: "send",
      status: 201,
      make: (i) => ({
        method: "POST",
        path: `${base}/messages`,
        body: { body: `Scale test message ${i}: a line of about the usual length.`, clientId: randomUUID() },
      }),
      check: (json) => expect(typeof (json as Answer).message?.seq === "number", "no message in the answer"),
    },
  ];
}
