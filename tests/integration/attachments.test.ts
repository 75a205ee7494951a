// Pictures and files (docs/architecture.md, "Attachments") against the real local S3-compatible
// store: who may upload, what may be uploaded, what a message may reference, who may read, and
// what happens to uploads no message took.
import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { ConversationUpdatedEvent, Message } from "@/lib/core/types";
import { FILE_NAME_MAX_CHARS } from "@/lib/core/attachments";
import { deleteAttachmentsOf } from "@/lib/server/chat/attachments";
import { findAttachment } from "@/lib/server/db/attachments";
import { prisma } from "@/lib/server/db/client";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { store } from "@/lib/server/storage/client";
import { cleanupOrphanUploads } from "@/lib/server/storage/cleanup";
import { inspectObject } from "@/lib/server/storage/inspect";
import { presignRead } from "@/lib/server/storage/presign";
import { keyOf, page, pdf, png, presign, put, sendWith, upload } from "./files";
import {
  anonymous,
  as,
  messagesOf,
  registerAll,
  routes,
  startDirect,
  startGroup,
  summaryOf,
  type TestUser,
} from "./helpers";
import { connectAs, disconnectAll } from "./realtime";

let alice: TestUser;
let bob: TestUser;
let carol: TestUser; // not in alice and bob's chat
let chat: string;

beforeAll(async () => {
  [alice, bob, carol] = await registerAll("alice", "bob", "carol");
  chat = (await startDirect(alice, bob)).id;
});

afterEach(() => {
  disconnectAll();
  vi.useRealTimers();
});

const photo = (width = 40, height = 30) => ({
  name: "photo.png",
  contentType: "image/png",
  bytes: png(width, height),
  width,
  height,
});
const report = () => ({ name: "Q3 report (final).pdf", contentType: "application/pdf", bytes: pdf() });

async function stored(key: string) {
  return (await inspectObject(key)).found;
}

/** Makes an upload as old as if it had been presigned `hours` ago. */
async function age(id: string, hours: number) {
  await prisma.attachment.update({
    where: { id },
    data: { createdAt: new Date(Date.now() - hours * 3600_000) },
  });
}

describe("presigning an upload", () => {
  it("answers a member 201 with a PUT URL on the store, its key bound to the member, chat and message", async () => {
    const clientId = randomUUID();
    const { status, json } = await presign(alice, chat, clientId, photo());
    expect(status).toBe(201);
    expect(json.upload).toEqual({
      id: expect.any(String),
      url: expect.stringMatching(new RegExp(`^${process.env.S3_ENDPOINT}/`)),
      headers: { "content-type": "image/png" },
    });
    expect(keyOf(json.upload.url)).toBe(`c/${chat}/u/${alice.id}/${clientId}/${json.upload.id}`);
    // Size and type are part of the signature, not something the browser may change.
    expect(new URL(json.upload.url).searchParams.get("X-Amz-SignedHeaders")).toBe(
      "content-length;content-type;host",
    );
  });

  it("answers 401 signed out and 403 to someone outside the conversation", async () => {
    expect((await presign(null, chat, randomUUID(), photo())).status).toBe(401);
    expect((await presign(carol, chat, randomUUID(), photo())).status).toBe(403);
  });

  it("refuses files over 10 MB (413), empty files, and types off the allow-list — HTML and SVG included", async () => {
    expect((await presign(alice, chat, randomUUID(), photo(), 10 * 1024 * 1024 + 1)).status).toBe(413);
    expect((await presign(alice, chat, randomUUID(), photo(), 10 * 1024 * 1024)).status).toBe(201);
    expect((await presign(alice, chat, randomUUID(), photo(), 0)).status).toBe(400);
    for (const contentType of [
      "text/html",
      "image/svg+xml",
      "application/xhtml+xml",
      "application/x-msdownload",
    ]) {
      const answer = await presign(alice, chat, randomUUID(), { ...photo(), contentType });
      expect(answer.status, contentType).toBe(400);
      expect(answer.json.error.message).toMatch(/Only pictures/);
    }
  });

  it("keeps only the last segment of a name given as a path", async () => {
    const clientId = randomUUID();
    const { id } = await upload(alice, chat, clientId, { ...photo(), name: "../../etc/cat.png" });
    const { json } = await sendWith(alice, chat, { clientId, attachmentIds: [id] });
    expect(json.message.attachments[0].name).toBe("cat.png");
  });
});

