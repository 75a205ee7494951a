import type { Page } from "@playwright/test";
import { expect, test, uniqueName } from "./fixtures";
import { ChatExtras, ChatPage } from "./pages/chat-page";

/** The outbox's sends: POST /api/conversations/[id]/messages. */
function isSend(request: { method(): string; url(): string }) {
  return request.method() === "POST" && /\/api\/conversations\/[^/]+\/messages$/.test(request.url());
}

async function conversationId(page: Page) {
  return page.url().split("/conversations/")[1]!;
}

test("a failed send stays in place with Retry, and Retry stores it once", async ({ people }) => {
  const [alice, bob] = await people("alice", "bob");
  await alice.chat.startDirectChat(bob.name);
  await bob.chat.open(new RegExp(alice.name));

  await alice.page.route("**/conversations/**", (route) =>
    isSend(route.request()) ? route.abort("failed") : route.continue(),
  );
  await alice.chat.send("first try fails");
  await expect(alice.chat.status("first try fails")).toHaveAttribute("data-status", "failed");
  await expect(alice.chat.status("first try fails")).toHaveText("Not sent");

  await alice.page.unrouteAll();
  await alice.chat.message("first try fails").getByRole("button", { name: "Retry" }).click();
  await expect(alice.chat.status("first try fails")).toHaveAttribute("data-status", "read");
  await expect(bob.chat.message("first try fails")).toHaveCount(1);
  await expect(alice.chat.message("first try fails")).toHaveCount(1);
});

test("when the answer is lost after the server stored the message, Retry doesn't duplicate it", async ({
  people,
}) => {
  const [alice, bob] = await people("alice", "bob");
  await alice.chat.startDirectChat(bob.name);
  await bob.chat.open(new RegExp(alice.name));

  // The request reaches the server (which stores the message) but the answer never arrives.
  await alice.page.route("**/conversations/**", async (route) => {
    if (!isSend(route.request())) return route.continue();
    await route.fetch();
    await route.abort("connectionreset");
  });
  await alice.chat.send("stored but unanswered");
  await expect(alice.chat.status("stored but unanswered")).toHaveAttribute("data-status", "failed");
  await expect(bob.chat.message("stored but unanswered")).toHaveCount(1);

  await alice.page.unrouteAll();
  await alice.chat.message("stored but unanswered").getByRole("button", { name: "Retry" }).click();
  await expect(alice.chat.status("stored but unanswered")).toHaveAttribute("data-status", "read");
  await expect(alice.chat.message("stored but unanswered")).toHaveCount(1);
  await expect(bob.chat.message("stored but unanswered")).toHaveCount(1);
  await alice.page.reload();
  await expect(alice.chat.message("stored but unanswered")).toHaveCount(1);
});

test("messages typed offline wait, then go out in order when the network returns", async ({ people }) => {
  const [alice, bob] = await people("alice", "bob");
  await alice.chat.startDirectChat(bob.name);
  await bob.chat.open(new RegExp(alice.name));
  const extras = new ChatExtras(alice.page);

  await alice.page.context().setOffline(true);
  await expect(extras.connection).toHaveAttribute("data-state", "offline");
  await expect(extras.connection).toContainText("Offline");
  for (const text of ["one", "two", "three"]) await alice.chat.send(`offline ${text}`);
  for (const text of ["one", "two", "three"]) {
    await expect(alice.chat.status(`offline ${text}`)).toHaveAttribute("data-status", "sending");
  }

  await alice.page.context().setOffline(false);
  for (const text of ["one", "two", "three"]) {
    await expect(alice.chat.status(`offline ${text}`)).toHaveAttribute("data-status", "read");
  }
  await expect(extras.connection).toHaveAttribute("data-state", "connected");
  const seqs = await Promise.all(
    ["one", "two", "three"].map((t) => bob.chat.message(`offline ${t}`).getAttribute("data-seq")),
  );
  expect(seqs.map(Number)).toEqual([...seqs.map(Number)].sort((a, b) => a - b));
  expect(new Set(seqs).size).toBe(3);
});

test("two tabs of one user stay in step: sends, reads and unread counts", async ({ people }) => {
  const [alice, bob] = await people("alice", "bob");
  await alice.chat.startDirectChat(bob.name);
  const tab2 = new ChatPage(await alice.page.context().newPage());
  await tab2.page.goto("/");
  await tab2.open("Lobby");

  // A message sent from one tab appears in the other.
  await tab2.open(new RegExp(bob.name));
  await alice.chat.send("from tab one");
  await expect(tab2.message("from tab one")).toBeVisible();
  await tab2.open("Lobby");

  // Bob writes while neither of Alice's tabs shows their chat (one that did would read it at once):
  // both count it unread, and their titles say so.
  await alice.chat.open("Lobby");
  await bob.chat.open(new RegExp(alice.name));
  await bob.chat.send("hi alice");
  for (const tab of [alice.chat, tab2]) {
    await expect(tab.conversationWithUnread(bob.name, 1)).toBeVisible();
    await expect(tab.page).toHaveTitle("(1) Ticks");
  }

  // Reading it in tab one clears the badge in tab two.
  await alice.chat.open(new RegExp(bob.name));
  await expect(alice.chat.message("hi alice")).toBeVisible();
  await expect(bob.chat.status("hi alice")).toHaveAttribute("data-status", "read");
  await expect(tab2.conversationWithUnread(bob.name, 0)).toBeVisible();
  await expect(tab2.page).toHaveTitle("Ticks");
});

