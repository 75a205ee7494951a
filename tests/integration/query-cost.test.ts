// Cost must not grow with history (issue 12): the hot paths (the reads, then an ack and a send)
// run through the app's own domain functions for two users whose worlds are identical except that
// one conversation holds 1,000 messages in the first and 50,000 in the second (seeded straight
// into this file's database by the benchmark's seeder). Every SQL statement they send is captured
// at the libSQL client, replayed on a second connection, and its cost read from SQLite itself: the
// virtual machine steps it took (sqlite_stmt.nstep), which grow with every row visited. A count,
// not a timing — the same on a loaded machine as on an idle one. A path passes when its steps in
// the big world are at most 1.3× those in the small one (issue 12's limit for the benchmark too),
// and when no statement's query plan (writes included) scans a whole Member, Message or
// ReceiptMark table or index: that cost grows with everybody's data, which two worlds in one
// database can't show by steps. Message info is also compared across group sizes (60 and 600
// members, two more worlds): its page of recipients must not cost more in the bigger group. A send
// and an ack are priced by the pages their commits write, also a count (pagesWritten).
import { randomUUID } from "node:crypto";
import { copyFileSync, rmSync, statSync } from "node:fs";
import Database from "libsql";
import { Sqlite3Client, Sqlite3Transaction } from "@libsql/client/sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedWorld, databasePath } from "@/bench/lib/seed/seed";
import { planWorld, type WorldPlan, type WorldSpec } from "@/bench/lib/seed/world";
import { getConversation, listConversations } from "@/lib/server/chat/conversations";
import { acknowledgeMany } from "@/lib/server/chat/acks";
import { getMessageReceipts } from "@/lib/server/chat/message-receipts";
import { getMessages } from "@/lib/server/chat/messages";
import { searchMessagesFor } from "@/lib/server/chat/search";
import { sendMessage } from "@/lib/server/chat/send-message";
import { PAGE_SIZE } from "@/lib/core/validations/limits";
import { prisma } from "@/lib/server/db/client";
import { LocalStatements } from "@/lib/server/db/local-statements";

const LIMIT = 1.3;
const SMALL = 1_000;
const BIG = 50_000;

/** `call`: the app's call it came in (one statement, or a batch of them). */
type Statement = { sql: string; args: unknown[]; call: number };

// Capture: every statement sent through @libsql/client (Prisma's libSQL adapter uses execute; raw
// client code might batch), in or out of a transaction, and through the app's own local
// connection (LocalStatements: sql.ts's statements, run and batch).
let captured: Statement[] | null = null;
let calls = 0;
type InStatement = string | { sql: string; args?: unknown };
type Method = (this: unknown, ...args: unknown[]) => Promise<unknown>;
type Patchable = Record<"execute" | "batch", Method>;
const record = (stmt: InStatement, args?: unknown, call = calls++) => {
  const s = typeof stmt === "string" ? { sql: stmt, args } : stmt;
  captured?.push({ sql: s.sql, args: Array.isArray(s.args) ? s.args : [], call });
};
const originals: [Patchable, "execute" | "batch", Method][] = [];
for (const proto of [Sqlite3Client.prototype, Sqlite3Transaction.prototype] as unknown as Patchable[]) {
  const execute = proto.execute;
  const batch = proto.batch;
  originals.push([proto, "execute", execute], [proto, "batch", batch]);
  proto.execute = function (stmt, args) {
    record(stmt as InStatement, args);
    return execute.call(this, stmt, args);
  };
  proto.batch = function (stmts, ...rest) {
    const call = calls++;
    for (const stmt of stmts as InStatement[]) record(stmt, undefined, call);
    return batch.call(this, stmts, ...rest);
  };
}
type LocalMethod = (this: unknown, ...args: unknown[]) => unknown;
const local = LocalStatements.prototype as unknown as Record<"run" | "batch", LocalMethod>;
const localOriginals = { run: local.run, batch: local.batch };
local.run = function (stmt) {
  record(stmt as InStatement);
  return localOriginals.run.call(this, stmt);
};
local.batch = function (stmts) {
  const call = calls++;
  for (const stmt of stmts as InStatement[]) record(stmt, undefined, call);
  return localOriginals.batch.call(this, stmts);
};

