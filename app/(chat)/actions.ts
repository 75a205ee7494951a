"use server";

import { signOut } from "@/lib/server/auth";
import { requireUser } from "@/lib/server/auth/session";
import { createConversation } from "@/lib/server/chat/conversations";
import { sendMessage } from "@/lib/server/chat/send-message";
import { updateSettings } from "@/lib/server/chat/settings";
import type { ConversationSummary, Message } from "@/lib/core/types";
import { failure } from "@/lib/server/http/failure";
import { retryAfter } from "@/lib/server/errors";
import { settingsSchema } from "@/lib/core/validations/auth";
import { createConversationSchema, sendMessageSchema } from "@/lib/core/validations/chat";
import { idSchema } from "@/lib/core/validations/common";

type Result<T> =
  { ok: true; value: T } | { ok: false; error: { code: string; message: string; retryAfter?: number } };

async function attempt<T>(fn: () => Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (error) {
    const e = await failure(error);
    const wait = e.code === "rate_limited" || e.code === "unavailable" ? { retryAfter: retryAfter(e) } : {};
    return { ok: false, error: { code: e.code, message: e.message, ...wait } };
  }
}

/** The composer's send: the same domain call as POST /api/conversations/[id]/messages. */
export async function sendMessageAction(
  conversationId: string,
  input: { body: string; clientId: string; socketId?: string },
): Promise<Result<Message>> {
  return attempt(async () => {
    const user = await requireUser();
    const id = idSchema.parse(conversationId);
    const data = sendMessageSchema.parse(input);
    const { message } = await sendMessage({ userId: user.id, conversationId: id, ...data });
    return message;
  });
}

/** The "New chat" dialog: the same domain call as POST /api/conversations. */
export async function createConversationAction(input: unknown): Promise<Result<ConversationSummary>> {
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
