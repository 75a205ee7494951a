"use client";
// A message's menu (loaded when first opened): reply, react, copy, edit, delete. A real menu for
// the keyboard — focus moves in, arrows move between items, Escape closes and focus goes back.
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import type { ClientMessage } from "@/lib/client/conversation/merge";
import { toast } from "@/lib/client/toast";
import { EDIT_WINDOW_MINUTES, QUICK_REACTIONS } from "@/lib/core/validations/limits";
import { EmojiInput } from "./emoji-input";
import { useMessageActionsContext } from "./message-actions-context";

const ITEM =
  "block w-full rounded-md px-3 py-2 text-left text-sm hover:bg-slate-100 focus:bg-slate-100 focus:outline-none dark:hover:bg-slate-800 dark:focus:bg-slate-800";

export default function MessageMenu({
  message,
  mine,
  onClose,
}: {
  message: ClientMessage;
  mine: boolean;
  onClose: () => void;
}) {
  const actions = useMessageActionsContext();
  const menu = useRef<HTMLDivElement>(null);
  const [picking, setPicking] = useState(false);
  // Opened now: "now" is when the menu mounted (the edit window is checked again by the server).
  const [openedAt] = useState(() => Date.now());
  const editable = mine && openedAt - new Date(message.createdAt).getTime() < EDIT_WINDOW_MINUTES * 60_000;

  // Below the message unless that runs past the bottom of the history (the last messages): then above.
  const [above, setAbove] = useState(false);
  useLayoutEffect(() => {
    const el = menu.current;
    const history = el?.closest("#messages");
    if (el && history) setAbove(el.getBoundingClientRect().bottom > history.getBoundingClientRect().bottom);
  }, []);

  useEffect(() => {
    menu.current?.querySelector<HTMLElement>("[role=menuitem]")?.focus({ preventScroll: true });
    const outside = (e: PointerEvent) => {
      if (!menu.current?.contains(e.target as Node)) onClose();
    };
    document.addEventListener("pointerdown", outside);
    return () => document.removeEventListener("pointerdown", outside);
  }, [onClose]);

  const choose = (fn: () => void) => () => {
    onClose();
    fn();
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    const items = [...(menu.current?.querySelectorAll<HTMLElement>("[role=menuitem]") ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => {
      e.preventDefault();
      items[(to + items.length) % items.length]?.focus();
    };
    if (e.key === "Escape") {
      e.preventDefault();
      onClose();
    } else if (e.key === "ArrowDown" || e.key === "ArrowRight") move(at + 1);
    else if (e.key === "ArrowUp" || e.key === "ArrowLeft") move(at - 1);
    else if (e.key === "Home") move(0);
    else if (e.key === "End") move(items.length - 1);
    else if (e.key === "Tab") onClose();
  };

  return (
    <div
      ref={menu}
      role="menu"
      aria-label="Message actions"
      onKeyDown={onKeyDown}
      className={`absolute ${above ? "bottom-full mb-1" : "top-full mt-1"} z-20 w-56 rounded-xl border border-slate-200 bg-white p-1 text-slate-900 shadow-lg dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 ${
        mine ? "right-0" : "left-0"
      }`}
    >
      <div role="group" aria-label="React" className="flex justify-between px-1 py-1">
        {QUICK_REACTIONS.map((emoji) => (
          <button
            key={emoji}
            type="button"
            role="menuitem"
            aria-label={`React ${emoji}`}
            onClick={choose(() => actions.react(message.seq, emoji))}
            className="rounded-full p-1 text-lg hover:bg-slate-100 focus:bg-slate-100 focus:outline-none dark:hover:bg-slate-800 dark:focus:bg-slate-800"
          >
            {emoji}
          </button>
        ))}
      </div>
      {picking ? (
        <EmojiInput
          onPick={(emoji) => {
            onClose();
            actions.react(message.seq, emoji);
          }}
        />
      ) : (
        <button type="button" role="menuitem" className={ITEM} onClick={() => setPicking(true)}>
          Other emoji…
        </button>
      )}
      <button type="button" role="menuitem" className={ITEM} onClick={choose(() => actions.reply(message))}>
        Reply
      </button>
      <button
        type="button"
        role="menuitem"
        className={ITEM}
        onClick={choose(() => {
          void navigator.clipboard.writeText(message.body).then(
            () => toast("Copied", "copy"),
            () => toast("Couldn't copy the text", "copy"),
          );
        })}
      >
        Copy text
      </button>
      {editable ? (
        <button
          type="button"
          role="menuitem"
          className={ITEM}
          onClick={choose(() => actions.startEdit(message))}
        >
          Edit
        </button>
      ) : null}
      {mine ? (
        <button
          type="button"
          role="menuitem"
          className={`${ITEM} text-red-700 dark:text-red-400`}
          onClick={choose(() => actions.deleteForEveryone(message.seq))}
        >
          Delete for everyone
        </button>
      ) : null}
      <button
        type="button"
        role="menuitem"
        className={`${ITEM} text-red-700 dark:text-red-400`}
        onClick={choose(() => actions.deleteForMe(message.seq))}
      >
        Delete for me
      </button>
    </div>
  );
}
