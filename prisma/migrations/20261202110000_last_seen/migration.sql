-- Last seen (trusted: from the realtime server's channel_vacated webhook) and its privacy switch.
-- Plain column additions: no table rebuild on a large User table.
ALTER TABLE "User" ADD COLUMN "shareLastSeen" BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE "User" ADD COLUMN "lastSeenAt" DATETIME;
