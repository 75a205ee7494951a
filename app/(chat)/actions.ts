"use server";
// The chat's server actions: the same domain calls as the routes (docs/architecture.md). The
// layout hands them to the browser as ChatActions.
import type { SendInput } from "@/lib/core/actions";
import { settingsSchema } from "@/lib/core/validations/auth";
import {
  addMembersSchema,
  createConversationSchema,
  renameGroupSchema,
  sendMessageSchema,
} from "@/lib/core/validations/chat";
import { signOut } from "@/lib/server/auth";
import { requireUser } from "@/lib/server/auth/session";
import { conversationIdOf } from "@/lib/server/chat/access";
import { createConversation } from "@/lib/server/chat/conversations";
import { addGroupMembers, renameGroup } from "@/lib/server/chat/groups";
import { sendMessage } from "@/lib/server/chat/send-message";
import { updateSettings } from "@/lib/server/chat/settings";
import { attempt } from "@/lib/server/http/action";

/** The composer's send: the same domain call as POST /api/conversations/[id]/messages. */
export async function sendMessageAction(conversationId: string, input: SendInput) {
  return attempt(async () => {
    const user = await requireUser();
    const data = sendMessageSchema.parse(input);
    const { message } = await sendMessage({ userId: user.id, conversationId, ...data });
    return message;
  });
}

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
    return renameGroup({ userId: user.id, conversationId: conversationIdOf(conversationId), title });
  });
}

/** The group dialog's "Add people": the same domain call as POST /api/conversations/[id]/members. */
export async function addMembersAction(conversationId: string, input: unknown) {
  return attempt(async () => {
    const user = await requireUser();
    const { userIds } = addMembersSchema.parse(input);
    return addGroupMembers({ userId: user.id, conversationId: conversationIdOf(conversationId), userIds });
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
