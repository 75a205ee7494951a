import { randomUUID } from "node:crypto";
import { test as base, type Browser, type Page } from "@playwright/test";
import { ChatPage } from "./pages/chat-page";
import { keepOfflineInNewDocuments } from "./support/offline-emulation";

export const PASSWORD = "e2e-password";

export type Person = { username: string; name: string; chat: ChatPage; page: Page };

/** A unique username per test, so tests never see each other's data. */
export function uniqueName(prefix: string) {
  return `${prefix}_${randomUUID().replace(/-/g, "").slice(0, 10)}`;
}

/**
 * The name a test person signs up with ("Bob 1163e0b2"). Tests find people by it: 8 of the
 * username's random hex digits, as with 4 two of a run's ~70 Bobs shared a name about once in 25
 * runs (and searching "Bob 3e0b" found both).
 */
export function displayName(prefix: string, username: string) {
  return `${prefix[0]!.toUpperCase()}${prefix.slice(1)} ${username.slice(-8)}`;
}

/** Registers a user through the API and signs them in on `page`. */
export async function signUp(page: Page, prefix: string): Promise<Person> {
  const username = uniqueName(prefix);
  const name = displayName(prefix, username);
  const response = await page.request.post("/api/register", {
    data: { username, password: PASSWORD, name },
  });
  if (response.status() !== 201) throw new Error(`register ${username}: ${response.status()}`);
  const chat = new ChatPage(page);
  await chat.signIn(username, PASSWORD);
  return { username, name, chat, page };
}

/**
 * Registers a user and signs them in, in a browser context of their own. `serviceWorkers` is
 * Playwright's option (`test.use({ serviceWorkers: "block" })`), which the people follow too.
 */
export async function person(
  browser: Browser,
  prefix: string,
  baseURL: string,
  serviceWorkers: "allow" | "block" = "allow",
): Promise<Person> {
  const context = await browser.newContext({ baseURL, serviceWorkers });
  await keepOfflineInNewDocuments(context);
  return signUp(await context.newPage(), prefix);
}

export type People = <const P extends string[]>(...prefixes: P) => Promise<{ [K in keyof P]: Person }>;

export const test = base.extend<{ people: People }>({
  people: async ({ browser, baseURL, serviceWorkers }, use) => {
    const made: Person[] = [];
    await use((async (...prefixes: string[]) => {
      const created = await Promise.all(prefixes.map((p) => person(browser, p, baseURL!, serviceWorkers)));
      made.push(...created);
      return created;
    }) as People);
    await Promise.all(made.map((p) => p.page.context().close()));
  },
});

export { expect } from "@playwright/test";
