// POST /api/conversations/[id]/delivered - move my delivered watermark up to a seq
// Served by the Pages Router through nodeApi: a hot-path route (docs/architecture.md, "The hot path").
import { nodeApi } from "@/lib/server/http/node-api";
import { ackRoute } from "@/lib/server/http/ack-route";

export const POST = ackRoute("delivered");

export default nodeApi({ POST }, ["id"]);

// The handler reads the body itself, with its limit (lib/server/http/route.ts).
export const config = { api: { bodyParser: false } };
