// POST /api/delivered - move my delivered/read watermarks in many conversations at once (≤ 100)
import { ackBatchSchema } from "@/lib/core/validations/chat";
import { acknowledgeMany } from "@/lib/server/chat/acks";
import { authedRoute, readJson } from "@/lib/server/http/route";
import { json } from "@/lib/server/http/json";

export const POST = authedRoute(async (request, user) => {
  const { marks, socketId } = ackBatchSchema.parse(await readJson(request));
  return json({ results: await acknowledgeMany({ userId: user.id, marks, socketId }) });
});
