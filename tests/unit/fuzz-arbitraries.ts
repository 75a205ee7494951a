// Shared by the property-based fuzz tests (tests/unit/fuzz-schemas.test.ts and
// tests/integration/fuzz-endpoints.test.ts): hostile inputs as fast-check arbitraries, and what a
// valid value is, written from docs/architecture.md, "Data model" and "HTTP API" rather than from the schemas, so the schemas and
// the stored rows are checked against an independent statement of the rules.
import fc from "fast-check";

/** One seed for every property, so a failure is reproducible; FUZZ_SEED explores other runs. */
export const SEED = Number(process.env.FUZZ_SEED ?? 0x7ec5);
/** FUZZ_SCALE=10 runs every property ten times as long, for a deeper hunt than CI's. */
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);

export const fuzz = (numRuns: number): fc.Parameters<unknown> => ({
  seed: SEED,
  numRuns: Math.max(1, Math.round(numRuns * SCALE)),
});

// ---------------------------------------------------------------------------------------------
// Invariants: each returns the rules a value breaks (empty when it is valid), so a failure names
// the broken rule instead of printing `false`.
// ---------------------------------------------------------------------------------------------

export const SEQ_MAX = 2 ** 31 - 1;
export const USERNAME = /^[a-z0-9_]{3,32}$/;
export const ID = /^[a-z0-9]{8,40}$/;
export const SOCKET_ID = /^[0-9]{1,20}\.[0-9]{1,20}$/;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Unicode control characters (general category Cc: C0, DEL and C1 U+0080–U+009F). */
const CONTROL = /\p{Cc}/u;
const CONTROL_BUT_TAB_NEWLINE = /(?![\t\n])\p{Cc}/u;
/** Bidi overrides and isolates (name spoofing). */
const BIDI = /[\u202A-\u202E\u2066-\u2069]/;
/** Nothing would show: only whitespace and default-ignorable (invisible) characters. */
const invisible = (s: string) => s.replace(/[\s\p{Default_Ignorable_Code_Point}]/gu, "") === "";

/** Characters as people (and zod's length checks) count them: an emoji is one, not two UTF-16 units. */
export const codePoints = (s: string) => [...s].length;
const utf8Bytes = (s: string) => Buffer.byteLength(s, "utf8");

export function isSeq(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= SEQ_MAX;
}

function textProblems(value: unknown, rules: string[], check: (s: string) => void): string[] {
  if (typeof value !== "string") return [`not a string: ${typeof value}`];
  check(value);
  return rules;
}

/** A message body (docs/architecture.md, "Receipts"): 1–2000 characters, ≤ 4 KB UTF-8, well-formed, no controls but \n \t, not blank. */
export function messageBodyProblems(value: unknown): string[] {
  const problems: string[] = [];
  return textProblems(value, problems, (s) => {
    if (!s.isWellFormed()) problems.push("not well-formed Unicode (lone surrogate)");
    if (codePoints(s) < 1 || codePoints(s) > 2000) problems.push(`${codePoints(s)} code points`);
    if (utf8Bytes(s) > 4096) problems.push(`${utf8Bytes(s)} UTF-8 bytes`);
    const control = CONTROL_BUT_TAB_NEWLINE.exec(s);
    if (control) problems.push(`control character U+${hex(control[0])}`);
    if (invisible(s)) problems.push("blank or invisible");
  });
}

/** A file's name: its last path segment, trimmed, 1–64 characters, visible, no controls or bidi. */
export function fileNameProblems(value: unknown): string[] {
  const problems: string[] = [];
  return textProblems(value, problems, (s) => {
    if (s !== s.trim()) problems.push("not trimmed");
    if (/[\\/]/.test(s)) problems.push("a path, not a name");
    if (codePoints(s) < 1 || codePoints(s) > 64) problems.push(`${codePoints(s)} code points`);
    if (!s.isWellFormed()) problems.push("not well-formed Unicode (lone surrogate)");
    const control = CONTROL.exec(s);
    if (control) problems.push(`control character U+${hex(control[0])}`);
    if (BIDI.test(s)) problems.push("bidi control");
    if (invisible(s)) problems.push("blank or invisible");
  });
}

