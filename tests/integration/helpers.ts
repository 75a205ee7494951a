// Calls the real route handlers as a given user and keeps the tests short. Every response passes
// through `call`, which also checks that no answer ever carries a password hash.
import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import * as attachmentRoute from "@/app/api/conversations/[id]/attachments/[attachmentId]/route";
import * as conversationRoute from "@/app/api/conversations/[id]/route";
import * as uploadsRoute from "@/app/api/conversations/[id]/uploads/route";
import * as cleanupRoute from "@/app/api/cron/cleanup-uploads/route";
import * as deliveredRoute from "@/pages/api/conversations/[id]/delivered";
import * as batchAckRoute from "@/pages/api/delivered";
import * as messageReceiptsRoute from "@/app/api/conversations/[id]/messages/[seq]/receipts/route";
import * as messagesRoute from "@/pages/api/conversations/[id]/messages";
import * as messageRoute from "@/app/api/conversations/[id]/messages/[seq]/route";
import * as reactionsRoute from "@/app/api/conversations/[id]/messages/[seq]/reactions/route";
import * as changesRoute from "@/app/api/conversations/[id]/changes/route";
import * as membersRoute from "@/app/api/conversations/[id]/members/route";
import * as memberRoute from "@/app/api/conversations/[id]/members/[userId]/route";
import * as readRoute from "@/pages/api/conversations/[id]/read";
import * as conversationsRoute from "@/app/api/conversations/route";
import * as healthRoute from "@/app/api/health/route";
import * as pusherAuthRoute from "@/app/api/pusher/auth/route";
import * as pusherUserAuthRoute from "@/app/api/pusher/user-auth/route";
import * as pusherWebhooksRoute from "@/app/api/pusher/webhooks/route";
import * as registerRoute from "@/app/api/register/route";
import * as usersRoute from "@/app/api/users/route";
import * as searchRoute from "@/app/api/search/route";
import { registerUser } from "@/lib/server/auth/register";
import { prisma } from "@/lib/server/db/client";
import type { SessionUser } from "@/lib/server/auth/session";
import type {
  AckResult,
  ConversationDetail,
  ConversationSummary,
  Message,
  MessageInfo,
} from "@/lib/core/types";
import { runAs } from "./session";

export const routes = {
  conversations: conversationsRoute,
  conversation: conversationRoute,
  messages: messagesRoute,
  message: messageRoute,
  reactions: reactionsRoute,
  changes: changesRoute,
  members: membersRoute,
  member: memberRoute,
  messageReceipts: messageReceiptsRoute,
  delivered: deliveredRoute,
  batchAck: batchAckRoute,
  read: readRoute,
  pusherAuth: pusherAuthRoute,
  pusherUserAuth: pusherUserAuthRoute,
  pusherWebhooks: pusherWebhooksRoute,
  users: usersRoute,
  search: searchRoute,
  register: registerRoute,
  health: healthRoute,
  uploads: uploadsRoute,
  attachment: attachmentRoute,
  cleanupUploads: cleanupRoute,
};

export type TestUser = SessionUser;

/** Every dynamic segment our routes have; each handler reads the ones its path declares. */
type RouteParams = { id: string; seq: string; attachmentId: string; userId: string };

type Handler = (request: Request, context: { params: Promise<RouteParams> }) => Promise<Response>;

export type CallOptions = {
  method?: string;
  /** Path of the request URL; query parameters may be added with `query`. */
  path?: string;
  query?: Record<string, string | number>;
  /** JSON-encoded unless it is already a string (sent as is). */
  body?: unknown;
  headers?: Record<string, string>;
  /** The `[id]` route parameter. */
  id?: string;
  /** The `[seq]` route parameter (a string, as Next.js passes it). */
  seq?: string | number;
  /** The `[attachmentId]` route parameter. */
  attachmentId?: string;
  /** The `[userId]` route parameter (members/[userId]). */
  userId?: string;
};

// Any JSON answer (tests assert on its shape).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export type Answer = { status: number; json: Json; text: string; headers: Headers };

/** One request to a route handler, as `user` (null: signed out). */
export async function call(
  user: TestUser | null,
  handler: Handler,
  options: CallOptions = {},
): Promise<Answer> {
  const url = new URL(options.path ?? "/api/test", "http://localhost");
  for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, String(value));
  const hasBody = options.body !== undefined;
  const request = new Request(url, {
    method: options.method ?? (hasBody ? "POST" : "GET"),
    headers: { ...(hasBody ? { "content-type": "application/json" } : {}), ...options.headers },
    body: hasBody
      ? typeof options.body === "string"
        ? options.body
        : JSON.stringify(options.body)
      : undefined,
  });
  const response = await runAs(user, () =>
    handler(request, {
      params: Promise.resolve({
        id: options.id ?? "",
        seq: String(options.seq ?? ""),
        attachmentId: options.attachmentId ?? "",
        userId: options.userId ?? "",
      }),
    }),
  );
  const text = await response.text();
  // docs/architecture.md, "Receipts": passwordHash is never serialised, in any answer.
  expect(text).not.toMatch(/passwordHash|\$argon2/);
  const json: Json = text ? JSON.parse(text) : null;
  return { status: response.status, json, text, headers: response.headers };
}