/** What @libsql/client does to an argument before SQLite sees it. */
function bindable(value: unknown): unknown {
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof Date) return value.valueOf();
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  return value;
}

type Cost = { sql: string; steps: number; plan: string };

type Side = InstanceType<typeof Database>;
let file: string;
let copies = 0;

/**
 * A second connection for the replay, on a copy of the database as the app left it. Not on the
 * file itself: libsql releases a statement (and the read lock it may hold) only when JavaScript
 * garbage-collects it, even past close(), and the app's next write would find the database locked.
 */
function withSide<T>(fn: (side: Side) => T): T {
  const copy = `${file}.query-cost-${copies++}`;
  copyFileSync(file, copy);
  const side = new Database(copy, { readonly: true });
  try {
    return fn(side);
  } finally {
    side.close();
    rmSync(copy, { force: true });
  }
}
let probe = 0;

const READ = /^\s*(SELECT|WITH)\b/i;
const WRITE = /^\s*(INSERT|UPDATE|DELETE)\b/i;

/**
 * Replays one read on the side connection: its VM steps, and its query plan for the report. A
 * write can't be replayed on a read-only connection (and has run already): only its plan is read,
 * so a write that scans a whole table still fails below.
 */
function costOf(side: Side, statement: Statement): Cost {
  const args = statement.args.map(bindable);
  const plan = (side.prepare(`EXPLAIN QUERY PLAN ${statement.sql}`).all(...args) as { detail: string }[])
    .map((r) => r.detail)
    .join("; ");
  if (!READ.test(statement.sql)) return { sql: statement.sql, steps: 0, plan };
  const tagged = `/* query-cost ${probe++} */ ${statement.sql}`;
  side.prepare(tagged).all(...args);
  const [{ nstep }] = side.prepare("SELECT nstep FROM sqlite_stmt WHERE sql = ?").all(tagged) as [
    { nstep: number },
  ];
  return { sql: statement.sql, steps: nstep, plan };
}

/** Runs a domain call and answers every statement it sent (the capture above). */
async function statementsOf(run: () => Promise<unknown>): Promise<Statement[]> {
  const statements: Statement[] = (captured = []);
  try {
    await run();
  } finally {
    captured = null;
  }
  return statements;
}

/** Runs a domain call and prices every read it made (and reads the plan of every write). */
async function measure(run: () => Promise<unknown>): Promise<Cost[]> {
  await run(); // once unmeasured: connection setup, pragmas, lazy initialisation
  const statements = await statementsOf(run);
  const priced = statements.filter((s) => READ.test(s.sql) || WRITE.test(s.sql));
  return withSide((side) => priced.map((s) => costOf(side, s)));
}

const total = (costs: Cost[]) => costs.reduce((n, c) => n + c.steps, 0);

/**
 * Pages a domain call's writes put in SQLite's log. What a write costs is pages: each one its
 * commit changes is appended to the log (and copied into the database file again at the next
 * checkpoint). Counted by replaying the call's writes on a copy of the database as it was before
 * the call, in WAL mode with no checkpoint: the log's length is then the count. Each of the app's
 * calls that wrote (a statement, or a batch) is one transaction, as it was.
 */