/** A display name: trimmed, 1–64 characters, well-formed, visible, no controls or bidi controls. */
export function displayNameProblems(value: unknown): string[] {
  const problems: string[] = [];
  return textProblems(value, problems, (s) => {
    if (s !== s.trim()) problems.push("not trimmed");
    if (codePoints(s) < 1 || codePoints(s) > 64) problems.push(`${codePoints(s)} code points`);
    if (!s.isWellFormed()) problems.push("not well-formed Unicode (lone surrogate)");
    const control = CONTROL.exec(s);
    if (control) problems.push(`control character U+${hex(control[0])}`);
    if (BIDI.test(s)) problems.push("bidi control");
    if (invisible(s)) problems.push("blank or invisible");
  });
}

/** A group title: the same rules as a display name (a one-line label). */
export function titleProblems(value: unknown): string[] {
  const problems: string[] = [];
  return textProblems(value, problems, (s) => {
    if (s !== s.trim()) problems.push("not trimmed");
    if (codePoints(s) < 1 || codePoints(s) > 64) problems.push(`${codePoints(s)} code points`);
    if (!s.isWellFormed()) problems.push("not well-formed Unicode (lone surrogate)");
    const control = CONTROL.exec(s);
    if (control) problems.push(`control character U+${hex(control[0])}`);
    if (BIDI.test(s)) problems.push("bidi control");
    if (invisible(s)) problems.push("blank or invisible");
  });
}

export function matchProblems(value: unknown, pattern: RegExp, what: string): string[] {
  if (typeof value !== "string") return [`${what} is not a string: ${typeof value}`];
  return pattern.test(value) ? [] : [`${what} ${JSON.stringify(value)} does not match ${pattern}`];
}

export function seqProblems(value: unknown, what = "seq"): string[] {
  return isSeq(value) ? [] : [`${what} ${show(value)} is not an integer in 0..2^31-1`];
}

function hex(c: string) {
  return c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
}

/** A value for a failure message, with every invisible or non-ASCII character spelled out. */
export function show(value: unknown): string {
  return fc.stringify(value).replace(/[^\x20-\x7e]/gu, (c) => `\\u{${hex(c)}}`);
}

// ---------------------------------------------------------------------------------------------
// Arbitraries
// ---------------------------------------------------------------------------------------------

/** Characters that break naive text handling, one (or one cluster) each. */
export const EDGE_CHARS = [
  // bidirectional controls and marks (RTL spoofing, "Trojan Source")
  "\u200F",
  "\u200E",
  "\u202E",
  "\u202D",
  "\u2066",
  "\u2069",
  "\u061C",
  "שלום",
  "مرحبا",
  // zero-width and invisible
  "\u200B",
  "\u200C",
  "\u200D",
  "\u2060",
  "\uFEFF",
  "\u00AD",
  "\u3164",
  "\u2800",
  // emoji, ZWJ sequences, flags, skin tones, variation selectors
  "👍",
  "👍🏽",
  "👨‍👩‍👧‍👦",
  "🏳️‍🌈",
  "🇫🇷",
  "❤️",
  "\uFE0F",
  "𝕏",
  "\u{1F600}",
  // combining marks (alone, stacked, after a letter)
  "\u0301",
  "e\u0301",
  "a\u0300\u0301\u0302\u0303\u0304",
  "\u20DD",
  // lone and misordered surrogates
  "\uD800",
  "\uDBFF",
  "\uDC00",
  "\uDFFF",
  "\uDC00\uD800",
  "\uD83D",
  // C0, DEL, C1 controls and line ends
  "\u0000",
  "\u0001",
  "\u0007",
  "\b",
  "\u000B",
  "\f",
  "\u001B",
  "\u001F",
  "\u007F",
  "\u0080",
  "\u0085",
  "\u009B",
  "\u009F",
  "\r",
  "\n",
  "\t",
  "\r\n",
  "\n\r",
  "\u2028",
  "\u2029",
  // whitespace of every kind
  " ",
  "\u00A0",
  "\u1680",
  "\u2003",
  "\u3000",
  "\u205F",
  // case mapping oddities (İ lowercases to two code points, K is the Kelvin sign)
  "İ",
  "ß",
  "\u212A",
  "ﬀ",
  "Σ",
  "ǅ",
  // non-characters, replacement, private use, astral
  "\uFFFD",
  "\uFFFE",
  "\uFFFF",
  "\uE000",
  "\u{10FFFF}",
  "\u{E0001}",
  // multi-byte UTF-8 of each length
  "é",
  "€",
  "中",
  // plain text and markup-ish text
  "a",
  "Z",
  "_",
  "0",
  "9",
  "-",
  ".",
  "%",
  "'",
  '"',
  "\\",
  "<script>",
  "${x}",
  "{{x}}",
  "%00",
  "%s",
] as const;

