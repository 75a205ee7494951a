// Regenerates the README screenshots from the real app: `npx tsx e2e/readme-screenshots.ts`
// against a running `npm run dev` (fresh database with the demo users). Not part of `npm test`.
import { chromium, type Browser, type Page } from "@playwright/test";
import { chromiumLaunchOptions } from "./support/chromium";

const BASE = process.env.BASE_URL ?? "http://localhost:3000";
const PASSWORD = "ticks-demo";

async function signedIn(
  browser: Browser,
  username: string,
  options: Parameters<Browser["newContext"]>[0] = {},
) {
  const context = await browser.newContext({ baseURL: BASE, ...options });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("textbox", { name: "Message" }).waitFor();
  return page;
}

async function send(page: Page, text: string) {
  await page.getByRole("textbox", { name: "Message" }).fill(text);
  await page.keyboard.press("Enter");
  await page.getByTestId("message").filter({ hasText: text }).waitFor();
}

async function main() {
  const browser = await chromium.launch(chromiumLaunchOptions);
  const alice = await signedIn(browser, "alice", { viewport: { width: 1200, height: 760 } });
  const bob = await signedIn(browser, "bob");
  const carol = await signedIn(browser, "carol");

  await send(bob, "Morning all! Standup in 10 ☕");
  await send(carol, "On my way");
  await send(alice, "Thanks — see you there");

  await alice.getByRole("button", { name: "New chat" }).click();
  await alice.getByLabel("Search people").fill("bob");
  await alice.getByRole("checkbox", { name: /Bob/ }).check();
  await alice.getByRole("button", { name: "Start chat" }).click();
  await alice.getByRole("heading", { level: 1, name: /Bob/ }).waitFor();
  await bob.getByRole("link", { name: /Alice/ }).click();
  await bob.getByRole("heading", { level: 1, name: /Alice/ }).waitFor();
  await send(alice, "Did the deploy go out?");
  await send(bob, "Yes, 20 minutes ago. All green.");
  await send(alice, "Great. Can you send me the release notes?");
  await alice.getByTestId("message-status").last().and(alice.locator("[data-status=read]")).waitFor();
  await bob.getByRole("link", { name: /Lobby/ }).click();
  await bob.getByRole("heading", { level: 1, name: "Lobby" }).waitFor();
  await send(alice, "No rush, tomorrow is fine");
  await alice.locator("[data-status=delivered]").last().waitFor();
  await alice.screenshot({ path: "docs/screenshot-light.png" });
  // The same view in the dark theme (the OS preference; "System" is the default choice).
  await alice.emulateMedia({ colorScheme: "dark" });
  await alice.screenshot({ path: "docs/screenshot-dark.png" });

  const dark = await signedIn(browser, "bob", {
    viewport: { width: 390, height: 780 },
    deviceScaleFactor: 2,
    colorScheme: "dark",
    isMobile: true,
    hasTouch: true,
  });
  await dark.goto("/conversations");
  await dark.getByRole("navigation", { name: "Conversations" }).waitFor();
  await dark.screenshot({ path: "docs/screenshot-dark-mobile-list.png" });
  await dark.getByRole("link", { name: /Alice/ }).click();
  await dark.getByRole("heading", { level: 1, name: /Alice/ }).waitFor();
  await dark.screenshot({ path: "docs/screenshot-dark-mobile.png" });

  const light = await signedIn(browser, "carol", {
    viewport: { width: 390, height: 780 },
    deviceScaleFactor: 2,
    colorScheme: "light",
    isMobile: true,
    hasTouch: true,
  });
  await light.goto("/conversations");
  await light.getByRole("link", { name: /Lobby/ }).click();
  await light.getByRole("heading", { level: 1, name: "Lobby" }).waitFor();
  await light.screenshot({ path: "docs/screenshot-light-mobile.png" });
  await browser.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
