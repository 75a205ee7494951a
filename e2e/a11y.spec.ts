import AxeBuilder from "@axe-core/playwright";
import type { Locator, Page } from "@playwright/test";
import { expect, test, PASSWORD, uniqueName, type Person } from "./fixtures";
import { Attachments } from "./pages/attachments";
import { ChatPage } from "./pages/chat-page";
import { pdf, png } from "@/tests/support/sample-files";

const WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const MOBILE = { width: 375, height: 740 };

/** axe over the whole page as it is now; serious and critical WCAG 2.1 A/AA findings fail. */
async function expectNoSeriousViolations(page: Page, where: string) {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  const found = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) =>
      [
        `${v.id} (${v.impact}): ${v.help}`,
        ...v.nodes.map(
          (n) => `    ${n.target.join(" ")} — ${n.failureSummary?.split("\n")[1]?.trim() ?? ""}`,
        ),
      ].join("\n"),
    );
  expect(found, `axe: serious or critical violations on ${where}`).toEqual([]);
}

async function setScheme(page: Page, scheme: "light" | "dark") {
  await page.emulateMedia({ colorScheme: scheme });
  // A theme chosen by script at load time follows the scheme only on the next load.
  await page.reload();
  await expect(page.locator("body")).toBeVisible();
}

/** What a screen reader would roughly announce for the focused element: role and name. */
function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return "";
    const roles: Record<string, string> = { A: "link", BUTTON: "button", TEXTAREA: "textbox" };
    const input = el instanceof HTMLInputElement ? el : null;
    const labels = el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement ? el.labels : null;
    const role =
      el.getAttribute("role") ??
      roles[el.tagName] ??
      (input ? (input.type === "checkbox" ? "checkbox" : "textbox") : el.tagName);
    const name = el.getAttribute("aria-label") ?? labels?.[0]?.textContent ?? el.textContent ?? "";
    return `${role} ${name.trim()}`;
  });
}

/** Presses Tab until `done` says so (or `max` times), returning each stop. */
async function tabStops(page: Page, done: (stop: string) => boolean, max = 40) {
  const stops: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const stop = await focused(page);
    stops.push(stop);
    if (done(stop)) return stops;
  }
  throw new Error(`not reached in ${max} Tabs: ${stops.join(" → ")}`);
}

const containsFocus = (locator: Locator) => locator.evaluate((el) => el.contains(document.activeElement));

/** Alice's direct chat with Bob: a message from Bob, then hers as read, delivered and sent. */
async function conversationWithStatuses(alice: Person, bob: Person) {
  await alice.chat.startDirectChat(bob.name);
  await bob.chat.open(new RegExp(alice.name));
  await bob.chat.send("hi Alice");
  await alice.chat.send("already read");
  await expect(alice.chat.status("already read")).toHaveAttribute("data-status", "read");
  await bob.chat.open("Lobby");
  await alice.chat.send("delivered only");
  await expect(alice.chat.status("delivered only")).toHaveAttribute("data-status", "delivered");
  await bob.page.close();
  await alice.chat.send("sent only");
  await expect(alice.chat.status("sent only")).toHaveAttribute("data-status", "sent");
}

/** The control that opens message info: the status under an own message. */
const infoButton = (chat: ChatPage, text: string) =>
  chat
    .message(text)
    .getByRole("button")
    .filter({ has: chat.page.getByTestId("message-status") });

