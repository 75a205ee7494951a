// Replies, edits, deletions, reactions and group management, seen from two and three browsers —
// and the statuses they must keep truthful (issue 15; docs/architecture.md, "Changes").
import type { Page } from "@playwright/test";
import { expect, test, PASSWORD, uniqueName, type Person } from "./fixtures";
import { MessageActions } from "./pages/message-actions";

async function conversationId(page: Page) {
  await expect(page).toHaveURL(/\/conversations\/[^/]+$/);
  return new URL(page.url()).pathname.split("/").pop()!;
}

/** Alice starts a direct chat with Bob and both have it open. */
async function directChat(alice: Person, bob: Person) {
  await alice.chat.startDirectChat(bob.name);
  await bob.chat.open(new RegExp(alice.name));
  return conversationId(alice.page);
}

async function createGroup(owner: Person, members: { username: string; name: string }[]) {
  await owner.page.getByRole("button", { name: "New chat" }).click();
  const dialog = owner.page.getByRole("dialog", { name: "New chat" });
  for (const p of members) {
    await dialog.getByLabel("Search people").fill(p.username);
    await dialog.getByRole("checkbox", { name: p.name }).check();
  }
  const title = `Team ${uniqueName("t")}`;
  await dialog.getByLabel("Group name").fill(title);
  await dialog.getByRole("button", { name: "Create group" }).click();
  await expect(owner.page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  return title;
}

test("a reply shows its quote to both, and the quote takes you to the original, loading older pages", async ({
  people,
}) => {
  test.slow(); // 55 API sends to push the original off the first page
  const [alice, bob] = await people("alice", "bob");
  const id = await directChat(alice, bob);
  const aliceActs = new MessageActions(alice.chat);
  const bobActs = new MessageActions(bob.chat);

  await alice.chat.send("where shall we meet?");
  await bobActs.reply("where shall we meet?", "at the station");
  await expect(bobActs.quote("at the station")).toContainText("where shall we meet?");
  await expect(aliceActs.quote("at the station")).toContainText(alice.name);
  // Reply counts as reading what came before: Alice's question is read.
  await expect(alice.chat.status("where shall we meet?")).toHaveAttribute("data-status", "read");

  for (let i = 0; i < 55; i++) {
    const response = await bob.page.request.post(`/api/conversations/${id}/messages`, {
      data: { body: `filler ${i}`, clientId: crypto.randomUUID() },
    });
    expect(response.status()).toBe(201);
  }
  const response = await bob.page.request.post(`/api/conversations/${id}/messages`, {
    data: { body: "see the first question", clientId: crypto.randomUUID(), replyToSeq: 1 },
  });
  expect(response.status()).toBe(201);
  await alice.page.reload();
  const original = alice.page.locator('[data-testid=message][data-seq="1"]');
  await expect(original).toHaveCount(0);
  await aliceActs.quote("see the first question").click();
  await expect(original).toBeInViewport();
  await expect(original).toContainText("where shall we meet?");
});

test("an edit shows live with who has seen it, and a missed edit arrives after reconnecting", async ({
  people,
}) => {
  const [alice, bob] = await people("alice", "bob");
  await directChat(alice, bob);
  const aliceActs = new MessageActions(alice.chat);
  const bobActs = new MessageActions(bob.chat);

  await alice.chat.send("see you at 5");
  await expect(alice.chat.status("see you at 5")).toHaveAttribute("data-status", "read");
  await aliceActs.edit("see you at 5", "see you at 6");
  await expect(bob.chat.message("see you at 6")).toBeVisible();
  await expect(bobActs.edited("see you at 6")).toHaveText("edited");
  await expect(aliceActs.edited("see you at 6")).toHaveText("Edited · seen");
  await expect(bob.chat.message("see you at 5")).toHaveCount(0);
  // The last message's preview in both lists follows the edit (the editor's tab is left out of
  // the event and patches its own).
  await expect(alice.chat.conversationLink(bob.name)).toContainText("see you at 6");
  await expect(bob.chat.conversationLink(alice.name)).toContainText("see you at 6");

  // Bob drops off; the next edit is missed live and must not count as seen until he has it.
  await bob.page.context().setOffline(true);
  await aliceActs.edit("see you at 6", "see you at 7");
  await expect(aliceActs.edited("see you at 7")).toHaveText("Edited · not seen yet");
  await bob.page.context().setOffline(false);
  await expect(bob.chat.message("see you at 7")).toBeVisible();
  await expect(aliceActs.edited("see you at 7")).toHaveText("Edited · seen");
  // An edit is not a new message: nothing unread anywhere.
  await expect(bob.chat.conversationWithUnread(alice.name, 0)).toBeVisible();
});

test("deleted for everyone while the other side is offline: a tombstone after catch-up; deleted for me: gone only for me", async ({
  people,
}) => {
  const [alice, bob] = await people("alice", "bob");
  await directChat(alice, bob);
  const aliceActs = new MessageActions(alice.chat);
  const bobActs = new MessageActions(bob.chat);

  await alice.chat.send("oops, wrong chat");
  await alice.chat.send("keep this one");
  await expect(bob.chat.message("keep this one")).toBeVisible();
  await bob.page.context().setOffline(true);
  await aliceActs.choose("oops, wrong chat", "Delete for everyone");
  await expect(alice.chat.message("You deleted this message")).toBeVisible();
  await bob.page.context().setOffline(false);
  await expect(bob.chat.message("This message was deleted")).toBeVisible();
  await expect(bob.chat.message("oops, wrong chat")).toHaveCount(0);
  await bob.page.reload();
  await expect(bob.chat.message("This message was deleted")).toBeVisible();

  await bobActs.choose("keep this one", "Delete for me");
  await expect(bob.chat.message("keep this one")).toHaveCount(0);
  await bob.page.reload();
  await expect(bob.chat.message("This message was deleted")).toBeVisible();
  await expect(bob.chat.message("keep this one")).toHaveCount(0);
  await expect(alice.chat.message("keep this one")).toBeVisible();
});

test("reactions toggled by two people show the same counts to both, with who reacted", async ({ people }) => {
  const [alice, bob] = await people("alice", "bob");
  await directChat(alice, bob);
  const aliceActs = new MessageActions(alice.chat);
  const bobActs = new MessageActions(bob.chat);

  await bob.chat.send("pizza tonight?");
  await aliceActs.react("pizza tonight?", "👍");
  await expect(bobActs.reaction("pizza tonight?", "👍")).toHaveAccessibleName(`👍 1: ${alice.name}`);
  await bobActs.react("pizza tonight?", "👍");
  for (const acts of [aliceActs, bobActs]) {
    await expect(acts.reaction("pizza tonight?", "👍")).toHaveAccessibleName(/^👍 2: /);
  }
  // Toggle off with the chip itself.
  await aliceActs.reaction("pizza tonight?", "👍").click();
  for (const acts of [aliceActs, bobActs]) {
    await expect(acts.reaction("pizza tonight?", "👍")).toHaveAccessibleName(`👍 1: ${bob.name}`);
  }
  await expect(aliceActs.reaction("pizza tonight?", "👍")).toHaveAttribute("aria-pressed", "false");
});

test("add, remove and leave show as system lines, and a removed member keeps history but can't write", async ({
  people,
  request,
}) => {
  test.slow(); // three people in three browsers
  // A group needs two others to start (Dave, who never opens it); Carol is added later.
  const dave = { username: uniqueName("dave"), name: "Dave Quiet" };
  const registered = await request.post("/api/register", { data: { ...dave, password: PASSWORD } });
  expect(registered.status()).toBe(201);
  const [alice, bob, carol] = await people("alice", "bob", "carol");
  const title = await createGroup(alice, [bob, dave]);
  await bob.chat.open(title);
  const aliceActs = new MessageActions(alice.chat);
  const bobActs = new MessageActions(bob.chat);

  await alice.page.getByRole("button", { name: "Group info" }).click();
  const info = alice.page.getByRole("dialog", { name: "Group info" });
  await info.getByLabel("Add people").fill(carol.username);
  await info.getByRole("button", { name: `Add ${carol.name}` }).click();
  await expect(info.getByRole("list", { name: "Members" })).toContainText(carol.name);
  await expect(aliceActs.systemLine(`You added ${carol.name}`)).toBeVisible();
  await expect(bobActs.systemLine(`${alice.name} added ${carol.name}`)).toBeVisible();
  await carol.chat.open(title);
  await expect(new MessageActions(carol.chat).systemLine(`${alice.name} added you`)).toBeVisible();

  await info.getByRole("button", { name: "Close" }).click();
  await alice.chat.send("before Bob goes");
  // Stored and delivered before the removal: send() only queues it, and a removal that
  // committed first would rightly put it past what Bob may read.
  await expect(bob.chat.message("before Bob goes")).toBeVisible();
  await alice.page.getByRole("button", { name: "Group info" }).click();
  await info.getByRole("button", { name: `Remove ${bob.name}` }).click();
  await expect(bobActs.systemLine(`${alice.name} removed you`)).toBeVisible();
  await expect(bob.page.getByText("You’re no longer a member of this group")).toBeVisible();
  await expect(bob.chat.composer).toHaveCount(0);
  await info.getByRole("button", { name: "Close" }).click();
  await alice.chat.send("after Bob went");
  await bob.page.reload();
  await expect(bob.chat.message("before Bob goes")).toBeVisible();
  await expect(bob.chat.message("after Bob went")).toHaveCount(0);

  await carol.page.getByRole("button", { name: "Group info" }).click();
  await carol.page
    .getByRole("dialog", { name: "Group info" })
    .getByRole("button", { name: "Leave group" })
    .click();
  await expect(aliceActs.systemLine(`${carol.name} left`)).toBeVisible();
  await expect(carol.page.getByText("You’re no longer a member of this group")).toBeVisible();
});
