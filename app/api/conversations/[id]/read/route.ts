// POST /api/conversations/[id]/read - move my read watermark (implies delivered) up to a seq
import { ackRoute } from "@/lib/server/http/ack-route";

export const POST = ackRoute("read");