test.describe("axe finds no serious or critical WCAG 2.1 AA violations", () => {
  test("on a conversation with a picture, a file, files waiting to go and a picture open large, light and dark", async ({
    people,
  }) => {
    test.slow(); // axe over the page and the picture open large, twice
    const [alice, bob] = await people("alice", "bob");
    await alice.chat.startDirectChat(bob.name);
    const files = new Attachments(alice.page);
    await files.pick(
      { name: "view.png", mimeType: "image/png", buffer: png(300, 200) },
      { name: "notes.pdf", mimeType: "application/pdf", buffer: pdf() },
    );
    await alice.chat.send("a picture and a file");
    await expect(files.download("notes.pdf")).toBeVisible();
    for (const scheme of ["light", "dark"] as const) {
      await setScheme(alice.page, scheme);
      await expect(files.picture("view.png")).toBeVisible();
      await files.pick({ name: "next.png", mimeType: "image/png", buffer: png(20, 20) });
      await expect(files.tray.getByRole("listitem")).toHaveCount(1);
      await expectNoSeriousViolations(alice.page, `a conversation with attachments (${scheme})`);
      await files.picture("view.png").click();
      await expect(alice.page.getByRole("dialog", { name: "view.png" })).toBeVisible();
      await expectNoSeriousViolations(alice.page, `a picture open large (${scheme})`);
      await alice.page.keyboard.press("Escape");
    }
  });

  test("on sign-in and sign-up, light and dark, with and without errors", async ({ page }) => {
    for (const scheme of ["light", "dark"] as const) {
      await page.goto("/login");
      await setScheme(page, scheme);
      await expectNoSeriousViolations(page, `/login (${scheme})`);
      await page.getByLabel("Username").fill(uniqueName("nobody"));
      await page.getByLabel("Password").fill("wrong-password");
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByRole("alert").filter({ hasText: "Wrong username or password" })).toBeVisible();
      await expectNoSeriousViolations(page, `/login with an error (${scheme})`);

      await page.goto("/register");
      await expectNoSeriousViolations(page, `/register (${scheme})`);
      await page.getByRole("button", { name: "Sign up" }).click();
      await expect(page.getByLabel("Username")).toHaveAttribute("aria-invalid", "true");
      await expectNoSeriousViolations(page, `/register with field errors (${scheme})`);
    }
  });

  test("in a conversation with sent, delivered and read messages, and with each dialog open, light and dark", async ({
    people,
  }) => {
    test.slow(); // axe over the page and each dialog, twice
    const [alice, bob] = await people("alice", "bob");
    await conversationWithStatuses(alice, bob);
    const { page, chat } = alice;
    for (const scheme of ["light", "dark"] as const) {
      await setScheme(page, scheme);
      await expect(chat.status("already read")).toHaveAttribute("data-status", "read");
      await expectNoSeriousViolations(page, `the conversation (${scheme})`);

      await page.getByRole("button", { name: "New chat" }).click();
      const newChat = page.getByRole("dialog", { name: "New chat" });
      await newChat.getByLabel("Search people").fill(bob.username);
      // The debounced search has answered: only Bob is listed.
      await expect(newChat.getByRole("checkbox")).toHaveCount(1);
      await newChat.getByRole("checkbox", { name: bob.name }).check();
      await expectNoSeriousViolations(page, `the New chat dialog (${scheme})`);
      await newChat.getByRole("button", { name: "Cancel" }).click();

      await chat.openSettings();
      await expectNoSeriousViolations(page, `the Settings dialog (${scheme})`);
      await page.getByRole("dialog", { name: "Settings" }).getByRole("button", { name: "Cancel" }).click();

      await infoButton(chat, "already read").click();
      const info = page.getByRole("dialog", { name: "Message info" });
      await expect(info.getByRole("listitem").filter({ hasText: bob.name })).toContainText("Read");
      await expectNoSeriousViolations(page, `the Message info dialog (${scheme})`);
    }
  });

  test("on a 375 px phone: the list screen and the conversation screen, light and dark", async ({
    people,
  }) => {
    test.slow(); // two browsers, then axe four times
    const [alice, bob] = await people("alice", "bob");
    await conversationWithStatuses(alice, bob);
    const { page, chat } = alice;
    await page.setViewportSize(MOBILE);
    for (const scheme of ["light", "dark"] as const) {
      await setScheme(page, scheme);
      await expect(chat.composer).toBeInViewport();
      await expectNoSeriousViolations(page, `the conversation screen at 375 px (${scheme})`);

      await page.getByRole("link", { name: "Back to conversations" }).click();
      await expect(chat.conversationLink(new RegExp(bob.name))).toBeInViewport();
      await expect(chat.composer).toBeHidden();
      await expectNoSeriousViolations(page, `the list screen at 375 px (${scheme})`);
      await chat.conversationLink(new RegExp(bob.name)).click();
      await expect(chat.composer).toBeInViewport();
    }
  });
});

