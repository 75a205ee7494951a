import "server-only";
import { pusherWebhookSchema } from "@/lib/core/validations/chat";
import type { WebhookBatch } from "@/lib/core/realtime/last-seen";
import { AppError } from "@/lib/server/errors";
import { pusherServer } from "./publish";

/**
 * A webhook from the realtime server, checked as Pusher signs it (`X-Pusher-Key` is our key,
 * `X-Pusher-Signature` the HMAC-SHA256 of the body with our secret): anything else is 401.
 */
export function verifiedWebhook(headers: Headers, rawBody: string): WebhookBatch {
  const pusher = pusherServer();
  if (!pusher) throw new AppError("not_found", "Live updates are off on this server");
  const webhook = pusher.webhook({ headers: Object.fromEntries(headers), rawBody });
  if (!webhook.isValid()) throw new AppError("unauthorized", "Bad webhook signature");
  return pusherWebhookSchema.parse(JSON.parse(rawBody));
}
