import { z } from "zod";

// Defaults target the local setup (SQLite file + the repo's own Pusher-protocol server), so
// `npm run dev` and the tests need no configuration. Production overrides every one of them.
export const LOCAL_PUSHER = {
  appId: "ticks",
  key: "ticks-local-key",
  secret: "ticks-local-secret",
  host: "127.0.0.1",
  port: 6001,
} as const;

// Used only outside production; `npm start` refuses to run without a real AUTH_SECRET.
export const DEV_AUTH_SECRET = "ticks-development-secret-do-not-use-in-production";

const bool = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");
const port = z.coerce.number().int().min(1).max(65535);

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().min(1).default("file:./prisma/dev.db"),
  DATABASE_AUTH_TOKEN: z.string().optional(),
  DATABASE_BUSY_TIMEOUT_MS: z.coerce.number().int().min(0).max(60_000).default(5000),
  AUTH_SECRET: z.string().min(16).optional(),
  PUSHER_APP_ID: z.string().min(1).default(LOCAL_PUSHER.appId),
  PUSHER_KEY: z.string().min(1).default(LOCAL_PUSHER.key),
  PUSHER_SECRET: z.string().min(1).default(LOCAL_PUSHER.secret),
  PUSHER_HOST: z.string().optional(),
  PUSHER_PORT: port.optional(),
  PUSHER_USE_TLS: bool.optional(),
  PUSHER_CLUSTER: z.string().optional(),
  NEXT_PUBLIC_PUSHER_KEY: z.string().optional(),
  NEXT_PUBLIC_PUSHER_HOST: z.string().optional(),
  NEXT_PUBLIC_PUSHER_PORT: port.optional(),
  NEXT_PUBLIC_PUSHER_TLS: bool.optional(),
  NEXT_PUBLIC_PUSHER_CLUSTER: z.string().optional(),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

/** Validated environment, read at run time (never inlined at build time). */
export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${problems.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}

export function authSecret(): string {
  const { AUTH_SECRET, NODE_ENV } = env();
  if (AUTH_SECRET) return AUTH_SECRET;
  if (NODE_ENV === "production") {
    throw new Error("AUTH_SECRET is required in production (make one with `openssl rand -base64 32`).");
  }
  return DEV_AUTH_SECRET;
}

/** Server-side Pusher settings: a hosted cluster when PUSHER_CLUSTER is set, else host/port. */
export function pusherServerConfig() {
  const e = env();
  const usesCluster = Boolean(e.PUSHER_CLUSTER) && !e.PUSHER_HOST;
  return {
    appId: e.PUSHER_APP_ID,
    key: e.PUSHER_KEY,
    secret: e.PUSHER_SECRET,
    cluster: e.PUSHER_CLUSTER,
    host: usesCluster ? undefined : (e.PUSHER_HOST ?? LOCAL_PUSHER.host),
    port: usesCluster ? undefined : String(e.PUSHER_PORT ?? LOCAL_PUSHER.port),
    useTLS: e.PUSHER_USE_TLS ?? usesCluster,
  };
}

export type PublicRealtimeConfig = {
  key: string;
  cluster: string;
  wsHost?: string;
  wsPort?: number;
  forceTLS: boolean;
};

/**
 * Browser-side Pusher settings, handed to the client by a server component at request time so one
 * build can run against any realtime server (the e2e suite and `npm start` use other ports).
 */
export function publicRealtimeConfig(): PublicRealtimeConfig {
  const e = env();
  const server = pusherServerConfig();
  const cluster = e.NEXT_PUBLIC_PUSHER_CLUSTER ?? e.PUSHER_CLUSTER ?? "";
  const host = e.NEXT_PUBLIC_PUSHER_HOST ?? server.host;
  const forceTLS = e.NEXT_PUBLIC_PUSHER_TLS ?? server.useTLS;
  return {
    key: e.NEXT_PUBLIC_PUSHER_KEY ?? e.PUSHER_KEY,
    cluster,
    ...(host
      ? { wsHost: host, wsPort: e.NEXT_PUBLIC_PUSHER_PORT ?? Number(server.port ?? LOCAL_PUSHER.port) }
      : {}),
    forceTLS,
  };
}

/** True when the Pusher settings are the local defaults, i.e. the repo's own server should run. */
export function usesLocalRealtimeServer(): boolean {
  const s = pusherServerConfig();
  return s.key === LOCAL_PUSHER.key && !s.cluster && (s.host === LOCAL_PUSHER.host || s.host === "localhost");
}
