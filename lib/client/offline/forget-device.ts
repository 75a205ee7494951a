// Sign-out on a shared browser: nothing of the user's stays behind — not the messages still
// queued, the drafts, the offline copies of their chats, nor the ticks last shown.
import { forgetKeptReceipts } from "@/lib/client/conversation/kept-receipts";
import { forgetOutbox } from "@/lib/client/outbox/outbox";
import { forgetOfflineCopies } from "./offline-copies";

export async function forgetThisDevice(userId: string) {
  forgetKeptReceipts(userId);
  await Promise.all([forgetOutbox(userId), forgetOfflineCopies()]);
}
