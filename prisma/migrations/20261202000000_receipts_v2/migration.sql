-- Receipts v2 and flat costs (docs/architecture.md, "Receipts"). Columns are added in place
-- (no table copy), then filled from what is already there.
ALTER TABLE "Conversation" ADD COLUMN "memberCount" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Member" ADD COLUMN "publicReadSeq" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Member" ADD COLUMN "peerReadCap" INTEGER;

UPDATE "Conversation" SET "memberCount" = (
  SELECT COUNT(*) FROM "Member" m WHERE m."conversationId" = "Conversation"."id"
);
-- What others could see so far: the read watermark of those who share it; nothing (the point they
-- joined) of those who don't.
UPDATE "Member" SET "publicReadSeq" = CASE
  WHEN (SELECT u."shareReadReceipts" FROM "User" u WHERE u."id" = "Member"."userId") THEN "readSeq"
  ELSE "joinedSeq"
END;

-- Who hides their own read receipts sees none from the other side of a direct chat, as before.
UPDATE "Member" SET "peerReadCap" = 0
WHERE (SELECT c."kind" FROM "Conversation" c WHERE c."id" = "Member"."conversationId") = 'direct'
  AND NOT (SELECT u."shareReadReceipts" FROM "User" u WHERE u."id" = "Member"."userId");

CREATE INDEX "Member_conversationId_deliveredSeq_publicReadSeq_joinedSeq_userId_idx" ON "Member"("conversationId", "deliveredSeq", "publicReadSeq", "joinedSeq", "userId");