describe("the store", () => {
  it("refuses a PUT whose size or type differs from what was presigned", async () => {
    const { json } = await presign(alice, chat, randomUUID(), photo());
    const bigger = Buffer.concat([photo().bytes, Buffer.from("more")]);
    expect((await put(json.upload, bigger)).status).toBe(403);
    expect((await put(json.upload, photo().bytes, { "content-type": "text/html" })).status).toBe(403);
    expect(await stored(keyOf(json.upload.url))).toBe(false);
  });

  it("is not public: an object's URL without a valid signature is refused", async () => {
    const { url } = await upload(alice, chat, randomUUID(), photo());
    expect((await fetch(url.split("?")[0]!)).status).toBe(403);
    const tampered = new URL(url);
    tampered.searchParams.set("X-Amz-Expires", "604800");
    expect((await fetch(tampered, { method: "PUT", body: "x" })).status).toBe(403);
  });
});

describe("a message with attachments", () => {
  it("is stored with each file's verified type and pixel size, and reaches the recipient with them", async () => {
    const bobs = await (await connectAs(bob)).subscribe(`private-user-${bob.id}`);
    const clientId = randomUUID();
    const a = await upload(alice, chat, clientId, photo(64, 48));
    const b = await upload(alice, chat, clientId, report());
    const { status, json } = await sendWith(alice, chat, {
      body: "the photo and the report",
      clientId,
      attachmentIds: [a.id, b.id],
    });
    expect(status, JSON.stringify(json)).toBe(201);
    expect(json.message.attachments).toEqual([
      {
        id: a.id,
        name: "photo.png",
        contentType: "image/png",
        size: png(64, 48).length,
        kind: "image",
        width: 64,
        height: 48,
      },
      {
        id: b.id,
        name: "Q3 report (final).pdf",
        contentType: "application/pdf",
        size: pdf().length,
        kind: "file",
      },
    ]);
    // Delivered means this — the message with its attachments' metadata — reached the device.
    const { lastMessage } = await bobs.next<ConversationUpdatedEvent>(
      "conversation.updated",
      (e) => e.lastMessage?.id === json.message.id,
    );
    expect(lastMessage?.attachments).toEqual(json.message.attachments);
    const seen = (await messagesOf(bob, chat)).messages.find((m) => m.id === json.message.id);
    expect(seen?.attachments).toEqual(json.message.attachments);
    // The list's one-row-per-conversation query previews the last message by what it carries.
    const listed = await summaryOf(bob, chat);
    expect(listed.lastMessage?.id).toBe(json.message.id);
    expect(listed.lastMessage?.attachments).toEqual(json.message.attachments);
  });

  it("may have no caption, but not be empty altogether", async () => {
    const clientId = randomUUID();
    const { id } = await upload(alice, chat, clientId, photo());
    const answer = await sendWith(alice, chat, { body: "   ", clientId, attachmentIds: [id] });
    expect(answer.status).toBe(201);
    expect(answer.json.message.body).toBe("");
    expect((await sendWith(alice, chat, { attachmentIds: [] })).status).toBe(400);
  });

  it("has at most 10 attachments", async () => {
    const ids = Array.from({ length: 11 }, () => `c${randomUUID().replace(/-/g, "").slice(0, 24)}`);
    const answer = await sendWith(alice, chat, { attachmentIds: ids });
    expect(answer.status).toBe(400);
    expect(answer.json.error.message).toMatch(/at most 10 attachments/);
  });

  it("with ten long-named files still reaches the recipient in one realtime event", async () => {
    const bobs = await (await connectAs(bob)).subscribe(`private-user-${bob.id}`);
    const clientId = randomUUID();
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      const name = `${"😀".repeat(FILE_NAME_MAX_CHARS - 4)}.png`; // the longest name there is
      ids.push((await upload(alice, chat, clientId, { ...photo(), name })).id);
    }
    const sent = await sendWith(alice, chat, { body: "ten of them", clientId, attachmentIds: ids });
    expect(sent.status).toBe(201);
    const { lastMessage } = await bobs.next<ConversationUpdatedEvent>(
      "conversation.updated",
      (e) => e.lastMessage?.id === sent.json.message.id,
    );
    expect(lastMessage?.attachments).toHaveLength(10);
  });

  it("is refused when a file's bytes aren't what it claims: a page renamed cat.png, or sent as text", async () => {
    for (const contentType of ["image/png", "text/plain", "application/pdf"]) {
      const clientId = randomUUID();
      const { id, url } = await upload(alice, chat, clientId, {
        name: "cat.png",
        contentType,
        bytes: page(),
      });
      const answer = await sendWith(alice, chat, { clientId, attachmentIds: [id] });
      expect(answer.status, contentType).toBe(422);
      expect(answer.json.error.message).toMatch(/cat\.png can't be sent/);
      // Nothing may ever fetch it: the object is gone at once.
      expect(await stored(keyOf(url))).toBe(false);
    }
  });

  it("serves a picture for what its bytes are, whatever its name says", async () => {
    const clientId = randomUUID();
    const { id } = await upload(alice, chat, clientId, {
      ...photo(),
      name: "photo.jpg",
      contentType: "image/jpeg",
    });
    const { json } = await sendWith(alice, chat, { clientId, attachmentIds: [id] });
    expect(json.message.attachments[0]).toMatchObject({ contentType: "image/png", kind: "image" });
  });

  it("accepts plain text and refuses binary sent as text", async () => {
    const clientId = randomUUID();
    const notes = await upload(alice, chat, clientId, {
      name: "notes.txt",
      contentType: "text/plain",
      bytes: Buffer.from("été <3\n"),
    });
    expect((await sendWith(alice, chat, { clientId, attachmentIds: [notes.id] })).status).toBe(201);
    const other = randomUUID();
    const binary = await upload(alice, chat, other, {
      name: "notes.txt",
      contentType: "text/plain",
      bytes: png(4, 4),
    });
    expect((await sendWith(alice, chat, { clientId: other, attachmentIds: [binary.id] })).status).toBe(422);
  });

  it("is refused when it names someone else's upload, another message's, or another chat's", async () => {
    const group = (await startGroup(alice, "Room", [bob])).id;
    const clientId = randomUUID();
    const bobs = await upload(bob, chat, clientId, photo());
    const otherMessage = await upload(alice, chat, randomUUID(), photo());
    const otherChat = await upload(alice, group, clientId, photo());
    for (const id of [bobs.id, otherMessage.id, otherChat.id, "cnosuchupload0000000000000"]) {
      const answer = await sendWith(alice, chat, { clientId, attachmentIds: [id] });
      expect(answer.status, id).toBe(422);
      expect(answer.json.error.message).toMatch(/isn't one of your uploads for this message/);
    }
  });

  it("is refused when the file never arrived, or arrived with another size", async () => {
    const clientId = randomUUID();
    const { json } = await presign(alice, chat, clientId, photo());
    const answer = await sendWith(alice, chat, { clientId, attachmentIds: [json.upload.id] });
    expect(answer.status).toBe(422);
    expect(answer.json.error.message).toMatch(/never finished uploading/);

    // Written by other means than the presigned PUT (which the store holds to its size).
    const { client, config } = store();
    await client.send(
      new PutObjectCommand({
        Bucket: config.bucket,
        Key: keyOf(json.upload.url),
        Body: png(80, 80),
        ContentType: "image/png",
      }),
    );
    const resized = await sendWith(alice, chat, { clientId, attachmentIds: [json.upload.id] });
    expect(resized.status).toBe(422);
    expect(resized.json.error.message).toMatch(/isn't the size it was announced at/);
  });

  it("is stored once however often it is retried, with the same attachments", async () => {
    const clientId = randomUUID();
    const { id } = await upload(alice, chat, clientId, photo());
    const first = await sendWith(alice, chat, { body: "once", clientId, attachmentIds: [id] });
    const again = await sendWith(alice, chat, { body: "once", clientId, attachmentIds: [id] });
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.json.message).toMatchObject({
      id: first.json.message.id,
      attachments: first.json.message.attachments,
    });
    const other = await sendWith(alice, chat, { body: "once", clientId, attachmentIds: [] });
    expect(other.status).toBe(409);
  });

  it("can't take an upload close to its 24-hour cleanup", async () => {
    const clientId = randomUUID();
    const { id } = await upload(alice, chat, clientId, photo());
    await age(id, 23.5);
    const answer = await sendWith(alice, chat, { clientId, attachmentIds: [id] });
    expect(answer.status).toBe(422);
    expect(answer.json.error.message).toMatch(/expired/);
  });
});

describe("reading an attachment", () => {
  let message: Message;
  beforeAll(async () => {
    const clientId = randomUUID();
    const a = await upload(alice, chat, clientId, photo());
    const b = await upload(alice, chat, clientId, report());
    message = (await sendWith(alice, chat, { clientId, attachmentIds: [a.id, b.id] })).json.message;
  });
  const link = (user: TestUser | null, attachmentId: string, conversationId = chat) =>
    as(user).call(routes.attachment.GET, { id: conversationId, attachmentId });

  it("redirects a member to a short-lived link on the store: pictures inline, files as downloads", async () => {
    const [image, file] = message.attachments!;
    const toImage = await link(bob, image!.id);
    expect(toImage.status).toBe(302);
    const location = toImage.headers.get("location")!;
    expect(location.startsWith(`${process.env.S3_ENDPOINT}/`)).toBe(true);
    expect(toImage.headers.get("cache-control")).toMatch(/^private, max-age=\d+$/);
    const picture = await fetch(location);
    expect(picture.status).toBe(200);
    expect(picture.headers.get("content-type")).toBe("image/png");
    expect(picture.headers.get("content-disposition")).toMatch(/^inline;/);
    expect(Buffer.from(await picture.arrayBuffer()).equals(png(40, 30))).toBe(true);

    const download = await fetch((await link(bob, file!.id)).headers.get("location")!);
    expect(download.headers.get("content-disposition")).toBe(
      `attachment; filename="Q3 report (final).pdf"; filename*=UTF-8''Q3%20report%20%28final%29.pdf`,
    );
    expect(download.headers.get("content-type")).toBe("application/pdf");
  });

  it("answers 401 signed out, 403 outside the conversation, 404 for an unknown or malformed id", async () => {
    const id = message.attachments![0]!.id;
    expect((await link(null, id)).status).toBe(401);
    expect((await link(carol, id)).status).toBe(403);
    expect((await link(bob, "cnosuchattachment000000000")).status).toBe(404);
    expect((await link(bob, "../../etc")).status).toBe(404);
  });

  it("never links an upload that no message took, not even for its uploader", async () => {
    const { id } = await upload(alice, chat, randomUUID(), photo());
    expect((await link(alice, id)).status).toBe(404);
  });

  it("gives links that the store refuses once they expire (≤ 10 minutes)", async () => {
    const attachment = { ...message.attachments![0]!, key: "" };
    attachment.key = (await findAttachment(chat, attachment.id))!.key;
    const fresh = await presignRead(attachment);
    expect((await fetch(fresh.url)).status).toBe(200);
    const old = await presignRead(attachment, Date.now() - 11 * 60_000);
    expect((await fetch(old.url)).status).toBe(403);
  });
});

describe("uploads no message took", () => {
  it("are deleted, object and row, after 24 hours — attached and recent ones stay", async () => {
    const orphan = await upload(alice, chat, randomUUID(), photo());
    const clientId = randomUUID();
    const kept = await upload(alice, chat, clientId, photo());
    await sendWith(alice, chat, { clientId, attachmentIds: [kept.id] });

    await Promise.all([age(orphan.id, 23), age(kept.id, 25)]);
    expect(await cleanupOrphanUploads()).toEqual({ deleted: 0 });
    expect(await stored(keyOf(orphan.url))).toBe(true);

    await age(orphan.id, 24.1);
    const { deleted } = await cleanupOrphanUploads();
    expect(deleted).toBeGreaterThanOrEqual(1);
    expect(await stored(keyOf(orphan.url))).toBe(false);
    expect(await stored(keyOf(kept.url))).toBe(true);
  });

  it("are also cleaned up by the next upload, with no scheduler at all", async () => {
    const orphan = await upload(alice, chat, randomUUID(), photo());
    await age(orphan.id, 25);
    // At most every 10 minutes per server instance (an earlier upload in this file ran it).
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 11 * 60_000 });
    expect((await presign(alice, chat, randomUUID(), photo())).status).toBe(201);
    expect(await stored(keyOf(orphan.url))).toBe(false);
  });

  it("are cleaned up by the cron route only with the cron secret", async () => {
    const orphan = await upload(alice, chat, randomUUID(), photo());
    const call = (authorization?: string) =>
      anonymous.call(routes.cleanupUploads.GET, { headers: authorization ? { authorization } : {} });
    expect((await call()).status).toBe(401);
    expect((await call("Bearer wrong-secret-0123456789")).status).toBe(401);
    await age(orphan.id, 25);
    const answer = await call(`Bearer ${process.env.CRON_SECRET}`);
    expect(answer.status).toBe(200);
    expect(answer.json.deleted).toBeGreaterThanOrEqual(1);
    expect(await stored(keyOf(orphan.url))).toBe(false);
  });
});

