import { MESSAGE_MAX_CHARS } from "@/lib/core/validations/limits";

/** Characters typed, shown from here on: near the limit is when counting starts to matter. */
export const COUNT_FROM = Math.floor(MESSAGE_MAX_CHARS * 0.9);
export const LENGTH_NOTE_ID = "composer-length";

/** Under the composer near the limit: how many characters, and past it why Send is off. */
export function LengthNote({ length }: { length: number }) {
  if (length < COUNT_FROM) return null;
  const over = length - MESSAGE_MAX_CHARS;
  return (
    <p
      id={LENGTH_NOTE_ID}
      data-testid="composer-length"
      // Past the limit it's an error said at once; a count read out at every keystroke would be noise.
      role={over > 0 ? "alert" : undefined}
      className={`-mt-1 px-4 pb-2 text-right text-xs ${
        over > 0 ? "font-medium text-red-700 dark:text-red-400" : "text-slate-600 dark:text-slate-400"
      }`}
    >
      {over > 0
        ? `Too long to send: ${length} of ${MESSAGE_MAX_CHARS} characters. Remove ${over}.`
        : `${length} / ${MESSAGE_MAX_CHARS}`}
    </p>
  );
}