export const edgeChar = fc.constantFrom(...EDGE_CHARS);

/** Any single code point, or an edge character, or plain ASCII. */
const textUnit = fc.oneof(
  { arbitrary: edgeChar, weight: 3 },
  { arbitrary: fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 1 }), weight: 3 },
  { arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }), weight: 2 },
  { arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 }), weight: 1 },
);

/** Short hostile text (0–40 units). */
export const edgeText = fc.string({ unit: textUnit, maxLength: 40 });

/** Long text around the limits: 2000 characters, 4096 bytes, 64-unit names, the 16 KB body cap. */
export const longText = fc.oneof(
  fc.constantFrom(
    "a".repeat(2000),
    "a".repeat(2001),
    "€".repeat(1365), // 4095 bytes
    "€".repeat(1366), // 4098 bytes
    "👍".repeat(1024), // 4096 bytes, 2048 UTF-16 units
    "👍".repeat(1025),
    "a".repeat(1999) + "\r\n", // 2001 units, 2000 characters once CRLF is a newline
    "a".repeat(1999) + "\uD800",
    " ".repeat(2000),
    "\u200B".repeat(2000),
    "e\u0301".repeat(1000),
    "👨‍👩‍👧‍👦".repeat(163), // 4075 bytes
    "👨‍👩‍👧‍👦".repeat(164),
    "x".repeat(64),
    "x".repeat(65),
    " ".repeat(63) + "x",
    "x".repeat(128),
    "x".repeat(129),
  ),
  fc
    .tuple(edgeChar, fc.integer({ min: 0, max: 4200 }), edgeText)
    .map(([c, n, tail]) => c.repeat(Math.ceil(n / Math.max(1, c.length))) + tail),
);

export const anyText = fc.oneof({ arbitrary: edgeText, weight: 4 }, { arbitrary: longText, weight: 1 });

/** Numbers a JSON body or a cast can carry: huge, tiny, negative, fractional, NaN, ±Infinity, -0. */
export const weirdNumber = fc.oneof(
  fc.integer({ min: -3, max: 40 }),
  fc.integer(),
  fc.double(),
  fc.maxSafeInteger(),
  fc.constantFrom(
    0,
    -0,
    1,
    -1,
    0.5,
    1.5,
    -0.5,
    SEQ_MAX,
    SEQ_MAX + 1,
    2 ** 32,
    2 ** 53,
    2 ** 53 + 2,
    Number.MAX_SAFE_INTEGER,
    Number.MAX_VALUE,
    Number.MIN_VALUE,
    Number.EPSILON,
    NaN,
    Infinity,
    -Infinity,
    1e21,
    1e-7,
  ),
);

