// The Turso path of the hot paths: the whole app on a remote libSQL database (libsql:// + token) —
// the local stand-in speaking Turso's protocol (libsql-server.ts), over this file's own database
// copy. The statements that skip Prisma (lib/server/db/sql.ts) go through the same libSQL client
// as Prisma's adapter there: a send's insert as one batch (one request to the server), an ack's
// watermark moves as one interactive write transaction.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLibsqlServer, type LibsqlServer } from "./libsql-server";

const TOKEN = "turso-like-token-0123456789";
let server: LibsqlServer;
let helpers: typeof import("./helpers");
let messages: typeof import("@/lib/server/db/messages");

beforeAll(async () => {
  // Before anything of lib/ is imported: lib/server/env.ts reads the environment once.
  const file = process.env.DATABASE_URL!.replace(/^file:/, "");
  server = await startLibsqlServer({ file, token: TOKEN });
  process.env.DATABASE_URL = `${server.url.replace(/^http:/, "libsql:")}?tls=0`;
  process.env.DATABASE_AUTH_TOKEN = TOKEN;
  helpers = await import("./helpers");
  messages = await import("@/lib/server/db/messages");
  const { libsql, localStatements } = await import("@/lib/server/db/client");
  expect(libsql().protocol).toBe("http");
  expect(localStatements()).toBeNull();
});

afterAll(async () => {
  const { resetConnections } = await import("@/lib/server/db/client");
  await resetConnections();
  await server.close();
});

describe("sends and acks on a remote libSQL database", () => {
  it("stores messages, the recipient gets them, and his acks move his watermarks", async () => {
    const { registerAs, startDirect, send, messagesOf, summaryOf } = helpers;
    const alice = await registerAs("alice");
    const bob = await registerAs("bob");
    const chat = await startDirect(alice, bob);
    const first = await send(alice, chat.id, "over the wire");
    const second = await send(alice, chat.id, "and again");
    expect([first.seq, second.seq]).toEqual([1, 2]);
    const page = await messagesOf(bob, chat.id, { after: 0 });
    expect(page.messages.map((m) => m.body)).toEqual(["over the wire", "and again"]);
    const mine = await summaryOf(alice, chat.id);
    expect(mine.unreadCount).toBe(0);
    expect(mine.lastSeq).toBe(2);

    // Bob's acks move his watermarks (never back), and Alice's messages say so.
    const { ack } = helpers;
    expect(await ack(bob, chat.id, "delivered", 2)).toMatchObject({ deliveredSeq: 2, readSeq: 0 });
    expect(await ack(bob, chat.id, "read", 1)).toMatchObject({ deliveredSeq: 2, readSeq: 1 });
    expect(await ack(bob, chat.id, "delivered", 1)).toMatchObject({ deliveredSeq: 2, readSeq: 1 });
    const seen = await messagesOf(alice, chat.id, { after: 0 });
    expect(seen.messages.map((m) => m.receipts)).toEqual([
      { recipients: 1, delivered: 1, read: 1 },
      { recipients: 1, delivered: 1, read: 0 },
    ]);
    expect((await summaryOf(bob, chat.id)).unreadCount).toBe(1);
  });

  it("inserts in one request to the server, and a clientId already used is found, not stored twice", async () => {
    const { registerAs, startDirect } = helpers;
    const carol = await registerAs("carol");
    const dave = await registerAs("dave");
    const chat = await startDirect(carol, dave);
    const input = {
      conversationId: chat.id,
      sender: carol,
      shares: true,
      body: "one round trip",
      clientId: randomUUID(),
    };
    const before = server.requests();
    const row = await messages.insertMessage(input);
    expect(server.requests() - before).toBe(1);
    expect(row?.seq).toBe(1);

    // The unique index refuses the second row inside the batch, which rolls back whole.
    expect(await messages.insertMessage({ ...input, body: "a retry" })).toBeNull();
    const stored = await messages.findMessageByClientId(carol.id, input.clientId);
    expect(stored?.body).toBe("one round trip");
    const { summaryOf } = helpers;
    expect((await summaryOf(dave, chat.id)).lastSeq).toBe(1);
  });

  // Each request to Turso is a round trip from wherever the app runs: a send's latency is counted
  // in them. Past the session (the tests' own, see session.ts; the app's adds its revocation
  // check): the membership with the audience, and one batch that counts the send against the rate
  // limit and stores it (counting first was a request of its own).
  it("a send is two requests to the server past the session", async () => {
    const { registerAs, startDirect, send } = helpers;
    const erin = await registerAs("erin");
    const chat = await startDirect(erin, await registerAs("fred"));
    await send(erin, chat.id, "a first line");
    const before = server.requests();
    const second = await send(erin, chat.id, "and a second, counted and stored at once");
    expect(second.seq).toBe(2);
    expect(server.requests() - before).toBe(2);
  });
});