test.describe("the message menu", () => {
  test("axe finds nothing serious with it open (light and dark); the keyboard opens, walks and closes it", async ({
    people,
  }) => {
    test.slow(); // two browsers, then axe twice
    const [alice, bob] = await people("alice", "bob");
    await alice.chat.startDirectChat(bob.name);
    await bob.chat.open(new RegExp(alice.name));
    await bob.chat.send("menu please");
    const { page, chat } = alice;
    const trigger = chat.message("menu please").getByRole("button", { name: "Message actions" });
    const menu = page.getByRole("menu", { name: "Message actions" });
    for (const scheme of ["light", "dark"] as const) {
      await setScheme(page, scheme);
      await trigger.focus();
      await page.keyboard.press("Enter");
      await expect(menu).toBeVisible();
      await expect(menu.getByRole("menuitem").first()).toBeFocused();
      await expectNoSeriousViolations(page, `the message menu (${scheme})`);
      await page.keyboard.press("End");
      await expect(menu.getByRole("menuitem", { name: "Delete for me" })).toBeFocused();
      await page.keyboard.press("ArrowDown");
      await expect(menu.getByRole("menuitem").first()).toBeFocused();
      await page.keyboard.press("Escape");
      await expect(menu).toBeHidden();
      await expect(trigger).toBeFocused();
    }
  });
});

