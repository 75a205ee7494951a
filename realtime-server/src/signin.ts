// pusher:signin (pusher/docs pusher-websockets-protocol.md, authenticating-users.md): data is
// { auth, user_data }, auth = key:HMAC-SHA256(secret, "socket_id::user::user_data") as the SDK's
// authenticateUser signs it, and user_data a JSON object with a non-empty string `id`, an optional
// `user_info` and an optional `watchlist` of user ids (at most 100 are kept).
import { MAX_CHANNEL_NAME_LENGTH, MAX_WATCHLIST_USERS } from "./limits";
import { isRecord } from "./protocol";
import { hmacSha256Hex, safeEqual } from "./signature";
import { USER_CHANNEL_PREFIX } from "./users";

// "User id values should only include lower and uppercase letters, numbers and _ - = @ , . ;"
const USER_ID = /^[A-Za-z0-9_\-=@,.;]+$/;
const MAX_USER_ID_LENGTH = MAX_CHANNEL_NAME_LENGTH - USER_CHANNEL_PREFIX.length;

export interface SignedInUser {
  id: string;
  /** The user_data string exactly as signed, echoed back in pusher:signin_success. */
  userData: string;
  watchlist: string[];
  /** The watchlist had more than 100 ids and was cut to the first 100. */
  watchlistTruncated: boolean;
}

export type SigninResult = { ok: true; user: SignedInUser } | { ok: false; error: string };

export function userAuthString(socketId: string, userData: string): string {
  return `${socketId}::user::${userData}`;
}

export function isValidUserId(value: unknown): value is string {
  return typeof value === "string" && value.length <= MAX_USER_ID_LENGTH && USER_ID.test(value);
}

export function verifySignin(input: {
  key: string;
  secret: string;
  socketId: string;
  data: Record<string, unknown>;
}): SigninResult {
  const { auth, user_data: userData } = input.data;
  if (typeof userData !== "string" || userData === "") {
    return { ok: false, error: "Invalid signin: user_data must be a JSON-encoded string" };
  }
  const signed = userAuthString(input.socketId, userData);
  if (typeof auth !== "string" || auth === "") {
    return {
      ok: false,
      error: `Invalid signature: Expected HMAC SHA256 hex digest of ${signed}, but got no auth`,
    };
  }
  const colon = auth.indexOf(":");
  const key = colon === -1 ? "" : auth.slice(0, colon);
  const signature = colon === -1 ? auth : auth.slice(colon + 1);
  if (key !== input.key) return { ok: false, error: `Invalid key in signin auth data: '${key}'` };
  if (!safeEqual(signature, hmacSha256Hex(input.secret, signed))) {
    return {
      ok: false,
      error: `Invalid signature: Expected HMAC SHA256 hex digest of ${signed}, but got ${signature}`,
    };
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(userData);
  } catch {
    return { ok: false, error: "Invalid signin: user_data is not valid JSON" };
  }
  if (!isRecord(parsed)) return { ok: false, error: "Invalid signin: user_data must be a JSON object" };
  if (typeof parsed.id !== "string" || parsed.id === "") {
    return { ok: false, error: "Invalid signin: user_data must contain an id (a non-empty string)" };
  }
  if (!isValidUserId(parsed.id)) {
    return {
      ok: false,
      error: `Invalid signin: user id "${parsed.id}" must be ≤ ${MAX_USER_ID_LENGTH} characters of [A-Za-z0-9_-=@,.;]`,
    };
  }

  const rawWatchlist = parsed.watchlist ?? [];
  if (!Array.isArray(rawWatchlist) || !rawWatchlist.every((id) => typeof id === "string")) {
    return { ok: false, error: "Invalid signin: watchlist must be an array of user ids" };
  }
  const watchlist = [...new Set(rawWatchlist as string[])];
  return {
    ok: true,
    user: {
      id: parsed.id,
      userData,
      watchlist: watchlist.slice(0, MAX_WATCHLIST_USERS),
      watchlistTruncated: watchlist.length > MAX_WATCHLIST_USERS,
    },
  };
}
