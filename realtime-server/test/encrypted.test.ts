// End-to-end encrypted channels (pusher/docs encrypted-channels.md): private-encrypted-* channels
// authorise like private ones; the SDK (encryptionMasterKeyBase64) encrypts, pusher-js's node build
// (which bundles tweetnacl) decrypts with the shared_secret from the auth response, and the server
// only ever relays ciphertext. Client events are refused on them.
import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { RawClient, cleanup, connectedClient, dataOf, nextEvent, serverSdk, startServer } from "./helpers";

afterEach(cleanup);

const MASTER_KEY = randomBytes(32).toString("base64");

describe("encrypted channels", () => {
  it("pusher-js decrypts what the SDK encrypted, relayed by the server", async () => {
    const server = await startServer();
    const client = await connectedClient(server, { encryptionMasterKeyBase64: MASTER_KEY });
    const channel = client.subscribe("private-encrypted-chat");
    await nextEvent(channel, "pusher:subscription_succeeded");
    const got = nextEvent(channel, "message");
    const sdk = serverSdk(server, { encryptionMasterKeyBase64: MASTER_KEY });
    await sdk.trigger("private-encrypted-chat", "message", { text: "for your eyes only" });
    expect(await got).toEqual({ text: "for your eyes only" });
  });

  it("the server only sees and relays ciphertext", async () => {
    const server = await startServer();
    const { client, socketId } = await RawClient.connect(server);
    const sdk = serverSdk(server, { encryptionMasterKeyBase64: MASTER_KEY });
    const { auth } = sdk.authorizeChannel(socketId, "private-encrypted-chat");
    client.send("pusher:subscribe", { channel: "private-encrypted-chat", auth });
    await client.next((m) => m.event === "pusher_internal:subscription_succeeded");
    await sdk.trigger("private-encrypted-chat", "message", { text: "for your eyes only" });
    const message = await client.next((m) => m.event === "message");
    expect(Object.keys(dataOf<object>(message)).sort()).toEqual(["ciphertext", "nonce"]);
    expect(String(message.data)).not.toContain("eyes");
  });

  it("refuse a subscription without a valid private signature", async () => {
    const server = await startServer();
    const client = await connectedClient(server, {
      encryptionMasterKeyBase64: MASTER_KEY,
      secret: "forged-secret",
    });
    const channel = client.subscribe("private-encrypted-chat");
    const error = await nextEvent<{ status: number }>(channel, "pusher:subscription_error");
    expect(error.status).toBe(401);
  });

  it("refuse client events", async () => {
    const server = await startServer();
    const sdk = serverSdk(server, { encryptionMasterKeyBase64: MASTER_KEY });
    const [a, b] = await Promise.all([RawClient.connect(server), RawClient.connect(server)]);
    for (const { client, socketId } of [a, b]) {
      const { auth } = sdk.authorizeChannel(socketId, "private-encrypted-chat");
      client.send("pusher:subscribe", { channel: "private-encrypted-chat", auth });
      await client.next((m) => m.event === "pusher_internal:subscription_succeeded");
    }
    a.client.send("client-typing", { plain: "text" }, "private-encrypted-chat");
    const error = await a.client.next((m) => m.event === "pusher:error");
    expect(dataOf<{ message: string }>(error).message).toMatch(/not supported on encrypted channels/);
    b.client.send("pusher:ping", {});
    await b.client.next((m) => m.event === "pusher:pong");
    expect(b.client.messages.some((m) => m.event === "client-typing")).toBe(false);
    expect(server.stats().clientEvents).toBe(0);
  });

  it("are published to one at a time (400 for an encrypted channel among several)", async () => {
    const server = await startServer();
    const sdk = serverSdk(server);
    const res = await sdk
      .post({
        path: "/events",
        body: { name: "e", data: "{}", channels: ["private-encrypted-a", "lobby"] } as unknown as string,
      })
      .catch((error: { status: number }) => error);
    expect(res.status).toBe(400);
  });

  it("private-encrypted-cache channels replay the last ciphertext, which pusher-js decrypts", async () => {
    const server = await startServer();
    const sdk = serverSdk(server, { encryptionMasterKeyBase64: MASTER_KEY });
    await sdk.trigger("private-encrypted-cache-state", "state", { v: 7 });
    const client = await connectedClient(server, { encryptionMasterKeyBase64: MASTER_KEY });
    const channel = client.subscribe("private-encrypted-cache-state");
    expect(await nextEvent(channel, "state")).toEqual({ v: 7 });
  });
});
