// Limits shared by the schemas and the browser (which must not pull zod in for a number).
export const MESSAGE_MAX_CHARS = 2000;
export const MESSAGE_MAX_BYTES = 4096;
export const PAGE_SIZE = 50;
export const PAGE_MAX = 100;
export const GROUP_MAX_MEMBERS = 100;
/** Own messages can be edited this long after sending (WhatsApp's 15 minutes; EDIT_WINDOW_MINUTES). */
export const EDIT_WINDOW_MINUTES = 15;
/** The fixed reactions offered first; any other emoji may be picked too. */
export const QUICK_REACTIONS = ["👍", "❤️", "😂", "😮", "😢", "🙏"] as const;
/** Different emoji one person may put on one message. */
export const REACTIONS_PER_USER = 10;
/** People listed per emoji (the count goes on). */
export const REACTION_USERS_SHOWN = 10;
/** Different emoji shown on one message, the earliest first (a message's reactions cost the same in any group). */
export const REACTION_EMOJI_SHOWN = 12;
/** A reply's quote: the first line, cut to this many characters. */
export const QUOTE_MAX_CHARS = 120;
