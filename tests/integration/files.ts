// Real files for the attachment tests, made in memory: a PNG of any size (valid chunks and CRCs),
// a PDF, a page with a script — and the steps a browser takes to upload one.
import { randomUUID } from "node:crypto";
import { crc32, deflateSync } from "node:zlib";
import { expect } from "vitest";
import { as, routes, type TestUser } from "./helpers";

function chunk(type: string, data: Buffer) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A grey PNG of `width` × `height` pixels. */
export function png(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  const rows = Buffer.alloc((width + 1) * height, 0x80);
  for (let y = 0; y < height; y++) rows[y * (width + 1)] = 0; // filter byte
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

export const pdf = () =>
  Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

export const page = () =>
  Buffer.from("<!doctype html><html><body><script>alert(document.cookie)</script></body></html>");

export type FileSpec = { name: string; contentType: string; bytes: Buffer; width?: number; height?: number };

/** POST …/uploads as `user`: the answer, whatever it is. */
export function presign(
  user: TestUser | null,
  conversationId: string,
  clientId: string,
  file: FileSpec,
  size?: number,
) {
  return as(user).call(routes.uploads.POST, {
    id: conversationId,
    body: {
      clientId,
      name: file.name,
      contentType: file.contentType,
      size: size ?? file.bytes.length,
      ...(file.width ? { width: file.width, height: file.height } : {}),
    },
  });
}

/** The browser's PUT of the bytes to a presigned URL. */
export function put(
  ticket: { url: string; headers: Record<string, string> },
  bytes: Buffer,
  headers = ticket.headers,
) {
  return fetch(ticket.url, { method: "PUT", headers, body: new Uint8Array(bytes) });
}

/** Presigns and uploads one file; answers the upload's id and where it went. */
export async function upload(user: TestUser, conversationId: string, clientId: string, file: FileSpec) {
  const { status, json } = await presign(user, conversationId, clientId, file);
  expect(status, JSON.stringify(json)).toBe(201);
  const stored = await put(json.upload, file.bytes);
  expect(stored.status, await stored.clone().text()).toBe(200);
  return { id: json.upload.id as string, url: json.upload.url as string };
}

/** The object key a presigned URL names (path-style: /bucket/key). */
export const keyOf = (url: string) => decodeURIComponent(new URL(url).pathname.split("/").slice(2).join("/"));

export function sendWith(
  user: TestUser,
  conversationId: string,
  input: { body?: string; clientId?: string; attachmentIds: string[] },
) {
  return as(user).call(routes.messages.POST, {
    id: conversationId,
    body: {
      body: input.body ?? "",
      clientId: input.clientId ?? randomUUID(),
      attachmentIds: input.attachmentIds,
    },
  });
}
