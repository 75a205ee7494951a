// Pictures and files between two browsers, through the real local S3-compatible store
// (playwright.config.ts starts it). Delivered means the message with its attachments' metadata
// reached the other device; the picture's download is not a receipt.
import { readFileSync } from "node:fs";
import { expect, test } from "./fixtures";
import { Attachments, type FilePayload } from "./pages/attachments";
import { MessageActions } from "./pages/message-actions";
import { holdRequests } from "./support/hold";
import { png, pdf } from "@/tests/support/sample-files";

const STORE = `http://127.0.0.1:${process.env.E2E_S3_PORT ?? 9101}`;

const photo = (name = "cat.png"): FilePayload => ({ name, mimeType: "image/png", buffer: png(640, 400) });
const report: FilePayload = { name: "Q3 report.pdf", mimeType: "application/pdf", buffer: pdf() };

test("a picture with a caption reaches the recipient inline, at its size, with its ticks; it opens large", async ({
  people,
}) => {
  const [alice, bob] = await people("alice", "bob");
  await alice.chat.startDirectChat(bob.name);
  await bob.chat.open(new RegExp(alice.name));
  const mine = new Attachments(alice.page);
  const theirs = new Attachments(bob.page);

  await mine.pick(photo());
  await expect(mine.tray.getByRole("listitem")).toHaveCount(1);
  await alice.chat.send("our cat");
  await expect(mine.tray).toBeHidden();

  const picture = theirs.picture("cat.png").getByRole("img");
  await expect(bob.chat.message("our cat")).toBeVisible();
  // Its box is the picture's shape (640 × 400 shown at 260 × 163) before and after it loads.
  await expect(picture).toHaveAttribute("width", "260");
  await expect(picture).toHaveAttribute("height", "163");
  await expect
    .poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
    .toBe(640);
  const box = await picture.boundingBox();
  expect([Math.round(box!.width), Math.round(box!.height)]).toEqual([260, 163]);
  await expect(alice.chat.status("our cat")).toHaveAttribute("data-status", "read");

  await theirs.picture("cat.png").click();
  const large = bob.page.getByRole("dialog", { name: "cat.png" });
  await expect(large).toBeVisible();
  await bob.page.keyboard.press("Escape");
  await expect(large).toBeHidden();
  await expect(theirs.picture("cat.png")).toBeFocused();
});

test.describe(() => {
  // Without the service worker: it would serve the app's scripts itself, past the holds below.
  test.use({ serviceWorkers: "block" });

  test("a picture and a file that come live keep their room while their code loads: nothing moves", async ({
    people,
  }) => {
    const [alice, bob] = await people("alice", "bob");
    await alice.chat.startDirectChat(bob.name);
    await bob.chat.open(new RegExp(alice.name));
    // Bob's page has shown no files yet, so the code that shows them is still to come: hold it.
    const release = await holdRequests(bob.page, "**/_next/static/chunks/**");

    await new Attachments(alice.page).pick(photo("view.png"), report);
    await alice.chat.send("two things");
    const message = bob.chat.message("two things");
    const shown = message.getByTestId("attachments");
    await expect(shown).toBeVisible();
    await expect(message.getByRole("img")).toHaveCount(0);
    const size = async () => {
      const [bubble, files, time] = await Promise.all(
        [message, shown, message.locator("time")].map((l) => l.boundingBox()),
      );
      return [bubble!.width, bubble!.height, files!.width, files!.height, time!.y - bubble!.y].map(
        Math.round,
      );
    };
    const room = await size();

    release();
    const theirs = new Attachments(bob.page);
    const picture = theirs.picture("view.png").getByRole("img");
    await expect(theirs.download("Q3 report.pdf")).toBeVisible();
    await expect
      .poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBe(640);
    expect(await size()).toEqual(room);
  });

  test("Send waits while picked files are still being checked: the caption goes with them, not alone", async ({
    people,
  }) => {
    const [alice, bob] = await people("alice", "bob");
    await alice.chat.startDirectChat(bob.name);
    await bob.chat.open(new RegExp(alice.name));
    // The code that checks picked files loads with the first pick: hold it, as a slow phone would.
    const release = await holdRequests(alice.page, "**/_next/static/chunks/**");
    const mine = new Attachments(alice.page);
    await alice.chat.composer.fill("with its report");
    await mine.pick(report);
    const send = alice.page.getByRole("button", { name: "Send" });
    await expect(send).toBeDisabled();
    await expect(send).toHaveAttribute("aria-busy", "true");

    release();
    await expect(mine.tray.getByRole("listitem")).toHaveCount(1);
    await send.click();
    await expect(mine.tray).toBeHidden();
    const theirs = new Attachments(bob.page);
    await expect(bob.chat.message("with its report")).toBeVisible();
    await expect(
      bob.chat.message("with its report").getByRole("link", { name: /^Download Q3 report\.pdf/ }),
    ).toBeVisible();
    await expect(theirs.download("Q3 report.pdf")).toHaveCount(1);
  });
});

