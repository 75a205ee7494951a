"use client";

import Link from "next/link";
import { useActionState } from "react";
import type { FormState } from "@/lib/core/errors";
import { paths } from "@/lib/core/paths";
import { PASSWORD_RULE, USERNAME_RULE } from "@/lib/core/validations/auth-rules";

type Field = { name: string; label: string; type?: string; autoComplete: string; hint?: string };

const FIELDS: Record<"login" | "register", Field[]> = {
  login: [
    { name: "username", label: "Username", autoComplete: "username" },
    { name: "password", label: "Password", type: "password", autoComplete: "current-password" },
  ],
  register: [
    { name: "name", label: "Name", autoComplete: "name", hint: "How others see you (optional)" },
    { name: "username", label: "Username", autoComplete: "username", hint: USERNAME_RULE },
    {
      name: "password",
      label: "Password",
      type: "password",
      autoComplete: "new-password",
      hint: `${PASSWORD_RULE[0]!.toUpperCase()}${PASSWORD_RULE.slice(1)}`,
    },
  ],
};

export function AuthForm({
  mode,
  action,
  callbackUrl,
}: {
  mode: "login" | "register";
  action: (state: FormState, form: FormData) => Promise<FormState>;
  callbackUrl?: string;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const submit = mode === "login" ? "Sign in" : "Sign up";
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      {FIELDS[mode].map((f) => {
        const error = state.error?.fields?.[f.name];
        const describedBy = error ? `${f.name}-error` : f.hint ? `${f.name}-hint` : undefined;
        return (
          <div key={f.name} className="space-y-1">
            <label htmlFor={f.name} className="block text-sm font-medium">
              {f.label}
            </label>
            <input
              id={f.name}
              name={f.name}
              type={f.type ?? "text"}
              autoComplete={f.autoComplete}
              // React empties the form after its action: what was typed (not a password) comes back.
              defaultValue={f.type === "password" ? undefined : state.values?.[f.name]}
              aria-invalid={error ? true : undefined}
              aria-describedby={describedBy}
              required={f.name !== "name"}
              className="focus:border-brand-500 focus:ring-brand-500/30 block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-base shadow-sm outline-none focus:ring-2 dark:border-slate-700 dark:bg-slate-900"
            />
            {error ? (
              <p id={`${f.name}-error`} className="text-sm text-red-600 dark:text-red-400">
                {error}
              </p>
            ) : f.hint ? (
              <p id={`${f.name}-hint`} className="text-xs text-slate-500 dark:text-slate-400">
                {f.hint}
              </p>
            ) : null}
          </div>
        );
      })}
      {state.error && !state.error.fields ? (
        <p
          role="alert"
          className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-300"
        >
          {state.error.message}
        </p>
      ) : null}
      <button
        type="submit"
        disabled={pending}
        className="bg-brand-600 hover:bg-brand-700 focus-visible:outline-brand-500 w-full rounded-lg px-4 py-2 font-medium text-white focus-visible:outline-2 focus-visible:outline-offset-2 disabled:opacity-60"
      >
        {pending ? `${submit}…` : submit}
      </button>
      <p className="text-center text-sm text-slate-600 dark:text-slate-400">
        {mode === "login" ? (
          <>
            New here?{" "}
            <Link href={paths.register} className="text-brand-600 dark:text-brand-100 font-medium underline">
              Create an account
            </Link>
          </>
        ) : (
          <>
            Have an account?{" "}
            <Link href={paths.login} className="text-brand-600 dark:text-brand-100 font-medium underline">
              Sign in
            </Link>
          </>
        )}
      </p>
    </form>
  );
}
