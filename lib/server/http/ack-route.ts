import "server-only";
import { acknowledge } from "@/lib/server/chat/acks";
import { ackSchema } from "@/lib/core/validations/chat";
import { authedRoute, conversationId, readJson } from "./route";
import { json } from "./json";

type Context = { params: Promise<{ id: string }> };

/** The delivered and read routes differ only in which watermark they move. */
export function ackRoute(kind: "delivered" | "read") {
  return authedRoute<Context>(async (request, user, context) => {
    const id = await conversationId(context);
    const { upTo, socketId } = ackSchema.parse(await readJson(request));
    const result = await acknowledge({ userId: user.id, conversationId: id, kind, upTo, socketId });
    return json(result);
  });
}
