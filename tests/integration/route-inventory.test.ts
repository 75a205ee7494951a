// One table of every route handler and who may call it. A route file the table doesn't list (or
// a listed one that's gone) fails the inventory test, so a new endpoint can't be forgotten; each
// row is then checked: signed out, outside the conversation, cross-site, and as a member.
import { createHmac, randomUUID } from "node:crypto";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { png, sendWith, upload } from "./files";
import {
  as,
  anonymous,
  registerAll,
  send,
  startDirect,
  startGroup,
  type CallOptions,
  type TestUser,
} from "./helpers";

type Access = "public" | "session" | "member" | "next-auth" | "cron";
type Row = {
  route: string;
  method: "GET" | "POST" | "PATCH" | "DELETE";
  access: Access;
  /** A valid request as the member (alice, the sender of message 1 in the direct chat). */
  request?: () => CallOptions;
  ok?: number;
};

let alice: TestUser;
let bob: TestUser;
let carol: TestUser; // signed in, not in alice and bob's chat
let dave: TestUser;
let erin: TestUser;
let direct: string;
let attachment: string;
let group: string; // alice (admin), bob, dave: group management needs a group
let leaving: string; // alice (admin), bob, erin: erin is removed as the member's request

beforeAll(async () => {
  [alice, bob, carol, dave, erin] = await registerAll("alice", "bob", "carol", "dave", "erin");
  direct = (await startDirect(alice, bob)).id;
  await send(alice, direct, "hello"); // seq 1: edited and reacted to
  await send(alice, direct, "to delete"); // seq 2: deleted for everyone
  const clientId = randomUUID(); // seq 3: a picture
  const file = { name: "a.png", contentType: "image/png", bytes: png(2, 2) };
  attachment = (await upload(alice, direct, clientId, file)).id;
  await sendWith(alice, direct, { clientId, attachmentIds: [attachment] });
  group = (await startGroup(alice, "Team", [bob])).id;
  leaving = (await startGroup(alice, "Leavers", [bob, erin])).id;
});

const cronSecret = () => ({ headers: { authorization: `Bearer ${process.env.CRON_SECRET}` } });

const form = (channel: string) => ({
  body: new URLSearchParams({ socket_id: "1.2", channel_name: channel }).toString(),
  headers: { "content-type": "application/x-www-form-urlencoded" },
});

// The realtime server's webhook: signed with the app's secret, as Pusher signs it.
const signedWebhook = () => {
  const body = JSON.stringify({ time_ms: Date.now(), events: [] });
  const signature = createHmac("sha256", "ticks-local-secret").update(body).digest("hex");
  return {
    body,
    headers: {
      "content-type": "application/json",
      "x-pusher-key": "ticks-local-key",
      "x-pusher-signature": signature,
    },
  };
};

