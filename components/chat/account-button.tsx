"use client";

import { Suspense, useRef, useState, type ComponentType } from "react";
import type { User } from "@/lib/core/types";
import { Avatar } from "@/components/ui/avatar";
import type { AccountMenuProps } from "./account-menu";

/** The sidebar's own-account control: avatar and name, opening Settings, theme and Sign out. */
export function AccountButton({
  me,
  menu: AccountMenu,
  preload,
  onSettings,
  onSignOut,
}: {
  me: User;
  /** The menu, loaded on demand (React.lazy) by the shell. */
  menu: ComponentType<AccountMenuProps>;
  /** Starts loading it: on hover or focus, before the click. */
  preload: () => void;
  onSettings: () => void;
  onSignOut: () => Promise<void>;
}) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };
  return (
    <div className="relative min-w-0 flex-1">
      <button
        ref={button}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        onPointerEnter={preload}
        onFocus={preload}
        className="focus-visible:outline-brand-500 flex max-w-full items-center gap-2 rounded-full py-1 pr-2 pl-1 hover:bg-slate-100 focus-visible:outline-2 dark:hover:bg-slate-800"
      >
        <Avatar name={me.name} seed={me.id} size="sm" />
        <span className="min-w-0 truncate text-sm font-medium">
          <span className="sr-only">Account: </span>
          {me.name}
        </span>
        <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" className="shrink-0">
          <path
            d="M3 4.5l3 3 3-3"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.5"
            strokeLinecap="round"
          />
        </svg>
      </button>
      {open ? (
        <Suspense fallback={null}>
          <AccountMenu
            me={me}
            anchor={button}
            onClose={close}
            onSettings={() => {
              // Settings (a modal) hands focus back to what had it when it opened: this button.
              close(true);
              onSettings();
            }}
            onSignOut={onSignOut}
          />
        </Suspense>
      ) : null}
    </div>
  );
}
