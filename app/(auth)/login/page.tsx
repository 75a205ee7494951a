import type { Metadata } from "next";
import { AuthForm } from "@/components/auth/auth-form";
import { DEMO_USERS, showsDemoHint } from "@/lib/core/demo";
import { signInAction } from "../actions";

export const metadata: Metadata = { title: "Sign in · Ticks" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string }>;
}) {
  const { callbackUrl } = await searchParams;
  return (
    <>
      <h1 className="mb-4 text-lg font-semibold">Sign in</h1>
      {showsDemoHint(process.env.NODE_ENV) ? (
        <p
          data-testid="demo-hint"
          className="bg-brand-50 mb-4 rounded-md px-3 py-2 text-sm text-slate-700 dark:bg-slate-800 dark:text-slate-200"
        >
          Trying it out? Sign in as {DEMO_USERS.join(", ")} — the password is in the README (Quick start).
        </p>
      ) : null}
      <AuthForm mode="login" action={signInAction} callbackUrl={callbackUrl} />
    </>
  );
}
