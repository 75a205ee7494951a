import "server-only";
import { REACTIONS_PER_USER } from "@/lib/core/validations/limits";
import { prisma, type Tx } from "./client";
import { messageSelect, type MessageRow } from "./messages";
import { detachAttachmentsIn } from "./attachments";
import { countOwnReactions, deleteReactionsOf, hasReaction, setReaction } from "./reactions";

// Changes to messages that exist: each takes the conversation's next change sequence and records
// it on the message, in one transaction with the change itself (docs/architecture.md, "Changes").

export type Changed = { row: MessageRow; changed: boolean };

async function nextChangeSeq(tx: Tx, conversationId: string): Promise<number> {
  const [row] = await tx.$queryRaw<{ changeSeq: number }[]>`
    UPDATE "Conversation" SET "changeSeq" = "changeSeq" + 1 WHERE "id" = ${conversationId}
    RETURNING "changeSeq"`;
  if (!row) throw new Error("no such conversation");
  return Number(row.changeSeq);
}

function current(tx: Tx, conversationId: string, seq: number) {
  return tx.message.findUnique({
    where: { conversationId_seq: { conversationId, seq } },
    select: messageSelect,
  });
}

/** Replaces a message's text; unchanged (and no change sequence taken) when it is the same text. */
export function editBody(input: { conversationId: string; seq: number; body: string }) {
  return prisma.$transaction(async (tx): Promise<Changed | null> => {
    const row = await current(tx, input.conversationId, input.seq);
    if (!row) return null;
    if (row.body === input.body) return { row, changed: false };
    const changeSeq = await nextChangeSeq(tx, input.conversationId);
    const edited = await tx.message.update({
      where: { conversationId_seq: { conversationId: input.conversationId, seq: input.seq } },
      data: { body: input.body, editedAt: new Date(), editSeq: changeSeq, changeSeq },
      select: messageSelect,
    });
    return { row: edited, changed: true };
  });
}

/**
 * Deletes a message for everyone: its text and reactions are removed from the database (not
 * hidden); the row stays as a tombstone that keeps its place and seq. Its attachments are let go
 * in the same transaction, dated `filesOrphanedAt` (past the orphan age): from the commit no link
 * is given for them; the caller deletes their objects (`files`), or orphan cleanup does. Idempotent.
 */
export function deleteForEveryone(input: { conversationId: string; seq: number; filesOrphanedAt: Date }) {
  return prisma.$transaction(
    async (tx): Promise<(Changed & { files: { id: string; key: string }[] }) | null> => {
      const row = await current(tx, input.conversationId, input.seq);
      if (!row) return null;
      if (row.deletedAt) return { row, changed: false, files: [] };
      const changeSeq = await nextChangeSeq(tx, input.conversationId);
      const files = await detachAttachmentsIn(tx, [row.id], input.filesOrphanedAt);
      await deleteReactionsOf(tx, input.conversationId, input.seq);
      const deleted = await tx.message.update({
        where: { conversationId_seq: { conversationId: input.conversationId, seq: input.seq } },
        // The text and the quote it carried go; the row stays as the tombstone.
        data: { body: "", replyToSeq: null, deletedAt: new Date(), changeSeq },
        select: messageSelect,
      });
      return { row: deleted, changed: true, files };
    },
  );
}

/** Hides a message from one user ("delete for me"); true when it wasn't hidden yet. */
export async function hideForUser(input: { userId: string; conversationId: string; seq: number }) {
  const added = await prisma.$executeRaw`
    INSERT OR IGNORE INTO "HiddenMessage" ("userId", "conversationId", "seq")
    VALUES (${input.userId}, ${input.conversationId}, ${input.seq})`;
  return added > 0;
}

/**
 * Puts one person's reaction on a message or takes it off. A change takes a change sequence;
 * asking for what is already so changes nothing. `tooMany` when they already use as many emoji
 * there as one person may.
 */
export function react(input: {
  conversationId: string;
  seq: number;
  userId: string;
  emoji: string;
  on: boolean;
}) {
  return prisma.$transaction(async (tx): Promise<(Changed & { tooMany?: true }) | null> => {
    const row = await current(tx, input.conversationId, input.seq);
    if (!row) return null;
    // Already so (a retry of a request that went through): nothing changes, whatever the limit.
    if ((await hasReaction(tx, input)) === input.on) return { row, changed: false };
    if (
      input.on &&
      (await countOwnReactions(tx, input.conversationId, input.seq, input.userId)) >= REACTIONS_PER_USER
    ) {
      return { row, changed: false, tooMany: true };
    }
    if (!(await setReaction(tx, input))) return { row, changed: false };
    const changeSeq = await nextChangeSeq(tx, input.conversationId);
    const touched = await tx.message.update({
      where: { conversationId_seq: { conversationId: input.conversationId, seq: input.seq } },
      data: { changeSeq },
      select: messageSelect,
    });
    return { row: touched, changed: true };
  });
}

/** Every current member's id: who hears of a change (the fan-out is one channel per member). */
export async function memberIdsOf(conversationId: string): Promise<string[]> {
  const rows = await prisma.member.findMany({ where: { conversationId }, select: { userId: true } });
  return rows.map((r) => r.userId);
}