test.describe("keyboard", () => {
  test("signing in: Tab goes Username → Password → Sign in, and Enter submits", async ({ page }) => {
    const username = uniqueName("kim");
    const response = await page.request.post("/api/register", { data: { username, password: PASSWORD } });
    expect(response.status()).toBe(201);
    await page.goto("/login");

    await tabStops(page, (s) => s === "textbox Username", 5);
    await page.keyboard.type(username);
    await page.keyboard.press("Tab");
    await expect(page.getByLabel("Password")).toBeFocused();
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press("Tab");
    await expect(page.getByRole("button", { name: "Sign in" })).toBeFocused();
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Enter");
    await expect(new ChatPage(page).composer).toBeVisible();
  });

  test("in the chat: a skip link first, then the conversation list, the messages, the composer; Enter sends and keeps focus in the composer", async ({
    people,
  }) => {
    const [alice, bob] = await people("alice", "bob");
    await alice.chat.startDirectChat(bob.name);
    await alice.chat.send("one of mine");
    await expect(alice.chat.status("one of mine")).toHaveAttribute("data-status", /delivered|read/);
    const { page, chat } = alice;
    await page.reload();
    await expect(chat.message("one of mine")).toBeVisible();

    // (Send is disabled while the composer is empty, so the composer is the last stop.)
    const stops = await tabStops(page, (s) => s === "textbox Message");
    const at = (re: RegExp) => stops.findIndex((s) => re.test(s));
    expect(stops[0], stops.join(" → ")).toBe("link Skip to conversation");
    const lastChat = Math.max(at(/^link Lobby/), at(new RegExp(`^link ${bob.name}`)));
    expect(at(/^link Lobby/), stops.join(" → ")).toBeGreaterThan(at(/^button New chat$/));
    expect(at(/^region Message history$/), stops.join(" → ")).toBeGreaterThan(lastChat);
    expect(at(/^button Delivered|^button Read/), stops.join(" → ")).toBeGreaterThan(at(/^region/));
    expect(at(/^textbox Message$/), stops.join(" → ")).toBeGreaterThan(at(/^button (Delivered|Read)/));

    // The skip link shows itself when focused and lands in the conversation, past the list.
    await page.reload();
    await expect(chat.message("one of mine")).toBeVisible();
    const skip = page.getByRole("link", { name: "Skip to conversation" });
    await expect(skip).not.toBeInViewport();
    await page.keyboard.press("Tab");
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("region", { name: "Message history" })).toBeFocused();
    const afterSkip = await tabStops(page, (s) => s === "textbox Message", 10);
    expect(
      afterSkip.filter((s) => s.startsWith("link ")),
      afterSkip.join(" → "),
    ).toEqual([]);

    await page.keyboard.type("typed, not clicked");
    await page.keyboard.press("Shift+Enter");
    await page.keyboard.type("second line");
    await expect(chat.composer).toHaveValue("typed, not clicked\nsecond line");
    await page.keyboard.press("Enter");
    await expect(chat.message("second line")).toContainText("typed, not clicked\nsecond line");
    await expect(chat.composer).toBeFocused();
    await expect(chat.composer).toHaveValue("");
  });

  test("Escape closes New chat, Settings and Message info, and focus returns to the control that opened each", async ({
    people,
  }) => {
    const [alice, bob] = await people("alice", "bob");
    await alice.chat.startDirectChat(bob.name);
    await alice.chat.send("what did you get?");
    await expect(alice.chat.status("what did you get?")).toHaveAttribute("data-status", /delivered|read/);
    const { page, chat } = alice;

    // Settings is the account menu's first item: Enter opens the menu (focus on Settings), Enter picks it.
    const settingsItem = page
      .getByRole("menu", { name: "Account" })
      .getByRole("menuitem", { name: "Settings" });
    const openers = [
      ["New chat", page.getByRole("button", { name: "New chat" }), null],
      ["Settings", chat.accountButton, settingsItem],
      ["Message info", infoButton(chat, "what did you get?"), null],
    ] as const;
    for (const [name, opener, item] of openers) {
      await opener.focus();
      await page.keyboard.press("Enter");
      if (item) {
        await expect(item).toBeFocused();
        await page.keyboard.press("Enter");
      }
      const dialog = page.getByRole("dialog", { name });
      await expect(dialog).toBeVisible();
      await expect.poll(() => containsFocus(dialog), `focus moves into ${name}`).toBe(true);
      await page.keyboard.press("Escape");
      await expect(dialog).toBeHidden();
      await expect(opener, `focus returns to what opened ${name}`).toBeFocused();
    }
  });

  test("the message history is reachable and scrollable from the keyboard", async ({ people }) => {
    const [alice, bob] = await people("alice", "bob");
    await alice.chat.startDirectChat(bob.name);
    const id = alice.page.url().split("/conversations/")[1]!;
    for (let i = 1; i <= 40; i++) {
      const response = await bob.page.request.post(`/api/conversations/${id}/messages`, {
        data: { body: `line ${i}`, clientId: crypto.randomUUID() },
      });
      expect(response.status()).toBe(201);
    }
    const { page } = alice;
    await page.reload();
    const line = (n: number) => page.locator(`[data-testid=message][data-seq="${n}"]`);
    // It may open at the bottom or at "New messages" (if the read ack hadn't gone out yet).
    await expect(line(40)).toBeAttached();

    const history = page.getByRole("region", { name: "Message history" });
    const scrollTop = () => history.evaluate((el) => el.scrollTop);
    const fromBottom = () => history.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await expect(history).toBeFocused();
    await page.keyboard.press("End");
    await expect.poll(fromBottom).toBeLessThan(2);
    await expect(line(40)).toBeInViewport();
    await page.keyboard.press("Home");
    await expect.poll(scrollTop).toBe(0);
    await expect(line(1)).toBeInViewport();
    await page.keyboard.press("PageDown");
    await expect.poll(scrollTop).toBeGreaterThan(0);
  });

  test("every control shows a visible focus indicator", async ({ people }) => {
    const [alice, bob] = await people("alice", "bob");
    await alice.chat.startDirectChat(bob.name);
    await alice.chat.send("focus me");
    await expect(alice.chat.status("focus me")).toHaveAttribute("data-status", /delivered|read/);
    const { page } = alice;

    const indicator = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const s = getComputedStyle(el);
        const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 1;
        const ring = s.boxShadow !== "none";
        return el.matches(":focus-visible") && (outline || ring);
      });
    const unmarked: string[] = [];
    const visit = async (where: string, stops: number) => {
      for (let i = 0; i < stops; i++) {
        await page.keyboard.press("Tab");
        if (!(await indicator())) unmarked.push(`${where}: ${await focused(page)}`);
      }
    };

    await page.reload();
    await expect(alice.chat.message("focus me")).toBeVisible();
    const chatStops = await tabStops(page, (s) => s === "textbox Message");
    await page.reload();
    await expect(alice.chat.message("focus me")).toBeVisible();
    await visit("chat", chatStops.length);
    await page.keyboard.type("enables Send");
    await visit("chat", 1);

    await page.getByRole("button", { name: "New chat" }).click();
    const newChat = page.getByRole("dialog", { name: "New chat" });
    await newChat.getByLabel("Search people").fill(bob.username);
    // Wait for the debounced search, or the list could be replaced under the focus.
    await expect(newChat.getByRole("checkbox")).toHaveCount(1);
    await newChat.getByRole("checkbox", { name: bob.name }).check();
    await newChat.getByLabel("Search people").focus();
    // The person, Cancel, Start chat.
    await visit("New chat", 3);
    await page.keyboard.press("Escape");

    await page.goto("/login");
    // Username, Password, Sign in, Create an account.
    await visit("/login", 4);
    expect(unmarked, "focused without a visible indicator").toEqual([]);
  });
});

