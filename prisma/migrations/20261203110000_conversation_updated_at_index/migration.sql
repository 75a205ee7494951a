-- DropIndex
-- No query reads conversations in updatedAt order across users: a user's list (and the direct
-- peers user search ranks first) finds their memberships by Member.userId and sorts those few.
-- Every send moves updatedAt, so this index cost each send one more page written.
DROP INDEX "Conversation_updatedAt_idx";
