"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import type { ErrorBody, FormState } from "@/lib/core/errors";
import { registerSchema, signInSchema } from "@/lib/core/validations/auth";
import { signIn } from "@/lib/server/auth";
import { registerUser } from "@/lib/server/auth/register";
import { toAppError, toErrorBody } from "@/lib/server/errors";

function invalid(issues: { path: PropertyKey[]; message: string }[]): FormState {
  const fields = Object.fromEntries(issues.map((i) => [String(i.path[0]), i.message]));
  return { error: { code: "bad_request", message: "Check the fields marked above", fields } };
}

function safeCallback(value: FormDataEntryValue | null) {
  const url = typeof value === "string" ? value : "";
  // Only same-site paths: an absolute URL here would be an open redirect.
  return url.startsWith("/") && !url.startsWith("//") ? url : "/";
}

const WRONG: ErrorBody = { code: "unauthorized", message: "Wrong username or password" };
const TOO_MANY: ErrorBody = {
  code: "rate_limited",
  message: "Too many failed sign-ins. Wait a few minutes and try again.",
};

export async function signInAction(_prev: FormState, form: FormData): Promise<FormState> {
  const parsed = signInSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return invalid(parsed.error.issues);
  try {
    await signIn("credentials", { ...parsed.data, redirectTo: safeCallback(form.get("callbackUrl")) });
  } catch (error) {
    // next-auth signals success with a redirect, which must propagate.
    if (error instanceof CredentialsSignin && error.code === "rate_limited") return { error: TOO_MANY };
    if (error instanceof AuthError) return { error: WRONG };
    throw error;
  }
  return {};
}

export async function signUpAction(_prev: FormState, form: FormData): Promise<FormState> {
  const parsed = registerSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return invalid(parsed.error.issues);
  try {
    await registerUser(parsed.data);
  } catch (error) {
    const e = toErrorBody(toAppError(error));
    return { error: e.code === "conflict" ? { ...e, fields: { username: e.message } } : e };
  }
  await signIn("credentials", {
    username: parsed.data.username,
    password: parsed.data.password,
    redirectTo: "/",
  });
  return {};
}
