import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test, type Person } from "./fixtures";

const MOBILE = { width: 375, height: 740 };

async function conversationId(page: Page) {
  await expect(page).toHaveURL(/\/conversations\/[^/]+$/);
  return new URL(page.url()).pathname.split("/").pop()!;
}

/** Messages straight through the API, as fast as the server takes them. */
async function sendMany(person: Person, id: string, bodies: string[]) {
  for (const body of bodies) {
    const response = await person.page.request.post(`/api/conversations/${id}/messages`, {
      data: { body, clientId: crypto.randomUUID() },
    });
    expect(response.status()).toBe(201);
  }
}

async function expectAxeClean(page: Page) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("search finds messages across chats and in the open one, marks the match, and jumps to it (older pages loaded)", async ({
  people,
}) => {
  test.slow(); // 60 sends through the API, two browsers
  const [alice, bob, carol] = await people("alice", "bob", "carol");
  await alice.chat.startDirectChat(bob.name);
  const id = await conversationId(alice.page);
  // The match is the first message; a page and more come after it, so jumping must load older ones.
  await sendMany(bob, id, [
    "the secret pelican plan",
    ...Array.from({ length: 60 }, (_, i) => `filler ${i}`),
  ]);

  // Across chats, from another chat: the result says who, where, and marks the words found.
  await alice.chat.open("Lobby");
  await alice.page.getByRole("button", { name: "Search chats and messages" }).click();
  const dialog = alice.page.getByRole("dialog", { name: "Search", exact: true });
  await dialog.getByRole("searchbox", { name: "Search chats and messages" }).fill("pelic");
  const result = dialog.getByTestId("search-result");
  await expect(result).toHaveCount(1);
  await expect(result).toContainText(`${bob.name} in ${bob.name}`);
  await expect(result.locator("mark")).toHaveText("pelican");
  await expect(dialog.getByRole("status")).toHaveText("1 message found.");
  await expectAxeClean(alice.page);
  await result.click();
  await expect(dialog).toBeHidden();
  await expect(alice.page).toHaveURL(new RegExp(`/conversations/${id}$`));
  await expect(alice.page.locator('#messages [data-seq="1"]')).toBeInViewport();

  // In the open chat, after scrolling back to the newest: the header's search jumps again.
  await alice.page.getByRole("button", { name: /^Jump to latest/ }).click();
  await expect(alice.page.locator('#messages [data-seq="61"]')).toBeInViewport();
  await alice.page.getByRole("button", { name: "Search in this chat" }).click();
  const inChat = alice.page.getByRole("dialog", { name: `Search in ${bob.name}` });
  await inChat.getByRole("searchbox", { name: "Search messages" }).fill("secret plan");
  await inChat.getByTestId("search-result").click();
  await expect(alice.page.locator('#messages [data-seq="1"]')).toBeInViewport();

  // The chat list filters by name as you type.
  await alice.page.getByRole("button", { name: "Search chats and messages" }).click();
  await dialog.getByRole("searchbox").fill(bob.name.slice(0, 5));
  await expect(
    dialog.getByRole("region", { name: "Chats" }).getByRole("link", { name: bob.name }),
  ).toBeVisible();
  await expect(
    dialog.getByRole("region", { name: "Chats" }).getByRole("link", { name: "Lobby" }),
  ).toHaveCount(0);
  // Escape first empties the search field (the browser's own), then closes the dialog.
  await dialog.getByRole("searchbox").press("Escape");
  await expect(dialog.getByRole("searchbox")).toHaveValue("");
  await dialog.getByRole("searchbox").press("Escape");
  await expect(dialog).toBeHidden();

  // Someone outside the chat finds nothing of it.
  await carol.page.getByRole("button", { name: "Search chats and messages" }).click();
  const carols = carol.page.getByRole("dialog", { name: "Search", exact: true });
  await carols.getByRole("searchbox").fill("pelican");
  await expect(carols.getByRole("status")).toHaveText("No messages found.");
  await expect(carols.getByTestId("search-result")).toHaveCount(0);
});

test("at 375 px long URLs and unbroken words wrap inside the bubble on both sides; only http(s) links, opened safely; emoji alone show large", async ({
  people,
}) => {
  const [alice, bob] = await people("alice", "bob");
  await alice.chat.startDirectChat(bob.name);
  const url = `https://example.com/${"a".repeat(180)}`;
  const word = "x".repeat(240);
  for (const text of [`see ${url}`, word, "javascript:alert(1) and data:text/html,hi", "🎉🎉", "just text"]) {
    await alice.chat.send(text);
  }
  await bob.chat.open(alice.name);
  for (const person of [alice, bob]) {
    await person.page.setViewportSize(MOBILE);
    for (const text of [url.slice(0, 40), word.slice(0, 40)]) {
      const bubble = person.chat.message(text).locator("div.whitespace-pre-wrap");
      await expect(bubble).toBeVisible();
      const box = (await bubble.boundingBox())!;
      expect(box.x, `${person.username}: ${text.slice(0, 20)} starts on screen`).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, `${person.username}: ends on screen`).toBeLessThanOrEqual(MOBILE.width);
    }
  }

  const link = bob.chat.message("see https").getByRole("link");
  await expect(link).toHaveAttribute("href", url);
  await expect(link).toHaveAttribute("target", "_blank");
  await expect(link).toHaveAttribute("rel", "noopener noreferrer nofollow");
  await expect(bob.chat.message("javascript:alert(1)").getByRole("link")).toHaveCount(0);

  const size = (text: string) =>
    bob.chat
      .message(text)
      .locator("div.whitespace-pre-wrap")
      .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  await expect(bob.chat.message("🎉🎉").locator("[data-emoji-only]")).toBeVisible();
  expect(await size("🎉🎉")).toBeGreaterThan(1.5 * (await size("just text")));
});

test("the open chat's unread badge clears once read; Jump to latest says how many new messages are below", async ({
  people,
}) => {
  const [alice, bob] = await people("alice", "bob");
  await alice.chat.startDirectChat(bob.name);
  const id = await conversationId(alice.page);
  await bob.chat.open(alice.name);
  await bob.chat.send("are you reading this?");
  await expect(alice.chat.message("are you reading this?")).toBeInViewport();
  await expect(alice.chat.conversationWithUnread(bob.name, 0)).toBeVisible();
  await expect(alice.page).toHaveTitle("Ticks");

  // Enough history to scroll; then the reader goes up and two more arrive below.
  await sendMany(
    bob,
    id,
    Array.from({ length: 30 }, (_, i) => `line ${i}`),
  );
  await expect(alice.page.locator('#messages [data-seq="31"]')).toBeInViewport();
  await alice.page.getByRole("region", { name: "Message history" }).evaluate((el) => el.scrollTo({ top: 0 }));
  const jump = alice.page.getByRole("button", { name: /^Jump to latest/ });
  await expect(jump).toBeVisible();
  // Everything up to here was on screen: nothing is new below yet.
  await expect(jump).toHaveAccessibleName("Jump to latest ↓");
  await sendMany(bob, id, ["below one", "below two"]);
  await expect(jump).toHaveAccessibleName("Jump to latest ↓ (2 new)");
  await expect(alice.chat.conversationWithUnread(bob.name, 2)).toBeVisible();

  await jump.click();
  await expect(alice.chat.message("below two")).toBeInViewport();
  await expect(jump).toBeHidden();
  await expect(alice.chat.conversationWithUnread(bob.name, 0)).toBeVisible();
});
