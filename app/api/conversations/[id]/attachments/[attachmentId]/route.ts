// GET /api/conversations/[id]/attachments/[attachmentId] - redirect a member to a short-lived link on the store
import { authedRoute, conversationId } from "@/lib/server/http/route";
import { attachmentLink } from "@/lib/server/chat/attachments";
import { idSchema } from "@/lib/core/validations/common";
import { notFound } from "@/lib/server/errors";
import { READ_WINDOW_SECONDS } from "@/lib/server/storage/presign";

type Context = { params: Promise<{ id: string; attachmentId: string }> };

export const GET = authedRoute<Context>(async (_request, user, context) => {
  const id = await conversationId(context);
  const attachmentId = idSchema.safeParse((await context.params).attachmentId);
  if (!attachmentId.success) throw notFound("No such attachment");
  const { url, expiresAt } = await attachmentLink({
    userId: user.id,
    conversationId: id,
    attachmentId: attachmentId.data,
  });
  // The browser may reuse this redirect while the link it names has a whole window left to run.
  const maxAge = Math.max(0, Math.floor((expiresAt - Date.now()) / 1000) - READ_WINDOW_SECONDS);
  return new Response(null, {
    status: 302,
    headers: { Location: url, "Cache-Control": `private, max-age=${maxAge}` },
  });
});
