// POST /api/pusher/webhooks - the realtime server's signed webhooks: a user's own channel vacated records their last seen
import { recordWebhook } from "@/lib/server/chat/last-seen";
import { readText, route } from "@/lib/server/http/route";
import { verifiedWebhook } from "@/lib/server/realtime/webhooks";
import { json } from "@/lib/server/http/json";

// A batch holds up to 100 events; client events (if an operator sends them here) carry up to 10 KB each.
const MAX_WEBHOOK_BYTES = 1024 * 1024;

export const POST = route(async (request) => {
  const batch = verifiedWebhook(request.headers, await readText(request, MAX_WEBHOOK_BYTES));
  return json(await recordWebhook(batch));
});
