// Property-based fuzzing of every route handler that takes input, called as a member with
// fast-check-generated bodies, raw body texts, query strings, ids and seqs: no answer is a 500,
// every refusal has the API's error shape, and afterwards the database holds no invalid row.
// Seeded (FUZZ_SEED=<n> replays or explores other runs); fast-check prints the seed on failure.
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/server/db/client";
import { ERROR_STATUS, type ErrorCode } from "@/lib/core/errors";
import { messageBodySchema } from "@/lib/core/validations/chat";
import {
  ID,
  SEQ_MAX,
  USERNAME,
  UUID,
  ackFields,
  anyJson,
  createFieldsFrom,
  displayNameProblems,
  edgeText,
  fields,
  fuzz,
  idLike,
  isSeq,
  lean,
  messageTextLike,
  messageBodyProblems,
  numericText,
  pageFields,
  pollutedJsonText,
  registerFields,
  sendFields,
  show,
  socketIdLike,
  textLike,
  titleProblems,
  uploadFields,
  uuidLike,
} from "../unit/fuzz-arbitraries";
import {
  anonymous,
  as,
  lobbyOf,
  registerAll,
  routes,
  send,
  startDirect,
  startGroup,
  type Answer,
  type CallOptions,
  type TestUser,
} from "./helpers";

type Handler = Parameters<typeof anonymous.call>[0];

let alice: TestUser;
let bob: TestUser;
let carol: TestUser; // in the group and the lobby, not in alice and bob's direct chat
let direct: string;
let group: string;
let lobby: string;

const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();

beforeAll(async () => {
  [alice, bob, carol] = await registerAll("alice", "bob", "carol");
  direct = (await startDirect(alice, bob)).id;
  group = (await startGroup(alice, "Fuzzers", [bob, carol])).id;
  lobby = (await lobbyOf(alice)).id;
  for (const id of [direct, group, lobby]) await send(alice, id, "first");
  await send(bob, direct, "second");
});

// --- what every answer must be ----------------------------------------------------------------

/** Statuses seen by the current test, so it can show it reached the success path too. */
let seen: Record<number, number> = {};
const tallied = (status: number) => (seen[status] = (seen[status] ?? 0) + 1);
beforeEach(() => {
  seen = {};
});

/** A property says little unless the fuzzed requests got through too: each status was answered. */
function expectReached(...statuses: (number | "2xx")[]) {
  for (const status of statuses) {
    const count = Object.entries(seen)
      .filter(([s]) => (status === "2xx" ? s.startsWith("2") : s === String(status)))
      .reduce((sum, [, n]) => sum + n, 0);
    expect(count, `${status} in ${show(seen)}`).toBeGreaterThan(0);
  }
}

/** No 5xx, a status the endpoint documents, and on refusal `{error: {code, message}}` and nothing more. */
function expectSound(answer: Answer, allowed: number[], request: unknown) {
  tallied(answer.status);
  const label = `${show(request)}\n→ ${answer.status} ${answer.text.slice(0, 400)}`;
  expect(answer.status, label).toBeLessThan(500);
  expect(allowed, label).toContain(answer.status);
  if (answer.status < 400) return;
  expect(Object.keys(answer.json ?? {}), label).toEqual(["error"]);
  const { code, message, details, ...rest } = answer.json.error ?? {};
  expect(ERROR_STATUS[code as ErrorCode], label).toBe(answer.status);
  expect(typeof message === "string" && message.length > 0, label).toBe(true);
  expect(rest, label).toEqual({});
  if (details !== undefined) expect(typeof details, label).toBe("object");
  // Never a stack trace, a SQL fragment or an ORM error.
  expect(answer.text, label).not.toMatch(/\bat .+:\d+:\d+|prisma|sqlite|SELECT |INSERT |constraint/i);
}

// --- request arbitraries ----------------------------------------------------------------------

