// Issue 14 in the app, as people see it: a member removed from a group hears nothing of it any
// more in the tab they had open (their sockets are closed and re-authorised), while the rest of
// their chat comes back by itself; and a direct chat's header says "last seen …" once the other
// person's last tab is gone — from the realtime server, never from their browser — unless either
// of them keeps it private.
import { expect, test, uniqueName, type Person } from "./fixtures";
import { ChatExtras } from "./pages/chat-page";
import { MessageActions } from "./pages/message-actions";

async function createGroup(owner: Person, members: Person[]) {
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

async function setShareLastSeen(person: Person, on: boolean) {
  const dialog = await person.chat.openSettings();
  await dialog.getByRole("checkbox", { name: "Share when I was last online" }).setChecked(on);
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
}

test("a removed member's open tab receives nothing sent after the removal, and the rest of their chat comes back", async ({
  people,
}) => {
  test.slow(); // three people in three browsers
  const [alice, bob, carol] = await people("alice", "bob", "carol");
  const title = await createGroup(alice, [bob, carol]);
  await bob.chat.open(title);
  await carol.chat.open(title);
  const bobExtras = new ChatExtras(bob.page);
  const carolExtras = new ChatExtras(carol.page);

  // Before: Bob's tab hears the group's typing like everyone's.
  await alice.chat.composer.pressSequentially("are you there", { delay: 30 });
  await expect(bobExtras.typing(/is typing/)).toBeVisible();
  await alice.chat.send("before the removal");
  await expect(bob.chat.message("before the removal")).toBeVisible();

  await alice.page.getByRole("button", { name: "Group info" }).click();
  const info = alice.page.getByRole("dialog", { name: "Group info" });
  await info.getByRole("button", { name: `Remove ${bob.name}` }).click();
  await expect(new MessageActions(bob.chat).systemLine(`${alice.name} removed you`)).toBeVisible();
  await info.getByRole("button", { name: "Close" }).click();

  // Bob's sockets were closed and came back: his own channel is authorised again, so a direct
  // message Carol sends now reaches his list.
  await carol.chat.startDirectChat(bob.name);
  await carol.chat.send("still talking to you");
  await expect(bob.chat.conversationWithUnread(carol.name, 1)).toBeVisible();
  await expect(bobExtras.connection).toHaveAttribute("data-state", "connected");

  // After: Carol hears Alice type and write in the group; Bob's open tab hears neither.
  await carol.chat.open(title);
  // Carol's tab subscribes to the group's channel again as it opens: Alice types until Carol
  // hears it (typing is throttled to one event per 2 s, so an early one may find her not there yet).
  await expect(async () => {
    await alice.chat.composer.pressSequentially("bob is gone ", { delay: 30 });
    await expect(carolExtras.typing(/is typing/)).toBeVisible({ timeout: 3_000 });
  }).toPass();
  await alice.page.getByRole("button", { name: "Send" }).click();
  await expect(carol.chat.message("bob is gone")).toBeVisible();
  await expect(bobExtras.typing(/is typing/)).toHaveCount(0);
  await expect(bob.chat.message("bob is gone")).toHaveCount(0);
  await expect(bob.page.getByRole("heading", { level: 1, name: title })).toBeVisible();
});

test("when Bob closes his page, Alice sees when he was last online instead of online", async ({ people }) => {
  test.slow(); // two browsers, one closed, then reloads until the webhook has landed
  const [alice, bob] = await people("alice", "bob");
  await alice.chat.startDirectChat(bob.name);
  const subtitle = new ChatExtras(alice.page).subtitle;
  await bob.page.reload();
  await bob.chat.open(new RegExp(alice.name));
  await expect(subtitle).toHaveText("online");
  await expect(alice.chat.conversationLink(new RegExp(`${bob.name}, online`))).toBeVisible();

  await bob.page.context().close();
  await expect(subtitle).toHaveText("last seen just now");
  await expect(alice.chat.conversationLink(new RegExp(`${bob.name}, online`))).toHaveCount(0);

  // What the page loads comes from the server: the realtime server's webhook recorded it.
  await expect(async () => {
    await alice.page.reload();
    await expect(subtitle).toHaveText("last seen just now", { timeout: 2000 });
  }).toPass();
});

test("who keeps their last seen private shows nobody's, and nobody sees theirs", async ({ people }) => {
  test.slow(); // two browsers, settings, one closed
  const [alice, bob] = await people("alice", "bob");
  await alice.chat.startDirectChat(bob.name);
  await setShareLastSeen(alice, false);
  const subtitle = new ChatExtras(alice.page).subtitle;
  await bob.page.reload();
  await bob.chat.open(new RegExp(alice.name));
  await expect(subtitle).toHaveText("online");
  await expect(new ChatExtras(bob.page).subtitle).toHaveText("online");

  await bob.page.context().close();
  await expect(subtitle).toHaveText(`@${bob.username}`);
  await alice.page.reload();
  await expect(subtitle).toHaveText(`@${bob.username}`);
});