test("presence dots and typing indicators", async ({ people }) => {
  const [alice, bob] = await people("alice", "bob");
  await alice.chat.startDirectChat(bob.name);
  const extras = new ChatExtras(alice.page);
  await bob.page.reload();
  await bob.chat.open(new RegExp(alice.name));

  await expect(extras.subtitle).toHaveText("online");
  await expect(bob.chat.conversationLink(new RegExp(`${alice.name}, online`))).toBeVisible();

  await bob.chat.composer.pressSequentially("typing slowly", { delay: 30 });
  await expect(extras.typing(`${bob.name.split(" ")[0]} is typing…`)).toBeVisible();
  await bob.page.getByRole("button", { name: "Send" }).click();
  await expect(alice.chat.message("typing slowly")).toBeVisible();
  await expect(extras.typing(/is typing/)).toHaveCount(0);

  // Offline now: the watchlist says when his last tab went (both share last seen by default).
  await bob.page.close();
  await expect(extras.subtitle).toHaveText("last seen just now");
});

test("read receipts off: others see Delivered at most, and it's reciprocal in direct chats", async ({
  people,
}) => {
  const [alice, bob] = await people("alice", "bob");
  await alice.chat.startDirectChat(bob.name);
  const id = await conversationId(alice.page);
  await new ChatExtras(bob.page).setReadReceipts(false);
  await bob.chat.open(new RegExp(alice.name));

  await alice.chat.send("can you see this?");
  await expect(bob.chat.message("can you see this?")).toBeVisible();
  // Bob has read it (his own view of his watermark says so)…
  await expect
    .poll(async () => {
      const detail = await (await bob.page.request.get(`/api/conversations/${id}`)).json();
      return detail.conversation.readSeq;
    })
    .toBeGreaterThanOrEqual(1);
  // …but Alice only ever sees it delivered, live and after a reload.
  await expect(alice.chat.status("can you see this?")).toHaveAttribute("data-status", "delivered");
  await alice.page.reload();
  await expect(alice.chat.status("can you see this?")).toHaveAttribute("data-status", "delivered");

  // Reciprocal: Bob sees no read state from Alice either.
  await bob.chat.send("and this?");
  await expect(alice.chat.message("and this?")).toBeVisible();
  await expect(bob.chat.status("and this?")).toHaveAttribute("data-status", "delivered");

  // Sharing again: both sides see Read, without reloading.
  await new ChatExtras(bob.page).setReadReceipts(true);
  await expect(alice.chat.status("can you see this?")).toHaveAttribute("data-status", "read");
  await expect(bob.chat.status("and this?")).toHaveAttribute("data-status", "read");
});

test("a long conversation opens at the first unread message; older history keeps the scroll position", async ({
  people,
}) => {
  // 120 sends through the API take seconds on a quiet machine and most of a minute on a loaded one.
  test.slow();
  const [alice, bob] = await people("alice", "bob");
  await alice.chat.startDirectChat(bob.name);
  const id = await conversationId(alice.page);
  await alice.chat.open("Lobby");
  // 120 messages from Bob that Alice hasn't seen, through the API as fast as it takes them.
  for (let i = 1; i <= 120; i++) {
    const response = await bob.page.request.post(`/api/conversations/${id}/messages`, {
      data: { body: `history ${i}`, clientId: crypto.randomUUID() },
    });
    expect(response.status()).toBe(201);
  }
  await expect(alice.chat.conversationWithUnread(bob.name, 120)).toBeVisible();
  await alice.chat.open(new RegExp(bob.name));
  const divider = alice.page.getByRole("separator", { name: "New messages" });
  await expect(divider).toBeInViewport();
  await expect(alice.page.locator('[data-testid=message][data-seq="1"]')).toBeInViewport();
  await expect(alice.page.getByRole("button", { name: /^Jump to latest/ })).toBeVisible();
  await alice.page.getByRole("button", { name: /^Jump to latest/ }).click();
  await expect(alice.page.locator('[data-testid=message][data-seq="120"]')).toBeInViewport();
  await expect(alice.chat.conversationWithUnread(bob.name, 0)).toBeVisible();

  // Everything read: a reload opens at the newest page; loading older keeps the reader's place.
  await alice.page.reload();
  const oldestLoaded = alice.page.locator('[data-testid=message][data-seq="71"]');
  await expect(alice.page.locator('[data-testid=message][data-seq="120"]')).toBeInViewport();
  await oldestLoaded.scrollIntoViewIfNeeded();
  const before = (await oldestLoaded.boundingBox())!.y;
  await alice.page.getByRole("button", { name: "Load older messages" }).click();
  await expect(alice.page.locator('[data-testid=message][data-seq="21"]')).toBeAttached();
  expect(Math.abs((await oldestLoaded.boundingBox())!.y - before)).toBeLessThan(2);
});

