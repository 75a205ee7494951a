import "server-only";
import { requestUser, type SessionUser } from "@/lib/server/auth/session";
import { seqParamSchema } from "@/lib/core/validations/common";
import { conversationIdOf } from "@/lib/server/chat/access";
import { AppError, toErrorResponse } from "@/lib/server/errors";
import { failure } from "./failure";
import { assertSameOrigin } from "./origin";

// A JSON request is small: the largest valid one (a 4 KB message) is far below this. Reading
// stops here, before parsing, so a huge body costs nothing.
const MAX_BODY_BYTES = 16 * 1024;

type IdContext = { params: Promise<{ id: string }> };

/**
 * Runs a route handler: refuses cross-site writes, and turns every thrown error into the API's
 * error shape.
 */
export function route<C>(fn: (request: Request, context: C) => Promise<Response>) {
  return async (request: Request, context: C) => {
    try {
      assertSameOrigin(request);
      return await fn(request, context);
    } catch (error) {
      return toErrorResponse(await failure(error));
    }
  };
}

/** A route for a signed-in user (401 otherwise). */
export function authedRoute<C>(fn: (request: Request, user: SessionUser, context: C) => Promise<Response>) {
  return route<C>(async (request, context) => fn(request, await requestUser(request), context));
}

/** The `[id]` of a conversation route, judged as every conversation id is (access.ts). */
export async function conversationId(context: IdContext): Promise<string> {
  return conversationIdOf((await context.params).id);
}

/** The `[seq]` of a message route: a malformed one names no message (404, like an unknown one). */
export async function messageSeq(context: { params: Promise<{ seq: string }> }): Promise<number> {
  const parsed = seqParamSchema.safeParse((await context.params).seq);
  if (!parsed.success) throw new AppError("not_found", "No such message");
  return parsed.data;
}

/** The request's JSON body: only `application/json`, at most MAX_BODY_BYTES. */
export async function readJson(request: Request): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) {
    throw new AppError("bad_request", "Send JSON (Content-Type: application/json)");
  }
  const text = await readText(request);
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "Body is not valid JSON");
  }
}

/** The body as text, refusing (413) anything over `max` (MAX_BODY_BYTES) without reading it all. */
export async function readText(request: Request, max = MAX_BODY_BYTES): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > max) throw tooLarge(max);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      throw tooLarge(max);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export function searchParams(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}

function tooLarge(max: number) {
  return new AppError("payload_too_large", `Request body over ${max} bytes`);
}
