-- CreateTable
CREATE TABLE "ReceiptMark" (
    "conversationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("conversationId", "userId", "kind", "seq"),
    CONSTRAINT "ReceiptMark_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ReceiptMark_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ReceiptMark_conversationId_seq_idx" ON "ReceiptMark"("conversationId", "seq");


-- Databases that already have receipts: one mark per member at their current watermarks, so
-- message info shows a time (the last move: an upper bound) instead of none.
INSERT INTO "ReceiptMark" ("conversationId", "userId", "kind", "seq", "at")
SELECT "conversationId", "userId", 'delivered', "deliveredSeq", "deliveredAt" FROM "Member"
WHERE "deliveredSeq" > 0 AND "deliveredAt" IS NOT NULL;
INSERT INTO "ReceiptMark" ("conversationId", "userId", "kind", "seq", "at")
SELECT "conversationId", "userId", 'read', "readSeq", "readAt" FROM "Member"
WHERE "readSeq" > 0 AND "readAt" IS NOT NULL;
