-- Full-text search over message text (SQLite FTS5, which libSQL and Turso serve). An
-- external-content index: the text stays in "Message" only, the index holds the tokens, and
-- snippet() reads the text back through the rowid. Triggers keep it in step with every write,
-- whoever makes it (the app, the benchmark's seeder, a hand-run statement): a send indexes the
-- text, an edit replaces it, a deletion for everyone (the body emptied) or a removed row takes it
-- out. "conversationId" is indexed too, so a search names the chats it may look in inside MATCH and
-- the index yields only their messages. Prisma's schema can't describe a virtual table; nothing in
-- the datamodel refers to it (docs/architecture.md, "Search"). If the index is ever in doubt (a
-- VACUUM can renumber the rowids of a table without an INTEGER PRIMARY KEY), rebuild it:
--   INSERT INTO "MessageSearch"("MessageSearch") VALUES ('rebuild');
CREATE VIRTUAL TABLE "MessageSearch" USING fts5(
    "body",
    "conversationId",
    content = 'Message',
    content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER "MessageSearch_insert" AFTER INSERT ON "Message" BEGIN
    INSERT INTO "MessageSearch" ("rowid", "body", "conversationId")
    VALUES (new."rowid", new."body", new."conversationId");
END;

CREATE TRIGGER "MessageSearch_delete" AFTER DELETE ON "Message" BEGIN
    INSERT INTO "MessageSearch" ("MessageSearch", "rowid", "body", "conversationId")
    VALUES ('delete', old."rowid", old."body", old."conversationId");
END;

CREATE TRIGGER "MessageSearch_update" AFTER UPDATE OF "body", "conversationId" ON "Message" BEGIN
    INSERT INTO "MessageSearch" ("MessageSearch", "rowid", "body", "conversationId")
    VALUES ('delete', old."rowid", old."body", old."conversationId");
    INSERT INTO "MessageSearch" ("rowid", "body", "conversationId")
    VALUES (new."rowid", new."body", new."conversationId");
END;

-- Messages stored before this migration.
INSERT INTO "MessageSearch" ("MessageSearch") VALUES ('rebuild');
