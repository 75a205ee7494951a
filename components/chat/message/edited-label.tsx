import type { ClientMessage } from "@/lib/client/conversation/merge";

/**
 * "edited" — and on my own edited message, who has had the edit on screen (the same rule as read):
 * "Edited · seen by 1 of 2". Counted by the server; it only grows for one edit.
 */
export function EditedLabel({ message, mine }: { message: ClientMessage; mine: boolean }) {
  const recipients = message.receipts?.recipients ?? 0;
  if (!mine || message.editSeen === undefined || recipients === 0) {
    return <span data-testid="edited">edited</span>;
  }
  const seen = Math.min(message.editSeen, recipients);
  const words =
    recipients === 1
      ? seen === 1
        ? "Edited · seen"
        : "Edited · not seen yet"
      : `Edited · seen by ${seen} of ${recipients}`;
  return (
    <span data-testid="edited" data-edit-seen={seen} aria-live="polite">
      {words}
    </span>
  );
}
