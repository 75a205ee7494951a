// POST /api/conversations/[id]/uploads - a presigned PUT for one file of a message about to be sent
import { authedRoute, conversationId, readJson } from "@/lib/server/http/route";
import { createUpload } from "@/lib/server/chat/attachments";
import { uploadRequestSchema } from "@/lib/core/validations/attachments";
import { json } from "@/lib/server/http/json";

type Context = { params: Promise<{ id: string }> };

export const POST = authedRoute<Context>(async (request, user, context) => {
  const id = await conversationId(context);
  const upload = uploadRequestSchema.parse(await readJson(request));
  const ticket = await createUpload({ userId: user.id, conversationId: id, upload });
  return json({ upload: ticket }, { status: 201 });
});
