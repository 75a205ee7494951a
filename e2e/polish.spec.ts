import type { Page } from "@playwright/test";
import { expect, test, uniqueName } from "./fixtures";
import { ChatExtras } from "./pages/chat-page";
import { holdRequests } from "./support/hold";

/** Whether the page's background is dark, whatever colour syntax the stylesheet uses. */
function hasDarkBackground(page: Page) {
  return page.evaluate(() => {
    const ctx = document.createElement("canvas").getContext("2d")!;
    ctx.fillStyle = getComputedStyle(document.body).backgroundColor;
    ctx.fillRect(0, 0, 1, 1);
    const [r, g, b] = ctx.getImageData(0, 0, 1, 1).data;
    return r! + g! + b! < 3 * 128;
  });
}

/** React's hydration errors (minified in production: #418, #423, #425…) and any page error. */
function collectErrors(page: Page) {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error" && /hydrat|#41[89]|#42[35]/i.test(m.text())) errors.push(m.text());
  });
  return errors;
}

test("the theme follows the system until one is chosen, and the choice survives a reload", async ({
  people,
}) => {
  const [alice] = await people("alice");
  const page = alice.page;
  const extras = new ChatExtras(page);
  const html = page.locator("html");

  await expect(html).toHaveAttribute("data-theme", "system");
  await page.emulateMedia({ colorScheme: "light" });
  await expect.poll(() => hasDarkBackground(page)).toBe(false);
  await page.emulateMedia({ colorScheme: "dark" });
  await expect.poll(() => hasDarkBackground(page)).toBe(true);

  // Dark by choice wins over a light system, at once and after a reload (no flash: the server
  // renders it, so it's there before any script runs).
  await page.emulateMedia({ colorScheme: "light" });
  await extras.setTheme("Dark");
  await expect(html).toHaveAttribute("data-theme", "dark");
  await expect.poll(() => hasDarkBackground(page)).toBe(true);
  await page.reload();
  const served = await page.request.get(page.url());
  expect(await served.text()).toContain('data-theme="dark"');
  await expect(html).toHaveAttribute("data-theme", "dark");
  expect(await hasDarkBackground(page)).toBe(true);
  await expect(page.locator('meta[name="theme-color"]')).toHaveCount(2);
  for (const meta of await page.locator('meta[name="theme-color"]').all()) {
    await expect(meta).toHaveAttribute("content", "#0b1220");
  }

  // Light by choice wins over a dark system.
  await page.emulateMedia({ colorScheme: "dark" });
  await extras.setTheme("Light");
  await page.reload();
  await expect(html).toHaveAttribute("data-theme", "light");
  expect(await hasDarkBackground(page)).toBe(false);

  // Back to System: follows the OS again.
  await extras.setTheme("System");
  await page.reload();
  await expect(html).toHaveAttribute("data-theme", "system");
  expect(await hasDarkBackground(page)).toBe(true);
  await page.emulateMedia({ colorScheme: "light" });
  await expect.poll(() => hasDarkBackground(page)).toBe(false);
});

test("message times are clock times, with how long ago and the full local date on hover, which move on by themselves", async ({
  people,
}) => {
  const [alice, bob] = await people("alice", "bob");
  await alice.chat.startDirectChat(bob.name);
  const text = `what time is it ${uniqueName("t")}`;
  await alice.chat.send(text);
  await bob.chat.open(new RegExp(alice.name));

  for (const { chat, page } of [alice, bob]) {
    const time = chat.messageTime(text);
    const iso = (await time.getAttribute("datetime"))!;
    expect(iso).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
    const [clock, full] = await page.evaluate(
      (at) => [
        new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" }).format(new Date(at)),
        new Intl.DateTimeFormat(undefined, { dateStyle: "full", timeStyle: "medium" }).format(new Date(at)),
      ],
      iso,
    );
    await expect(time).toHaveText(clock!);
    await expect(time).toHaveAttribute("title", `just now · ${full}`);
  }
  await expect(bob.chat.conversationLink(alice.name).locator("time")).toHaveText("just now");

  // Server-rendered and then hydrated without a mismatch (the server's clock and zone aren't ours).
  const errors = collectErrors(bob.page);
  await bob.page.reload();
  await expect(bob.chat.messageTime(text)).toHaveAttribute("title", /^just now · /);
  expect(errors).toEqual([]);

  // Five minutes later, the same elements say so (one shared clock re-renders them).
  await bob.page.clock.setFixedTime(Date.now() + 5 * 60_000 + 5_000);
  await bob.page.evaluate(() => document.dispatchEvent(new Event("visibilitychange")));
  await expect(bob.chat.messageTime(text)).toHaveAttribute("title", /^5 min ago · /);
  await expect(bob.chat.conversationLink(alice.name).locator("time")).toHaveText("5 min");
});