/** Any generated value as URL text (String() throws on a null-prototype object). */
const asText = (v: unknown) => (typeof v === "object" && v !== null ? JSON.stringify(v) : String(v));
const formText = (f: Record<string, unknown>) =>
  new URLSearchParams(Object.entries(f).map(([k, v]) => [k, asText(v)])).toString();

const users = () => [alice, bob, carol];
const member = () => fc.constantFrom(...users());

/** A `[id]` route parameter: mostly the conversations above, else anything a URL segment can hold. */
const conversationIdArb = () =>
  fc.oneof(
    { arbitrary: fc.constantFrom(direct, group, lobby), weight: 8 },
    {
      arbitrary: fc.constantFrom("cm0000000000000000000000a", direct.toUpperCase(), `${direct} `),
      weight: 1,
    },
    { arbitrary: idLike.map(asText), weight: 2 },
  );

const userIdArb = () =>
  fc.oneof({ arbitrary: fc.constantFrom(...users().map((u) => u.id)), weight: 4 }, idLike);

const smallSeq = fc.nat({ max: 12 });
const sendish = fc.record(
  {
    body: messageTextLike,
    clientId: lean<unknown>(fc.uuid(), uuidLike),
    socketId: lean<unknown>(fc.constantFrom("1.2", "98765.4321"), socketIdLike),
  },
  { requiredKeys: ["body", "clientId"] },
) as fc.Arbitrary<Record<string, unknown>>;
const ackish = fc.record(
  {
    upTo: lean<unknown>(
      smallSeq,
      ackFields.map((f) => f.upTo),
    ),
    socketId: socketIdLike,
  },
  { requiredKeys: ["upTo"] },
) as fc.Arbitrary<Record<string, unknown>>;
const pageish = lean(
  fields({
    before: smallSeq.map(String),
    limit: fc.integer({ min: 1, max: 100 }).map(String),
  }).chain((f) =>
    fc.boolean().map((after) => (after && f.before !== undefined ? { after: f.before, limit: f.limit } : f)),
  ),
  pageFields,
);

/** Bodies that JSON.parse refuses, or that parse to something odd: huge numbers, deep nesting. */
const rawBodyText = fc.oneof(
  fc.constantFrom(
    "",
    " ",
    "{",
    "}",
    "[",
    "null",
    "true",
    "0",
    "1e400",
    "-1e400",
    '"text"',
    "{}",
    "[]",
    '{"a":1,}',
    "{'a':1}",
    "\uFEFF{}",
    "NaN",
    "Infinity",
    "undefined",
    '{"a":1}{"b":2}',
    '{"__proto__":null}',
    '"\\ud800"',
    "\u0000",
  ),
  fc.integer({ min: 1, max: 8000 }).map((n) => "[".repeat(n) + "]".repeat(n)),
  fc.integer({ min: 1, max: 2000 }).map((n) => '{"a":'.repeat(n) + "1" + "}".repeat(n)),
  fc.integer({ min: 16 * 1024 - 16, max: 16 * 1024 + 16 }).map((n) => `{"body":"${"a".repeat(n)}"}`),
  edgeText,
  anyJson.map((v) => JSON.stringify(v)),
);

/** A JSON number literal JSON.stringify can't write: overflow, underflow, -0, long digits. */
const numberLiteral = fc.oneof(
  fc.constantFrom(
    "1e400",
    "-1e400",
    "1e-400",
    "-0",
    "0.0",
    "1.0",
    "1E1",
    "1e0",
    "0.5",
    "-1",
    `${SEQ_MAX}`,
    `${SEQ_MAX + 1}`,
    "9007199254740993",
    "1" + "0".repeat(400),
    "0.1e1",
    "4.000000000000001",
  ),
  fc.nat({ max: 40 }).map(String),
);