const TABLE: Row[] = [
  { route: "/api/auth/[...nextauth]", method: "GET", access: "next-auth" },
  { route: "/api/auth/[...nextauth]", method: "POST", access: "next-auth" },
  { route: "/api/health", method: "GET", access: "public", ok: 200 },
  {
    route: "/api/register",
    method: "POST",
    access: "public",
    request: () => ({ body: { username: `u${randomUUID().slice(0, 8)}`, password: "long enough secret" } }),
    ok: 201,
  },
  { route: "/api/users", method: "GET", access: "session", ok: 200 },
  {
    route: "/api/search",
    method: "GET",
    access: "session",
    request: () => ({ query: { q: "hello" } }),
    ok: 200,
  },
  { route: "/api/conversations", method: "GET", access: "session", ok: 200 },
  {
    route: "/api/conversations",
    method: "POST",
    access: "session",
    request: () => ({ body: { kind: "direct", userId: carol.id } }),
    ok: 201,
  },
  {
    route: "/api/pusher/auth",
    method: "POST",
    access: "member",
    request: () => form(`private-conversation-${direct}`),
    ok: 200,
  },
  {
    route: "/api/pusher/user-auth",
    method: "POST",
    access: "session",
    request: () => ({
      body: new URLSearchParams({ socket_id: "1.2" }).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    }),
    ok: 200,
  },
  // Public, but only with the realtime server's signature (401 otherwise: realtime-users.test.ts).
  { route: "/api/pusher/webhooks", method: "POST", access: "public", request: signedWebhook, ok: 200 },
  { route: "/api/conversations/[id]", method: "GET", access: "member", ok: 200 },
  { route: "/api/conversations/[id]/messages", method: "GET", access: "member", ok: 200 },
  {
    route: "/api/conversations/[id]/messages",
    method: "POST",
    access: "member",
    request: () => ({ body: { body: "hi", clientId: randomUUID() } }),
    ok: 201,
  },
  {
    route: "/api/conversations/[id]/delivered",
    method: "POST",
    access: "member",
    request: () => ({ body: { upTo: 1 } }),
    ok: 200,
  },
  {
    route: "/api/delivered",
    method: "POST",
    access: "session",
    request: () => ({ body: { marks: [{ conversationId: direct, delivered: 1 }] } }),
    ok: 200,
  },
  {
    route: "/api/conversations/[id]/read",
    method: "POST",
    access: "member",
    request: () => ({ body: { upTo: 1 } }),
    ok: 200,
  },
  {
    route: "/api/conversations/[id]/uploads",
    method: "POST",
    access: "member",
    request: () => ({ body: { clientId: randomUUID(), name: "a.png", contentType: "image/png", size: 10 } }),
    ok: 201,
  },
  {
    route: "/api/conversations/[id]/attachments/[attachmentId]",
    method: "GET",
    access: "member",
    request: () => ({ attachmentId: attachment }),
    ok: 302,
  },
  { route: "/api/cron/cleanup-uploads", method: "GET", access: "cron", request: cronSecret, ok: 200 },
  {
    route: "/api/conversations/[id]/messages/[seq]/receipts",
    method: "GET",
    access: "member",
    request: () => ({ seq: 1 }),
    ok: 200,
  },
  {
    route: "/api/conversations/[id]",
    method: "PATCH",
    access: "member",
    request: () => ({ id: group, body: { title: "Renamed" } }),
    ok: 200,
  },
  {
    route: "/api/conversations/[id]/messages/[seq]",
    method: "PATCH",
    access: "member",
    request: () => ({ seq: 1, body: { body: "hello, edited" } }),
    ok: 200,
  },
  {
    route: "/api/conversations/[id]/messages/[seq]",
    method: "DELETE",
    access: "member",
    request: () => ({ seq: 2, query: { for: "everyone" } }),
    ok: 200,
  },
  {
    route: "/api/conversations/[id]/messages/[seq]/reactions",
    method: "POST",
    access: "member",
    request: () => ({ seq: 1, body: { emoji: "👍", on: true } }),
    ok: 200,
  },
  {
    route: "/api/conversations/[id]/changes",
    method: "GET",
    access: "member",
    request: () => ({ query: { after: 0 } }),
    ok: 200,
  },
  {
    route: "/api/conversations/[id]/members",
    method: "GET",
    access: "member",
    request: () => ({ id: group }),
    ok: 200,
  },
  {
    route: "/api/conversations/[id]/members",
    method: "POST",
    access: "member",
    request: () => ({ id: group, body: { userIds: [dave.id] } }),
    ok: 200,
  },
  {
    route: "/api/conversations/[id]/members/[userId]",
    method: "DELETE",
    access: "member",
    request: () => ({ id: leaving, userId: erin.id }),
    ok: 200,
  },
];

// Route files: the App Router's (app/api/**/route.ts) and the hot path's Pages API routes
// (pages/api/**.ts, served through nodeApi; docs/architecture.md, "The hot path").
const APP_API = path.join(process.cwd(), "app", "api");
const PAGES_API = path.join(process.cwd(), "pages", "api");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

const routePath = (root: string, where: string) =>
  `/api/${path.relative(root, where).split(path.sep).join("/")}`.replace(/\/$/, "");

/** Every API route file and the path it serves. */
function routeModules(): { file: string; route: string; pages: boolean }[] {
  const app = filesUnder(APP_API)
    .filter((file) => path.basename(file) === "route.ts")
    .map((file) => ({ file, route: routePath(APP_API, path.dirname(file)), pages: false }));
  const pages = filesUnder(PAGES_API).map((file) => ({
    file,
    route: routePath(PAGES_API, file.replace(/\.ts$/, "")),
    pages: true,
  }));
  return [...app, ...pages];
}