test("an error that used to pass silently shows a toast, which waits while hovered and can be dismissed", async ({
  people,
}) => {
  const [alice, bob] = await people("alice", "bob");
  await alice.chat.startDirectChat(bob.name);
  const id = alice.page.url().split("/conversations/")[1]!;
  await alice.chat.send("info please");
  await expect(alice.chat.status("info please")).toHaveAttribute("data-status", /sent|delivered/);

  // Message info can't load the times: the states it knows stay, and a toast says what failed.
  await alice.page.route("**/receipts", (route) =>
    route.fulfill({ status: 500, json: { error: { code: "internal", message: "Internal error" } } }),
  );
  await alice.chat.status("info please").click();
  await expect(alice.page.getByRole("dialog", { name: "Message info" })).toContainText(bob.name);
  const receiptsToast = alice.chat.toasts
    .getByTestId("toast")
    .filter({ hasText: "Couldn't load when this message was delivered and read." });
  await expect(receiptsToast).toBeVisible();
  await receiptsToast.hover();
  // Longer than a toast stays on its own: hovering keeps it.
  await alice.page.waitForTimeout(7000);
  await expect(receiptsToast).toBeVisible();
  await alice.page.mouse.move(0, 0);
  await expect(receiptsToast).toBeHidden({ timeout: 10_000 });

  // A failed catch-up: dismissed by hand.
  await alice.page.route(`**/api/conversations/${id}`, (route) => route.fulfill({ status: 503, body: "" }));
  await alice.page.evaluate(() => window.dispatchEvent(new Event("ticks:catch-up")));
  const catchUpToast = alice.chat.toasts
    .getByTestId("toast")
    .filter({ hasText: "Couldn't check for new messages" });
  await expect(catchUpToast).toBeVisible();
  await catchUpToast.getByRole("button", { name: "Dismiss" }).click();
  await expect(catchUpToast).toBeHidden();
});

// Records every `new Notification(…)` (and still makes the real one, when the browser can).
const RECORD_NOTIFICATIONS = `
  (() => {
    const Real = window.Notification;
    window.__notifications = [];
    function Recorded(title, options) {
      window.__notifications.push({ title, body: options && options.body, tag: options && options.tag });
      let n;
      try { n = new Real(title, options); } catch { n = new EventTarget(); n.close = () => {}; }
      window.__lastNotification = n;
      return n;
    }
    Object.defineProperty(Recorded, "permission", { get: () => Real.permission });
    Recorded.requestPermission = (...args) => Real.requestPermission(...args);
    window.Notification = Recorded;
  })();`;

type Recorded = { title: string; body: string; tag: string };
const notificationsOf = (page: Page) =>
  page.evaluate(() => (window as unknown as { __notifications: Recorded[] }).__notifications);

async function setHidden(page: Page, hidden: boolean) {
  await page.evaluate((h) => {
    if (h) {
      Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
      Object.defineProperty(document, "hidden", { configurable: true, get: () => true });
    } else {
      delete (document as unknown as Record<string, unknown>).visibilityState;
      delete (document as unknown as Record<string, unknown>).hidden;
    }
    document.dispatchEvent(new Event("visibilitychange"));
  }, hidden);
}

