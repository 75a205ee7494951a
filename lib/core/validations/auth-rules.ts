// The rules for a username and a password in words. The sign-up form's hints and the errors the
// schemas give say the same words (a hint that disagrees with the error it leads to is a second
// puzzle). No zod here: the sign-in and sign-up pages import it.
export const USERNAME_RULE = "3–32 letters (a–z), digits or _";
export const PASSWORD_RULE = "at least 8 characters";
