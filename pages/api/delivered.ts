// POST /api/delivered - move my delivered/read watermarks in many conversations at once (≤ 100)
// Served by the Pages Router through nodeApi: a hot-path route (docs/architecture.md, "The hot path").
import { nodeApi } from "@/lib/server/http/node-api";
import { ackBatchSchema } from "@/lib/core/validations/chat";
import { acknowledgeMany } from "@/lib/server/chat/acks";
import { authedRoute, readJson } from "@/lib/server/http/route";
import { json } from "@/lib/server/http/json";

export const POST = authedRoute(async (request, user) => {
  const { marks, socketId } = ackBatchSchema.parse(await readJson(request));
  return json({ results: await acknowledgeMany({ userId: user.id, marks, socketId }) });
});

export default nodeApi({ POST }, []);

// The handler reads the body itself, with its limit (lib/server/http/route.ts).
export const config = { api: { bodyParser: false } };
