// Issue 18's rough edges a first-time user hits: forms that keep what was typed, the length
// counter, compact group status, New chat's chips, the account menu, presence while offline
// and message info — each at the widths people use (375, 768, 1280 px).
import AxeBuilder from "@axe-core/playwright";
import type { Locator, Page } from "@playwright/test";
import { expect, PASSWORD, test, uniqueName } from "./fixtures";

const WIDTHS = [1280, 768, 375] as const;

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  if (!b) throw new Error("not laid out");
  return b;
}

const overlap = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** axe (WCAG 2.1 A/AA) over one part of the page: the full-page passes are e2e/a11y.spec.ts's. */
async function expectNoSeriousViolations(page: Page, selector: string, where: string) {
  const { violations } = await new AxeBuilder({ page })
    .include(selector)
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const found = violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id);
  expect(found, `axe on ${where}`).toEqual([]);
}

test("sign-up and sign-in keep what was typed after a server error (not the password) and say what was wrong", async ({
  browser,
  baseURL,
}) => {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  const taken = uniqueName("taken");
  expect(
    (await page.request.post("/api/register", { data: { username: taken, password: PASSWORD } })).status(),
  ).toBe(201);

  await page.goto("/register");
  const username = page.getByLabel("Username");
  // The hint and the error use the same words.
  await expect(page.getByText("3–32 letters (a–z), digits or _", { exact: true })).toBeVisible();
  await page.getByLabel("Name", { exact: true }).fill("Zoë Taken");
  await username.fill("ab");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(username).toHaveAccessibleDescription("Username must be 3–32 letters (a–z), digits or _");
  await expect(username).toHaveValue("ab");
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Zoë Taken");

  await username.fill(taken);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page.getByText("That username is taken")).toBeVisible();
  await expect(username).toHaveValue(taken);
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Zoë Taken");
  await expect(page.getByLabel("Password")).toHaveValue("");

  await page.goto("/login");
  // A production build (which e2e runs) says nothing about demo users.
  await expect(page.getByTestId("demo-hint")).toHaveCount(0);
  await expect(page.getByText(/alice/i)).toHaveCount(0);
  await page.getByLabel("Username").fill(taken);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Wrong username or password")).toBeVisible();
  await expect(page.getByLabel("Username")).toHaveValue(taken);
  await expect(page.getByLabel("Password")).toHaveValue("");
  await context.close();
});

test("near the length limit a counter shows by the composer; past it a visible error says why Send is off", async ({
  people,
}) => {
  const [alice] = await people("alice");
  const { page, chat } = alice;
  const send = page.getByRole("button", { name: "Send" });
  const note = page.getByTestId("composer-length");

  await chat.composer.fill("a".repeat(1500));
  await expect(note).toHaveCount(0);
  await chat.composer.fill("a".repeat(1850));
  await expect(note).toBeVisible();
  await expect(note).toHaveText("1850 / 2000");
  await expect(send).toBeEnabled();

  await chat.composer.fill("a".repeat(2010));
  await expect(note).toBeVisible();
  await expect(note).toHaveText("Too long to send: 2010 of 2000 characters. Remove 10.");
  await expect(send).toBeDisabled();
  await expect(send).toHaveAccessibleDescription(/Too long to send/);
  await expect(chat.composer).toHaveAttribute("aria-invalid", "true");

  await chat.composer.fill("short again");
  await expect(note).toHaveCount(0);
  await expect(send).toBeEnabled();
});