/** A number as a URL or a JSON text spells it, including spellings that aren't plain digits. */
export const numericText = fc.oneof(
  weirdNumber.map(String),
  fc.nat({ max: 60 }).map(String),
  fc.constantFrom(
    "1e400",
    "-1e400",
    "1e309",
    "0x1",
    "0b1",
    "0o7",
    "1e0",
    " 1",
    "1 ",
    "+1",
    "-0",
    "01",
    "00000000001",
    "9".repeat(400),
    "1.0",
    "1.",
    ".5",
    "١",
    "１",
    "¹",
    "NaN",
    "Infinity",
    "",
    "2147483647",
    "2147483648",
    "4294967296",
    "9999999999",
    "99999999999",
    "1_000",
    "1,0",
    "0\n",
    "\u00A01",
  ),
  edgeText,
);

/** Keys that pollute prototypes when an object is merged naively. */
export const pollutingKey = fc.constantFrom(
  "__proto__",
  "constructor",
  "prototype",
  "__defineGetter__",
  "__lookupGetter__",
  "hasOwnProperty",
  "toString",
  "valueOf",
  "isPrototypeOf",
);

/** JSON texts of values meant to land on Object.prototype if a key above is merged naively. */
const pollutionValueText = fc.constantFrom(
  '{"polluted":"yes"}',
  '{"prototype":{"polluted":"yes"}}',
  '{"__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '[{"__proto__":{"polluted":"yes"}}]',
  '"polluted"',
  "1",
  "null",
);

/**
 * A JSON object text: the fields of `fields` (each JSON-encoded) with polluting keys mixed in,
 * written as text because an object literal can't hold an own `__proto__` key.
 */
