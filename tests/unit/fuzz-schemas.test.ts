// Property-based fuzzing of every zod schema in lib/core/validations: whatever arrives (any JS value,
// any JSON, unicode edge cases, huge/float/negative numbers, `__proto__` keys), `safeParse` never
// throws, and every value it accepts keeps the rules of docs/architecture.md, "Data model" and "HTTP API" as fuzz-arbitraries.ts
// states them independently of the schemas. Seeded: FUZZ_SEED=<n> replays or explores other runs.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ALLOWED_TYPES } from "@/lib/core/file-types";
import * as attachments from "@/lib/core/validations/attachments";
import * as auth from "@/lib/core/validations/auth";
import * as chat from "@/lib/core/validations/chat";
import * as common from "@/lib/core/validations/common";
import {
  ID,
  SEQ_MAX,
  codePoints,
  show,
  SOCKET_ID,
  USERNAME,
  UUID,
  anyText,
  displayNameProblems,
  edgeText,
  fuzz,
  hostileInput,
  idLike,
  isSeq,
  matchProblems,
  messageBodyProblems,
  numericText,
  passwordLike,
  pollutedJsonText,
  seqLike,
  seqProblems,
  socketIdLike,
  textLike,
  titleProblems,
  usernameLike,
  weirdNumber,
  registerFields,
  signInFields,
  settingsFields,
  ackBatchFields,
  recipientsQueryFields,
  sendFields,
  ackFields,
  pageFields,
  createFields,
  searchFields,
  pusherFields,
  userAuthFields,
  webhookFields,
  fileNameProblems,
  uploadFields,
  addMembersFields,
  changesQueryFields,
  deleteQueryFields,
  editFields,
  emojiProblems,
  reactionFields,
  renameFields,
  sendWithReplyFields,
  titleLike,
} from "./fuzz-arbitraries";

type Case = {
  name: string;
  schema: z.ZodType;
  /** Inputs shaped like the schema's, a fair share of them valid. */
  near: fc.Arbitrary<unknown>;
  /** For object schemas: the fields `near` draws, and the only keys an output may have. */
  fields?: fc.Arbitrary<Record<string, unknown>>;
  keys?: string[];
  /** The rules an accepted value breaks (empty when it keeps them all). */
  invariant: (output: unknown, input: unknown) => string[];
  /** For field schemas: exactly which inputs must be accepted (the rules, not the schema). */
  acceptsExactly?: (input: unknown) => boolean;
};

const str = (v: unknown) => (typeof v === "string" ? v : undefined);
const record = (v: unknown) => v as Record<string, unknown>;

const usernameRules = (out: unknown) => matchProblems(out, USERNAME, "username");
const passwordRules = (out: unknown, min = 8) => {
  const length = typeof out === "string" ? codePoints(out) : -1;
  const problems = length >= min && length <= 128 ? [] : [`password of ${length} code points`];
  // Argon2 would turn a lone surrogate into U+FFFD, making different passwords equal.
  if (typeof out === "string" && !out.isWellFormed()) problems.push("not well-formed Unicode");
  return problems;
};
const optional = (value: unknown, rules: (v: unknown) => string[]) =>
  value === undefined ? [] : rules(value);
const socketIdRules = (v: unknown) => matchProblems(v, SOCKET_ID, "socket id");
const normalizeLineEnds = (s: string) => s.replace(/\r\n?/g, "\n");

/** Same output as input, for schemas that must not rewrite what they accept. */
const unchanged = (out: unknown, input: unknown) =>
  Object.is(out, input) ? [] : [`output ${show(out)} differs from input`];

const pixelRules = (name: string) => (v: unknown) =>
  Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 100_000 ? [] : [`${name} ${show(v)}`];

