"use client";

import { useEffect, useState } from "react";
import useSWR from "swr";
import { fetcher } from "@/lib/client/api";
import { keys } from "@/lib/client/keys";
import type { User } from "@/lib/core/types";
import { INPUT_CLASS } from "@/components/ui/modal-form";

/** Find people by name or username and add them to the group, one click each. */
export function AddPeople({ onAdd }: { onAdd: (userId: string) => Promise<boolean> }) {
  const [q, setQ] = useState("");
  const [debounced, setDebounced] = useState("");
  useEffect(() => {
    const t = setTimeout(() => setDebounced(q), 200);
    return () => clearTimeout(t);
  }, [q]);
  const { data } = useSWR<{ users: User[] }>(debounced.trim() ? keys.users(debounced.trim()) : null, fetcher);
  return (
    <section className="flex flex-col gap-2">
      <label className="flex flex-col gap-1 text-sm font-medium">
        Add people
        <input
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder="Search by name"
          className={INPUT_CLASS}
        />
      </label>
      {data?.users.length ? (
        <ul aria-label="People to add" className="flex flex-col gap-1">
          {data.users.map((u) => (
            <li key={u.id} className="flex items-center gap-2 text-sm">
              <span className="min-w-0 flex-1 truncate">
                {u.name} <span className="text-slate-500 dark:text-slate-400">@{u.username}</span>
              </span>
              <button
                type="button"
                aria-label={`Add ${u.name}`}
                onClick={() => void onAdd(u.id).then((ok) => ok && setQ(""))}
                className="text-brand-700 dark:text-brand-100 rounded px-2 py-1 text-xs font-medium hover:bg-slate-100 dark:hover:bg-slate-800"
              >
                Add
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