test.describe("ticks are not conveyed by colour alone, and motion can be turned off", () => {
  test("each status is said in words, and Sent, Delivered and Read each have their own shape", async ({
    people,
  }) => {
    const [alice, bob] = await people("alice", "bob");
    await conversationWithStatuses(alice, bob);
    const { chat } = alice;
    const cases = [
      ["already read", "read", "Read"],
      ["delivered only", "delivered", "Delivered"],
      ["sent only", "sent", "Sent"],
    ] as const;
    const shapes: string[] = [];
    for (const [text, status, words] of cases) {
      const el = chat.status(text);
      await expect(el).toHaveAttribute("data-status", status);
      await expect(el).toHaveText(words);
      await expect(el).toHaveAttribute("aria-live", "polite");
      await expect(infoButton(chat, text)).toHaveAccessibleName(words);
      // The glyph is decoration for sighted users; the words carry the status.
      await expect(el.locator("svg")).toHaveAttribute("aria-hidden", "true");
      // Geometry and fill only: stroke width and colour don't count as a different shape.
      shapes.push(
        await el.locator("svg").evaluate((svg) =>
          [...svg.querySelectorAll("path, rect, circle, polyline, polygon, ellipse")]
            .map((s) => {
              const geometry = ["d", "x", "y", "width", "height", "rx", "cx", "cy", "r", "points"]
                .map((a) => s.getAttribute(a) ?? "")
                .join(",");
              return `${s.tagName}(${geometry}) ${getComputedStyle(s).fill === "none" ? "outline" : "filled"}`;
            })
            .join(" "),
        ),
      );
    }
    expect(new Set(shapes).size, shapes.join("\n")).toBe(cases.length);
  });

  test("with reduced motion nothing animates or transitions, and Jump to latest doesn't smooth-scroll", async ({
    people,
  }) => {
    const [alice, bob] = await people("alice", "bob");
    await alice.chat.startDirectChat(bob.name);
    const id = alice.page.url().split("/conversations/")[1]!;
    for (let i = 1; i <= 40; i++) {
      const response = await bob.page.request.post(`/api/conversations/${id}/messages`, {
        data: { body: `scroll ${i}`, clientId: crypto.randomUUID() },
      });
      expect(response.status()).toBe(201);
    }
    const { page } = alice;
    await page.emulateMedia({ reducedMotion: "reduce" });
    await page.reload();
    await expect(page.locator('[data-testid=message][data-seq="40"]')).toBeAttached();

    // Bob typing shows the typing indicator: whatever moves on screen is there to be checked.
    await bob.chat.open(new RegExp(alice.name));
    // Both subscribed (Bob shows as online) before Bob's client events can reach Alice.
    await expect(page.getByTestId("conversation-subtitle")).toHaveText("online");
    await bob.chat.composer.pressSequentially("typing", { delay: 30 });
    await expect(page.getByText(/is typing/)).toBeVisible();

    // Any element (including one added later) with an animation or transition, in both modes.
    await page.evaluate(() => {
      const probe = document.createElement("div");
      probe.id = "motion-probe";
      probe.style.animation = "probe 2s infinite";
      probe.style.transition = "opacity 300ms";
      document.body.append(probe);
    });
    const moving = () =>
      page.evaluate(() => {
        const seconds = (v: string) =>
          Math.max(
            ...v.split(",").map((t) => (t.trim().endsWith("ms") ? parseFloat(t) / 1000 : parseFloat(t))),
          );
        return [...document.querySelectorAll<HTMLElement>("*")].flatMap((el) => {
          const s = getComputedStyle(el);
          const animation = s.animationName !== "none" ? seconds(s.animationDuration) : 0;
          const transition = seconds(s.transitionDuration);
          const what = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}.${el.className}`;
          return animation > 0.001 || transition > 0.001 ? [`${what}: ${animation}s / ${transition}s`] : [];
        });
      });
    expect(await moving()).toEqual([]);
    await page.emulateMedia({ reducedMotion: "no-preference" });
    expect(await moving()).toContain("div#motion-probe.: 2s / 0.3s");
    await page.emulateMedia({ reducedMotion: "reduce" });

    const history = page.getByRole("region", { name: "Message history" });
    expect(await history.evaluate((el) => getComputedStyle(el).scrollBehavior)).toBe("auto");
    await history.evaluate((el) => el.scrollTo({ top: 0 }));
    const jump = page.getByRole("button", { name: /^Jump to latest/ });
    await expect(jump).toBeVisible();
    // Read in the same task as the click: a smooth scroll would still be at the top.
    const leftToScroll = await jump.evaluate((button: HTMLElement) => {
      const scroller = document.querySelector<HTMLElement>("[aria-label='Message history']")!;
      button.click();
      return scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight;
    });
    expect(leftToScroll).toBeLessThan(2);
  });
});
