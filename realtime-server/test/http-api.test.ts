import PusherServer from "pusher";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { RealtimeServer } from "../src";
import { APP, cleanup, connectedClient, nextEvent, serverSdk, startServer, subscribed } from "./helpers";

afterEach(async () => {
  vi.restoreAllMocks();
  await cleanup();
});

interface Answer {
  status: number;
  body: unknown;
}

/** Status and JSON body of an SDK call, whether it succeeded or threw RequestError. */
async function answer(call: Promise<{ status: number; json(): Promise<unknown> }>): Promise<Answer> {
  try {
    const res = await call;
    return { status: res.status, body: await res.json() };
  } catch (error) {
    if (!(error instanceof PusherServer.RequestError) || error.status === undefined) throw error;
    return { status: error.status, body: JSON.parse(error.body ?? "null") };
  }
}

/** A request signed by the SDK's own createSignedQueryString, sent with fetch (to send what the SDK wouldn't). */
async function signed(
  server: RealtimeServer,
  method: "GET" | "POST",
  path: string,
  body?: string,
  options: { sdk?: PusherServer; sentBody?: string; at?: number } = {},
): Promise<Answer> {
  const sdk = options.sdk ?? serverSdk(server);
  if (options.at !== undefined) vi.spyOn(Date, "now").mockReturnValue(options.at);
  const query = sdk.createSignedQueryString({ method, path, body });
  vi.restoreAllMocks();
  const res = await fetch(`${server.url}${path}?${query}`, {
    method,
    body: options.sentBody ?? body,
    headers: body ? { "content-type": "application/json" } : {},
  });
  return { status: res.status, body: await res.json() };
}

const EVENTS = `/apps/${APP.id}/events`;

/**
 * POST a hand-made body through the SDK (signed by it) to send what its own checks would refuse.
 * Its post() JSON-encodes `body` itself, despite the typing saying string.
 */
function postRaw(sdk: PusherServer, path: string, body: object) {
  return answer(sdk.post({ path, body: body as unknown as string }));
}
const event = (fields: Record<string, unknown>) =>
  JSON.stringify({ name: "e", data: "{}", channels: ["c"], ...fields });

describe("HTTP API authentication", () => {
  it("accepts the official SDK's signed requests", async () => {
    const server = await startServer();
    expect(await answer(serverSdk(server).trigger("c", "e", {}))).toEqual({ status: 200, body: {} });
  });

  it("401 for a signature made with the wrong secret", async () => {
    const server = await startServer();
    const result = await answer(serverSdk(server, { secret: "wrong" }).trigger("c", "e", {}));
    expect(result.status).toBe(401);
    expect(result.body).toEqual({ error: expect.stringMatching(/^Invalid signature/) });
  });

  it("401 for a timestamp more than 600 s away from server time, either way", async () => {
    const server = await startServer();
    const body = event({});
    const stale = await signed(server, "POST", EVENTS, body, { at: Date.now() - 610_000 });
    expect(stale).toEqual({ status: 401, body: { error: expect.stringMatching(/^Timestamp expired/) } });
    const future = await signed(server, "POST", EVENTS, body, { at: Date.now() + 610_000 });
    expect(future.status).toBe(401);
    const recent = await signed(server, "POST", EVENTS, body, { at: Date.now() - 590_000 });
    expect(recent.status).toBe(200);
  });

  it("401 when the body is not the one body_md5 was computed for", async () => {
    const server = await startServer();
    const result = await signed(server, "POST", EVENTS, event({}), { sentBody: event({ name: "other" }) });
    expect(result).toEqual({ status: 401, body: { error: expect.stringMatching(/body_md5/) } });
  });

  it("401 without the auth parameters", async () => {
    const server = await startServer();
    const res = await fetch(`${server.url}${EVENTS}`, { method: "POST", body: event({}) });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      error: expect.stringMatching(/auth_key, auth_timestamp, auth_version, auth_signature/),
    });
  });

  it("401 when a signed query parameter is changed", async () => {
    const server = await startServer();
    const query = serverSdk(server).createSignedQueryString({
      method: "GET",
      path: `/apps/${APP.id}/channels`,
      params: { filter_by_prefix: "a" },
    });
    const res = await fetch(
      `${server.url}/apps/${APP.id}/channels?${query.replace("filter_by_prefix=a", "filter_by_prefix=b")}`,
    );
    expect(res.status).toBe(401);
  });

  it("403 for an unknown app id and for another app's key", async () => {
    const server = await startServer();
    const unknownApp = await answer(serverSdk(server, { appId: "nope" }).trigger("c", "e", {}));
    expect(unknownApp).toEqual({ status: 403, body: { error: expect.stringMatching(/Unknown app id/) } });
    const wrongKey = await answer(serverSdk(server, { key: "someone-elses-key" }).trigger("c", "e", {}));
    expect(wrongKey).toEqual({ status: 403, body: { error: expect.stringMatching(/auth_key/) } });
  });

  it("404 for an unknown route", async () => {
    const server = await startServer();
    expect((await answer(serverSdk(server).get({ path: "/nothing-here" }))).status).toBe(404);
    expect((await answer(serverSdk(server).get({ path: "/events" }))).status).toBe(404);
    expect((await fetch(`${server.url}/elsewhere`)).status).toBe(404);
  });

  it("serves several apps, each with its own credentials and channels", async () => {
    const other = { id: "other", key: "other-key", secret: "other-secret" };
    const server = await startServer({ apps: [APP, other] });
    const otherSdk = serverSdk(server, { appId: other.id, key: other.key, secret: other.secret });
    expect((await answer(otherSdk.trigger("c", "e", {}))).status).toBe(200);
    const crossed = await answer(serverSdk(server, { appId: other.id }).trigger("c", "e", {}));
    expect(crossed.status).toBe(403);
  });
});

