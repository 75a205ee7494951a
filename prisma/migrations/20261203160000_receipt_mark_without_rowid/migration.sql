-- Receipt marks stored once, in their primary key's order (WITHOUT ROWID). A table whose key is
-- not an integer keeps each row twice: in the table, by a hidden rowid, and in the key's own
-- index (sqlite_autoindex_ReceiptMark_1), which holds every column but "at". So every mark an ack
-- or a send writes cost two B-tree inserts, and message info read each "at" through the index
-- and then the table. Now it is one of each. Small rows under a composite key are what SQLite
-- recommends WITHOUT ROWID for; in the benchmark's 1M-message world the marks took 96 MB, the
-- index 38 MB of it. Prisma's schema can't say WITHOUT ROWID (schema.prisma says so); nothing in
-- it changes. SQLite can't alter a table into one: it is rebuilt, as Prisma rebuilds tables.
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ReceiptMark" (
    "conversationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("conversationId", "userId", "kind", "seq"),
    CONSTRAINT "ReceiptMark_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ReceiptMark_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
) WITHOUT ROWID;
INSERT INTO "new_ReceiptMark" ("conversationId", "userId", "kind", "seq", "at")
SELECT "conversationId", "userId", "kind", "seq", "at" FROM "ReceiptMark";
DROP TABLE "ReceiptMark";
ALTER TABLE "new_ReceiptMark" RENAME TO "ReceiptMark";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
