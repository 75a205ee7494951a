import { expect, type Locator, type Page } from "@playwright/test";

/** The chat as a person uses it, through accessible names only (docs/architecture.md, "Pages"). */
export class ChatPage {
  constructor(readonly page: Page) {}

  async signIn(username: string, password: string) {
    await this.page.goto("/login");
    await this.page.getByLabel("Username").fill(username);
    await this.page.getByLabel("Password").fill(password);
    await this.page.getByRole("button", { name: "Sign in" }).click();
    // The first render after sign-in (session, list, latest page) is the slowest page there is:
    // on a loaded 2-core machine it can take longer than a usual wait.
    await expect(this.composer).toBeVisible({ timeout: 30_000 });
  }

  get composer(): Locator {
    return this.page.getByRole("textbox", { name: "Message" });
  }

  get conversations(): Locator {
    return this.page.getByRole("navigation", { name: "Conversations" });
  }

  conversationLink(name: string | RegExp): Locator {
    return this.conversations.getByRole("link", { name });
  }

  /** The list entry for a conversation, asserting its unread count (0: no count in its name). */
  conversationWithUnread(name: string, unread: number): Locator {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const suffix = unread > 0 ? `, ${unread} unread` : "";
    // ", online" may sit between the name and the count (presence), "(as of 14:05)" while offline.
    return this.conversations.getByRole("link", {
      name: new RegExp(`^${escaped}(, online( \\(as of [^)]+\\))?)?${suffix}$`),
    });
  }

  async open(name: string | RegExp) {
    await this.conversationLink(name).click();
    await expect(this.page.getByRole("heading", { level: 1, name })).toBeVisible();
  }

  async send(text: string) {
    await this.composer.fill(text);
    await this.page.getByRole("button", { name: "Send" }).click();
  }

  message(text: string): Locator {
    return this.page.getByTestId("message").filter({ hasText: text });
  }

  status(text: string): Locator {
    return this.message(text).getByTestId("message-status");
  }

  /** The toast region: passing errors, each with a Dismiss button. */
  get toasts(): Locator {
    return this.page.getByRole("status", { name: "Notifications" });
  }

  /** The <time> under a message. */
  messageTime(text: string): Locator {
    return this.page.getByTestId("message").filter({ hasText: text }).locator("time");
  }

  /** The account control in the sidebar (avatar and own name). */
  get accountButton(): Locator {
    return this.page.getByRole("button", { name: /^Account: / });
  }

  /** Opens the account menu: Settings, the theme, Sign out. */
  async openAccountMenu(): Promise<Locator> {
    await this.accountButton.click();
    const menu = this.page.getByRole("menu", { name: "Account" });
    await expect(menu).toBeVisible();
    return menu;
  }

  async signOut() {
    const menu = await this.openAccountMenu();
    await menu.getByRole("menuitem", { name: "Sign out" }).click();
    await expect(this.page).toHaveURL(/\/login/);
  }

  /** Opens Settings from the account menu. */
  async openSettings(): Promise<Locator> {
    const menu = await this.openAccountMenu();
    await menu.getByRole("menuitem", { name: "Settings" }).click();
    const dialog = this.page.getByRole("dialog", { name: "Settings" });
    await expect(dialog).toBeVisible();
    return dialog;
  }

  async startDirectChat(withName: string) {
    await this.page.getByRole("button", { name: "New chat" }).click();
    const dialog = this.page.getByRole("dialog", { name: "New chat" });
    await dialog.getByLabel("Search people").fill(withName);
    await dialog.getByRole("checkbox", { name: withName }).check();
    await dialog.getByRole("button", { name: "Start chat" }).click();
    await expect(this.page.getByRole("heading", { level: 1, name: withName })).toBeVisible();
  }
}

/**
 * Records every status an own message shows, in order, from the moment it's called: a test can
 * then assert the whole sequence (sending → sent → delivered → read), not just the last one.
 */
export async function recordStatuses(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { __statuses: Record<string, string[]> };
    w.__statuses = {};
    const note = (el: Element) => {
      const message = el.closest("[data-testid=message]");
      const text = message?.querySelector("div.whitespace-pre-wrap")?.textContent ?? "";
      const status = el.getAttribute("data-status") ?? "";
      const log = (w.__statuses[text] ??= []);
      if (log.at(-1) !== status) log.push(status);
    };
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === "attributes") note(r.target as Element);
        for (const n of r.addedNodes) {
          if (n instanceof Element) n.querySelectorAll("[data-testid=message-status]").forEach(note);
        }
      }
    }).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ["data-status"],
    });
  });
  return async (text: string) =>
    page.evaluate(
      (t) => (window as unknown as { __statuses: Record<string, string[]> }).__statuses[t] ?? [],
      text,
    );
}

/** Helpers for what the resilience specs look at. */
export class ChatExtras {
  constructor(readonly page: Page) {}

  get connection(): Locator {
    return this.page.getByTestId("connection-status");
  }

  get subtitle(): Locator {
    return this.page.getByTestId("conversation-subtitle");
  }

  typing(text: string | RegExp): Locator {
    return this.page.getByText(text);
  }

  async setReadReceipts(on: boolean) {
    const dialog = await this.openSettings();
    await dialog.getByRole("checkbox", { name: "Send read receipts" }).setChecked(on);
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(dialog).toBeHidden();
  }

  /** Opens Settings; device settings (theme, notifications) apply without Save. */
  async openSettings() {
    return new ChatPage(this.page).openSettings();
  }

  async setTheme(theme: "System" | "Light" | "Dark") {
    const dialog = await this.openSettings();
    await dialog.getByRole("group", { name: "Theme" }).getByRole("radio", { name: theme }).check();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
  }
}
