// What counts as acceptable text, shared by every schema that takes free text.

/** Any control character (C0, DEL, C1 — Unicode general category Cc). */
export const ANY_CONTROL = /\p{Cc}/u;
/** Control characters other than tab and newline (which chat text may contain). */
export const CONTROL_EXCEPT_TAB_NEWLINE = /(?![\t\n])\p{Cc}/u;
/** Bidi overrides and isolates: in a name or title they let "evil" display as someone else's. */
export const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;

/** Whether anything would show: not only whitespace and invisible (default-ignorable) characters. */
export function hasVisibleText(s: string): boolean {
  return s.replace(/[\s\p{Default_Ignorable_Code_Point}]/gu, "").length > 0;
}

/** A one-line label (a display name, a group title): visible, no controls, no bidi tricks. */
export function isCleanLabel(s: string): boolean {
  return s.isWellFormed() && !ANY_CONTROL.test(s) && !BIDI_CONTROLS.test(s) && hasVisibleText(s);
}