describe("HTTP API limits", () => {
  it("400 for a body that is not a JSON object", async () => {
    const server = await startServer();
    expect((await signed(server, "POST", EVENTS, "not json")).status).toBe(400);
    expect((await signed(server, "POST", EVENTS, "[1,2]")).status).toBe(400);
    expect((await signed(server, "POST", EVENTS, "")).status).toBe(400);
  });

  it("400 for a missing name, missing channels or data that is not a string", async () => {
    const server = await startServer();
    const sdk = serverSdk(server);
    const refused = (pattern: RegExp) => ({ status: 400, body: { error: expect.stringMatching(pattern) } });
    expect(await postRaw(sdk, "/events", { data: "{}", channels: ["c"] })).toEqual(refused(/event name/));
    expect(await postRaw(sdk, "/events", { name: "e", data: "{}" })).toEqual(
      refused(/channels or channel is required/),
    );
    expect(await postRaw(sdk, "/events", { name: "e", data: { a: 1 }, channel: "c" })).toEqual(
      refused(/data .* string/),
    );
    expect(await postRaw(sdk, "/events", { name: "e", data: "{}", channels: [] })).toEqual(
      refused(/non-empty array/),
    );
    expect(await postRaw(sdk, "/events", { name: "e", data: "{}", channel: "c" })).toEqual({
      status: 200,
      body: {},
    });
  });

  it("100 channels per trigger are accepted, 101 are a 400", async () => {
    const server = await startServer();
    const sdk = serverSdk(server);
    const names = (n: number) => Array.from({ length: n }, (_, i) => `channel-${i}`);
    expect((await answer(sdk.trigger(names(100), "e", {}))).status).toBe(200);
    // the SDK refuses 101 itself, so the request is built by hand (signed by the SDK all the same)
    const over = await postRaw(sdk, "/events", { name: "e", data: "{}", channels: names(101) });
    expect(over).toEqual({ status: 400, body: { error: expect.stringMatching(/at most 100/) } });
  });

  it("10 events per batch are accepted, 11 are a 400, an empty batch too", async () => {
    const server = await startServer();
    const sdk = serverSdk(server);
    const batch = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ channel: "c", name: `e${i}`, data: {} }));
    expect((await answer(sdk.triggerBatch(batch(10)))).status).toBe(200);
    expect(await answer(sdk.triggerBatch(batch(11)))).toEqual({
      status: 400,
      body: { error: expect.stringMatching(/at most 10/) },
    });
    expect((await answer(sdk.triggerBatch([]))).status).toBe(400);
  });

  it("400 for invalid channel names, event names over 200 characters and bad socket ids", async () => {
    const server = await startServer();
    const sdk = serverSdk(server);
    const post = (fields: Record<string, unknown>) =>
      postRaw(sdk, "/events", JSON.parse(event(fields)) as object);
    expect((await post({ channels: ["user+tag@example.com"] })).status).toBe(400);
    expect((await post({ channels: ["c".repeat(165)] })).status).toBe(400);
    expect((await post({ channels: ["c".repeat(164)] })).status).toBe(200);
    expect((await post({ name: "n".repeat(201) })).status).toBe(400);
    expect((await post({ name: "n".repeat(200) })).status).toBe(200);
    expect((await post({ socket_id: "abc" })).status).toBe(400);
    expect((await post({ info: "everything" })).status).toBe(400);
    const badBatch = await postRaw(sdk, "/batch_events", {
      batch: [{ name: "e", data: "{}", channel: "bad channel" }],
    });
    expect(badBatch).toEqual({
      status: 400,
      body: { error: expect.stringMatching(/^batch\[0\]: invalid channel name/) },
    });
  });

  it("413 for event data over 10 KB, in a trigger or in a batch; exactly 10 KB passes", async () => {
    const server = await startServer();
    const sdk = serverSdk(server);
    expect((await answer(sdk.trigger("c", "e", "x".repeat(10 * 1024)))).status).toBe(200);
    const over = await answer(sdk.trigger("c", "e", "x".repeat(10 * 1024 + 1)));
    expect(over).toEqual({ status: 413, body: { error: expect.stringMatching(/10240/) } });
    // multi-byte characters count in bytes, as Pusher counts them
    expect((await answer(sdk.trigger("c", "e", "é".repeat(5121)))).status).toBe(413);
    const batch = await answer(
      sdk.triggerBatch([
        { channel: "c", name: "ok", data: "small" },
        { channel: "c", name: "big", data: "x".repeat(11_000) },
      ]),
    );
    expect(batch.status).toBe(413);
  });

  it("413 for a body over the size cap", async () => {
    const server = await startServer();
    const result = await answer(serverSdk(server).trigger("c", "e", "x".repeat(300 * 1024)));
    expect(result).toEqual({ status: 413, body: { error: expect.stringMatching(/Request body larger/) } });
  });

  it("a batch with one bad event publishes none of them", async () => {
    const server = await startServer();
    const client = await connectedClient(server);
    const channel = await subscribed(client, "atomic");
    const got: string[] = [];
    channel.bind_global((name: string) => !name.startsWith("pusher") && got.push(name));
    const result = await answer(
      serverSdk(server).triggerBatch([
        { channel: "atomic", name: "first", data: {} },
        { channel: "atomic", name: "second", data: "x".repeat(20_000) },
      ]),
    );
    expect(result.status).toBe(413);
    const marker = nextEvent(channel, "marker");
    await serverSdk(server).trigger("atomic", "marker", {});
    await marker;
    expect(got).toEqual(["marker"]);
  });
});

