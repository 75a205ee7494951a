// User authentication (pusher:signin), sendToUser and terminateUserConnections, with pusher-js's
// pusher.signin() / pusher.user and the SDK's authenticateUser / sendToUser / terminateUserConnections.
import { afterEach, describe, expect, it } from "vitest";
import { hmacSha256Hex } from "../src/signature";
import {
  APP,
  RawClient,
  cleanup,
  connectedClient,
  dataOf,
  eventually,
  nextConnectionError,
  nextEvent,
  serverSdk,
  signedIn,
  startServer,
  subscribed,
  waitForState,
  type PusherErrorEvent,
} from "./helpers";

afterEach(cleanup);

/** Signs `userData` for `socketId` as the SDK's authenticateUser does, for what the SDK won't sign. */
function rawSignin(socketId: string, userData: string, secret = APP.secret) {
  return {
    auth: `${APP.key}:${hmacSha256Hex(secret, `${socketId}::user::${userData}`)}`,
    user_data: userData,
  };
}

describe("signing in", () => {
  it("pusher.signin() gets pusher:signin_success with the user_data the app server signed", async () => {
    const server = await startServer();
    const client = await connectedClient(server, {
      signinAs: { id: "alice", user_info: { name: "Alice" } },
    });
    expect(await signedIn(client)).toEqual({ id: "alice", user_info: { name: "Alice" } });
    // pusher-js then subscribes to the user's channel, which is confirmed
    await eventually(() => client.user.serverToUserChannel?.subscribed === true, "#server-to-user-alice");
  });

  it("the wire format: signin_success carries user_data as the exact string signed", async () => {
    const server = await startServer();
    const { client, socketId } = await RawClient.connect(server);
    const signed = serverSdk(server).authenticateUser(socketId, { id: "alice", watchlist: [] });
    client.send("pusher:signin", signed);
    const success = await client.next((m) => m.event === "pusher:signin_success");
    expect(success.channel).toBeUndefined();
    expect(dataOf<{ user_data: string }>(success)).toEqual({ user_data: signed.user_data });
  });

  it("a signature made with the wrong secret is refused with pusher:error", async () => {
    const server = await startServer();
    const client = await connectedClient(server, { signinAs: { id: "alice" }, secret: "forged-secret" });
    const error = nextConnectionError(client);
    client.signin();
    expect((await error).data).toMatchObject({
      code: null,
      message: expect.stringMatching(/Invalid signature/),
    });
    expect(client.user.user_data).toBeNull();
    expect(client.connection.state).toBe("connected");
  });

  it("user_data without an id, or not JSON, is refused", async () => {
    const server = await startServer();
    const { client, socketId } = await RawClient.connect(server);
    client.send("pusher:signin", rawSignin(socketId, JSON.stringify({ name: "no id" })));
    const noId = await client.next((m) => m.event === "pusher:error");
    expect(dataOf<{ message: string }>(noId).message).toMatch(/must contain an id/);
    client.send("pusher:signin", rawSignin(socketId, JSON.stringify({ id: "" })));
    await client.next((m) => m.event === "pusher:error");
    client.send("pusher:signin", rawSignin(socketId, "not json"));
    const notJson = await client.next((m) => m.event === "pusher:error");
    expect(dataOf<{ message: string }>(notJson).message).toMatch(/not valid JSON/);
    client.send("pusher:signin", { user_data: JSON.stringify({ id: "alice" }) });
    const noAuth = await client.next((m) => m.event === "pusher:error");
    expect(dataOf<{ message: string }>(noAuth).message).toMatch(/Invalid signature/);
    expect(client.messages.some((m) => m.event === "pusher:signin_success")).toBe(false);
  });

  it("a signature made for another socket is refused", async () => {
    const server = await startServer();
    const { client } = await RawClient.connect(server);
    client.send("pusher:signin", serverSdk(server).authenticateUser("1.1", { id: "alice" }));
    const error = await client.next((m) => m.event === "pusher:error");
    expect(dataOf<{ message: string }>(error).message).toMatch(/Invalid signature/);
  });

  it("a connection can't switch users, nor subscribe to another user's channel", async () => {
    const server = await startServer();
    const { client, socketId } = await RawClient.connect(server);
    client.send("pusher:subscribe", { channel: "#server-to-user-alice", auth: "" });
    const notSignedIn = await client.next((m) => m.event === "pusher:subscription_error");
    expect(notSignedIn.channel).toBe("#server-to-user-alice");
    await client.next((m) => m.event === "pusher:error"); // the connection-level half of that refusal

    const sdk = serverSdk(server);
    client.send("pusher:signin", sdk.authenticateUser(socketId, { id: "alice" }));
    await client.next((m) => m.event === "pusher:signin_success");
    client.send("pusher:signin", sdk.authenticateUser(socketId, { id: "bob" }));
    const error = await client.next((m) => m.event === "pusher:error");
    expect(dataOf<{ message: string }>(error).message).toMatch(/already signed in as another user/);
    client.send("pusher:subscribe", { channel: "#server-to-user-bob", auth: "" });
    await client.next((m) => m.event === "pusher:subscription_error" && m.channel === "#server-to-user-bob");
    client.send("pusher:subscribe", { channel: "#server-to-user-alice", auth: "" });
    await client.next(
      (m) => m.event === "pusher_internal:subscription_succeeded" && m.channel === "#server-to-user-alice",
    );
    // signing in again as the same user is fine
    client.send("pusher:signin", sdk.authenticateUser(socketId, { id: "alice" }));
    await client.next((m) => m.event === "pusher:signin_success");
  });
});

