import { expect, type Locator } from "@playwright/test";
import type { ChatPage } from "./chat-page";

/** What a person does to a message after sending it, through its menu (docs/architecture.md, "Changes"). */
export class MessageActions {
  constructor(readonly chat: ChatPage) {}

  /** Opens a message's menu the way a mouse user does (hover shows the button). */
  async openMenu(text: string): Promise<Locator> {
    const message = this.chat.message(text);
    await message.hover();
    await message.getByRole("button", { name: "Message actions" }).click();
    const menu = this.chat.page.getByRole("menu", { name: "Message actions" });
    await expect(menu).toBeVisible();
    return menu;
  }

  async choose(text: string, item: string | RegExp) {
    const menu = await this.openMenu(text);
    await menu.getByRole("menuitem", { name: item }).click();
  }

  async reply(text: string, answer: string) {
    await this.choose(text, "Reply");
    await expect(this.chat.page.getByTestId("composer-mode")).toContainText("Replying to");
    await this.chat.send(answer);
  }

  async edit(text: string, newText: string) {
    await this.choose(text, "Edit");
    await expect(this.chat.composer).toHaveValue(text);
    await this.chat.composer.fill(newText);
    await this.chat.page.getByRole("button", { name: "Save" }).click();
  }

  async react(text: string, emoji: string) {
    await this.choose(text, `React ${emoji}`);
  }

  quote(text: string): Locator {
    return this.chat.message(text).getByTestId("reply-quote");
  }

  reaction(text: string, emoji: string): Locator {
    return this.chat.message(text).getByRole("button", { name: new RegExp(`^${emoji} \\d+`) });
  }

  edited(text: string): Locator {
    return this.chat.message(text).getByTestId("edited");
  }

  systemLine(text: string | RegExp): Locator {
    return this.chat.page.getByTestId("system-line").filter({ hasText: text });
  }
}
