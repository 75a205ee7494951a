import { afterEach, describe, expect, it, vi } from "vitest";
import { checkEnvironment, DEV_AUTH_SECRET, formatProblems } from "@/lib/server/env";

// lib/server/env caches the environment on first read: each case loads a fresh copy of the module.
async function loadEnv(vars: Record<string, string | undefined>) {
  vi.resetModules();
  for (const key of Object.keys(process.env)) {
    if (/^(NEXT_PUBLIC_)?PUSHER_|^S3_/.test(key)) vi.stubEnv(key, undefined);
  }
  for (const [key, value] of Object.entries(vars)) vi.stubEnv(key, value);
  return import("@/lib/server/env");
}

const SECRET = "a-production-secret-of-at-least-32-characters";
const STORE = {
  S3_REGION: "eu-west-1",
  S3_BUCKET: "ticks-files",
  S3_ACCESS_KEY_ID: "AKIAEXAMPLE",
  S3_SECRET_ACCESS_KEY: "an-s3-secret-access-key",
} as const;
const PRODUCTION = {
  NODE_ENV: "production",
  AUTH_SECRET: SECRET,
  DATABASE_URL: "file:./prod.db",
  ...STORE,
} as const;
const HOSTED = { PUSHER_APP_ID: "123", PUSHER_KEY: "hosted-key", PUSHER_SECRET: "hosted-secret" } as const;

describe("the Pusher configuration outside production", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("defaults to the local realtime server", async () => {
    const { pusherServerConfig, usesLocalRealtimeServer, publicRealtimeConfig } = await loadEnv({});
    expect(pusherServerConfig()).toEqual({
      appId: "100001",
      key: "ticks-local-key",
      secret: "ticks-local-secret",
      cluster: undefined,
      host: "127.0.0.1",
      port: "6001",
      useTLS: false,
    });
    expect(usesLocalRealtimeServer()).toBe(true);
    expect(publicRealtimeConfig()).toEqual({
      enabled: true,
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
    expect(publicRealtimeConfig()).toEqual({
      enabled: true,
      key: "hosted-key",
      cluster: "eu",
      forceTLS: true,
    });
  });

  it("refuses an invalid port or boolean, naming each", async () => {
    const { env } = await loadEnv({ PUSHER_PORT: "not-a-port", NEXT_PUBLIC_PUSHER_TLS: "yes" });
    expect(() => env()).toThrow(/PUSHER_PORT: expected a port number 1–65535, got "not-a-port"/);
    expect(() => env()).toThrow(/NEXT_PUBLIC_PUSHER_TLS: expected true or false, got "yes"/);
  });
});

describe("the Pusher configuration in production", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("without any Pusher settings, live updates are off instead of pointing at 127.0.0.1", async () => {
    const { pusherServerConfig, publicRealtimeConfig, usesLocalRealtimeServer, env } = await loadEnv({
      ...PRODUCTION,
    });
    expect(() => env()).not.toThrow();
    expect(pusherServerConfig()).toBeNull();
    expect(publicRealtimeConfig()).toEqual({ enabled: false });
    expect(usesLocalRealtimeServer()).toBe(false);
  });

  it("says so once, as a warning naming the settings, not as an error", () => {
    const { errors, warnings } = checkEnvironment({ ...PRODUCTION });
    expect(errors).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^Live updates are off: PUSHER_APP_ID, PUSHER_KEY, PUSHER_SECRET are not set/,
    );
  });

  it("turns live updates off when only some of the credentials are set, naming the missing ones", () => {
    const { errors, warnings, realtime } = checkEnvironment({
      ...PRODUCTION,
      PUSHER_KEY: "k",
      PUSHER_CLUSTER: "eu",
    });
    expect(errors).toEqual([]);
    expect(realtime).toEqual({ enabled: false, reason: "the Pusher settings are incomplete or invalid" });
    expect(warnings[0]).toMatch(/PUSHER_APP_ID, PUSHER_SECRET: not set/);
  });

  it("turns live updates off on a malformed port or TLS flag, naming it", () => {
    const { errors, warnings, realtime } = checkEnvironment({
      ...PRODUCTION,
      ...HOSTED,
      PUSHER_HOST: "pusher.example.com",
      PUSHER_PORT: "70000",
      PUSHER_USE_TLS: "yes",
    });
    expect(errors).toEqual([]);
    expect(realtime?.enabled).toBe(false);
    expect(warnings[0]).toMatch(/PUSHER_PORT: expected a port number 1–65535, got "70000"/);
    expect(warnings[0]).toMatch(/PUSHER_USE_TLS: expected true or false, got "yes"/);
  });

  it("needs a cluster or a host: no silent default to the local server", () => {
    const { warnings, realtime } = checkEnvironment({ ...PRODUCTION, ...HOSTED });
    expect(realtime?.enabled).toBe(false);
    expect(warnings[0]).toMatch(/PUSHER_CLUSTER \/ PUSHER_HOST: set one/);
  });

  it("uses hosted Pusher when the credentials and a cluster are set", () => {
    const { errors, warnings, realtime } = checkEnvironment({
      ...PRODUCTION,
      ...HOSTED,
      PUSHER_CLUSTER: "eu",
    });
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
    expect(realtime).toMatchObject({
      enabled: true,
      local: false,
      server: { appId: "123", key: "hosted-key", cluster: "eu", useTLS: true },
      browser: { enabled: true, key: "hosted-key", cluster: "eu", forceTLS: true },
    });
  });

  it("runs the local realtime server when the settings name it explicitly (.env.example)", () => {
    const { realtime } = checkEnvironment({
      ...PRODUCTION,
      PUSHER_APP_ID: "100001",
      PUSHER_KEY: "ticks-local-key",
      PUSHER_SECRET: "ticks-local-secret",
      PUSHER_HOST: "127.0.0.1",
      PUSHER_PORT: "6001",
    });
    expect(realtime).toMatchObject({
      enabled: true,
      local: true,
      server: { host: "127.0.0.1", port: "6001" },
    });
  });
});

