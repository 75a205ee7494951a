import { z } from "zod";

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, "Username must be at least 3 characters")
  .max(32, "Username must be at most 32 characters")
  .regex(/^[a-z0-9_]+$/, "Use only letters, digits and _");

export const passwordSchema = z
  .string()
  .min(8, "Password must be at least 8 characters")
  .max(128, "Password must be at most 128 characters");

export const displayNameSchema = z
  .string()
  .trim()
  .min(1, "Name is required")
  .max(64, "Name must be at most 64 characters")
  .refine((s) => s.isWellFormed() && !/[\u0000-\u001f\u007f]/.test(s), "Name has invalid characters");

export const registerSchema = z.object({
  username: usernameSchema,
  password: passwordSchema,
  name: z.preprocess((v) => (v === "" ? undefined : v), displayNameSchema.optional()),
});
export type RegisterInput = z.infer<typeof registerSchema>;

export const signInSchema = z.object({
  username: usernameSchema,
  password: z.string().min(1, "Password is required").max(128),
});

export const settingsSchema = z.object({
  name: displayNameSchema.optional(),
  shareReadReceipts: z.boolean().optional(),
});
