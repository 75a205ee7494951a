-- Message lifecycle (docs/architecture.md, "Changes"): replies, edits, deletions, reactions, group
-- management. Columns are added in place (no table copy), then filled from what is there.
ALTER TABLE "Conversation" ADD COLUMN "changeSeq" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Member" ADD COLUMN "role" TEXT NOT NULL DEFAULT 'member';
ALTER TABLE "Member" ADD COLUMN "editSeenSeq" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Message" ADD COLUMN "kind" TEXT NOT NULL DEFAULT 'text';
ALTER TABLE "Message" ADD COLUMN "system" TEXT;
ALTER TABLE "Message" ADD COLUMN "replyToSeq" INTEGER;
ALTER TABLE "Message" ADD COLUMN "editedAt" DATETIME;
ALTER TABLE "Message" ADD COLUMN "deletedAt" DATETIME;
ALTER TABLE "Message" ADD COLUMN "changeSeq" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Message" ADD COLUMN "editSeq" INTEGER;

-- So far every change was a new message: its change sequence is its seq.
UPDATE "Message" SET "changeSeq" = "seq";
UPDATE "Conversation" SET "changeSeq" = "lastSeq";
-- Groups made before roles existed: everyone in them may manage them.
UPDATE "Member" SET "role" = 'admin'
WHERE "conversationId" IN (SELECT "id" FROM "Conversation" WHERE "kind" = 'group');

CREATE TABLE "Reaction" (
    "conversationId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "userId" TEXT NOT NULL,
    "emoji" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("conversationId", "seq", "emoji", "userId"),
    CONSTRAINT "Reaction_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Reaction_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TABLE "HiddenMessage" (
    "userId" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,

    PRIMARY KEY ("userId", "conversationId", "seq"),
    CONSTRAINT "HiddenMessage_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TABLE "FormerMember" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "conversationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "joinedSeq" INTEGER NOT NULL,
    "leftSeq" INTEGER NOT NULL,
    "deliveredSeq" INTEGER NOT NULL,
    "readSeq" INTEGER NOT NULL,
    "publicReadSeq" INTEGER NOT NULL,
    "editSeenSeq" INTEGER NOT NULL,
    CONSTRAINT "FormerMember_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "FormerMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE INDEX "FormerMember_conversationId_leftSeq_idx" ON "FormerMember"("conversationId", "leftSeq");
CREATE INDEX "FormerMember_userId_idx" ON "FormerMember"("userId");
CREATE INDEX "Member_conversationId_editSeenSeq_idx" ON "Member"("conversationId", "editSeenSeq");
CREATE INDEX "Message_conversationId_changeSeq_idx" ON "Message"("conversationId", "changeSeq");

-- CreateIndex
CREATE INDEX "Message_conversationId_editSeq_idx" ON "Message"("conversationId", "editSeq");
