import { expect, type Locator, type Page } from "@playwright/test";

export type FilePayload = { name: string; mimeType: string; buffer: Buffer };

/** Attaching and looking at pictures and files, as a person does it (accessible names only). */
export class Attachments {
  constructor(readonly page: Page) {}

  get button(): Locator {
    return this.page.getByRole("button", { name: "Attach files" });
  }

  /** The tray of files waiting for Send. */
  get tray(): Locator {
    return this.page.getByRole("list", { name: "Attachments to send" });
  }

  /** Picks files with the paperclip, through the browser's file chooser. */
  async pick(...files: FilePayload[]) {
    const chooser = this.page.waitForEvent("filechooser");
    await this.button.click();
    await (await chooser).setFiles(files);
  }

  /** Drops files on the open conversation, as dragging them from the desktop does. */
  async drop(...files: FilePayload[]) {
    const transfer = await this.page.evaluateHandle(
      (list) => {
        const data = new DataTransfer();
        for (const f of list) {
          const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
          data.items.add(new File([bytes], f.name, { type: f.mimeType }));
        }
        return data;
      },
      files.map((f) => ({ name: f.name, mimeType: f.mimeType, base64: f.buffer.toString("base64") })),
    );
    const target = this.page.getByRole("region", { name: "Message history" });
    await target.dispatchEvent("dragenter", { dataTransfer: transfer });
    await expect(this.page.getByText("Drop files to attach")).toBeVisible();
    await target.dispatchEvent("drop", { dataTransfer: transfer });
  }

  /** Pastes a file into the message box, as pasting a screenshot does. */
  async paste(file: FilePayload) {
    await this.page.getByRole("textbox", { name: "Message" }).evaluate(
      (box, f) => {
        const data = new DataTransfer();
        const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
        data.items.add(new File([bytes], f.name, { type: f.mimeType }));
        box.dispatchEvent(
          new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }),
        );
      },
      { name: file.name, mimeType: file.mimeType, base64: file.buffer.toString("base64") },
    );
  }

  /** A picture in the conversation, by its file name (the button that opens it large). */
  picture(name: string): Locator {
    return this.page.getByRole("button", { name: `Open ${name}` });
  }

  /** The download link of a file in the conversation. */
  download(name: string): Locator {
    return this.page.getByRole("link", {
      name: new RegExp(`^Download ${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`),
    });
  }
}
