"use server";
// The chat's server actions: the same domain calls as the routes (docs/architecture.md). The
// layout hands them to the browser as ChatActions. (Messages go out through the API, from the
// outbox: a queued message must still find its endpoint after a deploy.)
import { settingsSchema } from "@/lib/core/validations/auth";
import { addMembersSchema, createConversationSchema, renameGroupSchema } from "@/lib/core/validations/chat";
import { signOut } from "@/lib/server/auth";
import { requireUser } from "@/lib/server/auth/session";
import { createConversation } from "@/lib/server/chat/conversations";
import { addGroupMembers, renameGroup } from "@/lib/server/chat/groups";
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

/** The group dialog's rename form: the same domain call as PATCH /api/conversations/[id]. */
export async function renameGroupAction(conversationId: string, input: unknown) {
  return attempt(async () => {
    const user = await requireUser();
    const { title } = renameGroupSchema.parse(input);
    return renameGroup({ userId: user.id, conversationId, title });
  });
}

/** The group dialog's "Add people": the same domain call as POST /api/conversations/[id]/members. */
export async function addMembersAction(conversationId: string, input: unknown) {
  return attempt(async () => {
    const user = await requireUser();
    const { userIds } = addMembersSchema.parse(input);
    return addGroupMembers({ userId: user.id, conversationId, userIds });
  });
}

/** The settings panel: display name, and whether to send read receipts and share last seen. */
export async function updateSettingsAction(input: unknown) {
  return attempt(async () => {
    const user = await requireUser();
    const data = settingsSchema.parse(input);
    const updated = await updateSettings({ userId: user.id, ...data });
    return {
      name: updated.name,
      shareReadReceipts: updated.shareReadReceipts,
      shareLastSeen: updated.shareLastSeen,
    };
  });
}

export async function signOutAction() {
  await signOut({ redirectTo: "/login" });
}
