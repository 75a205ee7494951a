-- Only edited messages in the (conversationId, editSeq) index. Every query that reads it asks for
-- "editSeq" > something, which SQLite knows implies IS NOT NULL, so the partial index serves them
-- all (EXPLAIN QUERY PLAN: tests/integration/query-cost.test.ts). The full one held an entry for
-- every message ever sent, nearly all of them NULL: 21 MB of the benchmark's 1M-message world, and
-- a B-tree insert and a page written for every send. Prisma's schema can't say WHERE: it keeps
-- describing the index by its columns (schema.prisma says so), and a datamodel diff leaves it be.
DROP INDEX "Message_conversationId_editSeq_idx";
CREATE INDEX "Message_conversationId_editSeq_idx" ON "Message"("conversationId", "editSeq") WHERE "editSeq" IS NOT NULL;
