import type { Metadata, Viewport } from "next";
import { cookies } from "next/headers";
import { parseTheme, THEME_COOKIE, themeColors } from "@/lib/core/theme";
import "./globals.css";

export const metadata: Metadata = {
  title: "Ticks",
  description: "Chat that tells the truth about your messages: sent, delivered, read.",
};

// Every page gets a per-request CSP nonce (proxy.ts), which static rendering can't carry.
export const dynamic = "force-dynamic";

async function currentTheme() {
  return parseTheme((await cookies()).get(THEME_COOKIE)?.value);
}

export async function generateViewport(): Promise<Viewport> {
  return { themeColor: themeColors(await currentTheme()) };
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" data-theme={await currentTheme()}>
      <body className="h-full bg-white text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        {children}
      </body>
    </html>
  );
}