describe("the S3 configuration", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("defaults to the local store outside production", async () => {
    const { storageConfig, usesLocalStorageServer, publicStorageConfig } = await loadEnv({});
    expect(storageConfig()).toMatchObject({ endpoint: "http://127.0.0.1:9000", bucket: "ticks" });
    expect(usesLocalStorageServer()).toBe(true);
    expect(publicStorageConfig()).toEqual({ enabled: true });
  });

  it("in production without S3 settings turns attachments off, says so once, and tells browsers why", async () => {
    const {
      S3_REGION: _r,
      S3_BUCKET: _b,
      S3_ACCESS_KEY_ID: _a,
      S3_SECRET_ACCESS_KEY: _s,
      ...bare
    } = PRODUCTION;
    const { errors, warnings, storage } = checkEnvironment({ ...bare, ...HOSTED, PUSHER_CLUSTER: "eu" });
    expect(errors).toEqual([]);
    expect(storage).toEqual({
      enabled: false,
      reason: "S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY are not set",
    });
    expect(warnings).toEqual([
      "Attachments are off: S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY are not set. The chat still works " +
        "with text only. Set the S3 settings to turn them on.",
    ]);
    const { publicStorageConfig, storageConfig } = await loadEnv({ ...bare });
    expect(storageConfig()).toBeNull();
    expect(publicStorageConfig()).toEqual({
      enabled: false,
      reason: "Attachments are off: this server has no file storage set up",
    });
  });

  it("refuses malformed S3 settings outside production, naming each", () => {
    const { errors } = checkEnvironment({ NODE_ENV: "development", S3_ENDPOINT: "localhost:9000" });
    expect(errors).toEqual([
      'S3_ENDPOINT: expected an http(s) origin such as https://<account>.r2.cloudflarestorage.com, got "localhost:9000"',
    ]);
  });

  it("never logs the S3 secret or the cron secret", async () => {
    const { secretValues } = await loadEnv({
      S3_SECRET_ACCESS_KEY: "s3-secret-value",
      CRON_SECRET: "cron-secret-value",
    });
    expect(secretValues()).toEqual(expect.arrayContaining(["s3-secret-value", "cron-secret-value"]));
  });
});