describe("deleting messages' files (for delete-for-everyone)", () => {
  it("removes the objects and the rows", async () => {
    const clientId = randomUUID();
    const { id, url } = await upload(alice, chat, clientId, photo());
    const { json } = await sendWith(alice, chat, { clientId, attachmentIds: [id] });
    expect(await deleteAttachmentsOf([json.message.id])).toBe(1);
    expect(await stored(keyOf(url))).toBe(false);
    expect(await findAttachment(chat, id)).toBeNull();
    expect((await as(bob).call(routes.attachment.GET, { id: chat, attachmentId: id })).status).toBe(404);
    const seen = (await messagesOf(bob, chat)).messages.find((m) => m.id === json.message.id);
    expect(seen?.attachments).toBeUndefined();
    expect(await deleteAttachmentsOf([json.message.id])).toBe(0);
  });
});

describe("deleting a message for everyone", () => {
  const removeForEveryone = (user: TestUser, id: string, seq: number) =>
    as(user).call(routes.message.DELETE, { method: "DELETE", id, seq, query: { for: "everyone" } });

  it("deletes its files: objects and rows gone, links 404, no attachments in the tombstone or its event", async () => {
    const clientId = randomUUID();
    const picture = await upload(alice, chat, clientId, photo());
    const file = await upload(alice, chat, clientId, {
      name: "notes.pdf",
      contentType: "application/pdf",
      bytes: pdf(),
    });
    const { json } = await sendWith(alice, chat, {
      body: "both",
      clientId,
      attachmentIds: [picture.id, file.id],
    });
    const sent = json.message as Message;
    expect(sent.attachments).toHaveLength(2);
    const bobs = await (await connectAs(bob)).subscribe(`private-user-${bob.id}`);

    const answer = await removeForEveryone(alice, chat, sent.seq);
    expect(answer.status).toBe(200);
    expect(answer.json.message).toMatchObject({ seq: sent.seq, deleted: true, body: "" });
    expect(answer.json.message.attachments).toBeUndefined();
    const heard = await bobs.next<{ message: Message }>("message.changed", (e) => e.message.seq === sent.seq);
    expect(heard.message.deleted).toBe(true);
    expect(heard.message.attachments).toBeUndefined();
    expect(JSON.stringify(heard)).not.toContain("notes.pdf");

    for (const { id, url } of [picture, file]) {
      expect(await stored(keyOf(url))).toBe(false);
      expect(await findAttachment(chat, id)).toBeNull();
      for (const user of [alice, bob]) {
        expect((await as(user).call(routes.attachment.GET, { id: chat, attachmentId: id })).status).toBe(404);
      }
    }
    const tombstone = (await messagesOf(bob, chat)).messages.find((m) => m.seq === sent.seq);
    expect(tombstone).toMatchObject({ deleted: true });
    expect(tombstone?.attachments).toBeUndefined();
    // Idempotent: deleting again changes nothing and fails nothing.
    expect((await removeForEveryone(alice, chat, sent.seq)).status).toBe(200);
  });

  it("with the store down still deletes the message; orphan cleanup then takes the files", async () => {
    const clientId = randomUUID();
    const picture = await upload(alice, chat, clientId, photo());
    const { json } = await sendWith(alice, chat, { clientId, attachmentIds: [picture.id] });
    const sent = json.message as Message;
    const down = vi.spyOn(store().client, "send").mockRejectedValue(new Error("store down"));
    try {
      const answer = await removeForEveryone(alice, chat, sent.seq);
      expect(answer.status).toBe(200);
      expect(answer.json.message.attachments).toBeUndefined();
    } finally {
      down.mockRestore();
    }
    // Detached with the tombstone: no link from the commit on, though the object is still there.
    expect((await as(bob).call(routes.attachment.GET, { id: chat, attachmentId: picture.id })).status).toBe(
      404,
    );
    expect(await stored(keyOf(picture.url))).toBe(true);
    expect((await findAttachment(chat, picture.id))?.messageId).toBeNull();
    const { deleted } = await cleanupOrphanUploads();
    expect(deleted).toBeGreaterThanOrEqual(1);
    expect(await stored(keyOf(picture.url))).toBe(false);
    expect(await findAttachment(chat, picture.id)).toBeNull();
  });
});
