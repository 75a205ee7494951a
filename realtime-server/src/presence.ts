// Presence channel data: who a subscription says it is, checked against hosted Pusher's limits
// (pusher/docs presence-channels.md: user id ≤ 128 chars, user info ≤ 1 KB).
import { MAX_PRESENCE_USER_ID_LENGTH, MAX_PRESENCE_USER_INFO_BYTES } from "./limits";
import { isRecord } from "./protocol";

export interface PresenceIdentity {
  userId: string;
  /** Whatever the app server put in user_info; null when it gave none. */
  userInfo: unknown;
}

export type PresenceParse = { ok: true; identity: PresenceIdentity } | { ok: false; error: string };

/** Parses the `channel_data` string signed by the app server: `{"user_id": …, "user_info"?: {…}}`. */
export function parsePresenceChannelData(channelData: unknown): PresenceParse {
  if (typeof channelData !== "string" || channelData === "") {
    return { ok: false, error: "presence channel subscriptions must include channel_data" };
  }
  let value: unknown;
  try {
    value = JSON.parse(channelData);
  } catch {
    return { ok: false, error: "channel_data is not valid JSON" };
  }
  if (!isRecord(value)) return { ok: false, error: "channel_data must be a JSON object" };
  // Pusher accepts numeric ids too (PHP and Ruby apps send them); members are keyed by the string form.
  const rawId = value.user_id;
  if ((typeof rawId !== "string" && typeof rawId !== "number") || rawId === "") {
    return { ok: false, error: "channel_data must include a user_id" };
  }
  const userId = String(rawId);
  if (userId.length > MAX_PRESENCE_USER_ID_LENGTH) {
    return { ok: false, error: `user_id longer than ${MAX_PRESENCE_USER_ID_LENGTH} characters` };
  }
  const userInfo = value.user_info ?? null;
  if (
    userInfo !== null &&
    Buffer.byteLength(JSON.stringify(userInfo), "utf8") > MAX_PRESENCE_USER_INFO_BYTES
  ) {
    return { ok: false, error: `user_info larger than ${MAX_PRESENCE_USER_INFO_BYTES} bytes` };
  }
  return { ok: true, identity: { userId, userInfo } };
}
