import { z } from "zod";
import { MAX_ATTACHMENTS } from "../attachments";
import { idSchema, seqParamSchema, seqSchema, socketIdSchema } from "./common";
import { EMOJI_MAX_LENGTH, isOneEmoji } from "./emoji";
import { CONTROL_EXCEPT_TAB_NEWLINE, hasVisibleText, isCleanLabel } from "./text";

import { GROUP_MAX_MEMBERS, MESSAGE_MAX_BYTES, MESSAGE_MAX_CHARS, PAGE_MAX, PAGE_SIZE } from "./limits";

export { GROUP_MAX_MEMBERS, MESSAGE_MAX_BYTES, MESSAGE_MAX_CHARS, PAGE_MAX, PAGE_SIZE };

/** A message's text, which may be empty when it carries attachments (then it is their caption). */
const captionSchema = z
  .string()
  // Pasted Windows/old-Mac line ends become plain newlines rather than a refusal.
  .transform((s) => s.replace(/\r\n?/g, "\n"))
  // Characters as people count them (code points): an emoji is one, not two UTF-16 units.
  .refine((s) => [...s].length <= MESSAGE_MAX_CHARS, `A message is at most ${MESSAGE_MAX_CHARS} characters`)
  // Control characters (other than tab and newline) and lone surrogates are refused: they have
  // no place in chat text and would bloat the JSON of a realtime event past Pusher's 10 KB.
  .refine((s) => s.isWellFormed(), "A message must be valid Unicode text")
  .refine((s) => !CONTROL_EXCEPT_TAB_NEWLINE.test(s), "A message cannot contain control characters")
  .refine(
    (s) => Buffer.byteLength(s, "utf8") <= MESSAGE_MAX_BYTES,
    `A message is at most ${MESSAGE_MAX_BYTES} bytes`,
  );

export const messageBodySchema = captionSchema.refine(hasVisibleText, "A message cannot be empty");

export const sendMessageSchema = z
  .object({
    body: captionSchema,
    clientId: z.uuid("clientId must be a UUID"),
    /** The message this one answers, in the same conversation. */
    replyToSeq: seqSchema.min(1).optional(),
    socketId: socketIdSchema.optional(),
    // Uploads of this message (POST …/uploads with the same clientId), in the order shown.
    attachmentIds: z
      .array(idSchema)
      .max(MAX_ATTACHMENTS, `A message has at most ${MAX_ATTACHMENTS} attachments`)
      .refine((ids) => new Set(ids).size === ids.length, "An attachment is listed twice")
      .optional(),
  })
  .refine((m) => hasVisibleText(m.body) || (m.attachmentIds?.length ?? 0) > 0, {
    message: "A message cannot be empty",
    path: ["body"],
  })
  // A caption of only spaces is no caption.
  .transform((m) => (hasVisibleText(m.body) ? m : { ...m, body: "" }));

export const editMessageSchema = z.object({ body: messageBodySchema, socketId: socketIdSchema.optional() });

export const deleteMessageQuerySchema = z.object({
  for: z.enum(["everyone", "me"], { error: 'for: "everyone" or "me"' }),
});

export const reactionSchema = z.object({
  emoji: z.string().max(EMOJI_MAX_LENGTH, "One emoji").refine(isOneEmoji, "Pick one emoji"),
  on: z.boolean(),
  socketId: socketIdSchema.optional(),
});

export const groupTitleSchema = z
  .string()
  .trim()
  .min(1, "A group needs a title")
  .max(64, "A title is at most 64 characters")
  .refine(isCleanLabel, "Title has invalid characters");

export const renameGroupSchema = z.object({ title: groupTitleSchema });

export const addMembersSchema = z.object({
  userIds: z
    .array(idSchema)
    .min(1, "Add at least one person")
    .max(GROUP_MAX_MEMBERS - 1),
});

/** Changes after a change sequence (catch-up of edits, deletions, reactions, new messages). */
export const changesQuerySchema = z.object({
  after: seqParamSchema,
  limit: z
    .string()
    .regex(/^\d{1,3}$/, "limit must be a whole number")
    .transform(Number)
    .pipe(z.number().int().min(1).max(PAGE_MAX))
    .default(PAGE_MAX),
});
export type SendMessageInput = z.infer<typeof sendMessageSchema>;

export const ackSchema = z.object({
  upTo: seqSchema,
  socketId: socketIdSchema.optional(),
});

/** One user's acks for many conversations at once (`POST /api/delivered`). */
export const ACK_BATCH_MAX = 100;
export const ackBatchSchema = z.object({
  marks: z
    .array(
      z
        .object({
          conversationId: z.string().min(1).max(64),
          delivered: seqSchema.optional(),
          read: seqSchema.optional(),
          /** A change seq: every edit up to it has been on screen. */
          editSeen: seqSchema.optional(),
        })
        .refine(
          (m) => m.delivered !== undefined || m.read !== undefined || m.editSeen !== undefined,
          "Say delivered, read or editSeen",
        ),
    )
    .min(1, "Send at least one mark")
    .max(ACK_BATCH_MAX, `At most ${ACK_BATCH_MAX} conversations per request`),
  socketId: socketIdSchema.optional(),
});

/** Message info's page: recipients after this user id. */
export const recipientsQuerySchema = z.object({ after: idSchema.optional() });

const optionalSeq = seqParamSchema.optional();

export const pageQuerySchema = z
  .object({
    before: optionalSeq,
    after: optionalSeq,
    limit: z
      .string()
      .regex(/^\d{1,3}$/, "limit must be a whole number")
      .transform(Number)
      .pipe(z.number().int().min(1).max(PAGE_MAX))
      .default(PAGE_SIZE),
  })
  .refine((q) => q.before === undefined || q.after === undefined, "Use either before or after");
export type PageQuery = z.infer<typeof pageQuerySchema>;

export const createConversationSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("direct"), userId: idSchema }),
  z.object({
    kind: z.literal("group"),
    title: groupTitleSchema,
    memberIds: z
      .array(idSchema)
      .min(1, "Add at least one member")
      .max(GROUP_MAX_MEMBERS - 1, `A group has at most ${GROUP_MAX_MEMBERS} members`),
  }),
]);
export type CreateConversationInput = z.infer<typeof createConversationSchema>;

export const userSearchSchema = z.object({
  q: z.string().trim().max(64).default(""),
});

export const pusherAuthSchema = z.object({
  socket_id: socketIdSchema,
  channel_name: z.string().min(1).max(164),
});

/** pusher-js's user authentication request (`pusher.signin()`): the socket to sign in. */
export const pusherUserAuthSchema = z.object({ socket_id: socketIdSchema });

/**
 * A Pusher webhook's body (pusher/docs server_api/webhooks.md): events in a batch. Only the
 * fields Ticks reads are checked; hosted Pusher batches at most 100 events a request.
 */
export const pusherWebhookSchema = z.object({
  time_ms: z.number().int().nonnegative(),
  events: z
    .array(z.looseObject({ name: z.string().max(64), channel: z.string().max(200).optional() }))
    .max(100),
});