const CASES: Case[] = [
  // lib/core/validations/attachments.ts
  {
    name: "fileNameSchema",
    schema: attachments.fileNameSchema,
    near: uploadFields.map((f) => f.name),
    invariant: (out) => fileNameProblems(out),
  },
  {
    name: "uploadRequestSchema",
    schema: attachments.uploadRequestSchema,
    near: uploadFields,
    fields: uploadFields,
    keys: ["clientId", "name", "contentType", "size", "width", "height"],
    invariant: (out) => {
      const o = record(out);
      return [
        ...matchProblems(o.clientId, UUID, "clientId"),
        ...fileNameProblems(o.name),
        ...((ALLOWED_TYPES as readonly unknown[]).includes(o.contentType)
          ? []
          : [`type ${show(o.contentType)}`]),
        ...(Number.isSafeInteger(o.size) && (o.size as number) >= 1 ? [] : [`size ${show(o.size)}`]),
        ...optional(o.width, pixelRules("width")),
        ...optional(o.height, pixelRules("height")),
      ];
    },
  },
  // lib/core/validations/auth.ts
  {
    name: "usernameSchema",
    schema: auth.usernameSchema,
    near: usernameLike,
    invariant: (out, input) => [
      ...usernameRules(out),
      ...(out === str(input)?.trim().toLowerCase() ? [] : ["not the trimmed, lowercased input"]),
    ],
    acceptsExactly: (input) => typeof input === "string" && USERNAME.test(input.trim().toLowerCase()),
  },
  {
    name: "passwordSchema",
    schema: auth.passwordSchema,
    near: passwordLike,
    invariant: (out, input) => [...passwordRules(out), ...unchanged(out, input)],
    acceptsExactly: (input) =>
      typeof input === "string" && input.isWellFormed() && codePoints(input) >= 8 && codePoints(input) <= 128,
  },
  {
    name: "displayNameSchema",
    schema: auth.displayNameSchema,
    near: textLike,
    invariant: (out, input) => [
      ...displayNameProblems(out),
      ...(out === str(input)?.trim() ? [] : ["not the trimmed input"]),
    ],
    acceptsExactly: (input) => typeof input === "string" && displayNameProblems(input.trim()).length === 0,
  },
  {
    name: "registerSchema",
    schema: auth.registerSchema,
    near: registerFields,
    fields: registerFields,
    keys: ["username", "password", "name"],
    invariant: (out) => {
      const o = record(out);
      return [
        ...usernameRules(o.username),
        ...passwordRules(o.password),
        ...optional(o.name, displayNameProblems),
      ];
    },
  },
  {
    name: "signInSchema",
    schema: auth.signInSchema,
    near: signInFields,
    fields: signInFields,
    keys: ["username", "password"],
    invariant: (out) => [...usernameRules(record(out).username), ...passwordRules(record(out).password, 1)],
  },
  {
    name: "settingsSchema",
    schema: auth.settingsSchema,
    near: settingsFields,
    fields: settingsFields,
    keys: ["name", "shareReadReceipts", "shareLastSeen"],
    invariant: (out) => {
      const o = record(out);
      const flags = (["shareReadReceipts", "shareLastSeen"] as const).filter(
        (k) => o[k] !== undefined && typeof o[k] !== "boolean",
      );
      return [...optional(o.name, displayNameProblems), ...flags.map((k) => `${k} not a boolean`)];
    },
  },
  // lib/core/validations/chat.ts
  {
    name: "messageBodySchema",
    schema: chat.messageBodySchema,
    near: textLike,
    invariant: (out, input) => [
      ...messageBodyProblems(out),
      ...(typeof input === "string" && out === normalizeLineEnds(input) ? [] : ["not the input"]),
    ],
    acceptsExactly: (input) =>
      typeof input === "string" && messageBodyProblems(normalizeLineEnds(input)).length === 0,
  },
  {
    name: "sendMessageSchema",
    schema: chat.sendMessageSchema,
    near: fc.oneof(sendFields, sendWithReplyFields),
    fields: sendWithReplyFields,
    keys: ["body", "clientId", "replyToSeq", "socketId", "attachmentIds"],
    invariant: (out) => {
      const o = record(out);
      const ids = o.attachmentIds;
      const attached = Array.isArray(ids) && ids.length > 0;
      return [
        // With attachments the text is their caption, and may be empty.
        ...(attached && o.body === "" ? [] : messageBodyProblems(o.body)),
        ...matchProblems(o.clientId, UUID, "clientId"),
        // A reply names a message: seq 0 means "nothing yet", never a message.
        ...optional(o.replyToSeq, (v) => [
          ...seqProblems(v, "replyToSeq"),
          ...(v === 0 ? ["replyToSeq 0 names no message"] : []),
        ]),
        ...optional(o.socketId, socketIdRules),
        ...optional(ids, (v) =>
          Array.isArray(v) && v.length <= 10 && new Set(v).size === v.length
            ? v.flatMap((id) => matchProblems(id, ID, "attachment id"))
            : [`attachmentIds ${show(v)}`],
        ),
      ];
    },
  },
  {
    name: "editMessageSchema",
    schema: chat.editMessageSchema,
    near: editFields,
    fields: editFields,
    keys: ["body", "socketId"],
    invariant: (out, input) => {
      const o = record(out);
      const body = str(record(input).body);
      return [
        ...messageBodyProblems(o.body),
        // An edit obeys the same body rules as a send, and is stored as typed (line ends aside).
        ...(body !== undefined && o.body === normalizeLineEnds(body) ? [] : ["body not the input"]),
        ...optional(o.socketId, socketIdRules),
      ];
    },
  },
  {
    name: "deleteMessageQuerySchema",
    schema: chat.deleteMessageQuerySchema,
    near: deleteQueryFields,
    fields: deleteQueryFields,
    keys: ["for"],
    invariant: (out) => {
      const mode = record(out).for;
      return mode === "everyone" || mode === "me" ? [] : [`for ${show(mode)}`];
    },
  },
  {
    name: "reactionSchema",
    schema: chat.reactionSchema,
    near: reactionFields,
    fields: reactionFields,
    keys: ["emoji", "on", "socketId"],
    invariant: (out, input) => {
      const o = record(out);
      return [
        ...emojiProblems(o.emoji),
        ...unchanged(o.emoji, record(input).emoji),
        ...(typeof o.on === "boolean" ? [] : [`on ${show(o.on)} not a boolean`]),
        ...optional(o.socketId, socketIdRules),
      ];
    },
  },
  {
    name: "groupTitleSchema",
    schema: chat.groupTitleSchema,
    near: titleLike,
    invariant: (out, input) => [
      ...titleProblems(out),
      ...(out === str(input)?.trim() ? [] : ["not the trimmed input"]),
    ],
    acceptsExactly: (input) => typeof input === "string" && titleProblems(input.trim()).length === 0,
  },
  {
    name: "renameGroupSchema",
    schema: chat.renameGroupSchema,
    near: renameFields,
    fields: renameFields,
    keys: ["title"],
    invariant: (out) => titleProblems(record(out).title),
  },
  {
    name: "addMembersSchema",
    schema: chat.addMembersSchema,
    near: addMembersFields,
    fields: addMembersFields,
    keys: ["userIds"],
    invariant: (out) => {
      const ids = record(out).userIds;
      if (!Array.isArray(ids)) return ["userIds not an array"];
      return [
        // A group has at most 100 members, so at most 99 others can be added at once.
        ...(ids.length >= 1 && ids.length <= 99 ? [] : [`${ids.length} userIds`]),
        ...ids.flatMap((id) => matchProblems(id, ID, "userId")),
      ];
    },
  },
  {
    name: "changesQuerySchema",
    schema: chat.changesQuerySchema,
    near: changesQueryFields,
    fields: changesQueryFields,
    keys: ["after", "limit"],
    invariant: (out, input) => {
      const { after, limit } = record(out);
      return [
        // `after` is required: a catch-up always starts from a change seq the client holds.
        ...seqProblems(after, "after"),
        ...(Number.isInteger(limit) && Number(limit) >= 1 && Number(limit) <= 100
          ? []
          : [`limit ${show(limit)}`]),
        ...(record(input).limit === undefined && limit !== 100 ? ["default limit is not 100"] : []),
      ];
    },
  },
  {
    name: "ackSchema",
    schema: chat.ackSchema,
    near: ackFields,
    fields: ackFields,
    keys: ["upTo", "socketId"],
    invariant: (out) => [
      ...seqProblems(record(out).upTo, "upTo"),
      ...optional(record(out).socketId, socketIdRules),
    ],
  },
  {
    name: "ackBatchSchema",
    schema: chat.ackBatchSchema,
    near: ackBatchFields,
    fields: ackBatchFields,
    keys: ["marks", "socketId"],
    invariant: (out) => {
      const { marks, socketId } = record(out);
      if (!Array.isArray(marks)) return ["marks not an array"];
      return [
        ...(marks.length >= 1 && marks.length <= 100 ? [] : [`${marks.length} marks`]),
        ...marks.flatMap((m: unknown) => {
          const e = record(m);
          const id = e.conversationId;
          return [
            ...(typeof id === "string" && codePoints(id) >= 1 && codePoints(id) <= 64
              ? []
              : [`conversationId ${show(id)}`]),
            ...optional(e.delivered, (v) => seqProblems(v, "delivered")),
            ...optional(e.read, (v) => seqProblems(v, "read")),
            ...optional(e.editSeen, (v) => seqProblems(v, "editSeen")),
            ...(e.delivered === undefined && e.read === undefined && e.editSeen === undefined
              ? ["neither delivered, read nor editSeen"]
              : []),
            ...Object.keys(e)
              .filter((k) => !["conversationId", "delivered", "read", "editSeen"].includes(k))
              .map((k) => `mark key ${k}`),
          ];
        }),
        ...optional(socketId, socketIdRules),
      ];
    },
  },
  {
    name: "recipientsQuerySchema",
    schema: chat.recipientsQuerySchema,
    near: recipientsQueryFields,
    fields: recipientsQueryFields,
    keys: ["after"],
    invariant: (out) => optional(record(out).after, (v) => matchProblems(v, ID, "after")),
  },
  {
    name: "pageQuerySchema",
    schema: chat.pageQuerySchema,
    near: pageFields,
    fields: pageFields,
    keys: ["before", "after", "limit"],
    invariant: (out) => {
      const { before, after, limit } = record(out);
      return [
        ...optional(before, (v) => seqProblems(v, "before")),
        ...optional(after, (v) => seqProblems(v, "after")),
        ...(before !== undefined && after !== undefined ? ["both before and after"] : []),
        ...(Number.isInteger(limit) && Number(limit) >= 1 && Number(limit) <= 100
          ? []
          : [`limit ${show(limit)}`]),
      ];
    },
  },
  {
    name: "createConversationSchema",
    schema: chat.createConversationSchema,
    near: createFields,
    fields: createFields,
    keys: ["kind", "userId", "title", "memberIds"],
    invariant: (out) => {
      const o = record(out);
      if (o.kind === "direct") {
        const extra = Object.keys(o).filter((k) => k !== "kind" && k !== "userId");
        return [...matchProblems(o.userId, ID, "userId"), ...extra.map((k) => `direct with ${k}`)];
      }
      if (o.kind !== "group") return [`kind ${show(o.kind)}`];
      const ids = o.memberIds;
      if (!Array.isArray(ids)) return ["memberIds not an array"];
      return [
        ...titleProblems(o.title),
        ...(ids.length >= 1 && ids.length <= 99 ? [] : [`${ids.length} memberIds`]),
        ...ids.flatMap((id) => matchProblems(id, ID, "memberId")),
        ...("userId" in o ? ["group with userId"] : []),
      ];
    },
  },
  {
    name: "userSearchSchema",
    schema: chat.userSearchSchema,
    near: searchFields,
    fields: searchFields,
    keys: ["q"],
    invariant: (out) => {
      const q = record(out).q;
      return typeof q === "string" && q === q.trim() && codePoints(q) <= 64 ? [] : [`q ${show(q)}`];
    },
  },
  {
    name: "pusherUserAuthSchema",
    schema: chat.pusherUserAuthSchema,
    near: userAuthFields,
    fields: userAuthFields,
    keys: ["socket_id"],
    invariant: (out) => socketIdRules(record(out).socket_id),
  },
  {
    name: "pusherWebhookSchema",
    schema: chat.pusherWebhookSchema,
    near: webhookFields,
    fields: webhookFields,
    keys: ["time_ms", "events"],
    invariant: (out) => {
      const { time_ms, events } = record(out);
      const problems =
        Number.isInteger(time_ms) && (time_ms as number) >= 0 ? [] : [`time_ms ${show(time_ms)}`];
      if (!Array.isArray(events) || events.length > 100) return [...problems, "events not a list of ≤ 100"];
      for (const e of events as Record<string, unknown>[]) {
        if (typeof e.name !== "string" || codePoints(e.name) > 64)
          problems.push(`event name ${show(e.name)}`);
        if (e.channel !== undefined && (typeof e.channel !== "string" || codePoints(e.channel) > 200)) {
          problems.push(`channel ${show(e.channel)}`);
        }
      }
      return problems;
    },
  },
  {
    name: "pusherAuthSchema",
    schema: chat.pusherAuthSchema,
    near: pusherFields,
    fields: pusherFields,
    keys: ["socket_id", "channel_name"],
    invariant: (out) => {
      const { socket_id, channel_name } = record(out);
      const length = typeof channel_name === "string" ? codePoints(channel_name) : -1;
      return [
        ...socketIdRules(socket_id),
        ...(length >= 1 && length <= 164 ? [] : [`channel_name of ${length}`]),
      ];
    },
  },
  // lib/core/validations/common.ts
  {
    name: "idSchema",
    schema: common.idSchema,
    near: idLike,
    invariant: (out, input) => [...matchProblems(out, ID, "id"), ...unchanged(out, input)],
    acceptsExactly: (input) => typeof input === "string" && ID.test(input),
  },
  {
    name: "socketIdSchema",
    schema: common.socketIdSchema,
    near: socketIdLike,
    invariant: (out, input) => [...socketIdRules(out), ...unchanged(out, input)],
    acceptsExactly: (input) => typeof input === "string" && SOCKET_ID.test(input),
  },
  {
    name: "seqSchema",
    schema: common.seqSchema,
    near: seqLike,
    invariant: (out, input) => [...seqProblems(out), ...unchanged(out, input)],
    acceptsExactly: isSeq,
  },
  {
    name: "seqParamSchema",
    schema: common.seqParamSchema,
    near: numericText,
    invariant: (out, input) => [
      ...seqProblems(out),
      ...(typeof input === "string" && out === Number(input) ? [] : ["not the number the input spells"]),
    ],
    acceptsExactly: (input) =>
      typeof input === "string" && /^[0-9]{1,10}$/.test(input) && Number(input) <= SEQ_MAX,
  },
];

