"use client";

import { useEffect } from "react";
import useSWRInfinite from "swr/infinite";
import { fetcher } from "@/lib/client/api";
import { keys } from "@/lib/client/keys";
import type { User } from "@/lib/core/types";

type Page = { members: { user: User; role: "admin" | "member" }[]; next: string | null };

/** A group's members, 50 a page (a group can have a thousand); admins can remove anyone but themself. */
export function MemberList({
  conversationId,
  meId,
  admin,
  onRemove,
  version,
}: {
  conversationId: string;
  meId: string;
  admin: boolean;
  onRemove: (userId: string) => void;
  /** Bumped after each change made here: the list is fetched again. */
  version: number;
}) {
  const { data, size, setSize, mutate } = useSWRInfinite<Page>(
    (index, previous: Page | null) =>
      index === 0
        ? keys.members(conversationId)
        : previous?.next
          ? keys.members(conversationId, previous.next)
          : null,
    fetcher,
  );
  useEffect(() => {
    if (version > 0) void mutate();
  }, [version, mutate]);
  const members = data?.flatMap((p) => p.members) ?? [];
  const more = data?.at(-1)?.next;
  return (
    <section aria-labelledby="members-heading" className="flex flex-col gap-2">
      <h3 id="members-heading" className="text-sm font-semibold">
        Members
      </h3>
      <ul aria-label="Members" className="flex flex-col gap-1">
        {members.map(({ user, role }) => (
          <li key={user.id} className="flex items-center gap-2 text-sm">
            <span className="min-w-0 flex-1 truncate">
              {user.id === meId ? `${user.name} (you)` : user.name}
              <span className="text-slate-500 dark:text-slate-400"> @{user.username}</span>
            </span>
            {role === "admin" ? (
              <span className="text-xs text-slate-500 dark:text-slate-400">admin</span>
            ) : null}
            {admin && user.id !== meId ? (
              <button
                type="button"
                aria-label={`Remove ${user.name}`}
                onClick={() => onRemove(user.id)}
                className="rounded px-2 py-1 text-xs font-medium text-red-700 hover:bg-red-50 dark:text-red-400 dark:hover:bg-red-950"
              >
                Remove
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {more ? (
        <button type="button" onClick={() => void setSize(size + 1)} className="self-start text-sm underline">
          Show more members
        </button>
      ) : null}
    </section>
  );
}