test("message info lists each recipient with delivered and read times", async ({ people }) => {
  const [alice, bob, carol] = await people("alice", "bob", "carol");
  await alice.page.getByRole("button", { name: "New chat" }).click();
  const dialog = alice.page.getByRole("dialog", { name: "New chat" });
  for (const p of [bob, carol]) {
    await dialog.getByLabel("Search people").fill(p.username);
    await dialog.getByRole("checkbox", { name: p.name }).check();
  }
  const title = `Team ${uniqueName("t")}`;
  await dialog.getByLabel("Group name").fill(title);
  await dialog.getByRole("button", { name: "Create group" }).click();
  await expect(alice.page.getByRole("heading", { level: 1, name: title })).toBeVisible();

  await bob.chat.open(title);
  await alice.chat.send("status report please");
  // The glyph and a count show ("1/2 read"); the words are the accessible name.
  await expect(alice.chat.status("status report please")).toHaveText(/Delivered to all 2 · read by 1 of 2/);
  await expect(alice.chat.status("status report please").locator("span[aria-hidden=true]")).toHaveText(
    "1/2 read",
  );
  await alice.chat.status("status report please").click();
  const info = alice.page.getByRole("dialog", { name: "Message info" });
  // Exact times, delivered and read apart, each a <time> with the full date on hover.
  const bobRow = info.getByRole("listitem").filter({ hasText: bob.name });
  await expect(bobRow.locator("time")).toHaveCount(2);
  await expect(bobRow).toContainText(/Delivered.*\d{1,2}:\d\d:\d\d.*Read.*\d{1,2}:\d\d:\d\d/);
  await expect(bobRow.locator("time").first()).toHaveAttribute("title", /\d{4}/);
  const carolRow = info.getByRole("listitem").filter({ hasText: carol.name });
  await expect(carolRow).toContainText(/Delivered.*\d{1,2}:\d\d:\d\d/);
  await expect(carolRow.locator("time")).toHaveCount(1);
});

test("a render of the open chat that arrives late never takes away a message that came live meanwhile", async ({
  people,
}) => {
  const [alice, bob] = await people("alice", "bob");
  await alice.chat.startDirectChat(bob.name);
  await alice.chat.send("before");
  await bob.chat.open(new RegExp(alice.name));
  await expect(bob.chat.message("before")).toBeVisible();
  const path = new URL(bob.page.url()).pathname;

  // Bob opens the same chat again; the server renders it now, and the answer is held back until
  // Alice's next message has reached Bob live — as on a slow network.
  let rendered = false;
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await bob.page.route(
    (url) => url.pathname === path && url.searchParams.has("_rsc"),
    async (route) => {
      if (route.request().headers()["next-router-prefetch"]) return route.continue();
      const response = await route.fetch();
      rendered = true;
      await held;
      await route.fulfill({ response });
    },
  );
  await bob.chat.conversationLink(new RegExp(alice.name)).click();
  await expect.poll(() => rendered).toBe(true);

  await alice.chat.send("meanwhile");
  await expect(bob.chat.message("meanwhile")).toBeVisible();
  // From now on, the message leaving Bob's screen even for a moment is a lie.
  await bob.page.evaluate(() => {
    const w = window as Window & { lost?: boolean };
    new MutationObserver(() => {
      const shown = [...document.querySelectorAll('[data-testid="message"]')].some((m) =>
        m.textContent?.includes("meanwhile"),
      );
      if (!shown) w.lost = true;
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  // The late render replaces the view's data; the catch-up after it is the sign it was applied.
  let caughtUp = false;
  bob.page.on("request", (r) => {
    if (r.method() === "GET" && new URL(r.url()).pathname === `/api${path}`) caughtUp = true;
  });
  release();
  await expect.poll(() => caughtUp, { message: "a late render is followed by a catch-up" }).toBe(true);
  await expect(bob.chat.message("meanwhile")).toBeVisible();
  await expect(bob.chat.status("meanwhile")).toHaveCount(0); // Alice's message: no ticks on Bob's side
  await expect(alice.chat.status("meanwhile")).toHaveAttribute("data-status", "read");
  expect(await bob.page.evaluate(() => (window as Window & { lost?: boolean }).lost ?? false)).toBe(false);
});

test("the server keeps idle connections past any client's pool, and never gzips a small JSON answer", async ({
  people,
}) => {
  const [alice] = await people("alice");
  const answer = await alice.page.request.get("/api/health", { headers: { "accept-encoding": "gzip" } });
  const headers = answer.headers();
  // Node's 5 s: a client reusing a socket just as the server closed it got ECONNRESET (scripts/run.ts).
  expect(headers["keep-alive"]).toBe("timeout=65");
  // json(): Next would gzip it on the thread pool and finish it over several turns of the event loop.
  expect(headers["cache-control"]).toContain("no-transform");
  expect(headers["content-encoding"]).toBeUndefined();
  expect(await answer.json()).toMatchObject({ ok: true });
});