describe("the fuzzed schemas", () => {
  it("are every schema lib/core/validations exports, so a new one can't be left unfuzzed", () => {
    const exported = Object.entries({ ...attachments, ...auth, ...chat, ...common })
      .filter(([, value]) => value instanceof z.ZodType)
      .map(([name]) => name);
    expect(exported.sort()).toEqual(CASES.map((c) => c.name).sort());
  });

  it("see really own __proto__ keys: JSON.parse makes them own properties, not prototypes", () => {
    const parsed = JSON.parse('{"__proto__":{"polluted":"yes"}}') as Record<string, unknown>;
    expect(Object.hasOwn(parsed, "__proto__")).toBe(true);
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
  });
});

const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();

function expectNoPollution() {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_KEYS);
  expect(([] as unknown as Record<string, unknown>).polluted).toBeUndefined();
}

describe.each(CASES)("$name", (c) => {
  it("never throws from safeParse, whatever the input", () => {
    fc.assert(
      fc.property(fc.oneof(hostileInput(c.fields), c.near), (input) => {
        const result = c.schema.safeParse(input);
        expect(typeof result.success).toBe("boolean");
      }),
      fuzz(300),
    );
  });

  it("accepts only values that keep the documented rules", () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.oneof({ arbitrary: c.near, weight: 3 }, hostileInput(c.fields)), (input) => {
        const result = c.schema.safeParse(input);
        if (!result.success) return;
        accepted++;
        expect(c.invariant(result.data, input), show(result.data)).toEqual([]);
        if (c.keys) {
          const extra = Object.keys(record(result.data)).filter((k) => !c.keys!.includes(k));
          expect(extra, "keys the schema doesn't declare").toEqual([]);
        }
      }),
      fuzz(300),
    );
    // The property says nothing unless some inputs were accepted.
    expect(accepted).toBeGreaterThan(10);
  });

  if (c.acceptsExactly) {
    const rule = c.acceptsExactly;
    it("accepts exactly the inputs that keep the rules", () => {
      fc.assert(
        fc.property(fc.oneof(c.near, hostileInput()), (input) => {
          expect(c.schema.safeParse(input).success, show(input)).toBe(rule(input));
        }),
        fuzz(400),
      );
    });
  }

  it("pollutes no prototype when the input has __proto__, constructor or prototype keys", () => {
    let accepted = 0;
    const objects = c.fields ?? fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 3 });
    fc.assert(
      fc.property(pollutedJsonText(objects), (text) => {
        const result = c.schema.safeParse(JSON.parse(text));
        expectNoPollution();
        if (!result.success || typeof result.data !== "object" || result.data === null) return;
        accepted++;
        const out = record(result.data);
        expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
        expect(out.polluted).toBeUndefined();
        expect(Object.keys(out).filter((k) => !c.keys?.includes(k))).toEqual([]);
      }),
      fuzz(200),
    );
    if (c.fields) expect(accepted, "objects with hostile keys that were accepted").toBeGreaterThan(0);
  });
});