test("with desktop notifications on, a message from someone else notifies while the tab is hidden", async ({
  people,
}) => {
  const [alice, bob] = await people("alice", "bob");
  // The list refetches on events it can't patch, never in a loop: once, two overlapping refetches
  // cancelled each other without end (10–36 requests a second, and the new chat never listed).
  let listRequests = 0;
  alice.page.on("request", (r) => {
    if (r.method() === "GET" && new URL(r.url()).pathname === "/api/conversations") listRequests++;
  });
  const context = alice.page.context();
  await context.grantPermissions(["notifications"]);
  await context.addInitScript(RECORD_NOTIFICATIONS);
  await alice.page.reload();
  await expect(alice.page.getByRole("heading", { level: 1, name: "Lobby" })).toBeVisible();

  const settings = await new ChatExtras(alice.page).openSettings();
  await settings.getByRole("checkbox", { name: "Desktop notifications" }).check();
  await expect(settings.getByRole("checkbox", { name: "Desktop notifications" })).toBeChecked();
  await settings.getByRole("button", { name: "Cancel" }).click();

  await setHidden(alice.page, true);
  await bob.chat.startDirectChat(alice.name);
  const id = bob.page.url().split("/conversations/")[1]!;
  await bob.chat.send("are you around?");
  await expect
    .poll(() => notificationsOf(alice.page))
    .toEqual([{ title: bob.name, body: "are you around?", tag: id }]);

  // Never for my own messages (here from another device of mine), even while hidden.
  const mine = await alice.page.request.post(`/api/conversations/${id}/messages`, {
    data: { body: "sent from my phone", clientId: crypto.randomUUID() },
  });
  expect(mine.status()).toBe(201);
  await expect(alice.chat.conversations.getByText("You: sent from my phone")).toBeVisible();

  // Never while the tab is visible.
  await setHidden(alice.page, false);
  await bob.chat.send("now you can see me");
  await expect(alice.chat.conversations.getByText("now you can see me")).toBeVisible();
  expect(await notificationsOf(alice.page)).toHaveLength(1);

  // Clicking the notification opens that conversation.
  await alice.page.evaluate(() =>
    (window as unknown as { __lastNotification: { onclick: () => void } }).__lastNotification.onclick(),
  );
  await expect(alice.page.getByRole("heading", { level: 1, name: bob.name })).toBeVisible();
  await expect(alice.page).toHaveURL(new RegExp(`/conversations/${id}$`));
  expect(listRequests).toBeLessThan(25);
});

test("switching conversations shows a still skeleton the size of the real screen", async ({ people }) => {
  const [alice, bob] = await people("alice", "bob");
  await alice.chat.startDirectChat(bob.name);
  const page = alice.page;
  await page.emulateMedia({ reducedMotion: "reduce" });
  const header = page.locator("main header");
  const real = (await header.boundingBox())!;

  // Hold the lobby's page (not the prefetched loading state) until the skeleton has been looked at.
  const release = await holdRequests(page, "**/conversations/**", (request) => {
    const headers = request.headers();
    return Boolean(headers.rsc && !headers["next-router-prefetch"]);
  });
  await alice.chat.conversationLink("Lobby").click();
  const skeleton = page.getByRole("region", { name: "Loading conversation" });
  await expect(skeleton).toBeVisible();
  await expect(skeleton).toHaveAttribute("aria-busy", "true");
  const bone = skeleton.locator("[aria-hidden=true].animate-pulse").first();
  await expect(bone).toHaveCSS("animation-name", "none");
  const skeletonHeader = (await skeleton.locator("header").boundingBox())!;
  expect(skeletonHeader.height).toBeCloseTo(real.height, 0);

  release();
  await expect(page.getByRole("heading", { level: 1, name: "Lobby" })).toBeVisible();
  await expect(skeleton).toHaveCount(0);
  expect((await header.boundingBox())!.height).toBeCloseTo(real.height, 0);
});