export function pollutedJsonText(fields: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<string> {
  return fc
    .tuple(
      fields,
      fc.array(fc.tuple(pollutingKey, pollutionValueText), { minLength: 1, maxLength: 4 }),
      fc.boolean(),
    )
    .map(([object, extra, extraFirst]) => {
      const own = Object.entries(object)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`);
      const hostile = extra.map(([k, v]) => `${JSON.stringify(k)}:${v}`);
      return `{${(extraFirst ? [...hostile, ...own] : [...own, ...hostile]).join(",")}}`;
    });
}

/** Any JS value: objects with null prototypes, boxed values, bigints, dates, maps, sparse arrays… */
export const anyValue = fc.anything({
  key: fc.oneof(fc.string(), pollutingKey),
  maxDepth: 3,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  stringUnit: "binary",
});

export const anyJson = fc.jsonValue({ maxDepth: 4, stringUnit: "binary" });

/** Any input a schema may see: a JS value, a JSON value, or a parsed JSON text with polluting keys. */
export function hostileInput(fields?: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<unknown> {
  const objectish = fields ?? fc.dictionary(fc.string(), anyJson, { maxKeys: 4 });
  return fc.oneof(
    anyValue,
    anyJson,
    pollutedJsonText(objectish).map((text) => JSON.parse(text) as unknown),
    weirdNumber,
    anyText,
  );
}

// Field-shaped values: near the rules so that a fair share is accepted and the invariants of the
// accepted values are really exercised.

const someValue = fc.oneof(weirdNumber, fc.boolean(), fc.constant(null), anyJson);

export const usernameLike = fc.oneof(
  fc.stringMatching(/^\s{0,2}[A-Za-z0-9_]{2,34}\s{0,2}$/),
  fc.tuple(fc.stringMatching(/^[a-z0-9_]{2,31}$/), edgeChar).map(([s, c]) => s + c),
  fc.constantFrom("\u212Aelvin", "İstanbul", "ǅemal", "ＡＢＣ", "abc\u0000", "ab\u200B", "\uFEFFabc", "a_b"),
  edgeText,
  someValue,
);

export const passwordLike = fc.oneof(
  fc.string({ unit: textUnit, minLength: 6, maxLength: 130 }),
  fc.constantFrom("x".repeat(128), "x".repeat(129), "\uD800".repeat(8), "\u0000".repeat(8)),
  someValue,
);

export const textLike = fc.oneof(anyText, fc.constant(""), someValue);

/** Mostly `valid`, sometimes `hostile`: enough inputs must get through for the success path. */
export const lean = <T>(valid: fc.Arbitrary<T>, hostile: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: valid, weight: 3 }, { arbitrary: hostile, weight: 1 });

/** Message text that is mostly valid: edge characters after a visible one. */
export const messageTextLike = lean<unknown>(
  edgeText.map((t) => `m ${t}`),
  textLike,
);

export const idLike = fc.oneof(
  fc.stringMatching(/^[a-z0-9]{6,42}$/),
  fc.constantFrom("cm0000000000000000000000a", "CM0ABC123", "abc123de\n", "a".repeat(40), "a".repeat(41)),
  edgeText,
  someValue,
);

export const socketIdLike = fc.oneof(
  fc.stringMatching(/^[0-9]{1,21}\.[0-9]{1,21}$/),
  fc.constantFrom("1.2", "١.٢", "1.2\n", "1.2;drop", " 1.2", "1..2", ".2", "1."),
  edgeText,
  someValue,
);

export const uuidLike = fc.oneof(
  fc.uuid(),
  fc.uuid().map((u) => u.toUpperCase()),
  fc.constantFrom(
    "00000000-0000-0000-0000-000000000000",
    "ffffffff-ffff-ffff-ffff-ffffffffffff",
    "4b8f2a3e9c1d4e5fa6b7c8d9e0f1a2b3",
    "{4b8f2a3e-9c1d-4e5f-a6b7-c8d9e0f1a2b3}",
  ),
  edgeText,
  someValue,
);

export const seqLike = fc.oneof(weirdNumber, numericText, someValue);

// Request bodies field by field (each key may be missing), as the schemas of lib/core/validations read them.

/** A record of which each key may be missing. */
export const fields = <T extends Record<string, fc.Arbitrary<unknown>>>(shape: T) =>
  fc.record(shape, { requiredKeys: [] }) as fc.Arbitrary<Record<string, unknown>>;

const validUsername = fc.stringMatching(/^[A-Za-z0-9_]{3,32}$/);
const validPassword = fc.string({ unit: textUnit, minLength: 8, maxLength: 40 });
export const registerFields = fields({
  username: lean<unknown>(validUsername, usernameLike),
  password: lean<unknown>(validPassword, passwordLike),
  name: textLike,
});
export const signInFields = fields({
  username: lean<unknown>(validUsername, usernameLike),
  password: lean<unknown>(validPassword, passwordLike),
});
export const settingsFields = fields({
  name: textLike,
  shareReadReceipts: fc.oneof(fc.boolean(), fc.constantFrom("true", 1, 0, null)),
  shareLastSeen: fc.oneof(fc.boolean(), fc.constantFrom("false", 1, 0, null)),
});
export const validId = fc.stringMatching(/^[a-z0-9]{8,40}$/);
const attachmentIdsLike = fc.oneof(
  fc.array(validId, { maxLength: 3 }),
  fc.array(validId, { minLength: 10, maxLength: 11 }),
  fc.constant(["abcdefgh", "abcdefgh"]),
  fc.array(idLike, { maxLength: 2 }),
  textLike,
);
export const sendFields = fields({
  body: fc.oneof(messageTextLike, fc.constantFrom("", "  ")),
  clientId: lean<unknown>(fc.uuid(), uuidLike),
  socketId: socketIdLike,
  attachmentIds: attachmentIdsLike,
});
const fileNameLike = fc.oneof(
  fc.stringMatching(/^[\w .()-]{1,30}\.(png|pdf|txt)$/),
  fc.constantFrom(
    "../../etc/passwd",
    "C:\\x\\a.png",
    "a/",
    "gpj.\u202Eexe",
    "a\nb.png",
    "x".repeat(65),
    " a.png ",
  ),
  textLike,
);
export const uploadFields = fields({
  clientId: lean<unknown>(fc.uuid(), uuidLike),
  name: fileNameLike,
  contentType: fc.oneof(
    { arbitrary: fc.constantFrom("image/png", "application/pdf", "text/plain"), weight: 3 },
    fc.constantFrom("text/html", "image/svg+xml", "IMAGE/PNG", "image/png; charset=x"),
    textLike,
  ),
  size: fc.oneof({ arbitrary: fc.integer({ min: 1, max: 20_000_000 }), weight: 3 }, weirdNumber),
  width: fc.oneof(fc.integer({ min: 1, max: 5000 }), weirdNumber),
  height: fc.oneof(fc.integer({ min: 1, max: 5000 }), weirdNumber),
});
export const validSeq = fc.oneof(fc.nat({ max: 50 }), fc.constantFrom(0, SEQ_MAX));
export const ackFields = fields({
  upTo: fc.oneof({ arbitrary: validSeq, weight: 2 }, seqLike),
  socketId: fc.oneof({ arbitrary: fc.constantFrom("1.2", "123456.789"), weight: 2 }, socketIdLike),
});
/** Batch acks: up to 100 conversations (the last sizes straddle the limit). */
export const ackBatchFields = fields({
  marks: fc.oneof(
    fc.array(
      fields({
        conversationId: fc.oneof({ arbitrary: fc.stringMatching(/^[a-z0-9]{8,40}$/), weight: 3 }, textLike),
        delivered: fc.oneof({ arbitrary: validSeq, weight: 2 }, seqLike),
        read: fc.oneof({ arbitrary: validSeq, weight: 2 }, seqLike),
        editSeen: fc.oneof({ arbitrary: validSeq, weight: 2 }, seqLike),
      }),
      { maxLength: 4 },
    ),
    fc.constantFrom(99, 100, 101).map((n) =>
      Array.from({ length: n }, (_, i) => ({
        conversationId: `c${String(i).padStart(8, "0")}`,
        delivered: 1,
      })),
    ),
    textLike,
  ),
  socketId: socketIdLike,
});
export const recipientsQueryFields = fields({
  after: fc.oneof({ arbitrary: fc.stringMatching(/^[a-z0-9]{8,40}$/), weight: 2 }, idLike),
});
export const pageFields = fields({ before: numericText, after: numericText, limit: numericText });
export const kindLike = fc.oneof(
  { arbitrary: fc.constantFrom("direct", "group"), weight: 4 },
  { arbitrary: fc.constantFrom("lobby", "Direct", " group", "__proto__", "constructor"), weight: 1 },
  { arbitrary: textLike, weight: 1 },
);
/** Create-conversation bodies whose user ids come from `userId` (the integration test passes real ones). */
export function createFieldsFrom(userId: fc.Arbitrary<unknown>) {
  return fc.oneof(
    fields({ kind: kindLike, userId }),
    fields({
      kind: kindLike,
      title: fc.oneof({ arbitrary: fc.stringMatching(/^\w[\w ]{0,30}$/), weight: 2 }, textLike),
      memberIds: fc.oneof(
        fc.array(userId, { maxLength: 5 }),
        fc.array(validId, { minLength: 1, maxLength: 5 }),
        fc.array(validId, { minLength: 97, maxLength: 101 }),
        textLike,
      ),
    }),
  );
}
export const createFields = createFieldsFrom(fc.oneof({ arbitrary: validId, weight: 2 }, idLike));
export const searchFields = fields({ q: textLike });
export const pusherFields = fields({
  socket_id: socketIdLike,
  channel_name: fc.oneof(
    textLike,
    fc.constantFrom("private-user-abc12345", "presence-conversation-x", "x".repeat(164), "x".repeat(165)),
  ),
});

// Issue 14: user authentication and the realtime server's webhooks.
export const userAuthFields = fields({ socket_id: socketIdLike });
const webhookEventLike = fc.oneof(
  fc.record({
    name: fc.oneof(fc.constantFrom("channel_vacated", "channel_occupied", "x".repeat(65)), textLike),
    channel: fc.oneof(fc.constantFrom("private-user-abc12345", "x".repeat(201)), textLike),
  }),
  fc.record({ name: textLike }),
  textLike,
);
export const webhookFields = fields({
  time_ms: fc.oneof(fc.nat(), weirdNumber),
  events: fc.oneof(
    fc.array(webhookEventLike, { maxLength: 3 }),
    fc.array(fc.constant({ name: "channel_vacated" }), { minLength: 100, maxLength: 101 }),
    textLike,
  ),
});

// Issue 15: edit, delete, reactions, group management, changes catch-up.

/** Reply targets: a seq ≥ 1 (0 names no message). */
export const replyToLike = fc.oneof({ arbitrary: fc.integer({ min: 0, max: 50 }), weight: 2 }, seqLike);
export const sendWithReplyFields = fields({
  body: fc.oneof(messageTextLike, fc.constantFrom("", "  ")),
  clientId: lean<unknown>(fc.uuid(), uuidLike),
  replyToSeq: replyToLike,
  socketId: socketIdLike,
  attachmentIds: attachmentIdsLike,
});
export const editFields = fields({ body: messageTextLike, socketId: socketIdLike });
export const deleteQueryFields = fields({
  for: fc.oneof(
    { arbitrary: fc.constantFrom("everyone", "me"), weight: 4 },
    fc.constantFrom("Everyone", "ME", " me", "all", "", "__proto__"),
    textLike,
  ),
});
/** Emoji, single and composed (skin tones, ZWJ families, flags, keycaps), and things that aren't one emoji. */
export const emojiLike = fc.oneof(
  { arbitrary: fc.constantFrom("👍", "❤️", "😂", "😮", "😢", "🙏", "👍🏽", "👨‍👩‍👧‍👦", "🇫🇷", "1️⃣", "🏳️‍🌈"), weight: 4 },
  fc.constantFrom("👍👍", "a", "", " 👍", "👍 ", "❤", "\u200d", "🇫", "<b>", "👍".repeat(9), "x".repeat(40)),
  textLike,
);
export const reactionFields = fields({
  emoji: emojiLike,
  on: fc.oneof({ arbitrary: fc.boolean(), weight: 4 }, fc.constantFrom("true", 1, 0, null), someValue),
  socketId: socketIdLike,
});
export const titleLike = fc.oneof(
  { arbitrary: fc.stringMatching(/^\w[\w ]{0,30}$/), weight: 2 },
  fc.constantFrom(" Team ", "x".repeat(64), "x".repeat(65), "\u202eevil", "   "),
  textLike,
);
export const renameFields = fields({ title: titleLike });
export const addMembersFields = fields({
  userIds: fc.oneof(
    fc.array(fc.oneof({ arbitrary: validId, weight: 3 }, idLike), { maxLength: 5 }),
    fc.array(validId, { minLength: 98, maxLength: 101 }),
    textLike,
  ),
});
export const changesQueryFields = fields({ after: numericText, limit: numericText });

/** One emoji as a person sees one: a single grapheme that is pictographic, a flag or a keycap. */
export function emojiProblems(value: unknown): string[] {
  if (typeof value !== "string") return [`emoji is not a string: ${typeof value}`];
  const problems: string[] = [];
  const graphemes = [...new Intl.Segmenter("en", { granularity: "grapheme" }).segment(value)];
  if (graphemes.length !== 1) problems.push(`${graphemes.length} graphemes`);
  if (value.length > 32) problems.push(`${value.length} UTF-16 units`);
  if (!value.isWellFormed()) problems.push("not well-formed Unicode");
  if (/[\s\p{Cc}]/u.test(value)) problems.push("space or control character");
  if (!/\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3/u.test(value)) problems.push("not an emoji");
  return problems;
}
