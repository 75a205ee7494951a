"use client";

import { useState } from "react";
import { isOneEmoji } from "@/lib/core/validations/emoji";

/** Any emoji, typed or pasted (the same check as the server's). */
export function EmojiInput({ onPick }: { onPick: (emoji: string) => void }) {
  const [value, setValue] = useState("");
  const valid = isOneEmoji(value.trim());
  return (
    <form
      className="flex gap-1 px-1 py-1"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) onPick(value.trim());
      }}
    >
      <label className="sr-only" htmlFor="emoji-input">
        Emoji
      </label>
      <input
        id="emoji-input"
        role="menuitem"
        autoFocus
        value={value}
        onChange={(e) => setValue(e.target.value)}
        placeholder="Type an emoji"
        className="min-w-0 flex-1 rounded-md border border-slate-300 px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-950"
      />
      <button
        type="submit"
        disabled={!valid}
        className="rounded-md px-2 text-sm font-medium disabled:opacity-50"
      >
        Add
      </button>
    </form>
  );
}