/** Requests as one user: `as(alice).call(routes.messages.POST, { id, body })`. */
export function as(user: TestUser | null) {
  return {
    call: (handler: Handler, options?: CallOptions) => call(user, handler, options),
  };
}

export const anonymous = as(null);

/** A registered user (a member of the lobby), created by the real registration. */
export async function registerAs(username: string, name = username[0]!.toUpperCase() + username.slice(1)) {
  const user = await registerUser({ username, password: "correct horse battery", name });
  return { id: user.id, username: user.username, name: user.name } satisfies TestUser;
}

/** Registers users one after another (so they join the Lobby in this order). */
export async function registerAll<const Names extends readonly string[]>(
  ...names: Names
): Promise<{ -readonly [K in keyof Names]: TestUser }> {
  const users: TestUser[] = [];
  for (const name of names) users.push(await registerAs(name));
  return users as { -readonly [K in keyof Names]: TestUser };
}

export async function lobbyOf(user: TestUser): Promise<ConversationSummary> {
  const { json } = await as(user).call(routes.conversations.GET);
  const lobby = (json.conversations as ConversationSummary[]).find((c) => c.kind === "lobby");
  if (!lobby) throw new Error(`${user.username} has no lobby`);
  return lobby;
}

export async function startDirect(user: TestUser, other: TestUser): Promise<ConversationSummary> {
  const { status, json } = await as(user).call(routes.conversations.POST, {
    body: { kind: "direct", userId: other.id },
  });
  expect(status, JSON.stringify(json)).toBeLessThan(300);
  return json.conversation;
}

export async function startGroup(
  user: TestUser,
  title: string,
  members: TestUser[],
): Promise<ConversationSummary> {
  const { status, json } = await as(user).call(routes.conversations.POST, {
    body: { kind: "group", title, memberIds: members.map((m) => m.id) },
  });
  expect(status, JSON.stringify(json)).toBe(201);
  return json.conversation;
}

/** Sends a message and expects it stored (201). */
export async function send(
  user: TestUser,
  conversationId: string,
  body: string,
  extra: { clientId?: string; socketId?: string } = {},
): Promise<Message> {
  const { status, json } = await as(user).call(routes.messages.POST, {
    id: conversationId,
    body: {
      body,
      clientId: extra.clientId ?? randomUUID(),
      ...(extra.socketId ? { socketId: extra.socketId } : {}),
    },
  });
  expect(status, JSON.stringify(json)).toBe(201);
  return json.message;
}

/** Acknowledges `delivered` or `read` up to a seq; answers the watermarks after it. */
/** Acks in many conversations in one request (POST /api/delivered). */
export async function ackMany(
  user: TestUser,
  marks: { conversationId: string; delivered?: number; read?: number; editSeen?: number }[],
  socketId?: string,
): Promise<AckResult[]> {
  const { status, json } = await as(user).call(routes.batchAck.POST, {
    body: { marks, ...(socketId ? { socketId } : {}) },
  });
  expect(status, JSON.stringify(json)).toBe(200);
  return json.results;
}

export async function ack(
  user: TestUser,
  conversationId: string,
  kind: "delivered" | "read",
  upTo: number,
  socketId?: string,
): Promise<{ deliveredSeq: number; readSeq: number }> {
  const { status, json } = await as(user).call(routes[kind].POST, {
    id: conversationId,
    body: { upTo, ...(socketId ? { socketId } : {}) },
  });
  expect(status, JSON.stringify(json)).toBe(200);
  return json;
}

export async function messagesOf(
  user: TestUser,
  conversationId: string,
  query: Record<string, string | number> = {},
): Promise<{ messages: Message[]; hasMore: boolean }> {
  const { status, json } = await as(user).call(routes.messages.GET, { id: conversationId, query });
  expect(status, JSON.stringify(json)).toBe(200);
  return json;
}

export async function open(user: TestUser, conversationId: string): Promise<ConversationDetail> {
  const { status, json } = await as(user).call(routes.conversation.GET, { id: conversationId });
  expect(status, JSON.stringify(json)).toBe(200);
  return json;
}

/** A member's watermarks as stored: the truth every status is derived from. */
export async function watermarksOf(conversationId: string, member: TestUser) {
  const row = await prisma.member.findUnique({
    where: { conversationId_userId: { conversationId, userId: member.id } },
    select: { deliveredSeq: true, readSeq: true },
  });
  if (!row) throw new Error(`${member.username} is not a member`);
  return row;
}

export async function summaryOf(user: TestUser, conversationId: string): Promise<ConversationSummary> {
  const { json } = await as(user).call(routes.conversations.GET);
  const summary = (json.conversations as ConversationSummary[]).find((c) => c.id === conversationId);
  if (!summary) throw new Error(`${user.username} does not list ${conversationId}`);
  return summary;
}

/** Message info as its sender sees it: GET /api/conversations/[id]/messages/[seq]/receipts. */
export async function receiptsOf(
  user: TestUser,
  conversationId: string,
  seq: number,
  after?: string,
): Promise<MessageInfo> {
  const { status, json } = await as(user).call(routes.messageReceipts.GET, {
    id: conversationId,
    seq,
    ...(after ? { query: { after } } : {}),
  });
  expect(status, JSON.stringify(json)).toBe(200);
  return json;
}
