// Nothing typed is ever lost: the durable outbox (IndexedDB), drafts, and the app shell that opens
// offline (the service worker). Offline is the browser's own switch (context.setOffline).
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";
import { expect, signUp, test, type People } from "./fixtures";
import { ChatPage } from "./pages/chat-page";
import { Device } from "./pages/device";
import { MessageActions } from "./pages/message-actions";
import { chromiumLaunchOptions } from "./support/chromium";
import { removeMember } from "./support/database";

const conversationId = (page: Page) => new URL(page.url()).pathname.split("/conversations/")[1]!;

/** Alice in a direct chat with Bob: its id, and Alice's device (offline switch, what it stores). */
async function aliceWithBob(people: People) {
  const [alice, bob] = await people("alice", "bob");
  await alice.chat.startDirectChat(bob.name);
  return { alice, bob, id: conversationId(alice.page), device: new Device(alice.page) };
}

const isSend = (request: { method(): string; url(): string }) =>
  request.method() === "POST" && /\/api\/conversations\/[^/]+\/messages$/.test(request.url());

/** The stored messages of a conversation with this body, as the server has them. */
async function storedWith(page: Page, id: string, body: string) {
  const answer = await page.request.get(`/api/conversations/${id}/messages?after=0&limit=100`);
  const { messages } = (await answer.json()) as { messages: { body: string; seq: number }[] };
  return messages.filter((m) => m.body === body);
}

const preview = (chat: ChatPage, name: string | RegExp) =>
  chat.conversationLink(name).getByTestId("conversation-preview");

test("messages typed offline survive a reload offline, then go out once, in order", async ({ people }) => {
  const { alice, bob, id, device } = await aliceWithBob(people);
  // Read after the offline copy was taken: its tick must not go back to Sent in the copy.
  await alice.chat.send("read before the outage");
  await device.waitForOfflineCopy(undefined, "read before the outage");
  await bob.chat.open(new RegExp(alice.name));
  await expect(alice.chat.status("read before the outage")).toHaveAttribute("data-status", "read");

  await device.offline();
  const texts = ["offline one", "offline two", "offline three"];
  for (const text of texts) await alice.chat.send(text);
  for (const text of texts) await expect(alice.chat.status(text)).toHaveAttribute("data-status", "sending");
  // Bob writes meanwhile: the copy Alice reloads into can't have it — proof it is the offline copy.
  await bob.chat.send("while you were offline");

  await alice.page.reload();
  await expect(alice.page.getByRole("heading", { level: 1, name: bob.name })).toBeVisible();
  await expect(device.connection).toContainText("Offline — 3 messages waiting");
  for (const text of texts) await expect(alice.chat.status(text)).toHaveAttribute("data-status", "sending");
  await expect(alice.chat.message("while you were offline")).toHaveCount(0);
  await expect(alice.chat.status("read before the outage")).toHaveAttribute("data-status", "read");

  await device.online();
  for (const text of texts) await expect(alice.chat.status(text)).toHaveAttribute("data-status", "read");
  await expect(alice.chat.message("while you were offline")).toBeVisible();
  const seqs = await Promise.all(texts.map((t) => bob.chat.message(t).getAttribute("data-seq")));
  expect(seqs.map(Number)).toEqual([...seqs.map(Number)].sort((a, b) => a - b));
  for (const text of texts) {
    await expect(bob.chat.message(text)).toHaveCount(1);
    expect(await storedWith(bob.page, id, text)).toHaveLength(1);
  }
  await expect(device.connection).not.toContainText("waiting");
});

test("navigating offline opens the chats kept offline, and the list for one never opened", async ({
  people,
}) => {
  const [alice, bob, carol] = await people("alice", "bob", "carol");
  await carol.chat.startDirectChat(alice.name);
  await carol.chat.send("a chat alice never opened");
  await expect(alice.chat.conversationLink(new RegExp(carol.name))).toBeVisible();
  await alice.chat.startDirectChat(bob.name);
  const bobChat = new URL(alice.page.url()).pathname;
  await alice.chat.send("kept for later");
  await expect(alice.chat.status("kept for later")).toHaveAttribute("data-status", /^(sent|delivered)$/);
  // Leaving the chat refreshes its copy: what was just sent is in it.
  await alice.chat.open("Lobby");
  const device = new Device(alice.page);
  await device.waitForOfflineCopy();
  await device.waitForOfflineCopy(bobChat, "kept for later");
  await device.waitForOfflineCopy("/conversations");

  await device.offline();
  await alice.chat.conversationLink(new RegExp(bob.name)).click();
  await expect(alice.page.getByRole("heading", { level: 1, name: bob.name })).toBeVisible();
  await expect(alice.chat.message("kept for later")).toBeVisible();
  await expect(device.connection).toContainText("Offline");

  await alice.chat.conversationLink(new RegExp(carol.name)).click();
  await expect(alice.page).toHaveURL(/\/conversations$/);
  await expect(alice.page.getByText("Pick a conversation")).toBeVisible();
  await expect(device.connection).toContainText("Offline");
});

