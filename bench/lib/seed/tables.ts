// THE column list of the seeder — the one place to touch when the schema changes. Each table is
// filled by one INSERT … SELECT from the plan (temporary tables _seed_*, see seed.ts) and, for
// messages and receipt marks, generate_series, so a million rows never cross into JavaScript.
//
// Tolerance: the seeder reads each table's columns (PRAGMA table_info) and sets those listed here
// that exist; a column listed here but not (yet) in the schema is skipped, and a column in the
// schema but not listed here is left to its default (peerReadCap: NULL, no cap, as everyone
// shares read receipts) — unless it is NOT NULL without one, which stops the seeder with a message
// naming this file. Rows look as the app writes them: DateTime as Prisma's libSQL adapter stores
// it (ISO text with +00:00), Booleans as 0/1, ids of cuid shape (idSchema accepts them).

/** Bump when the rows change (not for new columns: the migrations are part of the cache key). */
export const SEEDER_VERSION = 2;

/** Prisma's text form of a DateTime, from an SQL expression in epoch milliseconds. */
const iso = (ms: string) => `(strftime('%Y-%m-%dT%H:%M:%f', (${ms}) / 1000.0, 'unixepoch') || '+00:00')`;

/** When message `seq` of conversation `c` was sent (world.ts: evenly spaced up to endMs). */
const sentMs = (seq: string) => `(c.endMs - (c.history - (${seq})) * c.stepMs)`;

/** After receiving, an ack (delivered) takes 2 s and reading 5 s: marks and watermark times. */
const DELIVERED_AFTER_MS = 2000;
const READ_AFTER_MS = 5000;

/** world.ts senderIndex, in SQL: the index (in _seed_sender) of whoever sent message `seq`. */
const senderIndexSql = (seq: string) => {
  const turn = `(((${seq}) - 1) / c.burst) % c.active`;
  return `CASE WHEN (${seq}) > c.history - c.lag AND ${turn} = 0 THEN 1 % c.active ELSE ${turn} END`;
};

/** A member's delivered or read watermark, whichever `kinds.kind` names. */
const WATERMARK = "(CASE kinds.kind WHEN 'read' THEN m.readSeq ELSE m.deliveredSeq END)";

const MESSAGES = `_seed_conv c
  JOIN generate_series(1, c.history) g
  JOIN _seed_sender snd ON snd.convK = c.k AND snd.idx = ${senderIndexSql("g.value")}`;

export type TableFill = {
  table: string;
  /** FROM clause over the plan tables; `columns` use its aliases. */
  from: string;
  columns: Record<string, string>;
  /** INSERT OR IGNORE: receipt marks of a sender and of an ack can coincide (same primary key). */
  orIgnore?: boolean;
};

/** In insertion order (parents first). */
export const TABLES: TableFill[] = [
  {
    table: "User",
    from: "_seed_user u",
    columns: {
      id: "u.id",
      username: "u.username",
      name: "u.name",
      // One argon2 hash of the bench password for everyone: verify() reads its parameters and salt
      // from the hash itself, so every seeded user can sign in with that password.
      passwordHash: "(SELECT passwordHash FROM _seed_const)",
      shareReadReceipts: "1",
      createdAt: iso("u.createdMs"),
    },
  },
  {
    table: "Conversation",
    from: "_seed_conv c",
    columns: {
      id: "c.id",
      kind: "c.kind",
      title: "c.title",
      key: "c.key",
      lastSeq: "c.history",
      createdAt: iso("c.createdMs"),
      updatedAt: iso("CASE WHEN c.history > 0 THEN c.endMs ELSE c.createdMs END"),
      // Kept by the app with every membership change (receipts v2).
      memberCount: "c.members",
    },
  },
  {
    table: "Member",
    from: "_seed_member m JOIN _seed_conv c ON c.k = m.convK JOIN _seed_user u ON u.k = m.userK",
    columns: {
      conversationId: "c.id",
      userId: "u.id",
      joinedSeq: "m.joinedSeq",
      deliveredSeq: "m.deliveredSeq",
      readSeq: "m.readSeq",
      deliveredAt: `CASE WHEN m.deliveredSeq > 0 THEN ${iso(`${sentMs("m.deliveredSeq")} + ${DELIVERED_AFTER_MS}`)} END`,
      readAt: `CASE WHEN m.readSeq > 0 THEN ${iso(`${sentMs("m.readSeq")} + ${READ_AFTER_MS}`)} END`,
      createdAt: iso("max(c.createdMs, u.createdMs)"),
      // The read watermark as others may see it (every seeded user shares read receipts).
      publicReadSeq: "m.readSeq",
    },
  },
  {
    table: "Message",
    from: MESSAGES,
    columns: {
      id: "c.messagePrefix || printf('%012d', g.value)",
      conversationId: "c.id",
      seq: "g.value",
      senderId: "snd.userId",
      body: "printf('Seeded message %d: a short line of chat, about as long as most are.', g.value)",
      clientId: "printf('%08x-0000-4000-8000-%012x', c.k, g.value)",
      createdAt: iso(sentMs("g.value")),
    },
  },
  {
    // As the app writes them: a send marks the sender's own delivered and read at the new seq
    // when the line before it was someone else's (lib/server/db/messages.ts insertMessage: the
    // rest of a run passes only the sender's own lines), and each recipient's ack marks where
    // their watermark moved — here once per run of `burst` messages, and at where it stands now.
    table: "ReceiptMark",
    from: `(
      SELECT c.k AS convK, c.id AS conversationId, snd.userId, kinds.kind, g.value AS seq, ${sentMs("g.value")} AS atMs
      FROM ${MESSAGES}
      CROSS JOIN (SELECT 'delivered' AS kind UNION ALL SELECT 'read') kinds
      WHERE g.value = 1 OR ${senderIndexSql("g.value - 1")} <> snd.idx
      UNION ALL
      SELECT c.k, c.id, m.userId, kinds.kind, g.value,
             ${sentMs("g.value")} + CASE kinds.kind WHEN 'read' THEN ${READ_AFTER_MS} ELSE ${DELIVERED_AFTER_MS} END
      FROM _seed_member m
      JOIN _seed_conv c ON c.k = m.convK
      CROSS JOIN (SELECT 'delivered' AS kind UNION ALL SELECT 'read') kinds
      JOIN generate_series(c.burst, ${WATERMARK}, c.burst) g
      UNION ALL
      SELECT c.k, c.id, m.userId, kinds.kind, ${WATERMARK},
             ${sentMs(WATERMARK)} + CASE kinds.kind WHEN 'read' THEN ${READ_AFTER_MS} ELSE ${DELIVERED_AFTER_MS} END
      FROM _seed_member m
      JOIN _seed_conv c ON c.k = m.convK
      CROSS JOIN (SELECT 'delivered' AS kind UNION ALL SELECT 'read') kinds
      WHERE ${WATERMARK} > 0
    ) r`,
    columns: {
      conversationId: "r.conversationId",
      userId: "r.userId",
      kind: "r.kind",
      seq: "r.seq",
      at: iso("r.atMs"),
    },
    orIgnore: true,
  },
];

/** Tables whose secondary indexes are dropped while they fill and built again after (faster). */
export const BULK_TABLES = ["Message", "ReceiptMark"];