test("a dropped file downloads on the other side with its name", async ({ people }) => {
  const [alice, bob] = await people("alice", "bob");
  await alice.chat.startDirectChat(bob.name);
  await bob.chat.open(new RegExp(alice.name));

  await new Attachments(alice.page).drop(report);
  await alice.chat.send("the report");
  const link = new Attachments(bob.page).download("Q3 report.pdf");
  await expect(link).toBeVisible();
  await expect(alice.chat.status("the report")).toHaveAttribute("data-status", "read");

  const download = bob.page.waitForEvent("download");
  await link.click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("Q3 report.pdf");
  expect(readFileSync(await file.path()).equals(report.buffer)).toBe(true);
});

test("a failed upload is Not sent, and Retry sends it without picking the file again, after a reload too", async ({
  people,
}) => {
  const [alice, bob] = await people("alice", "bob");
  await alice.chat.startDirectChat(bob.name);
  await bob.chat.open(new RegExp(alice.name));
  const mine = new Attachments(alice.page);

  await alice.page.route(`${STORE}/**`, (route) =>
    route.request().method() === "PUT" ? route.abort("failed") : route.continue(),
  );
  await mine.paste(photo("screenshot.png"));
  await expect(mine.tray.getByRole("listitem")).toHaveCount(1);
  await alice.chat.send("pasted screenshot");
  await expect(alice.chat.status("pasted screenshot")).toHaveAttribute("data-status", "failed");
  await expect(alice.chat.status("pasted screenshot")).toHaveText("Not sent");
  await expect(bob.chat.message("pasted screenshot")).toHaveCount(0);

  await alice.page.unrouteAll();
  // The file waits in the outbox (IndexedDB), not in the page: it is still there after a reload,
  // its preview with it.
  await alice.page.reload();
  await expect(alice.chat.status("pasted screenshot")).toHaveAttribute("data-status", "failed");
  const preview = alice.chat.message("pasted screenshot").getByRole("img", { name: "screenshot.png" });
  await expect
    .poll(() => preview.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
    .toBe(640);
  await alice.chat.message("pasted screenshot").getByRole("button", { name: "Retry" }).click();
  await expect(alice.chat.status("pasted screenshot")).toHaveAttribute("data-status", "read");
  await expect(new Attachments(bob.page).picture("screenshot.png")).toHaveCount(1);
  await expect(bob.chat.message("pasted screenshot")).toHaveCount(1);
});

test("only members get a picture's link, and the store serves nothing without one", async ({ people }) => {
  const [alice, bob, carol] = await people("alice", "bob", "carol");
  await alice.chat.startDirectChat(bob.name);
  await new Attachments(alice.page).pick(photo("private.png"));
  await alice.chat.send("just for bob");
  const src = await new Attachments(alice.page).picture("private.png").getByRole("img").getAttribute("src");
  expect(src).toMatch(/^\/api\/conversations\/\w+\/attachments\/\w+$/);

  const forBob = await bob.page.request.get(src!, { maxRedirects: 0 });
  expect(forBob.status()).toBe(302);
  const link = forBob.headers().location!;
  expect(link.startsWith(`${STORE}/`)).toBe(true);
  expect((await bob.page.request.get(link)).status()).toBe(200);

  expect((await carol.page.request.get(src!, { maxRedirects: 0 })).status()).toBe(403);
  // The object itself, without the link's signature: the bucket is private.
  expect((await carol.page.request.get(link.split("?")[0]!)).status()).toBe(403);
});

test("a file that can't be sent is refused at once, saying why", async ({ people }) => {
  const [alice] = await people("alice");
  const mine = new Attachments(alice.page);
  await mine.pick({ name: "page.html", mimeType: "text/html", buffer: Buffer.from("<p>hi</p>") });
  await expect(alice.chat.toasts).toContainText("page.html can't be sent: only pictures");
  await expect(mine.tray).toBeHidden();
});

test("a picture deleted for everyone goes for both, and its link stops working", async ({ people }) => {
  const [alice, bob] = await people("alice", "bob");
  await alice.chat.startDirectChat(bob.name);
  await bob.chat.open(new RegExp(alice.name));
  await new Attachments(alice.page).pick(photo("oops.png"));
  await alice.chat.send("wrong picture");
  const theirs = new Attachments(bob.page);
  await expect(theirs.picture("oops.png")).toHaveCount(1);
  const src = await theirs.picture("oops.png").getByRole("img").getAttribute("src");

  await new MessageActions(alice.chat).choose("wrong picture", "Delete for everyone");
  await expect(alice.chat.message("You deleted this message")).toBeVisible();
  await expect(bob.chat.message("This message was deleted")).toBeVisible();
  await expect(theirs.picture("oops.png")).toHaveCount(0);
  await expect(new Attachments(alice.page).picture("oops.png")).toHaveCount(0);
  expect((await bob.page.request.get(src!, { maxRedirects: 0 })).status()).toBe(404);
});