/** A request body as text: the fields (mostly), the fields with polluting keys, any JSON, or raw text. */
function bodyText(fieldsArb: fc.Arbitrary<Record<string, unknown>>) {
  return fc.oneof(
    { arbitrary: fieldsArb.map((v) => JSON.stringify(v)), weight: 6 },
    { arbitrary: pollutedJsonText(fieldsArb), weight: 1 },
    { arbitrary: rawBodyText, weight: 1 },
  );
}

/** A query string: the fields as URLSearchParams would write them, or raw text after the `?`. */
function queryText(fieldsArb: fc.Arbitrary<Record<string, unknown>>) {
  return fc.oneof(
    {
      arbitrary: fieldsArb.map(formText),
      weight: 4,
    },
    {
      arbitrary: fc.constantFrom(
        "before=1&before=2",
        "before=1&after=2",
        "limit=%00",
        "before=%ZZ",
        "before[]=1",
        "__proto__=1&__proto__[polluted]=1",
        "constructor[prototype][polluted]=1",
        "limit=1e2",
        "q=%F0%9F%91%8D",
        "q=%ED%A0%80",
        "q=%C2%85",
        "q=%",
        "&&&",
        "=",
        "q",
      ),
      weight: 1,
    },
    { arbitrary: edgeText, weight: 1 },
  );
}

const withQuery = (query: string) => `/api/test?${query}`;

// --- the endpoints ----------------------------------------------------------------------------

