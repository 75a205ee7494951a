"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { signIn } from "@/lib/server/auth";
import { registerUser } from "@/lib/server/auth/register";
import { toAppError } from "@/lib/server/errors";
import { registerSchema, signInSchema } from "@/lib/core/validations/auth";

export type AuthFormState = { error?: string; fieldErrors?: Record<string, string> };

function fieldErrors(issues: { path: PropertyKey[]; message: string }[]) {
  return Object.fromEntries(issues.map((i) => [String(i.path[0]), i.message]));
}

function safeCallback(value: FormDataEntryValue | null) {
  const url = typeof value === "string" ? value : "";
  // Only same-site paths: an absolute URL here would be an open redirect.
  return url.startsWith("/") && !url.startsWith("//") ? url : "/";
}

export async function signInAction(_prev: AuthFormState, form: FormData): Promise<AuthFormState> {
  const parsed = signInSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { fieldErrors: fieldErrors(parsed.error.issues) };
  try {
    await signIn("credentials", { ...parsed.data, redirectTo: safeCallback(form.get("callbackUrl")) });
  } catch (error) {
    // next-auth signals success with a redirect, which must propagate.
    if (error instanceof CredentialsSignin && error.code === "rate_limited") {
      return { error: "Too many failed sign-ins. Wait a few minutes and try again." };
    }
    if (error instanceof AuthError) return { error: "Wrong username or password" };
    throw error;
  }
  return {};
}

export async function signUpAction(_prev: AuthFormState, form: FormData): Promise<AuthFormState> {
  const parsed = registerSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { fieldErrors: fieldErrors(parsed.error.issues) };
  try {
    await registerUser(parsed.data);
  } catch (error) {
    const e = toAppError(error);
    return e.code === "conflict" ? { fieldErrors: { username: e.message } } : { error: e.message };
  }
  await signIn("credentials", {
    username: parsed.data.username,
    password: parsed.data.password,
    redirectTo: "/",
  });
  return {};
}