describe("channel information", () => {
  async function populated(enableSubscriptionCount = true) {
    const server = await startServer({ apps: [{ ...APP, enableSubscriptionCount }] });
    const alice = await connectedClient(server, { user: { id: "alice" } });
    const aliceTab = await connectedClient(server, { user: { id: "alice" } });
    const bob = await connectedClient(server, { user: { id: "bob" } });
    await Promise.all([
      subscribed(alice, "presence-conversation-1"),
      subscribed(aliceTab, "presence-conversation-1"),
      subscribed(bob, "presence-conversation-1"),
      subscribed(bob, "presence-conversation-2"),
      subscribed(alice, "private-conversation-1"),
      subscribed(bob, "private-conversation-1"),
      subscribed(alice, "lobby"),
    ]);
    return { server, sdk: serverSdk(server) };
  }

  it("GET /channels lists occupied channels, filtered by prefix", async () => {
    const { sdk } = await populated();
    expect(await answer(sdk.get({ path: "/channels" }))).toEqual({
      status: 200,
      body: {
        channels: {
          "presence-conversation-1": {},
          "presence-conversation-2": {},
          "private-conversation-1": {},
          lobby: {},
        },
      },
    });
    expect(
      (await answer(sdk.get({ path: "/channels", params: { filter_by_prefix: "private-" } }))).body,
    ).toEqual({
      channels: { "private-conversation-1": {} },
    });
  });

  it("GET /channels gives user_count for presence channels only", async () => {
    const { sdk } = await populated();
    const presence = await answer(
      sdk.get({ path: "/channels", params: { filter_by_prefix: "presence-", info: "user_count" } }),
    );
    expect(presence.body).toEqual({
      channels: {
        "presence-conversation-1": { user_count: 2 },
        "presence-conversation-2": { user_count: 1 },
      },
    });
    expect((await answer(sdk.get({ path: "/channels", params: { info: "user_count" } }))).status).toBe(400);
  });

  it("GET /channels gives subscription_count, with user_count for presence channels", async () => {
    const { sdk } = await populated();
    const presence = await answer(
      sdk.get({
        path: "/channels",
        params: { filter_by_prefix: "presence-", info: "user_count,subscription_count" },
      }),
    );
    expect(presence.body).toEqual({
      channels: {
        "presence-conversation-1": { user_count: 2, subscription_count: 3 },
        "presence-conversation-2": { user_count: 1, subscription_count: 1 },
      },
    });
    const all = await answer(sdk.get({ path: "/channels", params: { info: "subscription_count" } }));
    expect(all.body).toEqual({
      channels: {
        "presence-conversation-1": { subscription_count: 3 },
        "presence-conversation-2": { subscription_count: 1 },
        "private-conversation-1": { subscription_count: 2 },
        lobby: { subscription_count: 1 },
      },
    });
  });

  it("subscription_count is a 400, as hosted, when the app hasn't subscription counting on", async () => {
    const { server, sdk } = await populated(false);
    const refusal = {
      status: 400,
      body: { error: "Cannot retrieve the subscription count because subscription counting is not enabled" },
    };
    expect(await answer(sdk.get({ path: "/channels", params: { info: "subscription_count" } }))).toEqual(
      refusal,
    );
    expect(
      await answer(sdk.get({ path: "/channels/lobby", params: { info: "subscription_count" } })),
    ).toEqual(refusal);
    expect(await answer(sdk.trigger("lobby", "e", {}, { info: "subscription_count" }))).toEqual(refusal);
    // and nothing was published by the refused trigger
    expect(server.stats().eventsPublished).toBe(0);
    expect((await answer(sdk.trigger("lobby", "e", {}, { info: "" }))).status).toBe(200);
  });

  it("GET /channels/{name} reports occupied, subscription_count and user_count", async () => {
    const { sdk } = await populated();
    const presence = await answer(
      sdk.get({
        path: "/channels/presence-conversation-1",
        params: { info: "user_count,subscription_count" },
      }),
    );
    expect(presence.body).toEqual({ occupied: true, user_count: 2, subscription_count: 3 });
    const priv = await answer(
      sdk.get({ path: "/channels/private-conversation-1", params: { info: "subscription_count" } }),
    );
    expect(priv.body).toEqual({ occupied: true, subscription_count: 2 });
    expect((await answer(sdk.get({ path: "/channels/private-conversation-9" }))).body).toEqual({
      occupied: false,
    });
    expect((await answer(sdk.get({ path: "/channels/lobby", params: { info: "user_count" } }))).status).toBe(
      400,
    );
    expect((await answer(sdk.get({ path: `/channels/${"c".repeat(165)}` }))).status).toBe(400);
    expect((await answer(sdk.get({ path: "/channels/bad!name" }))).status).toBe(400);
  });

  it("GET /channels/{name}/users lists each present user once, for presence channels only", async () => {
    const { sdk } = await populated();
    const users = await answer(sdk.get({ path: "/channels/presence-conversation-1/users" }));
    expect(users.status).toBe(200);
    expect(
      (users.body as { users: { id: string }[] }).users.sort((a, b) => a.id.localeCompare(b.id)),
    ).toEqual([{ id: "alice" }, { id: "bob" }]);
    expect((await answer(sdk.get({ path: "/channels/presence-nobody/users" }))).body).toEqual({ users: [] });
    expect((await answer(sdk.get({ path: "/channels/private-conversation-1/users" }))).status).toBe(400);
  });
});
