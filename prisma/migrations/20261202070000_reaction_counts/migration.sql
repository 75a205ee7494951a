-- Reactions read per emoji, not per person (issue 15: a message's reactions must cost the same in
-- a 1000-member Lobby as in a direct chat).

-- CreateTable
CREATE TABLE "ReactionCount" (
    "conversationId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "emoji" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "firstAt" DATETIME NOT NULL,

    PRIMARY KEY ("conversationId", "seq", "emoji"),
    CONSTRAINT "ReactionCount_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ReactionCount_conversationId_seq_firstAt_idx" ON "ReactionCount"("conversationId", "seq", "firstAt");

-- CreateIndex
CREATE INDEX "Reaction_conversationId_seq_emoji_createdAt_idx" ON "Reaction"("conversationId", "seq", "emoji", "createdAt");

-- CreateIndex
CREATE INDEX "Reaction_conversationId_userId_seq_emoji_idx" ON "Reaction"("conversationId", "userId", "seq", "emoji");

-- The counts of the reactions already there.
INSERT INTO "ReactionCount" ("conversationId", "seq", "emoji", "count", "firstAt")
SELECT "conversationId", "seq", "emoji", COUNT(*), MIN("createdAt")
FROM "Reaction"
GROUP BY "conversationId", "seq", "emoji";
