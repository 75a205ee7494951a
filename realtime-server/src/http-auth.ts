// HTTP API request authentication (pusher/docs rest-api.md "Authentication"): auth_key,
// auth_timestamp within 600 s, auth_version 1.0, body_md5 for bodies, and the HMAC-SHA256 signature.
import type { AppState } from "./app-state";
import { HttpError } from "./http-error";
import { AUTH_TIMESTAMP_TOLERANCE_SECONDS } from "./limits";
import { hmacSha256Hex, md5Hex, requestSigningString, safeEqual } from "./signature";

/** Checks auth_key, auth_timestamp, auth_version, body_md5 and auth_signature as hosted Pusher does. */
export function authenticate(
  app: AppState,
  method: string,
  path: string,
  query: URLSearchParams,
  body: Buffer,
): void {
  const missing = ["auth_key", "auth_timestamp", "auth_version", "auth_signature"].filter(
    (k) => !query.get(k),
  );
  if (missing.length > 0)
    throw new HttpError(401, `Missing authentication parameter(s): ${missing.join(", ")}`);

  const key = query.get("auth_key");
  if (key !== app.credentials.key)
    throw new HttpError(403, `Unknown auth_key "${key}" for app ${app.credentials.id}`);

  const version = query.get("auth_version");
  if (version !== "1.0") throw new HttpError(401, `Unsupported auth_version "${version}" (expected 1.0)`);

  const timestamp = query.get("auth_timestamp") ?? "";
  const now = Math.floor(Date.now() / 1000);
  if (!/^\d+$/.test(timestamp) || Math.abs(now - Number(timestamp)) > AUTH_TIMESTAMP_TOLERANCE_SECONDS) {
    throw new HttpError(
      401,
      `Timestamp expired: Given timestamp (${timestamp}) not within ${AUTH_TIMESTAMP_TOLERANCE_SECONDS}s of server time (${now})`,
    );
  }

  const bodyMd5 = query.get("body_md5");
  if (body.length > 0 && !bodyMd5) throw new HttpError(401, "body_md5 is required for a request with a body");
  if (bodyMd5 !== null && bodyMd5 !== md5Hex(body)) {
    throw new HttpError(401, "Invalid body_md5: it does not match the MD5 of the body sent");
  }

  const signed = requestSigningString(method, path, query);
  const signature = query.get("auth_signature") ?? "";
  if (!safeEqual(signature, hmacSha256Hex(app.credentials.secret, signed))) {
    throw new HttpError(
      401,
      `Invalid signature: you should have sent HmacSHA256Hex(${JSON.stringify(signed)}, your_secret_key), but you sent "${signature}"`,
    );
  }
}