test("a message typed offline is sent once after the browser is closed and reopened", async ({
  people,
  baseURL,
}) => {
  test.slow(); // two browser launches on one profile
  const [bob] = await people("bob");
  const profile = await mkdtemp(path.join(os.tmpdir(), "ticks-e2e-profile-"));
  const launch = () => chromium.launchPersistentContext(profile, { ...chromiumLaunchOptions, baseURL });
  let context = await launch();
  try {
    const alice = await signUp(context.pages()[0] ?? (await context.newPage()), "alice");
    await alice.chat.startDirectChat(bob.name);
    const url = alice.page.url();
    const device = new Device(alice.page);
    await device.offline();
    await alice.chat.send("typed before closing");
    await expect(alice.chat.status("typed before closing")).toHaveAttribute("data-status", "sending");
    await context.close();

    context = await launch();
    // As after a crash: IndexedDB committed the message, localStorage (written to disk later) may
    // have lost the outbox's "something is stored" flag. The message must come back all the same.
    await context.addInitScript(() => {
      for (const key of Object.keys(localStorage))
        if (key.startsWith("ticks:stored:")) localStorage.removeItem(key);
    });
    const again = new ChatPage(context.pages()[0] ?? (await context.newPage()));
    await again.page.goto(url);
    await expect(again.status("typed before closing")).toHaveAttribute("data-status", /^(sent|delivered)$/);
    await bob.chat.open(new RegExp(alice.name));
    await expect(bob.chat.message("typed before closing")).toHaveCount(1);
    await expect(again.status("typed before closing")).toHaveAttribute("data-status", "read");
    expect(await storedWith(bob.page, conversationId(again.page), "typed before closing")).toHaveLength(1);
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
});

test("two tabs offline with one queued message: both show it, exactly one sends it", async ({ people }) => {
  const [alice, bob] = await people("alice", "bob");
  await alice.chat.startDirectChat(bob.name);
  const tab2 = new ChatPage(await alice.page.context().newPage());
  await tab2.page.goto(alice.page.url());
  await expect(tab2.composer).toBeVisible();
  const posts: string[] = [];
  alice.page.context().on("request", (r) => void (isSend(r) && posts.push(r.url())));

  const device = new Device(alice.page);
  await device.offline();
  await alice.chat.send("one of two tabs");
  await expect(alice.chat.status("one of two tabs")).toHaveAttribute("data-status", "sending");
  await expect(tab2.status("one of two tabs")).toHaveAttribute("data-status", "sending");

  await device.online();
  for (const tab of [alice.chat, tab2]) {
    await expect(tab.status("one of two tabs")).toHaveAttribute("data-status", /^(sent|delivered)$/);
    await expect(tab.message("one of two tabs")).toHaveCount(1);
  }
  await bob.chat.open(new RegExp(alice.name));
  await expect(bob.chat.message("one of two tabs")).toHaveCount(1);
  expect(posts).toHaveLength(1);
});

test("a draft survives switching chats and a reload, and goes when it is sent", async ({ people }) => {
  const [alice, bob] = await people("alice", "bob");
  await alice.chat.startDirectChat(bob.name);
  await alice.chat.composer.fill("half a thought");

  await alice.chat.open("Lobby");
  await expect(alice.chat.composer).toHaveValue("");
  await expect(preview(alice.chat, new RegExp(bob.name))).toHaveText("Draft: half a thought");
  await alice.page.reload();
  await expect(preview(alice.chat, new RegExp(bob.name))).toHaveText("Draft: half a thought");

  await alice.chat.open(new RegExp(bob.name));
  await expect(alice.chat.composer).toHaveValue("half a thought");
  await alice.chat.composer.press("Enter");
  await expect(alice.chat.status("half a thought")).toHaveAttribute("data-status", /^(sent|delivered)$/);
  await expect(preview(alice.chat, new RegExp(bob.name))).toHaveText("You: half a thought");
  await alice.page.reload();
  await expect(alice.chat.message("half a thought")).toBeVisible();
  await expect(alice.chat.composer).toHaveValue("");
});

test("signing out forgets the user's outbox, drafts and offline copies", async ({ people }) => {
  const [alice, bob] = await people("alice", "bob");
  await alice.chat.startDirectChat(bob.name);
  const device = new Device(alice.page);
  await device.waitForOfflineCopy();
  // A message whose send got no answer (Not sent, kept to retry), and a draft in another chat.
  await alice.page.route("**/api/conversations/*/messages", (route) =>
    isSend(route.request()) ? route.abort("failed") : route.continue(),
  );
  await alice.chat.send("never sent");
  await expect(alice.chat.status("never sent")).toHaveAttribute("data-status", "failed");
  await alice.page.unrouteAll();
  await alice.chat.open("Lobby");
  await alice.chat.composer.fill("a draft to forget");
  await alice.chat.open(new RegExp(bob.name));
  await expect(preview(alice.chat, "Lobby")).toHaveText("Draft: a draft to forget");
  expect(await device.stored()).toEqual({ outbox: 1, drafts: 1 });
  expect(await device.userCaches()).toEqual(["ticks-pages"]);

  await alice.chat.signOut();
  expect(await device.stored()).toEqual({ outbox: 0, drafts: 0 });
  expect(await device.userCaches()).toEqual([]);

  // Signing in again brings none of it back.
  await alice.chat.signIn(alice.username, "e2e-password");
  await alice.chat.open(new RegExp(bob.name));
  await expect(alice.chat.message("never sent")).toHaveCount(0);
  await expect(preview(alice.chat, "Lobby")).not.toContainText("Draft:");
});

test("a message the server refuses stays Not sent with the reason until it is deleted", async ({
  people,
}) => {
  const { alice, bob, id, device } = await aliceWithBob(people);

  // Queued offline; meanwhile Alice is taken out of the conversation.
  await device.offline();
  await alice.chat.send("after my removal");
  await removeMember(id, alice.username);
  await device.online();

  const refused = alice.chat.message("after my removal");
  await expect(alice.chat.status("after my removal")).toHaveAttribute("data-status", "failed");
  await expect(alice.chat.status("after my removal")).toHaveText("Not sent");
  await expect(refused.getByTestId("send-failure")).toHaveText("You are not a member of this conversation");
  await expect(refused.getByRole("button", { name: "Retry" })).toHaveCount(0);
  expect(await storedWith(bob.page, id, "after my removal")).toHaveLength(0);

  await refused.getByRole("button", { name: "Delete" }).click();
  await expect(refused).toHaveCount(0);
  expect(await device.stored()).toMatchObject({ outbox: 0 });
});

test("Edit on a refused message puts it back in the composer, as a reply again, and it is stored once", async ({
  people,
}) => {
  const { alice, bob, id, device } = await aliceWithBob(people);
  await bob.chat.open(new RegExp(alice.name));
  await bob.chat.send("what time?");
  await expect(alice.chat.message("what time?")).toBeVisible();

  // The server refuses this one for good (as it would a body it can't take): no Retry.
  await alice.page.route("**/api/conversations/*/messages", (route) =>
    isSend(route.request())
      ? route.fulfill({
          status: 422,
          json: { error: { code: "unprocessable", message: "That message can't be stored" } },
        })
      : route.continue(),
  );
  await new MessageActions(alice.chat).reply("what time?", "at seven, not eight");
  const refused = alice.chat.message("at seven, not eight");
  await expect(alice.chat.status("at seven, not eight")).toHaveText("Not sent");
  await expect(refused.getByTestId("send-failure")).toHaveText("That message can't be stored");
  await expect(refused.getByRole("button", { name: "Retry" })).toHaveCount(0);
  await alice.page.unrouteAll();

  // Typed meanwhile: Edit keeps it and puts the refused text after it.
  await alice.chat.composer.fill("oh,");
  await refused.getByRole("button", { name: "Edit" }).click();
  await expect(refused).toHaveCount(0);
  await expect(alice.chat.composer).toHaveValue("oh,\nat seven, not eight");
  await expect(alice.page.getByTestId("composer-mode")).toContainText(`Replying to ${bob.name}`);
  expect(await device.stored()).toMatchObject({ outbox: 0 });

  // Kept as the draft: it survives a reload (the reply quote is the composer's, so it doesn't).
  await alice.page.reload();
  await expect(alice.chat.composer).toHaveValue("oh,\nat seven, not eight");
  await alice.chat.composer.fill("seven it is");
  await alice.chat.composer.press("Enter");
  await expect(alice.chat.status("seven it is")).toHaveAttribute("data-status", /^(sent|delivered|read)$/);
  await expect(bob.chat.message("seven it is")).toBeVisible();
  expect(await storedWith(bob.page, id, "seven it is")).toHaveLength(1);
  expect(await storedWith(bob.page, id, "at seven, not eight")).toHaveLength(0);
  expect(await storedWith(bob.page, id, "oh,\nat seven, not eight")).toHaveLength(0);
});
