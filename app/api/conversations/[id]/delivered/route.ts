// POST /api/conversations/[id]/delivered - move my delivered watermark up to a seq
import { ackRoute } from "@/lib/server/http/ack-route";

export const POST = ackRoute("delivered");
