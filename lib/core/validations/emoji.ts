// One emoji: a single grapheme of the Unicode emoji set, with its modifiers and joiners. Its own
// module, without zod, so the browser's emoji field checks exactly what the server will.
// (Built from a string: TypeScript's target predates the `v` flag; every browser we serve has it.)
const EMOJI = new RegExp("^\\p{RGI_Emoji}$", "v");

/** Longer than any emoji sequence; bounds the work before the pattern runs. */
export const EMOJI_MAX_LENGTH = 32;

export const isOneEmoji = (s: string) => s.length <= EMOJI_MAX_LENGTH && EMOJI.test(s);