describe("fuzzed as a member, no endpoint answers 500 and every refusal has the error shape", () => {
  it("POST /api/register", async () => {
    const usernames = fc.oneof(
      fc.stringMatching(/^[a-z0-9_]{3,12}$/).map((s) => `f${s}`),
      fc.constantFrom("alice", "ALICE", " Bob ", "carol\u0000"),
    );
    const registerish = lean(
      fields({
        username: usernames,
        password: lean<unknown>(fc.constant("long enough secret"), textLike),
        name: lean<unknown>(
          edgeText.map((t) => `N ${t}`),
          textLike,
        ),
      }),
      registerFields,
    );
    await fc.assert(
      fc.asyncProperty(bodyText(registerish), async (text) => {
        const answer = await anonymous.call(routes.register.POST, { method: "POST", body: text });
        expectSound(answer, [201, 400, 409, 413], text);
        if (answer.status === 201) {
          expect(Object.keys(answer.json.user).sort()).toEqual(["id", "name", "username"]);
          expect(answer.json.user.username).toMatch(USERNAME);
        }
      }),
      fuzz(80),
    );
    expectReached(201, 400, 409);
  });

  it("GET /api/users?q=", async () => {
    const tooLong = fc.constantFrom("x".repeat(65), "👍".repeat(65), `${" ".repeat(100)}x`);
    const searchish = fields({ q: fc.oneof(edgeText, textLike, tooLong) });
    await fc.assert(
      fc.asyncProperty(member(), queryText(searchish), async (user, query) => {
        const answer = await as(user).call(routes.users.GET, { path: withQuery(query) });
        expectSound(answer, [200, 400], query);
        if (answer.status === 200) {
          expect(answer.json.users.length).toBeLessThanOrEqual(20);
          for (const found of answer.json.users) {
            expect(Object.keys(found).sort()).toEqual(["id", "name", "username"]);
            expect(found.id).not.toBe(user.id);
          }
        }
      }),
      fuzz(120),
    );
    expectReached(200, 400);
  });

  it("GET /api/conversations, whatever the query", async () => {
    await fc.assert(
      fc.asyncProperty(member(), queryText(pageFields), async (user, query) => {
        const answer = await as(user).call(routes.conversations.GET, { path: withQuery(query) });
        expectSound(answer, [200], query);
      }),
      fuzz(50),
    );
  });

  it("POST /api/conversations", async () => {
    const realId = fc.constantFrom(...users().map((u) => u.id));
    const createish = lean<Record<string, unknown>>(
      fc.oneof(
        fc.record({ kind: fc.constant("direct"), userId: realId }),
        fc.record({
          kind: fc.constant("group"),
          title: lean<unknown>(
            edgeText.map((t) => `G ${t}`),
            textLike,
          ),
          memberIds: fc.array(realId, { minLength: 1, maxLength: 4 }),
        }),
      ),
      createFieldsFrom(userIdArb()),
    );
    await fc.assert(
      fc.asyncProperty(member(), bodyText(createish), async (user, text) => {
        const answer = await as(user).call(routes.conversations.POST, { method: "POST", body: text });
        expectSound(answer, [200, 201, 400, 404, 413, 422], text);
        if (answer.status < 300) expect(answer.json.conversation.id).toMatch(ID);
      }),
      fuzz(150),
    );
    expectReached(200, 201, 400);
  });

  it("GET /api/conversations/[id]", async () => {
    await fc.assert(
      fc.asyncProperty(member(), conversationIdArb(), async (user, id) => {
        const answer = await as(user).call(routes.conversation.GET, { id });
        expectSound(answer, [200, 403, 404], id);
      }),
      fuzz(80),
    );
    expectReached(200, 403, 404);
  });

  it("POST /api/conversations/[id]/uploads", async () => {
    await fc.assert(
      fc.asyncProperty(member(), conversationIdArb(), bodyText(uploadFields), async (user, id, text) => {
        const answer = await as(user).call(routes.uploads.POST, { method: "POST", id, body: text });
        expectSound(answer, [201, 400, 403, 404, 413], { id, text });
        if (answer.status === 201) {
          expect(answer.json.upload.url.startsWith(`${process.env.S3_ENDPOINT}/`)).toBe(true);
          expect(Object.keys(answer.json.upload.headers)).toEqual(["content-type"]);
        }
      }),
      fuzz(100),
    );
    expectReached(201, 400, 413);
  });

  it("GET /api/conversations/[id]/messages?before|after|limit", async () => {
    await fc.assert(
      fc.asyncProperty(member(), conversationIdArb(), queryText(pageish), async (user, id, query) => {
        const answer = await as(user).call(routes.messages.GET, { id, path: withQuery(query) });
        expectSound(answer, [200, 400, 403, 404], { id, query });
        if (answer.status === 200) {
          const seqs: number[] = answer.json.messages.map((m: { seq: number }) => m.seq);
          expect(seqs.length).toBeLessThanOrEqual(100);
          expect(seqs.every(isSeq)).toBe(true);
          expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
        }
      }),
      fuzz(150),
    );
    expectReached(200, 400);
  });

  it("POST /api/conversations/[id]/messages", async () => {
    const reused = randomUUID();
    const retried = fc.record({ body: fc.constantFrom("again", "other"), clientId: fc.constant(reused) });
    await fc.assert(
      fc.asyncProperty(
        member(),
        conversationIdArb(),
        bodyText(fc.oneof(sendish, sendFields, retried)),
        async (user, id, text) => {
          const answer = await as(user).call(routes.messages.POST, { method: "POST", id, body: text });
          // 422: attachment ids that aren't the sender's uploads for this message.
          expectSound(answer, [200, 201, 400, 403, 404, 409, 413, 422], { id, text });
          if (answer.status < 300) {
            expect(answer.json.message.seq).toBeGreaterThanOrEqual(1);
            expect(isSeq(answer.json.message.seq)).toBe(true);
          }
        },
      ),
      fuzz(150),
    );
    expectReached(200, 201, 400, 409);
  });

  it("POST /api/conversations/[id]/delivered and …/read", async () => {
    const ackText = fc.oneof(
      { arbitrary: bodyText(ackish), weight: 3 },
      { arbitrary: numberLiteral.map((n) => `{"upTo":${n}}`), weight: 2 },
    );
    await fc.assert(
      fc.asyncProperty(
        member(),
        fc.constantFrom("delivered" as const, "read" as const),
        conversationIdArb(),
        ackText,
        async (user, kind, id, text) => {
          const answer = await as(user).call(routes[kind].POST, { method: "POST", id, body: text });
          expectSound(answer, [200, 400, 403, 404, 413], { kind, id, text });
          if (answer.status === 200) {
            const { deliveredSeq, readSeq } = answer.json;
            const { lastSeq } = await prisma.conversation.findUniqueOrThrow({ where: { id } });
            expect(
              isSeq(readSeq) && readSeq <= deliveredSeq && deliveredSeq <= lastSeq,
              show(answer.json),
            ).toBe(true);
          }
        },
      ),
      fuzz(150),
    );
    expectReached(200, 400);
  });

  it("GET /api/conversations/[id]/messages/[seq]/receipts", async () => {
    const seqArb = lean(smallSeq.map(String), numericText);
    await fc.assert(
      fc.asyncProperty(member(), conversationIdArb(), seqArb, async (user, id, seq) => {
        const answer = await as(user).call(routes.messageReceipts.GET, { id, seq });
        expectSound(answer, [200, 403, 404], { id, seq });
      }),
      fuzz(100),
    );
    expectReached(200, 403, 404);
  });

  it("POST /api/pusher/auth (a form, as pusher-js sends it)", async () => {
    const channel = lean(
      fc.constantFrom(
        ...[direct, group, lobby].flatMap((id) => [
          `private-conversation-${id}`,
          `presence-conversation-${id}`,
        ]),
        ...users().map((u) => `private-user-${u.id}`),
      ),
      fc.oneof(
        fc
          .tuple(fc.constantFrom("private-conversation-", "presence-conversation-", "private-user-"), idLike)
          .map(([prefix, id]) => prefix + asText(id)),
        textLike.map(asText),
      ),
    );
    const form = fc.oneof(
      {
        arbitrary: fields({
          socket_id: lean<unknown>(fc.constant("1.2"), socketIdLike),
          channel_name: channel,
        }).map(formText),
        weight: 4,
      },
      { arbitrary: queryText(fields({ socket_id: socketIdLike, channel_name: textLike })), weight: 1 },
      { arbitrary: rawBodyText, weight: 1 },
    );
    await fc.assert(
      fc.asyncProperty(member(), form, async (user, text) => {
        const answer = await as(user).call(routes.pusherAuth.POST, {
          method: "POST",
          body: text,
          headers: { "content-type": "application/x-www-form-urlencoded" },
        });
        expectSound(answer, [200, 400, 403, 413], text);
        if (answer.status === 200) expect(answer.json.auth).toMatch(/^ticks-local-key:[0-9a-f]{64}$/);
      }),
      fuzz(120),
    );
    expectReached(200, 400, 403);
  });
});