test("New chat keeps picked people as removable chips while searching, and says direct or group", async ({
  people,
}) => {
  test.slow(); // three browsers, axe
  const [alice, bob, carol] = await people("alice", "bob", "carol");
  const { page } = alice;
  await page.getByRole("button", { name: "New chat" }).click();
  const dialog = page.getByRole("dialog", { name: "New chat" });
  const kind = dialog.getByTestId("new-chat-kind");
  await expect(kind).toHaveText("Pick one person for a direct chat, or several for a group.");

  await dialog.getByLabel("Search people").fill(bob.username);
  await dialog.getByRole("checkbox", { name: bob.name }).check();
  await expect(kind).toHaveText(`A direct chat with ${bob.name}.`);
  await dialog.getByLabel("Search people").fill(carol.username);
  await expect(dialog.getByRole("checkbox")).toHaveCount(1);
  await dialog.getByRole("checkbox", { name: carol.name }).check();

  // Bob is out of the results but still picked, in view.
  const chips = dialog.getByRole("list", { name: "2 picked" });
  await expect(chips.getByRole("listitem")).toHaveText([`${bob.name}×`, `${carol.name}×`]);
  await expect(kind).toHaveText("A group of you and 2 others: name it below.");
  await expect(dialog.getByRole("button", { name: "Create group" })).toBeVisible();

  await chips.getByRole("button", { name: `Remove ${bob.name}` }).click();
  await expect(dialog.getByRole("list", { name: "1 picked" }).getByRole("listitem")).toHaveText([
    `${carol.name}×`,
  ]);
  await expect(kind).toHaveText(`A direct chat with ${carol.name}.`);
  await expect(dialog.getByRole("button", { name: "Start chat" })).toBeVisible();
  await expectNoSeriousViolations(page, "dialog[open]", "New chat with a chip");
});

