// The steps a browser takes to upload a file, for the attachment tests.
import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import { as, routes, type TestUser } from "./helpers";

export { page, pdf, png } from "@/tests/support/sample-files";

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
