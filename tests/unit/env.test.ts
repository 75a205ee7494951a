import { afterEach, describe, expect, it, vi } from "vitest";

// lib/env caches the environment on first read: each case loads a fresh copy of the module.
async function loadEnv(vars: Record<string, string | undefined>) {
  vi.resetModules();
  for (const key of Object.keys(process.env)) {
    if (key.startsWith("PUSHER_") || key.startsWith("NEXT_PUBLIC_PUSHER_")) vi.stubEnv(key, undefined);
  }
  for (const [key, value] of Object.entries(vars)) vi.stubEnv(key, value);
  return import("@/lib/env");
}

describe("the Pusher configuration", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("defaults to the local realtime server", async () => {
    const { pusherServerConfig, usesLocalRealtimeServer, publicRealtimeConfig } = await loadEnv({});
    expect(pusherServerConfig()).toEqual({
      appId: "ticks",
      key: "ticks-local-key",
      secret: "ticks-local-secret",
      cluster: undefined,
      host: "127.0.0.1",
      port: "6001",
      useTLS: false,
    });
    expect(usesLocalRealtimeServer()).toBe(true);
    expect(publicRealtimeConfig()).toEqual({
      key: "ticks-local-key",
      cluster: "",
      wsHost: "127.0.0.1",
      wsPort: 6001,
      forceTLS: false,
    });
  });

  it("follows PUSHER_HOST and PUSHER_PORT", async () => {
    const { pusherServerConfig, publicRealtimeConfig } = await loadEnv({
      PUSHER_HOST: "127.0.0.1",
      PUSHER_PORT: "7123",
    });
    expect(pusherServerConfig()).toMatchObject({ host: "127.0.0.1", port: "7123" });
    expect(publicRealtimeConfig()).toMatchObject({ wsHost: "127.0.0.1", wsPort: 7123 });
  });

  it("uses hosted Pusher with TLS when only a cluster is set", async () => {
    const { pusherServerConfig, usesLocalRealtimeServer, publicRealtimeConfig } = await loadEnv({
      PUSHER_CLUSTER: "eu",
      PUSHER_KEY: "hosted-key",
    });
    expect(pusherServerConfig()).toMatchObject({
      cluster: "eu",
      host: undefined,
      port: undefined,
      useTLS: true,
    });
    expect(usesLocalRealtimeServer()).toBe(false);
    expect(publicRealtimeConfig()).toEqual({ key: "hosted-key", cluster: "eu", forceTLS: true });
  });

  it("refuses an invalid port, naming it", async () => {
    const { env } = await loadEnv({ PUSHER_PORT: "not-a-port" });
    expect(() => env()).toThrow(/PUSHER_PORT/);
  });
});

describe("the auth secret", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("falls back to a development secret outside production", async () => {
    const { authSecret, DEV_AUTH_SECRET } = await loadEnv({ NODE_ENV: "test", AUTH_SECRET: undefined });
    expect(authSecret()).toBe(DEV_AUTH_SECRET);
  });

  it("is required in production", async () => {
    const { authSecret } = await loadEnv({ NODE_ENV: "production", AUTH_SECRET: undefined });
    expect(() => authSecret()).toThrow(/AUTH_SECRET is required/);
  });
});