type Handler = Parameters<typeof anonymous.call>[0];

async function handlerFor(row: Row): Promise<Handler> {
  const found = routeModules().find((m) => m.route === row.route);
  if (!found) throw new Error(`no route file serves ${row.route}`);
  const mod = (await import(found.file)) as Record<string, Handler>;
  return mod[row.method]!;
}

describe("the route inventory", () => {
  it("lists every method of every route file, and nothing else", async () => {
    const found: string[] = [];
    for (const { file, route } of routeModules()) {
      const mod = (await import(file)) as Record<string, unknown>;
      for (const method of METHODS) if (typeof mod[method] === "function") found.push(`${method} ${route}`);
    }
    expect(found.sort()).toEqual(TABLE.map((r) => `${r.method} ${r.route}`).sort());
  });

  it("serves each Pages API route through nodeApi, which reads the body itself", async () => {
    const pages = routeModules().filter((m) => m.pages);
    expect(pages.map((m) => m.route).sort()).toEqual([
      "/api/conversations/[id]/delivered",
      "/api/conversations/[id]/messages",
      "/api/conversations/[id]/read",
      "/api/delivered",
    ]);
    for (const { file, route } of pages) {
      const mod = (await import(file)) as Record<string, unknown> & {
        default?: { methods?: string[] };
        config?: { api?: { bodyParser?: unknown } };
      };
      // The shell serves exactly the methods the file exports (the ones the table checks).
      const exported = METHODS.filter((method) => typeof mod[method] === "function");
      expect(mod.default?.methods?.toSorted(), route).toEqual(exported.toSorted());
      // With Next's body parser on, the stream would be read before the handler's size limit.
      expect(mod.config?.api?.bodyParser, route).toBe(false);
    }
  });
});

const ours = TABLE.filter((r) => r.access !== "next-auth");

const options = (row: Row): CallOptions => ({ method: row.method, id: direct, ...row.request?.() });

describe.each(ours.filter((r) => r.access === "cron"))("$method $route without the cron secret", (row) => {
  it("answers 401, even to a signed-in member", async () => {
    expect((await as(alice).call(await handlerFor(row), { method: row.method })).status).toBe(401);
  });
});

describe.each(ours.filter((r) => r.access !== "public" && r.access !== "cron"))(
  "$method $route signed out",
  (row) => {
    it("answers 401", async () => {
      expect((await anonymous.call(await handlerFor(row), options(row))).status).toBe(401);
    });
  },
);

describe.each(ours.filter((r) => r.access === "member"))("$method $route outside the conversation", (row) => {
  it("answers 403 to a signed-in user who is not a member", async () => {
    expect((await as(carol).call(await handlerFor(row), options(row))).status).toBe(403);
  });
});

describe.each(ours.filter((r) => r.method !== "GET"))("$method $route from another site", (row) => {
  it("refuses with 403, even for a member", async () => {
    const base = options(row);
    const attempts: Record<string, string>[] = [
      { origin: "https://evil.example", host: "localhost" },
      { "sec-fetch-site": "cross-site" },
      { origin: "null", host: "localhost" },
    ];
    for (const headers of attempts) {
      const answer = await as(alice).call(await handlerFor(row), {
        ...base,
        headers: { ...base.headers, ...headers },
      });
      expect(answer.status, JSON.stringify(headers)).toBe(403);
    }
  });
});

describe.each(ours)("$method $route as the member", (row) => {
  it(`answers ${row.ok}, also when the browser says it is same-origin`, async () => {
    const base = options(row);
    const headers = {
      ...base.headers,
      origin: "http://localhost",
      host: "localhost",
      "sec-fetch-site": "same-origin",
    };
    const answer = await as(row.access === "public" || row.access === "cron" ? null : alice).call(
      await handlerFor(row),
      {
        ...base,
        headers,
      },
    );
    expect(answer.status, answer.text).toBe(row.ok);
  });
});