describe("unicode edge cases", () => {
  const C1 = ["\u0080", "\u0085", "\u009b", "\u009f"];

  it("a message body refuses C1 control characters (U+0080–U+009F) as it refuses C0 ones", () => {
    for (const c of C1) {
      expect(chat.messageBodySchema.safeParse(`a${c}b`).success, show(c)).toBe(false);
    }
  });

  it("a display name refuses C1 control characters as it refuses C0 ones", () => {
    for (const c of C1) {
      expect(auth.displayNameSchema.safeParse(`Ann${c}`).success, show(c)).toBe(false);
    }
  });

  it("a group title refuses C1 control characters as it refuses C0 ones", () => {
    for (const c of C1) {
      const input = { kind: "group", title: `Team${c}`, memberIds: ["abcdefgh"] };
      expect(chat.createConversationSchema.safeParse(input).success, show(c)).toBe(false);
    }
  });

  it("a message body keeps RTL marks, zero-width joiners, emoji sequences and combining marks as sent", () => {
    fc.assert(
      fc.property(edgeText, (text) => {
        const body = `x${text}`;
        const result = chat.messageBodySchema.safeParse(body);
        if (result.success) expect(result.data).toBe(normalizeLineEnds(body));
      }),
      fuzz(300),
    );
  });

  it("a message body counts code points, so 2000 emoji fit the character limit but not the byte limit", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2100 }), (n) => {
        const body = "👍".repeat(n);
        expect(chat.messageBodySchema.safeParse(body).success).toBe(n <= 1024); // 4 bytes each
      }),
      fuzz(100),
    );
  });

  it("a seq refuses every number that is not an integer in 0..2^31-1", () => {
    fc.assert(
      fc.property(weirdNumber, (n) => {
        expect(common.seqSchema.safeParse(n).success).toBe(isSeq(n));
      }),
      fuzz(400),
    );
  });

  it("a page query never passes on a seq or limit that isn't a plain integer in range", () => {
    fc.assert(
      fc.property(numericText, numericText, (seq, limit) => {
        const result = chat.pageQuerySchema.safeParse({ before: seq, limit });
        const plainSeq = /^[0-9]{1,10}$/.test(seq) && Number(seq) <= SEQ_MAX;
        if (!plainSeq) expect(result.success).toBe(false);
        if (result.success) expect(result.data.before).toBe(Number(seq));
      }),
      fuzz(300),
    );
  });

  it("text of any length is judged without throwing", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        for (const schema of [chat.messageBodySchema, auth.displayNameSchema, auth.usernameSchema]) {
          expect(typeof schema.safeParse(text).success).toBe("boolean");
        }
      }),
      fuzz(200),
    );
  });
});