async function pagesWritten(run: () => Promise<unknown>): Promise<{ pages: number; commits: number }> {
  const copy = `${file}.pages-${copies++}`;
  copyFileSync(file, copy);
  const statements = await statementsOf(run);
  const db = new Database(copy);
  try {
    db.exec("PRAGMA journal_mode = WAL");
    db.exec("PRAGMA wal_autocheckpoint = 0");
    const writing = new Set(statements.filter((s) => WRITE.test(s.sql)).map((s) => s.call));
    for (const call of writing) {
      db.exec("BEGIN IMMEDIATE");
      for (const s of statements.filter((t) => t.call === call)) {
        const statement = db.prepare(s.sql);
        const args = s.args.map(bindable);
        if (statement.reader) statement.all(...args);
        else statement.run(...args);
      }
      db.exec("COMMIT");
    }
    const { page_size: pageSize } = db.prepare("PRAGMA page_size").get() as { page_size: number };
    // A WAL file: a 32-byte header, then per frame a 24-byte header and the page.
    return { pages: (statSync(`${copy}-wal`).size - 32) / (pageSize + 24), commits: writing.size };
  } finally {
    db.close();
    for (const suffix of ["", "-wal", "-shm"]) rmSync(copy + suffix, { force: true });
  }
}

function report(name: string, small: Cost[], big: Cost[], [few, many] = [`${SMALL}`, `${BIG} messages`]) {
  const lines = [`${name}: ${total(big)} VM steps with ${many} vs ${total(small)} with ${few}`];
  big.forEach((c, i) => {
    lines.push(`  ${small[i]?.steps ?? "?"} → ${c.steps} steps: ${c.sql.replace(/\s+/g, " ").slice(0, 200)}`);
    lines.push(`    plan: ${c.plan}`);
  });
  return lines.join("\n");
}

const spec = (tag: string, history: number): WorldSpec => ({
  tag,
  history,
  members: 2,
  users: 12,
  // Two worlds share this database and the Lobby's key is unique: neither has one.
  lobby: false,
  otherDirects: 3,
  otherGroups: 1,
  otherGroupSize: 4,
  otherHistory: 60,
  burst: 8,
  activeShare: 0.05,
  unread: 40,
});

let small: WorldPlan;
let big: WorldPlan;

beforeAll(async () => {
  small = planWorld(spec("qa", SMALL));
  big = planWorld(spec("qb", BIG));
  file = databasePath(process.env.DATABASE_URL!);
  await seedWorld(file, small, { privateFile: false, checkForeignKeys: true });
  await seedWorld(file, big, { privateFile: false, checkForeignKeys: true });
});

afterAll(() => {
  for (const [proto, name, original] of originals) proto[name] = original;
  Object.assign(local, localOriginals);
});

/** The same call in both worlds, as each world's measured user. */
async function compare(
  name: string,
  call: (w: WorldPlan) => Promise<unknown>,
  [first, second] = [small, big],
  labels?: [string, string],
) {
  const a = await measure(() => call(first));
  const b = await measure(() => call(second));
  expect(a.length, `${name}: no statements captured`).toBeGreaterThan(0);
  // Both, reported together: rows visited, and no plan that walks a whole big table or index
  // (a cost that grows with everyone's data, not just this conversation's history).
  expect.soft(total(b), report(name, a, b, labels)).toBeLessThanOrEqual(LIMIT * total(a));
  const scans = b.filter((c) => FULL_SCAN.test(c.plan));
  const scanned = scans.map((c) => `  ${c.plan}\n    in: ${c.sql.replace(/\s+/g, " ").slice(0, 200)}`);
  expect
    .soft(scans.length, `${name}: statements scanning a whole table or index:\n${scanned.join("\n")}`)
    .toBe(0);
}

/** A full table or index scan of a table that grows with use (SEARCH … is a bounded seek). */
const FULL_SCAN = /\bSCAN (main\.)?"?(Member|Message|ReceiptMark)"?\b/;

