import { expect, test, PASSWORD, uniqueName } from "./fixtures";
import { ChatPage, recordStatuses } from "./pages/chat-page";
import { holdRequests } from "./support/hold";

test("a new user signs up, signs out and signs in again", async ({ page }) => {
  const username = uniqueName("dora");
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
  await page.getByRole("link", { name: "Create an account" }).click();
  await page.getByLabel("Name", { exact: true }).fill("Dora Explorer");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign up" }).click();
  const chat = new ChatPage(page);
  await expect(chat.composer).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Lobby" })).toBeVisible();

  await chat.signOut();
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);

  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Wrong username or password" })).toBeVisible();
  await chat.signIn(username, PASSWORD);
});

test("a lobby message appears live in the other browser", async ({ people }) => {
  const [alice, bob] = await people("alice", "bob");
  const text = `hello lobby ${uniqueName("m")}`;
  await alice.chat.open("Lobby");
  await bob.chat.open("Lobby");
  await alice.chat.send(text);
  await expect(bob.chat.message(text)).toBeVisible();
  await expect(bob.chat.message(text)).toContainText(alice.name);
});

test.describe(() => {
  test.use({ serviceWorkers: "block" });

  test("in a direct chat the tick goes sent → delivered while the recipient is elsewhere → read when they open it", async ({
    people,
  }) => {
    const [alice, bob] = await people("alice", "bob");
    await alice.chat.startDirectChat(bob.name);
    // Bob stays in the lobby: his app learns of the message on his own channel only.
    await bob.chat.open("Lobby");
    await expect(bob.chat.conversationLink(alice.name)).toBeVisible();

    const statuses = await recordStatuses(alice.page);
    // Bob's acks wait until Alice's tick says Sent: a fast receipt can beat her send's answer, and
    // the tick then rightly goes from Sending to Delivered (delivered implies sent). Held, the
    // sequence below is certain, and Delivered must still follow once they go. (His service worker
    // is off: from a page it controls, Chromium sends keepalive fetches, as acks are, past
    // Playwright's routing.)
    const release = await holdRequests(bob.page, "**/api/delivered");
    await alice.chat.send("are you there?");
    await expect(alice.chat.status("are you there?")).toHaveAttribute("data-status", "sent");
    release();
    await expect(alice.chat.status("are you there?")).toHaveAttribute("data-status", "delivered");
    await expect(alice.chat.status("are you there?")).toHaveText("Delivered");
    await expect(bob.chat.conversationWithUnread(alice.name, 1)).toBeVisible();

    // A second round trip proves the first message stayed unread while Bob was elsewhere.
    await alice.chat.send("hello?");
    await expect(alice.chat.status("hello?")).toHaveAttribute("data-status", "delivered");
    await expect(alice.chat.status("are you there?")).toHaveAttribute("data-status", "delivered");

    await bob.chat.open(new RegExp(alice.name));
    await expect(bob.chat.message("are you there?")).toBeVisible();
    await expect(alice.chat.status("are you there?")).toHaveAttribute("data-status", "read");
    await expect(alice.chat.status("hello?")).toHaveAttribute("data-status", "read");
    await expect(alice.chat.status("hello?")).toHaveText("Read");
    expect(await statuses("are you there?")).toEqual(["sending", "sent", "delivered", "read"]);
  });
});

test("a message sent while the recipient is away stays sent until they return", async ({ people }) => {
  const [alice, bob] = await people("alice", "bob");
  await alice.chat.startDirectChat(bob.name);
  const bobContext = bob.page.context();
  await bob.page.close();

  await alice.chat.send("ping while you were out");
  await expect(alice.chat.status("ping while you were out")).toHaveAttribute("data-status", "sent");
  // Still sent after a reload: the server holds no delivery for it.
  await alice.page.reload();
  await expect(alice.chat.status("ping while you were out")).toHaveAttribute("data-status", "sent");
  await expect(alice.chat.status("ping while you were out")).toHaveText("Sent");

  // Bob comes back: his app opens the most recent conversation, the one with Alice.
  const page = await bobContext.newPage();
  await page.goto("/");
  const back = new ChatPage(page);
  await expect(back.message("ping while you were out")).toBeVisible();
  await expect(alice.chat.status("ping while you were out")).toHaveAttribute("data-status", "read");
});

test("markup in a message is shown as text, never run", async ({ people }) => {
  const [alice, bob] = await people("alice", "bob");
  await alice.chat.startDirectChat(bob.name);
  const markup = `<img src=x onerror="window.__pwned=1"><b>bold</b> ${uniqueName("x")}`;
  await alice.chat.send(markup);
  await bob.chat.open(new RegExp(alice.name));
  await expect(bob.chat.message(markup)).toBeVisible();
  await expect(bob.chat.message(markup).locator("img, b")).toHaveCount(0);
  expect(await bob.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});

test("a reload keeps history and statuses", async ({ people }) => {
  const [alice, bob] = await people("alice", "bob");
  await alice.chat.startDirectChat(bob.name);
  await bob.chat.open(new RegExp(alice.name));
  await alice.chat.send("first");
  await expect(alice.chat.status("first")).toHaveAttribute("data-status", "read");
  await bob.page.close();
  await alice.chat.send("second");
  await expect(alice.chat.status("second")).toHaveAttribute("data-status", "sent");

  await alice.page.reload();
  await expect(alice.chat.message("first")).toBeVisible();
  await expect(alice.chat.status("first")).toHaveAttribute("data-status", "read");
  await expect(alice.chat.status("second")).toHaveAttribute("data-status", "sent");
  await expect(alice.page.getByTestId("message")).toHaveCount(2);
});
