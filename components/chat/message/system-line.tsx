import type { Message, SystemLine as Line, User } from "@/lib/core/types";

const names = (users: User[], meId: string) => users.map((u) => (u.id === meId ? "you" : u.name)).join(", ");

/** A system line's words: "Alice added Dana", "You renamed the group to “Trip”". */
export function systemText(line: Line, actor: User, meId: string): string {
  const who = actor.id === meId ? "You" : actor.name;
  switch (line.type) {
    case "added":
      return `${who} added ${names(line.targets, meId)}`;
    case "removed":
      return `${who} removed ${names(line.targets, meId)}`;
    case "left":
      return `${who} left`;
    case "renamed":
      return `${who} renamed the group to “${line.title}”`;
  }
}

/** A change to the group, in the timeline where it happened (it has a seq like any message). */
export function SystemLine({ message, meId }: { message: Message; meId: string }) {
  return (
    <li data-testid="system-line" data-seq={message.seq} className="my-2 flex justify-center px-3">
      <span className="rounded-full bg-slate-100 px-3 py-1 text-center text-xs text-slate-600 dark:bg-slate-800 dark:text-slate-300">
        {message.system ? systemText(message.system, message.sender, meId) : null}
      </span>
    </li>
  );
}