describe("the start-up check", () => {
  it("lists every problem of a bad production environment in one message", () => {
    const { errors } = checkEnvironment({
      NODE_ENV: "production",
      DATABASE_URL: "postgres://admin:hunter2-password@db.example.com/ticks",
      PORT: "eighty",
      DATABASE_BUSY_TIMEOUT_MS: "soon",
      RATE_LIMIT_SENDS_PER_10S: "0",
      REALTIME_SERVER: "internal",
    });
    const message = formatProblems(errors);
    expect(message).toMatch(/^Invalid environment \(6 problems\):\n/);
    for (const name of [
      "DATABASE_BUSY_TIMEOUT_MS",
      "RATE_LIMIT_SENDS_PER_10S",
      "REALTIME_SERVER",
      "PORT",
      "AUTH_SECRET",
      "DATABASE_URL",
    ]) {
      expect(message).toContain(`\n  - ${name}: `);
    }
  });

  it("lists cross-variable problems together once the values themselves parse", () => {
    const { errors } = checkEnvironment({
      NODE_ENV: "production",
      DATABASE_URL: "postgres://admin:hunter2-password@db.example.com/ticks",
      PORT: "eighty",
    });
    expect(errors).toEqual([
      'PORT: expected a port number 1–65535, got "eighty"',
      "AUTH_SECRET: required in production (it signs the sessions); make one with `openssl rand -base64 32`",
      'DATABASE_URL: expected file:<path> (SQLite) or libsql://, https://, wss:// (Turso / a libSQL server), got "postgres:"',
    ]);
    // Only the scheme of a URL is repeated: the rest may hold credentials.
    expect(errors.join("\n")).not.toContain("hunter2");
  });

  it("wants a long secret in production, never the development one, and never echoes it", () => {
    const short = checkEnvironment({ ...PRODUCTION, AUTH_SECRET: "twenty-chars-secret!" }).errors;
    expect(short).toEqual([
      "AUTH_SECRET: too short (20 characters, at least 32 needed); make one with `openssl rand -base64 32`",
    ]);
    expect(checkEnvironment({ ...PRODUCTION, AUTH_SECRET: DEV_AUTH_SECRET }).errors[0]).toMatch(
      /AUTH_SECRET: is the public development secret/,
    );
    expect(checkEnvironment({ NODE_ENV: "development", AUTH_SECRET: "twenty-chars-secret!" }).errors).toEqual(
      [],
    );
    expect(checkEnvironment({ NODE_ENV: "development", AUTH_SECRET: "short" }).errors[0]).toMatch(
      /AUTH_SECRET: too short \(5 characters, at least 16 needed\)/,
    );
  });

  it("refuses a remote Turso database without a token in production, and warns elsewhere", () => {
    const turso = { DATABASE_URL: "libsql://ticks-acme.turso.io" };
    expect(checkEnvironment({ ...PRODUCTION, ...turso }).errors).toEqual([
      "DATABASE_AUTH_TOKEN: not set, but DATABASE_URL is a remote libsql:// database (Turso: `turso db tokens create <db>`)",
    ]);
    const dev = checkEnvironment({ NODE_ENV: "development", ...turso });
    expect(dev.errors).toEqual([]);
    expect(dev.warnings[0]).toMatch(/^DATABASE_AUTH_TOKEN: not set/);
    expect(checkEnvironment({ ...PRODUCTION, ...turso, DATABASE_AUTH_TOKEN: "eyJ.token" }).errors).toEqual(
      [],
    );
    expect(
      checkEnvironment({ ...PRODUCTION, DATABASE_URL: "libsql://x.turso.io?authToken=t" }).errors,
    ).toEqual([]);
    // A libSQL server of your own on this machine (`turso dev`, sqld) needs none.
    expect(checkEnvironment({ ...PRODUCTION, DATABASE_URL: "http://127.0.0.1:8080" }).errors).toEqual([]);
  });

  it("treats blank values as unset, as hosting dashboards and .env files leave them", () => {
    const { errors, realtime } = checkEnvironment({
      NODE_ENV: "test",
      PUSHER_PORT: "",
      AUTH_SECRET: " ",
      DATABASE_URL: "",
    });
    expect(errors).toEqual([]);
    expect(realtime).toMatchObject({ enabled: true, server: { port: "6001" } });
  });

  it("makes env() throw the same one message", async () => {
    const { env } = await loadEnv({ NODE_ENV: "production", AUTH_SECRET: "", PORT: "-1" });
    expect(() => env()).toThrow(
      /Invalid environment \(2 problems\):\n {2}- PORT: .*\n {2}- AUTH_SECRET: required/,
    );
    vi.unstubAllEnvs();
  });
});

describe("during `next build`", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("nothing throws: a build serves nothing and needs no secrets (the server checks at start)", async () => {
    const { env, realtimeSettings } = await loadEnv({
      NODE_ENV: "production",
      NEXT_PHASE: "phase-production-build",
      AUTH_SECRET: undefined,
    });
    expect(env().NODE_ENV).toBe("production");
    expect(realtimeSettings().enabled).toBe(false);
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
    expect(() => authSecret()).toThrow(/AUTH_SECRET: required in production/);
  });
});
