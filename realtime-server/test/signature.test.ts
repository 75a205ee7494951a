import PusherServer from "pusher";
import { describe, expect, it } from "vitest";
import { channelKind, channelNameError, eventNameError, isValidSocketId } from "../src/names";
import { channelAuthError, hmacSha256Hex, md5Hex, requestSigningString } from "../src/signature";

describe("HTTP API request signatures", () => {
  // The worked example of pusher/docs rest-api.md "Worked authentication example".
  const secret = "7ad3773142a6692b25b8";
  const body = '{"name":"foo","channels":["project-3"],"data":"{\\"some\\":\\"data\\"}"}';

  it("reproduce the documented body_md5, string to sign and signature", () => {
    expect(md5Hex(body)).toBe("ec365a775a4cd0599faeb73354201b6f");
    const query = new URLSearchParams(
      "auth_signature=ignored&body_md5=ec365a775a4cd0599faeb73354201b6f&auth_version=1.0&auth_timestamp=1353088179&auth_key=278d425bdf160c739803",
    );
    const signed = requestSigningString("post", "/apps/3/events", query);
    expect(signed).toBe(
      "POST\n/apps/3/events\nauth_key=278d425bdf160c739803&auth_timestamp=1353088179&auth_version=1.0&body_md5=ec365a775a4cd0599faeb73354201b6f",
    );
    expect(hmacSha256Hex(secret, signed)).toBe(
      "da454824c97ba181a32ccc17a72625ba02771f50b50e1e7430e47a1f3f457e6c",
    );
  });

  it("sign query values unescaped with lower-cased keys, as the docs require", () => {
    const query = new URLSearchParams("Name=Something%20else&auth_key=foo");
    expect(requestSigningString("GET", "/x", query)).toBe("GET\n/x\nauth_key=foo&name=Something else");
  });

  it("match what the official SDK signs", () => {
    const sdk = new PusherServer({ appId: "1", key: "k", secret: "s", host: "localhost" });
    const qs = sdk.createSignedQueryString({
      method: "GET",
      path: "/apps/1/channels",
      params: { info: "user_count", filter_by_prefix: "presence-" },
    });
    const query = new URLSearchParams(qs);
    expect(query.get("auth_signature")).toBe(
      hmacSha256Hex("s", requestSigningString("GET", "/apps/1/channels", query)),
    );
  });
});

describe("channel authorisation", () => {
  const sdk = new PusherServer({ appId: "1", key: "key", secret: "secret", host: "localhost" });
  const base = { key: "key", secret: "secret", socketId: "123.456" };

  it("accept the SDK's private and presence signatures", () => {
    const priv = sdk.authorizeChannel("123.456", "private-a");
    expect(channelAuthError({ ...base, channel: "private-a", auth: priv.auth })).toBeUndefined();
    const pres = sdk.authorizeChannel("123.456", "presence-a", { user_id: "u1", user_info: { name: "U" } });
    expect(
      channelAuthError({ ...base, channel: "presence-a", auth: pres.auth, channelData: pres.channel_data }),
    ).toBeUndefined();
  });

  it("refuse a signature for another socket, channel, secret, key or channel_data", () => {
    const priv = sdk.authorizeChannel("123.456", "private-a");
    expect(channelAuthError({ ...base, socketId: "123.457", channel: "private-a", auth: priv.auth })).toMatch(
      /Invalid signature/,
    );
    expect(channelAuthError({ ...base, channel: "private-b", auth: priv.auth })).toMatch(/Invalid signature/);
    expect(channelAuthError({ ...base, secret: "other", channel: "private-a", auth: priv.auth })).toMatch(
      /Invalid signature/,
    );
    expect(channelAuthError({ ...base, key: "other", channel: "private-a", auth: priv.auth })).toMatch(
      /Invalid key/,
    );
    const pres = sdk.authorizeChannel("123.456", "presence-a", { user_id: "u1" });
    expect(
      channelAuthError({
        ...base,
        channel: "presence-a",
        auth: pres.auth,
        channelData: '{"user_id":"admin"}',
      }),
    ).toMatch(/Invalid signature/);
    expect(channelAuthError({ ...base, channel: "private-a", auth: undefined })).toMatch(/got no auth/);
  });
});

describe("names", () => {
  it("allow channel names of up to 164 characters from Pusher's character set", () => {
    expect(channelNameError("private-conversation-42")).toBeUndefined();
    expect(channelNameError("a-Z_0=9@,.;")).toBeUndefined();
    expect(channelNameError("x".repeat(164))).toBeUndefined();
    expect(channelNameError("x".repeat(165))).toMatch(/longer than 164/);
    expect(channelNameError("user+tag@example.com")).toMatch(/invalid channel name/);
    expect(channelNameError("with space")).toMatch(/invalid channel name/);
    expect(channelNameError("")).toBeDefined();
    expect(channelNameError(42)).toBeDefined();
  });

  it("allow event names of up to 200 characters", () => {
    expect(eventNameError("e".repeat(200))).toBeUndefined();
    expect(eventNameError("e".repeat(201))).toMatch(/longer than 200/);
    expect(eventNameError("")).toBeDefined();
  });

  it("recognise socket ids and channel kinds", () => {
    expect(isValidSocketId("123.456")).toBe(true);
    expect(isValidSocketId("123.")).toBe(false);
    expect(isValidSocketId("a.b")).toBe(false);
    expect(channelKind("presence-x")).toBe("presence");
    expect(channelKind("private-x")).toBe("private");
    expect(channelKind("private-encrypted-x")).toBe("encrypted");
    expect(channelKind("x-private-")).toBe("public");
  });
});