describe("sendToUser", () => {
  it("reaches every connection signed in as that user, on pusher.user, and no one else", async () => {
    const server = await startServer();
    const [aliceTab1, aliceTab2, bob] = await Promise.all([
      connectedClient(server, { signinAs: { id: "alice" } }),
      connectedClient(server, { signinAs: { id: "alice" } }),
      connectedClient(server, { signinAs: { id: "bob" } }),
    ]);
    await Promise.all([signedIn(aliceTab1), signedIn(aliceTab2), signedIn(bob)]);
    const bobGot: unknown[] = [];
    bob.user.bind("notification", (data: unknown) => bobGot.push(data));
    const got1 = nextEvent(aliceTab1.user, "notification");
    const got2 = nextEvent(aliceTab2.user, "notification");
    const sdk = serverSdk(server);
    const res = await sdk.sendToUser("alice", "notification", { text: "hi" });
    expect(res.status).toBe(200);
    expect(await got1).toEqual({ text: "hi" });
    expect(await got2).toEqual({ text: "hi" });
    // events are delivered in order, so one for alice would have reached bob before this
    const marker = nextEvent(bob.user, "marker");
    await sdk.sendToUser("bob", "marker", {});
    await marker;
    expect(bobGot).toEqual([]);
  });

  it("the wire format: the event arrives on #server-to-user-{id}", async () => {
    const server = await startServer();
    const { client, socketId } = await RawClient.connect(server);
    const sdk = serverSdk(server);
    client.send("pusher:signin", sdk.authenticateUser(socketId, { id: "alice" }));
    await client.next((m) => m.event === "pusher:signin_success");
    await sdk.sendToUser("alice", "hello", "plain");
    expect(await client.next((m) => m.event === "hello")).toEqual({
      event: "hello",
      channel: "#server-to-user-alice",
      data: "plain",
    });
  });

  it("to a user who isn't signed in is accepted and goes nowhere", async () => {
    const server = await startServer();
    const res = await serverSdk(server).sendToUser("nobody", "e", {});
    expect(res.status).toBe(200);
    expect(server.stats()).toMatchObject({ eventsPublished: 1, messagesSent: 0 });
  });
});