test("a group's status is a glyph and a count with the words as its name; only the last of a run shows it; nothing wraps at 375 px", async ({
  people,
}) => {
  test.slow(); // three browsers
  const [alice, bob, carol] = await people("alice", "bob", "carol");
  const { page, chat } = alice;
  await page.getByRole("button", { name: "New chat" }).click();
  const dialog = page.getByRole("dialog", { name: "New chat" });
  for (const p of [bob, carol]) {
    await dialog.getByLabel("Search people").fill(p.username);
    await dialog.getByRole("checkbox", { name: p.name }).check();
  }
  const title = `Crew ${uniqueName("g")}`;
  await dialog.getByLabel("Group name").fill(title);
  await dialog.getByRole("button", { name: "Create group" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();

  await page.setViewportSize({ width: 375, height: 740 });
  await chat.send("first of a run");
  await chat.send("second of a run, with a few more words to fill the bubble");
  const last = chat.status("second of a run");
  await expect(last).toHaveAttribute("data-status", "delivered");
  await expect(last.locator("span[aria-hidden=true]")).toHaveText("2/2");
  await expect(page.getByRole("button", { name: /^Delivered to all 2$/ })).toHaveCount(2);

  await bob.chat.open(title);
  await expect(last.locator("span[aria-hidden=true]")).toHaveText("1/2 read");
  await expect(
    chat.message("second of a run").getByRole("button", { name: "Delivered to all 2 · read by 1 of 2" }),
  ).toBeVisible();
  await carol.chat.open(title);
  await expect(last).toHaveAttribute("data-status", "read");
  await expect(last.locator("span[aria-hidden=true]")).toHaveText("2/2");

  // The earlier one's line shows on hover (or focus) only; the last one's always. Clock times.
  const footer = (text: string) => chat.messageTime(text).locator("..");
  await expect(footer("first of a run")).toHaveCSS("opacity", "0");
  await expect(footer("second of a run")).toHaveCSS("opacity", "1");
  await expect(chat.messageTime("second of a run")).toHaveText(/^\d{1,2}:\d\d/);
  await chat.message("first of a run").hover();
  await expect(footer("first of a run")).toHaveCSS("opacity", "1");

  // One line each, inside the screen.
  for (const text of ["first of a run", "second of a run"]) {
    const line = await box(footer(text));
    const time = await box(chat.messageTime(text));
    expect(line.height, `${text}: the status line is one line`).toBeLessThan(24);
    expect(time.height, `${text}: the time is one line`).toBeLessThan(20);
    expect(line.x + line.width).toBeLessThanOrEqual(375);
  }
});

test("the account menu: the own name fits at 1280 and 768 px, nothing wraps, and the keyboard drives it", async ({
  people,
}) => {
  test.slow(); // three widths, axe
  const [alice] = await people("alice");
  const { page, chat } = alice;
  const newChat = page.getByRole("button", { name: "New chat" });
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 800 });
    if (width === 375) await page.goto("/conversations");
    await expect(chat.accountButton).toBeVisible();
    const name = chat.accountButton.getByText(alice.name);
    await expect(name).toBeVisible();
    const truncated = await name.evaluate((el) => el.scrollWidth > el.clientWidth);
    expect(truncated, `the own name is cut at ${width} px`).toBe(false);
    // One row: the account button and New chat side by side, inside the sidebar.
    const [account, button, sidebar] = [
      await box(chat.accountButton),
      await box(newChat),
      await box(page.getByRole("complementary", { name: "Chats" })),
    ];
    expect(
      Math.abs(account.y + account.height / 2 - (button.y + button.height / 2)),
      `${width} px`,
    ).toBeLessThan(4);
    expect(button.x + button.width).toBeLessThanOrEqual(sidebar.x + sidebar.width);
  }

  await chat.accountButton.focus();
  await page.keyboard.press("Enter");
  const menu = page.getByRole("menu", { name: "Account" });
  await expect(menu.getByRole("menuitem", { name: "Settings" })).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(menu.getByRole("menuitemradio", { name: "System" })).toBeFocused();
  await expect(menu.getByRole("menuitemradio", { name: "System" })).toHaveAttribute("aria-checked", "true");
  await page.keyboard.press("End");
  await expect(menu.getByRole("menuitem", { name: "Sign out" })).toBeFocused();
  await expectNoSeriousViolations(page, "aside", "the account menu");
  await page.keyboard.press("Escape");
  await expect(menu).toBeHidden();
  await expect(chat.accountButton).toBeFocused();

  const open = await chat.openAccountMenu();
  await open.getByRole("menuitemradio", { name: "Dark" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await expect(open.getByRole("menuitemradio", { name: "Dark" })).toHaveAttribute("aria-checked", "true");
  await page.keyboard.press("Escape");
  await expect(open).toBeHidden();
  await chat.signOut();
});

test("offline myself, others' presence freezes at the last known state, marked so, until I'm back", async ({
  people,
}) => {
  const [alice, bob] = await people("alice", "bob");
  await alice.chat.startDirectChat(bob.name);
  await bob.chat.open(new RegExp(alice.name));
  const subtitle = bob.page.getByTestId("conversation-subtitle");
  const dot = bob.chat.conversationLink(new RegExp(alice.name)).getByTestId("online-dot");
  await expect(subtitle).toHaveText("online");
  await expect(dot).not.toHaveAttribute("data-stale");

  await bob.page.context().setOffline(true);
  await expect(subtitle).toHaveText(/^online \(as of \d{1,2}:\d\d( [AP]M)?\)$/);
  await expect(dot).toHaveAttribute("data-stale", "true");
  await expect(bob.chat.conversationLink(new RegExp(`${alice.name}, online \\(as of`))).toBeVisible();
  // Alice leaves while Bob is away; back online, he learns it (her @username, or when she was last
  // seen once the realtime server's webhook has recorded it).
  await alice.page.context().close();
  await bob.page.context().setOffline(false);
  await expect(subtitle).toHaveText(new RegExp(`^(@${alice.username}|last seen .+)$`), { timeout: 30_000 });
  await expect(dot).toHaveCount(0);
});

test("message info sits beside the bubble, not over it, shows delivered and read apart, and closes by button or Escape", async ({
  people,
}) => {
  const [alice, bob] = await people("alice", "bob");
  await alice.chat.startDirectChat(bob.name);
  await bob.chat.open(new RegExp(alice.name));
  const text = "when did you read this?";
  await alice.chat.send(text);
  const { page, chat } = alice;
  const status = chat.status(text);
  await expect(status).toHaveAttribute("data-status", "read");
  const trigger = chat.message(text).getByRole("button", { name: "Read" });
  const info = page.getByRole("dialog", { name: "Message info" });

  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 760 });
    await trigger.click();
    await expect(info).toBeVisible();
    const row = info.getByRole("listitem").filter({ hasText: bob.name });
    await expect(row).toContainText(/Delivered.*\d{1,2}:\d\d:\d\d.*Read.*\d{1,2}:\d\d:\d\d/);
    await expect(row.locator("time")).toHaveCount(2);
    const panel = await box(info);
    expect(panel.x).toBeGreaterThanOrEqual(0);
    expect(panel.x + panel.width).toBeLessThanOrEqual(width);
    if (width === 1280) {
      expect(overlap(panel, await box(chat.message(text).getByText(text))), "covers the bubble").toBe(false);
    }
    await info.getByRole("button", { name: "Close message info" }).click();
    await expect(info).toBeHidden();
    await expect(trigger).toBeFocused();
  }

  await trigger.press("Enter");
  await expect(info).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(info).toBeHidden();
  await expect(trigger).toBeFocused();
});