/** `people` more users of this world, each reacting 👍 to every message of the latest page. */
async function addReactions(w: WorldPlan, people: number) {
  const ids = Array.from({ length: people }, (_, k) => `rx${w.measured.user.id}${k}`);
  const conversationId = w.measured.conversation.id;
  const first = w.measured.conversation.history - PAGE_SIZE + 1;
  await prisma.$executeRaw`
    INSERT INTO "User" ("id", "username", "name", "passwordHash")
    SELECT value, value, value, 'x' FROM json_each(${JSON.stringify(ids)})`;
  await prisma.$executeRaw`
    INSERT INTO "Reaction" ("conversationId", "seq", "userId", "emoji", "createdAt")
    SELECT ${conversationId}, s.value, u.value, '👍', ${new Date()}
    FROM generate_series(${first}, ${w.measured.conversation.history}) AS s, json_each(${JSON.stringify(ids)}) AS u`;
  await prisma.$executeRaw`
    INSERT INTO "ReactionCount" ("conversationId", "seq", "emoji", "count", "firstAt")
    SELECT ${conversationId}, s.value, '👍', ${people}, ${new Date()}
    FROM generate_series(${first}, ${w.measured.conversation.history}) AS s`;
}

const me = (w: WorldPlan) => ({ userId: w.measured.user.id, conversationId: w.measured.conversation.id });

// A regression reads 50,000 rows per call: give it time to fail by assertion, not by timeout.
describe("hot read paths cost the same with 50× the history", { timeout: 120_000 }, () => {
  it("seeded both worlds as planned", () => {
    const count = (sql: string, ...args: unknown[]) =>
      withSide((side) => (side.prepare(sql).all(...args) as [{ n: number }])[0].n);
    expect(
      count(`SELECT count(*) AS n FROM "Message" WHERE "conversationId" = ?`, big.measured.conversation.id),
    ).toBe(BIG);
    expect(
      count(`SELECT count(*) AS n FROM "Message" WHERE "conversationId" = ?`, small.measured.conversation.id),
    ).toBe(SMALL);
  });

  it("the conversation list", async () => {
    await compare("listConversations", (w) => listConversations(w.measured.user.id));
  });

  it("opening a conversation", async () => {
    await compare("getConversation", (w) => getConversation(me(w)));
  });

  it("a page of older messages, from the middle of the history", async () => {
    await compare("getMessages ?before=", (w) =>
      getMessages({
        ...me(w),
        page: { before: Math.floor(w.measured.conversation.history / 2), limit: PAGE_SIZE },
      }),
    );
  });

  it("catching up after the last read message", async () => {
    await compare("getMessages ?after=", (w) =>
      getMessages({ ...me(w), page: { after: w.measured.readSeq, limit: PAGE_SIZE } }),
    );
  });

  it("message info on one's latest message", async () => {
    await compare("getMessageReceipts (latest own)", (w) =>
      getMessageReceipts({ ...me(w), seq: w.measured.ownSeqs.at(-1)! }),
    );
  });

  it("message info on one's first message", async () => {
    await compare("getMessageReceipts (first own)", (w) =>
      getMessageReceipts({ ...me(w), seq: w.measured.ownSeqs[0]! }),
    );
  });

  // Reactions are counted per emoji (ReactionCount) and only the first people are listed, so a
  // page where every message has 300 reactions costs what one with 10 each costs.
  it("a page of messages that hundreds of people reacted to", async () => {
    await addReactions(small, 10);
    await addReactions(big, 300);
    await compare("getMessages with reactions", (w) =>
      getMessages({
        ...me(w),
        page: { after: w.measured.conversation.history - PAGE_SIZE, limit: PAGE_SIZE },
      }),
    );
  });

  // Every seeded message says "a short line of chat": the worst case, a match in all of them.
  it("searching the open conversation", async () => {
    await compare("searchMessagesFor (one chat)", (w) => searchMessagesFor({ ...me(w), q: "short line" }));
  });

  it("searching all of one's chats, and the next page", async () => {
    await compare("searchMessagesFor (all chats)", (w) =>
      searchMessagesFor({ userId: w.measured.user.id, q: "short line", before: 1_000_000 }),
    );
  });

  // Writes last: they move the worlds on (the same way in both).
  it("a batch ack moving the read watermark one message on", async () => {
    const moved = new Map<WorldPlan, number>();
    await compare("acknowledgeMany (read +1)", (w) => {
      const upTo = (moved.get(w) ?? w.measured.readSeq) + 1;
      moved.set(w, upTo);
      return acknowledgeMany({
        userId: w.measured.user.id,
        marks: [{ conversationId: me(w).conversationId, read: upTo }],
      });
    });
  });

  it("a send", async () => {
    let n = 0;
    await compare("sendMessage", (w) =>
      sendMessage({
        ...me(w),
        body: `query-cost ${n++}`,
        // Not of the seeder's shape (lib/seed/tables.ts), which these worlds already hold.
        clientId: randomUUID(),
      }),
    );
  });
});

