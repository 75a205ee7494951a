"use client";

import { useEffect, useRef, useState, type KeyboardEvent, type RefObject } from "react";
import { applyTheme } from "@/lib/client/theme";
import { parseTheme, THEMES, type Theme } from "@/lib/core/theme";
import type { User } from "@/lib/core/types";

const THEME_LABELS: Record<Theme, string> = { system: "System", light: "Light", dark: "Dark" };
const ITEM =
  "flex w-full items-center gap-2 rounded-md px-3 py-2 text-left text-sm outline-none hover:bg-slate-100 focus:bg-slate-100 dark:hover:bg-slate-800 dark:focus:bg-slate-800";

export type AccountMenuProps = {
  me: User;
  anchor: RefObject<HTMLButtonElement | null>;
  onClose: (refocus: boolean) => void;
  onSettings: () => void;
  onSignOut: () => Promise<void>;
};

/** The account menu (WAI-ARIA menu pattern): arrows move, Escape closes, focus goes back. */
export function AccountMenu({ me, anchor, onClose, onSettings, onSignOut }: AccountMenuProps) {
  const menu = useRef<HTMLDivElement>(null);
  const [theme, setTheme] = useState(() => parseTheme(document.documentElement.dataset.theme));
  const items = () => [...(menu.current?.querySelectorAll<HTMLElement>("[role^=menuitem]") ?? [])];

  useEffect(() => {
    items()[0]?.focus();
    // A click anywhere else closes it, leaving focus where that click put it.
    const outside = (e: PointerEvent) => {
      const target = e.target as Node;
      if (!menu.current?.contains(target) && !anchor.current?.contains(target)) onClose(false);
    };
    document.addEventListener("pointerdown", outside);
    return () => document.removeEventListener("pointerdown", outside);
  }, [anchor, onClose]);

  const onKeyDown = (e: KeyboardEvent) => {
    const all = items();
    const at = all.indexOf(document.activeElement as HTMLElement);
    const move: Record<string, number> = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: all.length - 1 };
    if (e.key in move) {
      e.preventDefault();
      all[(move[e.key]! + all.length) % all.length]?.focus();
    } else if (e.key === "Escape") {
      e.preventDefault();
      onClose(true);
    } else if (e.key === "Tab") {
      onClose(false);
    }
  };

  return (
    <div
      ref={menu}
      role="menu"
      aria-label="Account"
      onKeyDown={onKeyDown}
      className="absolute top-full left-0 z-40 mt-1 w-60 rounded-xl border border-slate-200 bg-white p-1 shadow-lg dark:border-slate-700 dark:bg-slate-900"
    >
      <p className="truncate px-3 pt-1.5 pb-2 text-xs text-slate-600 dark:text-slate-400">
        Signed in as <span className="font-medium text-slate-900 dark:text-slate-100">{me.name}</span> (@
        {me.username})
      </p>
      <button type="button" role="menuitem" tabIndex={-1} onClick={onSettings} className={ITEM}>
        Settings
      </button>
      <div role="group" aria-label="Theme" className="border-y border-slate-200 py-1 dark:border-slate-700">
        <p aria-hidden="true" className="px-3 pt-1 text-xs text-slate-600 dark:text-slate-400">
          Theme
        </p>
        {THEMES.map((t) => (
          <button
            key={t}
            type="button"
            role="menuitemradio"
            aria-checked={theme === t}
            tabIndex={-1}
            onClick={() => {
              setTheme(t);
              applyTheme(t);
            }}
            className={ITEM}
          >
            <span aria-hidden="true" className="w-3 text-center">
              {theme === t ? "✓" : ""}
            </span>
            {THEME_LABELS[t]}
          </button>
        ))}
      </div>
      <button type="button" role="menuitem" tabIndex={-1} onClick={() => void onSignOut()} className={ITEM}>
        Sign out
      </button>
    </div>
  );
}
