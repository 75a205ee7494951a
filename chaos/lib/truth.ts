// What the database holds, read straight from the file (a second connection, as any other process
// may open it): the truth every client is compared with.
import { createClient, type Client } from "@libsql/client";
import type { HeldMessage } from "./protocol";

export type TruthMessage = HeldMessage & { kind: string };

export type TruthMember = {
  conversationId: string;
  userId: string;
  joinedSeq: number;
  deliveredSeq: number;
  readSeq: number;
  publicReadSeq: number;
  peerReadCap: number | null;
};

export type TruthFormer = {
  conversationId: string;
  userId: string;
  joinedSeq: number;
  leftSeq: number;
  deliveredSeq: number;
  publicReadSeq: number;
};

export type Truth = {
  conversations: { id: string; kind: string; lastSeq: number }[];
  messages: TruthMessage[];
  members: TruthMember[];
  formers: TruthFormer[];
};

async function withDb<T>(file: string, fn: (db: Client) => Promise<T>): Promise<T> {
  const db = createClient({ url: `file:${file}` });
  try {
    await db.execute("PRAGMA busy_timeout = 10000");
    return await fn(db);
  } finally {
    db.close();
  }
}

const rows = <T>(result: { rows: unknown[] }) => result.rows.map((r) => ({ ...(r as object) }) as T);

/** One read transaction, so the messages, members and conversations agree with each other. */
export function readTruth(file: string): Promise<Truth> {
  return withDb(file, async (db) => {
    const [conversations, messages, members, formers] = await db.batch(
      [
        `SELECT id, kind, lastSeq FROM "Conversation"`,
        `SELECT conversationId, seq, id, senderId, clientId, body, kind FROM "Message" ORDER BY conversationId, seq`,
        `SELECT conversationId, userId, joinedSeq, deliveredSeq, readSeq, publicReadSeq, peerReadCap FROM "Member"`,
        `SELECT conversationId, userId, joinedSeq, leftSeq, deliveredSeq, publicReadSeq FROM "FormerMember"`,
      ],
      "read",
    );
    return {
      conversations: rows(conversations!),
      messages: rows(messages!),
      members: rows(members!),
      formers: rows(formers!),
    };
  });
}

/** The members' watermarks now (polled through the run: none may ever go down). */
export function readWatermarks(file: string): Promise<TruthMember[]> {
  return withDb(file, async (db) =>
    rows<TruthMember>(
      await db.execute(`SELECT conversationId, userId, deliveredSeq, readSeq, publicReadSeq FROM "Member"`),
    ),
  );
}