// A write's cost doesn't show in VM steps (its plan is checked above, not priced): it is the pages
// its commit writes. Counted in the big world, whose B-trees are the deepest, after the writes
// above (the same every run: a fixed clientId, so the new index entries land where they did).
// A send, the measured user's next line after their own, in one commit: the rate limit's count;
// the message (its row, four index entries, its search entry), the conversation's counters and the
// sender's watermarks — no receipt marks: the move passes only their own line.
// The count was a commit of its own, with its own lock and log write, until it joined the batch;
// the edit index held every message, not only edited ones, until it became partial (14 then).
// An ack: the reader's watermarks with their index entries, and two receipt marks (9 pages while
// each mark was stored twice, in its table and its key's index: the table is WITHOUT ROWID now).
// An index more, or marks where none are needed, is a page more: raise these only knowing why.
const SEND_PAGES = 13;
const ACK_PAGES = 5;

describe("writes stay a few pages", { timeout: 120_000 }, () => {
  it("a send, a line after one's own", async () => {
    const { pages, commits } = await pagesWritten(() =>
      sendMessage({ ...me(big), body: "pages", clientId: "query-cost-pages" }),
    );
    expect(pages).toBeLessThanOrEqual(SEND_PAGES);
    expect(commits).toBe(1);
  });

  // The other member of the measured chat (user 1), reading the next of the measured user's lines:
  // the watermarks, their index entries and the two receipt marks.
  it("an ack moving the read watermark one message on", async () => {
    const { conversationId } = me(big);
    const userId = big.users[1]!.id;
    const { readSeq } = await prisma.member.findUniqueOrThrow({
      where: { conversationId_userId: { conversationId, userId } },
      select: { readSeq: true },
    });
    const { pages } = await pagesWritten(() =>
      acknowledgeMany({ userId, marks: [{ conversationId, read: readSeq + 1 }] }),
    );
    expect(pages).toBeLessThanOrEqual(ACK_PAGES);
  });
});

// Message info pages its recipients: a page of 50 must cost the same in a group of 60 as in the
// Lobby of 600 (the whole member list used to be read, joined and looked up before the page was
// cut). Two more worlds, the same history, only the measured conversation's size differs.
describe("message info costs the same in a group of 60 as in a Lobby of 600", { timeout: 120_000 }, () => {
  let group: WorldPlan;
  let lobby: WorldPlan;
  beforeAll(async () => {
    const members = (tag: string, count: number): WorldSpec => ({
      ...spec(tag, SMALL),
      members: count,
      users: count,
      lobby: count > 100,
    });
    group = planWorld(members("qg", 60));
    lobby = planWorld(members("ql", 600));
    await seedWorld(file, group, { privateFile: false, checkForeignKeys: true });
    await seedWorld(file, lobby, { privateFile: false, checkForeignKeys: true });
  });

  it("on one's latest message, the first page of recipients", async () => {
    await compare(
      "getMessageReceipts (60 → 600 members)",
      (w) => getMessageReceipts({ ...me(w), seq: w.measured.ownSeqs.at(-1)! }),
      [group, lobby],
      ["60", "600 members"],
    );
  });
});
