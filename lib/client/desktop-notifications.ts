// Opt-in desktop notifications. Per device (it's a browser permission, so the choice lives in
// localStorage), only while this tab is hidden, never for one's own messages, and one per
// conversation: the tag makes a newer message replace the older notification.
import { previewOf } from "@/lib/core/preview";
import type { ConversationSummary, Message } from "@/lib/core/types";

const STORAGE_KEY = "ticks:desktop-notifications";
const MAX_BODY = 140;

export const notificationsSupported = () => typeof window !== "undefined" && "Notification" in window;

export function notificationsEnabled(): boolean {
  try {
    return (
      notificationsSupported() &&
      Notification.permission === "granted" &&
      localStorage.getItem(STORAGE_KEY) === "on"
    );
  } catch {
    return false;
  }
}

/** Turns them on (asking for permission if never asked) or off; says what the browser allows. */
export async function setNotifications(on: boolean): Promise<NotificationPermission> {
  const permission =
    on && Notification.permission === "default"
      ? await Notification.requestPermission()
      : Notification.permission;
  try {
    if (on && permission === "granted") localStorage.setItem(STORAGE_KEY, "on");
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage refused (private mode): the setting just doesn't stick.
  }
  return permission;
}

export function notifyIncoming(
  message: Message,
  conversation: ConversationSummary | undefined,
  open: () => void,
) {
  if (!notificationsEnabled() || document.visibilityState !== "hidden") return;
  const preview = previewOf(message);
  const chars = [...preview];
  const text = chars.length > MAX_BODY ? `${chars.slice(0, MAX_BODY - 1).join("")}…` : preview;
  // A direct chat is titled by the person; a group or the lobby by its name, with who said it.
  const room = conversation && conversation.kind !== "direct" ? conversation.title : null;
  try {
    const notification = new Notification(room ?? message.sender.name, {
      body: room ? `${message.sender.name}: ${text}` : text,
      tag: message.conversationId,
    });
    notification.onclick = () => {
      window.focus();
      open();
      notification.close();
    };
  } catch {
    // Some browsers (Chrome on Android) only show notifications from a service worker.
  }
}
