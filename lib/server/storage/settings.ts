import "server-only";

// Which S3-compatible object store holds attachments — or none. Pure, like ../realtime/settings.ts:
// lib/server/env.ts feeds it the environment and decides whether its problems are fatal
// (development, tests) or only switch attachments off (production: the chat works without them).

// The repo's local store (storage-server/), which `npm run dev` starts.
export const LOCAL_STORAGE = {
  endpoint: "http://127.0.0.1:9000",
  region: "us-east-1",
  bucket: "ticks",
  accessKeyId: "ticks-local-access-key",
  secretAccessKey: "ticks-local-secret-key",
} as const;

export type StorageConfig = {
  /** Unset: AWS S3 itself (the region's endpoint). */
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** http://endpoint/bucket/key rather than http://bucket.endpoint/key. */
  forcePathStyle: boolean;
};

export type StorageSettings =
  { enabled: true; config: StorageConfig; local: boolean } | { enabled: false; reason: string };

export type StorageVars = {
  NODE_ENV: "development" | "production" | "test";
  S3_ENDPOINT?: string;
  S3_REGION?: string;
  S3_BUCKET?: string;
  S3_ACCESS_KEY_ID?: string;
  S3_SECRET_ACCESS_KEY?: string;
  S3_FORCE_PATH_STYLE?: string;
};

const REQUIRED = ["S3_BUCKET", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"] as const;
const LOCAL_HOSTS = ["127.0.0.1", "localhost"];
// What S3 (and R2, MinIO…) accept as a bucket name.
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

function readEndpoint(raw: string | undefined) {
  if (raw === undefined) return { value: undefined };
  try {
    const url = new URL(raw);
    if ((url.protocol === "http:" || url.protocol === "https:") && url.pathname === "/" && !url.search) {
      return { value: url.origin };
    }
  } catch {
    // reported below
  }
  return {
    value: undefined,
    problem: `S3_ENDPOINT: expected an http(s) origin such as https://<account>.r2.cloudflarestorage.com, got "${raw}"`,
  };
}

function readBool(raw: string | undefined) {
  if (raw === undefined) return { value: undefined };
  const lower = raw.toLowerCase();
  if (lower === "true" || lower === "1") return { value: true };
  if (lower === "false" || lower === "0") return { value: false };
  return { value: undefined, problem: `S3_FORCE_PATH_STYLE: expected true or false, got "${raw}"` };
}

/**
 * Production never falls back to the local store: a deployment without (complete, valid) S3
 * settings runs with attachments off rather than handing browsers 127.0.0.1 URLs. Elsewhere the
 * local defaults fill what is unset, and any problem is the caller's to refuse.
 */
export function resolveStorage(vars: StorageVars): { settings: StorageSettings; problems: string[] } {
  const production = vars.NODE_ENV === "production";
  const endpoint = readEndpoint(vars.S3_ENDPOINT);
  const pathStyle = readBool(vars.S3_FORCE_PATH_STYLE);
  const problems = [endpoint, pathStyle].flatMap((r) => (r.problem ? [r.problem] : []));
  if (vars.S3_BUCKET !== undefined && !BUCKET.test(vars.S3_BUCKET)) {
    problems.push(
      `S3_BUCKET: expected a bucket name (3–63 lowercase letters, digits, dots, hyphens), got "${vars.S3_BUCKET}"`,
    );
  }

  if (production) {
    const missing = REQUIRED.filter((name) => !vars[name]);
    const anySet = [...REQUIRED, "S3_ENDPOINT", "S3_REGION"].some((n) => vars[n as keyof StorageVars]);
    if (!anySet && problems.length === 0) {
      return { settings: { enabled: false, reason: `${REQUIRED.join(", ")} are not set` }, problems };
    }
    if (missing.length > 0)
      problems.unshift(`${missing.join(", ")}: not set (attachments need all of ${REQUIRED.join(", ")})`);
    if (!vars.S3_ENDPOINT && !vars.S3_REGION) {
      problems.push(
        "S3_REGION / S3_ENDPOINT: set one (AWS: the bucket's region; R2, MinIO, Tigris: the endpoint)",
      );
    }
    if (problems.length > 0) {
      return { settings: { enabled: false, reason: "the S3 settings are incomplete or invalid" }, problems };
    }
  }

  const usesDefaults = !production && !vars.S3_ENDPOINT && !vars.S3_REGION;
  const config: StorageConfig = {
    endpoint: endpoint.value ?? (usesDefaults ? LOCAL_STORAGE.endpoint : undefined),
    region: vars.S3_REGION ?? LOCAL_STORAGE.region,
    bucket: vars.S3_BUCKET ?? LOCAL_STORAGE.bucket,
    accessKeyId: vars.S3_ACCESS_KEY_ID ?? LOCAL_STORAGE.accessKeyId,
    secretAccessKey: vars.S3_SECRET_ACCESS_KEY ?? LOCAL_STORAGE.secretAccessKey,
    forcePathStyle: false,
  };
  // Other stores are reached by path (R2, MinIO, Tigris all take it); AWS by virtual host.
  config.forcePathStyle = pathStyle.value ?? config.endpoint !== undefined;
  const local =
    config.endpoint !== undefined &&
    LOCAL_HOSTS.includes(new URL(config.endpoint).hostname) &&
    config.accessKeyId === LOCAL_STORAGE.accessKeyId;
  return { settings: { enabled: true, config, local }, problems };
}

/**
 * The origin browsers fetch objects from (and PUT them to): the only one the pages' CSP lets in
 * for images and uploads. The same rule the S3 client follows to build its URLs
 * (tests/unit/storage-settings.test.ts holds the two together).
 */
export function storeOrigin(config: StorageConfig): string {
  if (!config.endpoint) return `https://${config.bucket}.s3.${config.region}.amazonaws.com`;
  if (config.forcePathStyle) return config.endpoint;
  const url = new URL(config.endpoint);
  return `${url.protocol}//${config.bucket}.${url.host}`;
}
