"use client";
// Opens a message's menu: a button that shows on hover and focus, and a long press on touch
// screens (as every mobile chat does). The menu itself loads when first opened.
import { lazy, Suspense, useCallback, useRef, useState, type ReactNode } from "react";
import type { ClientMessage } from "@/lib/client/conversation/merge";
import { useMessageActionsContext } from "./message-actions-context";

// React.lazy, not next/dynamic: it is only rendered after a click, and React already has it.
const MessageMenu = lazy(() => import("./message-menu"));

const LONG_PRESS_MS = 500;

export function WithMessageMenu({
  message,
  mine,
  children,
}: {
  message: ClientMessage;
  mine: boolean;
  children: ReactNode;
}) {
  const { canAct } = useMessageActionsContext();
  const [open, setOpen] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const press = useRef<ReturnType<typeof setTimeout> | null>(null);
  const close = useCallback(() => {
    setOpen(false);
    trigger.current?.focus();
  }, []);
  const cancelPress = () => {
    if (press.current) clearTimeout(press.current);
    press.current = null;
  };
  const usable = canAct && !message.local && !message.deleted;

  return (
    <div
      className={`group/message relative flex items-start gap-1 ${mine ? "flex-row-reverse" : ""}`}
      onPointerDown={(e) => {
        if (!usable || e.pointerType !== "touch") return;
        press.current = setTimeout(() => setOpen(true), LONG_PRESS_MS);
      }}
      onPointerUp={cancelPress}
      onPointerMove={cancelPress}
      onPointerCancel={cancelPress}
      onContextMenu={(e) => {
        // A long press on touch screens opens ours, not the browser's.
        if (usable && e.nativeEvent instanceof PointerEvent && e.nativeEvent.pointerType === "touch")
          e.preventDefault();
      }}
    >
      <div className="min-w-0">{children}</div>
      {usable ? (
        <div className="relative shrink-0 self-center">
          <button
            ref={trigger}
            type="button"
            aria-label="Message actions"
            aria-haspopup="menu"
            aria-expanded={open}
            onClick={() => setOpen((o) => !o)}
            className={`rounded-full p-1 text-slate-500 hover:bg-slate-100 focus-visible:opacity-100 dark:text-slate-400 dark:hover:bg-slate-800 ${
              open
                ? "opacity-100"
                : "opacity-0 group-focus-within/message:opacity-100 group-hover/message:opacity-100"
            }`}
          >
            <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" fill="currentColor">
              <circle cx="3" cy="8" r="1.5" />
              <circle cx="8" cy="8" r="1.5" />
              <circle cx="13" cy="8" r="1.5" />
            </svg>
          </button>
        </div>
      ) : null}
      {/* Anchored to the message row, on the bubble's side, so it stays on a 375 px screen. */}
      {open ? (
        <Suspense fallback={null}>
          <MessageMenu message={message} mine={mine} onClose={close} />
        </Suspense>
      ) : null}
    </div>
  );
}