describe("fuzzed headers and concurrency", () => {
  type Post = { name: string; handler: () => Handler; body: () => fc.Arbitrary<string>; ok: number[] };
  const POSTS: Post[] = [
    {
      name: "register",
      handler: () => routes.register.POST,
      body: () => bodyText(registerFields),
      ok: [201, 409],
    },
    {
      name: "conversations",
      handler: () => routes.conversations.POST,
      body: () => bodyText(createFieldsFrom(userIdArb())),
      ok: [200, 201, 404, 422],
    },
    {
      name: "messages",
      handler: () => routes.messages.POST,
      body: () => bodyText(sendish),
      ok: [200, 201, 409],
    },
    { name: "delivered", handler: () => routes.delivered.POST, body: () => bodyText(ackish), ok: [200] },
    { name: "read", handler: () => routes.read.POST, body: () => bodyText(ackish), ok: [200] },
  ];
  const headerValue = fc.oneof(
    fc.constantFrom(
      "",
      "null",
      "localhost",
      "http://localhost",
      "https://evil.example",
      "http://[::1",
      "x:/",
    ),
    fc.stringMatching(/^[\x21-\x7e]{0,24}$/),
  );

  it("any Content-Type, Origin, Host or Sec-Fetch-Site header is judged without a 500", async () => {
    const request = fc.record({
      post: fc.constantFrom(...POSTS),
      headers: fields({
        "content-type": fc.oneof(
          fc.constantFrom(
            "application/json",
            "application/json; charset=utf-16",
            "APPLICATION/JSON",
            "application/json-seq",
            "text/plain",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
            "",
          ),
          headerValue,
        ),
        origin: lean(fc.constant("http://localhost"), headerValue),
        host: lean(fc.constant("localhost"), headerValue),
        "x-forwarded-host": fc.oneof(fc.constant("localhost"), headerValue),
        "sec-fetch-site": lean(
          fc.constantFrom("same-origin", "none"),
          fc.oneof(fc.constantFrom("same-site", "cross-site"), headerValue),
        ),
        "content-length": fc.oneof(numberLiteral, headerValue),
      }),
    });
    await fc.assert(
      fc.asyncProperty(
        member(),
        request.chain((r) => fc.tuple(fc.constant(r), r.post.body(), conversationIdArb())),
        async (user, [{ post, headers }, text, id]) => {
          const options: CallOptions = {
            method: "POST",
            id,
            body: text,
            headers: headers as Record<string, string>,
          };
          const answer = await as(user).call(post.handler(), options);
          expectSound(answer, [...post.ok, 400, 403, 404, 413], { post: post.name, headers, text });
        },
      ),
      fuzz(150),
    );
    expectReached("2xx", 400, 403);
  });

  it("concurrent fuzzed sends and acks keep every answer sound", async () => {
    const op = fc.record({
      user: member(),
      id: fc.constantFrom(direct, group, lobby),
      kind: fc.constantFrom("messages" as const, "delivered" as const, "read" as const),
      send: bodyText(sendish),
      ack: bodyText(ackish),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 2, maxLength: 8 }), async (ops) => {
        const answers = await Promise.all(
          ops.map((o) =>
            as(o.user).call(routes[o.kind].POST, {
              method: "POST",
              id: o.id,
              body: o.kind === "messages" ? o.send : o.ack,
            }),
          ),
        );
        answers.forEach((answer, i) => expectSound(answer, [200, 201, 400, 403, 409, 413], ops[i]));
      }),
      fuzz(30),
    );
    expectReached(200, 201);
  });

  it("signed out, every endpoint answers 401 to any input (the session is checked first)", async () => {
    const endpoints: [string, Handler, "GET" | "POST"][] = [
      ["users", routes.users.GET, "GET"],
      ["conversations", routes.conversations.POST, "POST"],
      ["conversation", routes.conversation.GET, "GET"],
      ["messages", routes.messages.GET, "GET"],
      ["messages", routes.messages.POST, "POST"],
      ["delivered", routes.delivered.POST, "POST"],
      ["read", routes.read.POST, "POST"],
      ["receipts", routes.messageReceipts.GET, "GET"],
      ["pusher auth", routes.pusherAuth.POST, "POST"],
      ["uploads", routes.uploads.POST, "POST"],
      ["attachment", routes.attachment.GET, "GET"],
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...endpoints),
        conversationIdArb(),
        bodyText(sendFields),
        async ([name, handler, method], id, text) => {
          const body = method === "POST" ? text : undefined;
          const answer = await anonymous.call(handler, { method, id, seq: "1", body });
          expectSound(answer, [401], { name, method, id, body });
        },
      ),
      fuzz(60),
    );
  });
});

