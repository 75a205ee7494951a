// Who may call what (docs/architecture.md, "HTTP API"): 401 signed out, 403 outside a conversation, 404 for ids that
// name no conversation, and the member's success answer.
import { createHmac, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import {
  anonymous,
  as,
  lobbyOf,
  registerAll,
  routes,
  send,
  startDirect,
  type CallOptions,
  type TestUser,
} from "./helpers";

let alice: TestUser;
let bob: TestUser;
let carol: TestUser; // in the lobby with everyone, but outside alice and bob's direct chat
let direct: string;
let lobby: string;

beforeAll(async () => {
  [alice, bob, carol] = await registerAll("alice", "bob", "carol");
  direct = (await startDirect(alice, bob)).id;
  lobby = (await lobbyOf(alice)).id;
  await send(alice, direct, "hello bob");
});

const UNKNOWN_ID = "cm0000000000000000000000a";
const MALFORMED_IDS = ["not-an-id!", "ABC", "..", "a".repeat(41)];

type Endpoint = {
  name: string;
  handler: Parameters<typeof anonymous.call>[0];
  body?: () => unknown;
  /** The `[seq]` of a message route: alice's "hello bob", the direct chat's first message. */
  seq?: number;
  /** The member who gets the success answer (bob unless the endpoint is the sender's only). */
  member?: () => TestUser;
  ok: number;
};

const conversationEndpoints: Endpoint[] = [
  { name: "GET /api/conversations/[id]", handler: routes.conversation.GET, ok: 200 },
  { name: "GET /api/conversations/[id]/messages", handler: routes.messages.GET, ok: 200 },
  {
    name: "POST /api/conversations/[id]/messages",
    handler: routes.messages.POST,
    body: () => ({ body: "hi", clientId: randomUUID() }),
    ok: 201,
  },
  {
    name: "POST /api/conversations/[id]/delivered",
    handler: routes.delivered.POST,
    body: () => ({ upTo: 1 }),
    ok: 200,
  },
  {
    name: "POST /api/conversations/[id]/read",
    handler: routes.read.POST,
    body: () => ({ upTo: 1 }),
    ok: 200,
  },
  {
    name: "GET /api/conversations/[id]/messages/[seq]/receipts",
    handler: routes.messageReceipts.GET,
    seq: 1,
    member: () => alice,
    ok: 200,
  },
];

const request = (e: Endpoint, id: string): CallOptions => ({ id, seq: e.seq, body: e.body?.() });

describe.each(conversationEndpoints)("$name", (endpoint) => {
  it("answers 401 unauthorized when signed out", async () => {
    const { status, json } = await anonymous.call(endpoint.handler, request(endpoint, direct));
    expect(status).toBe(401);
    expect(json).toEqual({ error: { code: "unauthorized", message: expect.any(String) } });
  });

  it("answers 403 forbidden to a signed-in user who is not a member", async () => {
    const { status, json } = await as(carol).call(endpoint.handler, request(endpoint, direct));
    expect(status).toBe(403);
    expect(json).toEqual({ error: { code: "forbidden", message: expect.any(String) } });
  });

  it(`answers ${endpoint.ok} to a member${endpoint.member ? " who sent the message" : ""}`, async () => {
    const member = endpoint.member?.() ?? bob;
    const { status } = await as(member).call(endpoint.handler, request(endpoint, direct));
    expect(status).toBe(endpoint.ok);
  });

  it("answers 404 not_found for a well-formed id that names no conversation", async () => {
    const { status, json } = await as(alice).call(endpoint.handler, request(endpoint, UNKNOWN_ID));
    expect(status).toBe(404);
    expect(json.error.code).toBe("not_found");
  });

  it("answers 404 not_found for a malformed id", async () => {
    for (const id of MALFORMED_IDS) {
      const { status, json } = await as(alice).call(endpoint.handler, request(endpoint, id));
      expect(status, id).toBe(404);
      expect(json.error.code).toBe("not_found");
    }
  });

  it("checks the session before anything else: signed out with an unknown id is 401", async () => {
    expect((await anonymous.call(endpoint.handler, request(endpoint, UNKNOWN_ID))).status).toBe(401);
  });
});

describe("GET /api/conversations", () => {
  it("answers 401 when signed out", async () => {
    expect((await anonymous.call(routes.conversations.GET)).status).toBe(401);
  });

  it("lists only the caller's conversations", async () => {
    const ids = async (u: TestUser) =>
      (await as(u).call(routes.conversations.GET)).json.conversations.map((c: { id: string }) => c.id);
    expect(await ids(alice)).toEqual(expect.arrayContaining([direct, lobby]));
    expect(await ids(carol)).toEqual([lobby]);
  });
});

describe("POST /api/conversations", () => {
  it("answers 401 when signed out", async () => {
    const { status } = await anonymous.call(routes.conversations.POST, {
      body: { kind: "direct", userId: bob.id },
    });
    expect(status).toBe(401);
  });

  it("lets a signed-in user start a conversation", async () => {
    const { status } = await as(carol).call(routes.conversations.POST, {
      body: { kind: "direct", userId: bob.id },
    });
    expect(status).toBe(201);
  });
});

describe("GET /api/users", () => {
  it("answers 401 when signed out", async () => {
    expect((await anonymous.call(routes.users.GET)).status).toBe(401);
  });

  it("finds other users by username or name, never the caller", async () => {
    const everyone = await as(alice).call(routes.users.GET);
    expect(everyone.status).toBe(200);
    expect(everyone.json.users).toEqual([
      { id: bob.id, username: "bob", name: "Bob" },
      { id: carol.id, username: "carol", name: "Carol" },
    ]);
    const found = await as(alice).call(routes.users.GET, { query: { q: "car" } });
    expect(found.json.users.map((u: TestUser) => u.username)).toEqual(["carol"]);
    const self = await as(alice).call(routes.users.GET, { query: { q: "alice" } });
    expect(self.json.users).toEqual([]);
  });

  it("refuses an over-long query with 400", async () => {
    const { status, json } = await as(alice).call(routes.users.GET, { query: { q: "x".repeat(65) } });
    expect(status).toBe(400);
    expect(json.error.code).toBe("bad_request");
  });
});

describe("POST /api/register", () => {
  it("creates an account without a session: 201 with the public user only", async () => {
    const { status, json } = await anonymous.call(routes.register.POST, {
      body: { username: "  Dave_1 ", password: "long enough secret", name: "Dave" },
    });
    expect(status).toBe(201);
    expect(json).toEqual({ user: { id: expect.any(String), username: "dave_1", name: "Dave" } });
  });

  it("names the user after the username when no name is given", async () => {
    const { json } = await anonymous.call(routes.register.POST, {
      body: { username: "erin", password: "long enough secret" },
    });
    expect(json.user.name).toBe("erin");
  });

  it("puts the new user in the lobby", async () => {
    const { json } = await anonymous.call(routes.register.POST, {
      body: { username: "frank", password: "long enough secret" },
    });
    expect((await lobbyOf(json.user)).id).toBe(lobby);
  });

  it("answers 409 conflict for a taken username, whatever its case", async () => {
    for (const username of ["alice", "ALICE"]) {
      const { status, json } = await anonymous.call(routes.register.POST, {
        body: { username, password: "long enough secret" },
      });
      expect(status, username).toBe(409);
      expect(json.error.code).toBe("conflict");
    }
  });

  it("answers 400 bad_request for an invalid username or password", async () => {
    for (const body of [
      { username: "ab", password: "long enough secret" },
      { username: "no spaces", password: "long enough secret" },
      { username: "gina", password: "short" },
      { username: "gina" },
    ]) {
      const { status, json } = await anonymous.call(routes.register.POST, { body });
      expect(status, JSON.stringify(body)).toBe(400);
      expect(json.error.code).toBe("bad_request");
    }
  });
});

describe("POST /api/pusher/auth", () => {
  const SOCKET = "1.2";
  const authorize = (user: TestUser | null, channel: string, socket = SOCKET) =>
    as(user).call(routes.pusherAuth.POST, {
      body: new URLSearchParams({ socket_id: socket, channel_name: channel }).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
  const signature = (text: string) => createHmac("sha256", "ticks-local-secret").update(text).digest("hex");

  it("signs a member's subscription to the conversation channel", async () => {
    const channel = `private-conversation-${direct}`;
    const { status, json } = await authorize(alice, channel);
    expect(status).toBe(200);
    expect(json).toEqual({ auth: `ticks-local-key:${signature(`${SOCKET}:${channel}`)}` });
  });

  it("answers 403 to a non-member of the conversation", async () => {
    const { status, json } = await authorize(carol, `private-conversation-${direct}`);
    expect(status).toBe(403);
    expect(json.error.code).toBe("forbidden");
  });

  it("answers 403, not 404, for a conversation that doesn't exist (nothing is revealed)", async () => {
    expect((await authorize(alice, `private-conversation-${UNKNOWN_ID}`)).status).toBe(403);
  });

  it("signs a user's own user channel", async () => {
    const channel = `private-user-${alice.id}`;
    const { status, json } = await authorize(alice, channel);
    expect(status).toBe(200);
    expect(json.auth).toBe(`ticks-local-key:${signature(`${SOCKET}:${channel}`)}`);
  });

  it("answers 403 for another user's user channel", async () => {
    expect((await authorize(alice, `private-user-${bob.id}`)).status).toBe(403);
  });

  it("signs a member's presence subscription with their identity as channel_data", async () => {
    const channel = `presence-conversation-${direct}`;
    const { status, json } = await authorize(bob, channel);
    expect(status).toBe(200);
    expect(JSON.parse(json.channel_data)).toEqual({
      user_id: bob.id,
      user_info: { name: "Bob", username: "bob" },
    });
    expect(json.auth).toBe(`ticks-local-key:${signature(`${SOCKET}:${channel}:${json.channel_data}`)}`);
  });

  it("answers 403 to a non-member's presence subscription", async () => {
    expect((await authorize(carol, `presence-conversation-${direct}`)).status).toBe(403);
  });

  it("answers 403 for channels that are not the app's", async () => {
    for (const channel of [
      "private-anything",
      `presence-user-${alice.id}`,
      "public-lobby",
      `private-conversation-${direct}-x`,
    ]) {
      expect((await authorize(alice, channel)).status, channel).toBe(403);
    }
  });

  it("answers 400 for a malformed socket id", async () => {
    const { status, json } = await authorize(alice, `private-user-${alice.id}`, "not-a-socket");
    expect(status).toBe(400);
    expect(json.error.code).toBe("bad_request");
  });

  it("answers 401 when signed out", async () => {
    expect((await authorize(null, `private-user-${alice.id}`)).status).toBe(401);
  });
});

describe("GET /api/health", () => {
  it("reports the database and the realtime server reachable, without a session", async () => {
    const { status, json } = await anonymous.call(routes.health.GET);
    expect(status).toBe(200);
    expect(json).toEqual({ ok: true, db: "ok", realtime: "ok" });
  });
});
