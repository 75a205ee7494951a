"use server";
// The chat's server actions: the same domain calls as the routes (docs/architecture.md). The
// layout hands them to the browser as ChatActions. (Messages go out through the API, from the
// outbox: a queued message must still find its endpoint after a deploy.)
import { settingsSchema } from "@/lib/core/validations/auth";
import { createConversationSchema } from "@/lib/core/validations/chat";
import { signOut } from "@/lib/server/auth";
import { requireUser } from "@/lib/server/auth/session";
import { createConversation } from "@/lib/server/chat/conversations";
import { updateSettings } from "@/lib/server/chat/settings";
import { attempt } from "@/lib/server/http/action";

/** The "New chat" dialog: the same domain call as POST /api/conversations. */
export async function createConversationAction(input: unknown) {
  return attempt(async () => {
    const user = await requireUser();
    const data = createConversationSchema.parse(input);
    const { conversation } = await createConversation({ userId: user.id, data });
    return conversation;
  });
}

/** The settings panel: display name and whether to send read receipts. */
export async function updateSettingsAction(input: unknown) {
  return attempt(async () => {
    const user = await requireUser();
    const data = settingsSchema.parse(input);
    const updated = await updateSettings({ userId: user.id, ...data });
    return { name: updated.name, shareReadReceipts: updated.shareReadReceipts };
  });
}

export async function signOutAction() {
  await signOut({ redirectTo: "/login" });
}