describe("after the fuzzing", () => {
  it("no prototype was polluted", () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_KEYS);
  });

  it("the database holds no invalid row", async () => {
    const [users, conversations, members, messages, marks] = await Promise.all([
      prisma.user.findMany({ select: { id: true, username: true, name: true } }),
      prisma.conversation.findMany({
        select: { id: true, kind: true, title: true, lastSeq: true, key: true },
      }),
      prisma.member.findMany(),
      prisma.message.findMany({
        select: { conversationId: true, seq: true, senderId: true, body: true, clientId: true },
      }),
      prisma.receiptMark.findMany(),
    ]);
    // The fuzzing did store things, or there would be nothing to check.
    expect(users.length).toBeGreaterThan(3);
    expect(conversations.length).toBeGreaterThan(3);
    expect(messages.length).toBeGreaterThan(20);

    const problems: string[] = [];
    const report = (what: string, found: string[]) => found.forEach((p) => problems.push(`${what}: ${p}`));

    for (const u of users) {
      report(
        `user ${u.id} username ${show(u.username)}`,
        USERNAME.test(u.username) ? [] : ["breaks ^[a-z0-9_]{3,32}$"],
      );
      report(`user ${u.id} name ${show(u.name)}`, displayNameProblems(u.name));
    }

    const byId = new Map(conversations.map((c) => [c.id, c]));
    expect(conversations.filter((c) => c.kind === "lobby")).toHaveLength(1);
    for (const c of conversations) {
      if (!["lobby", "direct", "group"].includes(c.kind)) report(`conversation ${c.id}`, [`kind ${c.kind}`]);
      if (c.kind === "group") report(`group ${c.id} title ${show(c.title)}`, titleProblems(c.title));
      if (!isSeq(c.lastSeq)) report(`conversation ${c.id}`, [`lastSeq ${c.lastSeq}`]);
      const seqs = messages
        .filter((m) => m.conversationId === c.id)
        .map((m) => m.seq)
        .sort((a, b) => a - b);
      const expected = Array.from({ length: c.lastSeq }, (_, i) => i + 1);
      if (show(seqs) !== show(expected)) {
        report(`conversation ${c.id}`, [`seqs ${show(seqs)} are not exactly 1..${c.lastSeq}`]);
      }
      const memberCount = members.filter((m) => m.conversationId === c.id).length;
      if (c.kind === "direct" && memberCount !== 2) report(`direct ${c.id}`, [`${memberCount} members`]);
    }
    const lobbyMembers = new Set(members.filter((m) => m.conversationId === lobby).map((m) => m.userId));
    for (const u of users) if (!lobbyMembers.has(u.id)) report(`user ${u.username}`, ["not in the lobby"]);

    for (const m of members) {
      const lastSeq = byId.get(m.conversationId)?.lastSeq ?? -1;
      const ok = 0 <= m.readSeq && m.readSeq <= m.deliveredSeq && m.deliveredSeq <= lastSeq;
      if (!ok || !(m.joinedSeq >= 0 && m.joinedSeq <= lastSeq)) {
        report(`member ${m.userId} of ${m.conversationId}`, [
          `joined ${m.joinedSeq}, read ${m.readSeq}, delivered ${m.deliveredSeq}, lastSeq ${lastSeq}`,
        ]);
      }
    }

    const memberships = new Set(members.map((m) => `${m.conversationId}:${m.userId}`));
    for (const m of messages) {
      const where = `message ${m.conversationId}#${m.seq}`;
      report(`${where} body ${show(m.body)}`, messageBodyProblems(m.body));
      const parsed = messageBodySchema.safeParse(m.body);
      if (!parsed.success || parsed.data !== m.body)
        report(where, ["body is not what the schema accepts as is"]);
      if (!UUID.test(m.clientId)) report(where, [`clientId ${show(m.clientId)}`]);
      if (!memberships.has(`${m.conversationId}:${m.senderId}`)) report(where, ["sender is not a member"]);
    }

    for (const mark of marks) {
      const lastSeq = byId.get(mark.conversationId)?.lastSeq ?? -1;
      if (!["delivered", "read"].includes(mark.kind) || mark.seq < 1 || mark.seq > lastSeq) {
        report(`receipt mark ${mark.userId} in ${mark.conversationId}`, [
          `${mark.kind} ${mark.seq} of ${lastSeq}`,
        ]);
      }
    }

    expect(problems).toEqual([]);
  });
});
