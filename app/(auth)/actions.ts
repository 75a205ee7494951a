"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import type { ErrorBody, FormState } from "@/lib/core/errors";
import { registerSchema, signInSchema } from "@/lib/core/validations/auth";
import { signIn } from "@/lib/server/auth";
import { registerUser } from "@/lib/server/auth/register";
import { toAppError, toErrorBody } from "@/lib/server/errors";

function invalid(issues: { path: PropertyKey[]; message: string }[], form: FormData): FormState {
  const fields = Object.fromEntries(issues.map((i) => [String(i.path[0]), i.message]));
  return {
    error: { code: "bad_request", message: "Check the fields marked above", fields },
    values: kept(form),
  };
}

// What the form shows again after an error: what was typed, as typed — never the password.
function kept(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of ["username", "name"]) {
    const value = form.get(name);
    if (typeof value === "string") values[name] = value.slice(0, 200);
  }
  return values;
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
  if (!parsed.success) return invalid(parsed.error.issues, form);
  try {
    await signIn("credentials", { ...parsed.data, redirectTo: safeCallback(form.get("callbackUrl")) });
  } catch (error) {
    // next-auth signals success with a redirect, which must propagate.
    if (error instanceof CredentialsSignin && error.code === "rate_limited") {
      return { error: TOO_MANY, values: kept(form) };
    }
    if (error instanceof AuthError) return { error: WRONG, values: kept(form) };
    throw error;
  }
  return {};
}

export async function signUpAction(_prev: FormState, form: FormData): Promise<FormState> {
  const parsed = registerSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return invalid(parsed.error.issues, form);
  try {
    await registerUser(parsed.data);
  } catch (error) {
    const e = toErrorBody(toAppError(error));
    return {
      error: e.code === "conflict" ? { ...e, fields: { username: e.message } } : e,
      values: kept(form),
    };
  }
  await signIn("credentials", {
    username: parsed.data.username,
    password: parsed.data.password,
    redirectTo: "/",
  });
  return {};
}
