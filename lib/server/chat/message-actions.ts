import "server-only";
import type { Message, MessageChangedEvent } from "@/lib/core/types";
import { EDIT_WINDOW_MINUTES } from "@/lib/core/validations/limits";
import {
  deleteForEveryone,
  editBody,
  hideForUser,
  memberIdsOf,
  react,
  type Changed,
} from "@/lib/server/db/message-changes";
import { findMessageBySeq, type MessageRow } from "@/lib/server/db/messages";
import { env } from "@/lib/server/env";
import { AppError, forbidden, notFound } from "@/lib/server/errors";
import { notifyMessageChanged, notifyMessageHidden } from "@/lib/server/realtime/notify";
import { requireMembership, requireReader } from "./access";
import { deleteDetached, detachedFilesDate } from "./attachments";
import { present } from "./messages";
import { forEveryone } from "./serialize";

// What people do with a message after sending it (docs/architecture.md, "Changes"). Each is
// authorised (only the sender edits or deletes for everyone; any member reacts; admins manage
// members, never rewrite messages), idempotent, and — when something changed — told to every member
// as `message.changed`, which moves no unread count and notifies nobody.

type Target = { userId: string; conversationId: string; seq: number; socketId?: string };

/** The message as the caller may act on it: an existing person's message, not a system line. */
async function targetOf(conversationId: string, seq: number): Promise<MessageRow> {
  const row = await findMessageBySeq(conversationId, seq);
  if (!row || row.kind !== "text") throw notFound("No such message");
  return row;
}

/** Edits my own message within the edit window; the same text again changes nothing. */
export async function editMessage(input: Target & { body: string }): Promise<Message> {
  const { conversation } = await requireMembership(input.conversationId, input.userId);
  const row = await targetOf(conversation.id, input.seq);
  if (row.sender.id !== input.userId) throw forbidden("Only its sender can edit a message");
  if (row.deletedAt) throw new AppError("conflict", "This message was deleted");
  const minutes = env().EDIT_WINDOW_MINUTES ?? EDIT_WINDOW_MINUTES;
  if (Date.now() - row.createdAt.getTime() > minutes * 60_000) {
    throw new AppError("conflict", `Messages can be edited for ${minutes} minutes after sending`);
  }
  const result = await editBody({ conversationId: conversation.id, seq: input.seq, body: input.body });
  return announce(input, result);
}

/**
 * Deletes a message: for everyone (my own only: its text, quote and reactions are gone from the
 * database, a tombstone keeps its place) or for me (any message I can see: hidden from me only).
 */
export async function deleteMessage(input: Target & { for: "everyone" | "me" }): Promise<Message | null> {
  if (input.for === "me") {
    const reader = await requireReader(input.conversationId, input.userId);
    const conversationId = reader.member?.conversation.id ?? input.conversationId;
    const row = await findMessageBySeq(conversationId, input.seq);
    if (!row || (reader.upTo !== null && input.seq > reader.upTo)) throw notFound("No such message");
    if (await hideForUser({ userId: input.userId, conversationId, seq: input.seq })) {
      await notifyMessageHidden(input.userId, { conversationId, seq: input.seq }, input.socketId);
    }
    return null;
  }
  const { conversation } = await requireMembership(input.conversationId, input.userId);
  const row = await targetOf(conversation.id, input.seq);
  if (row.sender.id !== input.userId) throw forbidden("Only its sender can delete a message for everyone");
  const result = await deleteForEveryone({
    conversationId: conversation.id,
    seq: input.seq,
    filesOrphanedAt: detachedFilesDate(),
  });
  // After the commit: the files' objects go too (the store down: orphan cleanup takes them).
  await deleteDetached(result?.files ?? []);
  return announce(input, result);
}

/** Puts my reaction on a message or takes it off (saying which, so a retry can't flip it back). */
export async function reactToMessage(input: Target & { emoji: string; on: boolean }): Promise<Message> {
  const { conversation } = await requireMembership(input.conversationId, input.userId);
  const row = await targetOf(conversation.id, input.seq);
  if (row.deletedAt) throw new AppError("conflict", "This message was deleted");
  const result = await react({
    conversationId: conversation.id,
    seq: input.seq,
    userId: input.userId,
    emoji: input.emoji,
    on: input.on,
  });
  if (result?.tooMany)
    throw new AppError("unprocessable", "That's as many different reactions as one person can add");
  return announce(input, result, { userId: input.userId, emoji: input.emoji, on: input.on });
}

/** After a change: every member hears it; the caller gets the message as they see it. */
async function announce(
  input: Target,
  result: Changed | null,
  reaction?: MessageChangedEvent["reaction"],
): Promise<Message> {
  if (!result) throw notFound("No such message");
  const [mine] = await present(result.row.conversationId, input.userId, [result.row]);
  if (result.changed) {
    // The same for everyone: quotes and reactions don't depend on who asks; receipts and whether
    // I reacted do (each client keeps its own, and hears who toggled what) — no second read of the
    // same message.
    const neutral = forEveryone(mine!);
    await notifyMessageChanged({
      memberIds: await memberIdsOf(result.row.conversationId),
      event: {
        conversationId: result.row.conversationId,
        changeSeq: result.row.changeSeq,
        message: neutral,
        ...(reaction ? { reaction } : {}),
      },
      socketId: input.socketId,
    });
  }
  return mine!;
}
