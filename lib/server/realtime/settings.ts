import "server-only";
import type { LiveRealtimeConfig } from "@/lib/core/realtime/config";

// Which Pusher-protocol server the app talks to — or none. Pure: lib/server/env.ts feeds it the
// environment and decides whether its problems are fatal (development, tests) or only switch live
// updates off (production: the chat works without them, see below).

// The repo's own realtime server (realtime-server/), which `npm run dev` starts.
export const LOCAL_PUSHER = {
  appId: "100001",
  key: "ticks-local-key",
  secret: "ticks-local-secret",
  host: "127.0.0.1",
  port: 6001,
} as const;

/** Server-side Pusher settings: a hosted cluster when `cluster` is set without a host. */
export type PusherServerConfig = {
  appId: string;
  key: string;
  secret: string;
  cluster?: string;
  host?: string;
  port?: string;
  useTLS: boolean;
};

export type RealtimeSettings =
  | { enabled: true; server: PusherServerConfig; browser: LiveRealtimeConfig; local: boolean }
  | { enabled: false; reason: string };

export type RealtimeVars = {
  NODE_ENV: "development" | "production" | "test";
  PUSHER_APP_ID?: string;
  PUSHER_KEY?: string;
  PUSHER_SECRET?: string;
  PUSHER_CLUSTER?: string;
  PUSHER_HOST?: string;
  PUSHER_PORT?: string;
  PUSHER_USE_TLS?: string;
  NEXT_PUBLIC_PUSHER_KEY?: string;
  NEXT_PUBLIC_PUSHER_CLUSTER?: string;
  NEXT_PUBLIC_PUSHER_HOST?: string;
  NEXT_PUBLIC_PUSHER_PORT?: string;
  NEXT_PUBLIC_PUSHER_TLS?: string;
};

type PortName = "PUSHER_PORT" | "NEXT_PUBLIC_PUSHER_PORT";
type BoolName = "PUSHER_USE_TLS" | "NEXT_PUBLIC_PUSHER_TLS";

export function readPort(vars: Partial<Record<PortName | "PORT", string>>, name: PortName | "PORT") {
  const raw = vars[name];
  if (raw === undefined) return { value: undefined };
  const n = /^\d{1,5}$/.test(raw) ? Number(raw) : NaN;
  if (n >= 1 && n <= 65535) return { value: n };
  return { value: undefined, problem: `${name}: expected a port number 1–65535, got "${raw}"` };
}

function readBool(vars: RealtimeVars, name: BoolName) {
  const raw = vars[name];
  if (raw === undefined) return { value: undefined };
  const lower = raw.toLowerCase();
  if (lower === "true" || lower === "1") return { value: true };
  if (lower === "false" || lower === "0") return { value: false };
  return { value: undefined, problem: `${name}: expected true or false, got "${raw}"` };
}

const CREDENTIALS = ["PUSHER_APP_ID", "PUSHER_KEY", "PUSHER_SECRET"] as const;

/**
 * Production never falls back to the local server's settings: a deployment without (complete,
 * valid) Pusher settings runs with live updates off rather than pointing browsers at 127.0.0.1.
 * Elsewhere the local defaults fill what is unset, and any problem is the caller's to refuse.
 */
export function resolveRealtime(vars: RealtimeVars): { settings: RealtimeSettings; problems: string[] } {
  const production = vars.NODE_ENV === "production";
  const port = readPort(vars, "PUSHER_PORT");
  const useTLS = readBool(vars, "PUSHER_USE_TLS");
  const publicPort = readPort(vars, "NEXT_PUBLIC_PUSHER_PORT");
  const publicTLS = readBool(vars, "NEXT_PUBLIC_PUSHER_TLS");
  const problems = [port, useTLS, publicPort, publicTLS].flatMap((r) => (r.problem ? [r.problem] : []));

  if (production) {
    const missing = CREDENTIALS.filter((name) => !vars[name]);
    if (missing.length === CREDENTIALS.length && problems.length === 0) {
      return {
        settings: { enabled: false, reason: `${CREDENTIALS.join(", ")} are not set` },
        problems,
      };
    }
    if (missing.length > 0) {
      problems.unshift(`${missing.join(", ")}: not set (Pusher needs all of ${CREDENTIALS.join(", ")})`);
    }
    if (!vars.PUSHER_CLUSTER && !vars.PUSHER_HOST) {
      problems.push(
        "PUSHER_CLUSTER / PUSHER_HOST: set one (a hosted Pusher cluster such as eu, or the host of a " +
          "Pusher-compatible server)",
      );
    }
    if (problems.length > 0) {
      return {
        settings: { enabled: false, reason: "the Pusher settings are incomplete or invalid" },
        problems,
      };
    }
  }

  const cluster = vars.PUSHER_CLUSTER;
  const usesCluster = Boolean(cluster) && !vars.PUSHER_HOST;
  const server: PusherServerConfig = {
    appId: vars.PUSHER_APP_ID ?? LOCAL_PUSHER.appId,
    key: vars.PUSHER_KEY ?? LOCAL_PUSHER.key,
    secret: vars.PUSHER_SECRET ?? LOCAL_PUSHER.secret,
    cluster,
    host: usesCluster ? undefined : (vars.PUSHER_HOST ?? LOCAL_PUSHER.host),
    port: usesCluster ? undefined : String(port.value ?? LOCAL_PUSHER.port),
    useTLS: useTLS.value ?? usesCluster,
  };
  const host = vars.NEXT_PUBLIC_PUSHER_HOST ?? server.host;
  const browser: LiveRealtimeConfig = {
    enabled: true,
    key: vars.NEXT_PUBLIC_PUSHER_KEY ?? server.key,
    cluster: vars.NEXT_PUBLIC_PUSHER_CLUSTER ?? cluster ?? "",
    ...(host ? { wsHost: host, wsPort: publicPort.value ?? Number(server.port ?? LOCAL_PUSHER.port) } : {}),
    forceTLS: publicTLS.value ?? server.useTLS,
  };
  const local =
    server.key === LOCAL_PUSHER.key &&
    !server.cluster &&
    (server.host === LOCAL_PUSHER.host || server.host === "localhost");
  return { settings: { enabled: true, server, browser, local }, problems };
}
