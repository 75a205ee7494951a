import { z } from "zod";
import { PASSWORD_RULE, USERNAME_RULE } from "./auth-rules";
import { isCleanLabel } from "./text";

const usernameError = `Username must be ${USERNAME_RULE}`;

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, usernameError)
  .max(32, usernameError)
  .regex(/^[a-z0-9_]+$/, usernameError);

// Argon2 hashes UTF-8: a lone surrogate would become U+FFFD, making different passwords equal.
const wellFormed = (s: string) => s.isWellFormed();

// Lengths in characters as people count them (code points), like message bodies.
export const passwordSchema = z
  .string()
  .refine((s) => [...s].length >= 8, `Password must be ${PASSWORD_RULE}`)
  .refine((s) => [...s].length <= 128, "Password must be at most 128 characters")
  .refine(wellFormed, "Password has invalid characters");

export const displayNameSchema = z
  .string()
  .trim()
  .min(1, "Name is required")
  .max(64, "Name must be at most 64 characters")
  .refine(isCleanLabel, "Name has invalid characters");

export const registerSchema = z.object({
  username: usernameSchema,
  password: passwordSchema,
  name: z.preprocess((v) => (v === "" ? undefined : v), displayNameSchema.optional()),
});
export type RegisterInput = z.infer<typeof registerSchema>;

export const signInSchema = z.object({
  username: usernameSchema,
  password: z
    .string()
    .min(1, "Password is required")
    .refine((s) => [...s].length <= 128, "Password must be at most 128 characters")
    .refine(wellFormed, "Password has invalid characters"),
});

export const settingsSchema = z.object({
  name: displayNameSchema.optional(),
  shareReadReceipts: z.boolean().optional(),
  shareLastSeen: z.boolean().optional(),
});