describe("terminateUserConnections", () => {
  it("closes every connection of that user with 4009, and no one else's; pusher-js stays disconnected", async () => {
    const server = await startServer();
    const [aliceTab1, aliceTab2, bob] = await Promise.all([
      connectedClient(server, { signinAs: { id: "alice" } }),
      connectedClient(server, { signinAs: { id: "alice" } }),
      connectedClient(server, { signinAs: { id: "bob" } }),
    ]);
    await Promise.all([signedIn(aliceTab1), signedIn(aliceTab2), signedIn(bob)]);
    const bobChannel = await subscribed(bob, "private-room");
    const errors = [aliceTab1, aliceTab2].map((client) => nextConnectionError(client));
    const disconnected = [aliceTab1, aliceTab2].map((client) => waitForState(client, "disconnected"));

    const res = await serverSdk(server).terminateUserConnections("alice");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
    for (const error of await Promise.all(errors)) {
      expect(error.data.code).toBe(4009);
    }
    await Promise.all(disconnected);
    await eventually(() => server.stats().connections === 1, "only bob to remain");

    // bob is untouched, and alice's clients haven't come back by the time bob hears this
    const marker = nextEvent(bobChannel, "marker");
    await serverSdk(server).trigger("private-room", "marker", {});
    await marker;
    expect(bob.connection.state).toBe("connected");
    expect([aliceTab1.connection.state, aliceTab2.connection.state]).toEqual([
      "disconnected",
      "disconnected",
    ]);
    expect(server.stats().connections).toBe(1);
  });

  it("the wire format: close code 4009, and a user who isn't connected is a 200", async () => {
    const server = await startServer();
    const { client, socketId } = await RawClient.connect(server);
    const sdk = serverSdk(server);
    client.send("pusher:signin", sdk.authenticateUser(socketId, { id: "alice" }));
    await client.next((m) => m.event === "pusher:signin_success");
    await sdk.terminateUserConnections("alice");
    expect((await client.waitClosed()).code).toBe(4009);
    expect((await sdk.terminateUserConnections("alice")).status).toBe(200);
  });

  it("doesn't touch connections that only joined a presence channel as that user", async () => {
    const server = await startServer();
    const client = await connectedClient(server, { user: { id: "alice" } });
    const channel = await subscribed(client, "presence-room");
    await serverSdk(server).terminateUserConnections("alice");
    const marker = nextEvent(channel, "marker");
    await serverSdk(server).trigger("presence-room", "marker", {});
    await marker;
    expect(client.connection.state).toBe("connected");
  });
});

describe("authorization timeout (hosted's Authorized Connections, off by default)", () => {
  it("closes, with 4009, a connection that neither signed in nor subscribed to a private channel", async () => {
    // long enough for the first two to authorise even on a busy machine
    const server = await startServer({ apps: [{ ...APP, authorizationTimeout: 1 }] });
    // authorised first, so their timers fire before the last connection's does
    const signedInClient = await connectedClient(server, { signinAs: { id: "alice" } });
    await signedIn(signedInClient);
    const privateClient = await connectedClient(server);
    await subscribed(privateClient, "private-room");
    const idle = await RawClient.connect(server);
    const closed = await idle.client.waitClosed();
    expect(closed).toEqual({ code: 4009, reason: "Connection not authorized within timeout" });
    expect(signedInClient.connection.state).toBe("connected");
    expect(privateClient.connection.state).toBe("connected");
    await eventually(() => server.stats().connections === 2, "the two authorised connections to remain");
  });

  it("pusher-js reports it as error 4009 and does not reconnect", async () => {
    const server = await startServer({ apps: [{ ...APP, authorizationTimeout: 0.2 }] });
    const client = await connectedClient(server);
    const error: PusherErrorEvent = await nextConnectionError(client);
    expect(error.data.code).toBe(4009);
    await waitForState(client, "disconnected");
    await eventually(() => server.stats().connections === 0, "the server to drop it");
  });
});
