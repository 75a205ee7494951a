"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { callAction, errorMessage } from "@/lib/client/api";
import { useChat } from "@/lib/client/chat-context";
import { requestCatchUp } from "@/lib/client/conversation/catch-up";
import { INPUT_CLASS, ModalForm } from "@/components/ui/modal-form";
import { DeviceSettings } from "./device-settings";

/** Name and privacy. Read receipts work as in WhatsApp: off means others see at most
 * "Delivered" for you, and in direct chats you see no read state from them either.
 * Loaded when first opened (it isn't needed to show a conversation), and open while mounted. */
export function SettingsDialog({ onClose }: { onClose: () => void }) {
  const { me, actions } = useChat();
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const [name, setName] = useState(me.name);
  const [share, setShare] = useState(me.shareReadReceipts);
  const [shareLastSeen, setShareLastSeen] = useState(me.shareLastSeen);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!dialog.current?.open) dialog.current?.showModal();
  }, []);

  const save = async () => {
    setBusy(true);
    try {
      await callAction(() => actions.updateSettings({ name, shareReadReceipts: share, shareLastSeen }));
    } catch (e) {
      // Shown in the dialog, which keeps what was typed (a toast would sit behind its backdrop).
      setError(errorMessage(e, "Could not save. Try again."));
      return;
    } finally {
      setBusy(false);
    }
    dialog.current?.close();
    // The layout re-renders with the new settings; the open chat refetches what it may now see.
    router.refresh();
    requestCatchUp();
  };

  return (
    <ModalForm
      ref={dialog}
      id="settings"
      title="Settings"
      width="26rem"
      submitLabel={"Save"}
      submitDisabled={busy || !name.trim()}
      error={error}
      onCancel={() => dialog.current?.close()}
      onSubmit={() => void save()}
      onClose={onClose}
      className="space-y-4 p-5"
    >
      <div className="space-y-1">
        <label htmlFor="settings-name" className="block text-sm font-medium">
          Display name
        </label>
        <input
          id="settings-name"
          value={name}
          maxLength={64}
          required
          onChange={(e) => setName(e.target.value)}
          className={`block w-full ${INPUT_CLASS}`}
        />
      </div>
      <div className="flex gap-3">
        <input
          id="settings-receipts"
          type="checkbox"
          checked={share}
          onChange={(e) => setShare(e.target.checked)}
          aria-describedby="settings-receipts-help"
          className="accent-brand-600 mt-1 h-4 w-4"
        />
        <div>
          <label htmlFor="settings-receipts" className="text-sm font-medium">
            Send read receipts
          </label>
          <p id="settings-receipts-help" className="text-xs text-slate-500 dark:text-slate-400">
            When off, people see your messages as at most “Delivered” to you, and in direct chats you won’t
            see when others have read yours. Groups still show you who read your messages.
          </p>
        </div>
      </div>
      <div className="flex gap-3">
        <input
          id="settings-last-seen"
          type="checkbox"
          checked={shareLastSeen}
          onChange={(e) => setShareLastSeen(e.target.checked)}
          aria-describedby="settings-last-seen-help"
          className="accent-brand-600 mt-1 h-4 w-4"
        />
        <div>
          <label htmlFor="settings-last-seen" className="text-sm font-medium">
            Share when I was last online
          </label>
          <p id="settings-last-seen-help" className="text-xs text-slate-500 dark:text-slate-400">
            When off, nobody sees when you were last online, and you won’t see it for others either.
          </p>
        </div>
      </div>
      <DeviceSettings />
    </ModalForm>
  );
}

// The account menu travels with Settings (one chunk, one loader): it is what opens Settings, and
// a page can't afford another script to load it separately.
export { AccountMenu } from "./account-menu";
