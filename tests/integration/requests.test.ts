// Malformed requests get the §4 error shape with the right code, before touching any data.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import {
  as,
  messagesOf,
  registerAll,
  routes,
  send,
  startDirect,
  type Answer,
  type TestUser,
} from "./helpers";

let alice: TestUser;
let bob: TestUser;
let chat: string;

beforeAll(async () => {
  [alice, bob] = await registerAll("alice", "bob");
  chat = (await startDirect(alice, bob)).id;
});

function expectError(answer: Answer, status: number, code: string) {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.json).toEqual({
    error: {
      code,
      message: expect.any(String),
      ...(answer.json?.error?.details ? { details: expect.anything() } : {}),
    },
  });
  expect(answer.json.error.message.length).toBeGreaterThan(0);
}

const postMessage = (options: { body?: unknown; headers?: Record<string, string> }) =>
  as(alice).call(routes.messages.POST, { id: chat, ...options });

describe("a JSON request", () => {
  it("with a body that is not JSON is refused with 400 bad_request", async () => {
    expectError(await postMessage({ body: '{"body": "hi",' }), 400, "bad_request");
  });

  it("with an empty body is refused with 400", async () => {
    expectError(await postMessage({ body: "" }), 400, "bad_request");
  });

  it("without Content-Type: application/json is refused with 400, even if the body is JSON", async () => {
    const body = JSON.stringify({ body: "hi", clientId: randomUUID() });
    expectError(await postMessage({ body, headers: { "content-type": "text/plain" } }), 400, "bad_request");
    expectError(
      await postMessage({ body, headers: { "content-type": "application/x-www-form-urlencoded" } }),
      400,
      "bad_request",
    );
  });

  it("with Content-Type: application/json; charset=utf-8 is accepted", async () => {
    const body = JSON.stringify({ body: "hi", clientId: randomUUID() });
    const { status } = await postMessage({
      body,
      headers: { "content-type": "application/json; charset=utf-8" },
    });
    expect(status).toBe(201);
  });

  it("over the 16 KB cap is refused with 413 payload_too_large", async () => {
    const huge = { body: "x".repeat(17 * 1024), clientId: randomUUID() };
    expectError(await postMessage({ body: huge }), 413, "payload_too_large");
  });

  it("declaring a Content-Length over the cap is refused with 413 before it is read", async () => {
    const body = JSON.stringify({ body: "hi", clientId: randomUUID() });
    const answer = await postMessage({ body, headers: { "content-length": String(20 * 1024) } });
    expectError(answer, 413, "payload_too_large");
  });

  it("of JSON that is not an object is refused with 400", async () => {
    expectError(await postMessage({ body: "[]" }), 400, "bad_request");
    expectError(await postMessage({ body: "null" }), 400, "bad_request");
  });

  it("refused for any reason stores nothing", async () => {
    expect((await messagesOf(alice, chat)).messages.map((m) => m.body)).toEqual(["hi"]);
  });
});

describe("sending a message", () => {
  it("with an empty or whitespace-only body is refused with 400", async () => {
    for (const body of ["", "   ", "\n\t"]) {
      expectError(await postMessage({ body: { body, clientId: randomUUID() } }), 400, "bad_request");
    }
  });

  it("with a body of 2001 characters is refused with 400 naming the field", async () => {
    const answer = await postMessage({ body: { body: "a".repeat(2001), clientId: randomUUID() } });
    expectError(answer, 400, "bad_request");
    expect(answer.json.error.message).toMatch(/^body: /);
  });

  it("with a body of exactly 2000 characters is stored", async () => {
    const message = await send(alice, chat, "a".repeat(2000));
    expect(message.body).toHaveLength(2000);
  });

  it("with a body over 4096 UTF-8 bytes is refused even under 2000 characters", async () => {
    expectError(
      await postMessage({ body: { body: "€".repeat(1400), clientId: randomUUID() } }),
      400,
      "bad_request",
    );
  });

  it("with control characters is refused", async () => {
    expectError(
      await postMessage({ body: { body: "bell\u0007", clientId: randomUUID() } }),
      400,
      "bad_request",
    );
  });

  it("without a UUID clientId is refused", async () => {
    expectError(await postMessage({ body: { body: "hi", clientId: "1234" } }), 400, "bad_request");
    expectError(await postMessage({ body: { body: "hi" } }), 400, "bad_request");
  });

  it("keeps the text exactly as sent, markup included", async () => {
    const text = '  <b>not bold</b> & "quotes"\n\tindented 👍';
    expect((await send(alice, chat, text)).body).toBe(text);
  });
});

describe("reading a page of messages", () => {
  const page = (query: Record<string, string | number>) =>
    as(alice).call(routes.messages.GET, { id: chat, query });

  it("with both before and after is refused with 400", async () => {
    expectError(await page({ before: 5, after: 1 }), 400, "bad_request");
  });

  it("with a limit outside 1..100 is refused with 400", async () => {
    for (const limit of [0, 101, -1, "many"]) expectError(await page({ limit }), 400, "bad_request");
  });

  it("with a negative or non-numeric seq is refused with 400", async () => {
    expectError(await page({ before: -1 }), 400, "bad_request");
    expectError(await page({ after: "x" }), 400, "bad_request");
  });
});

describe("acknowledging", () => {
  for (const kind of ["delivered", "read"] as const) {
    it(`${kind}: an upTo that is negative, fractional, a string or missing is refused with 400`, async () => {
      for (const body of [{ upTo: -1 }, { upTo: 1.5 }, { upTo: "3" }, {}]) {
        const answer = await as(bob).call(routes[kind].POST, { id: chat, body });
        expectError(answer, 400, "bad_request");
      }
    });

    it(`${kind}: a malformed socketId is refused with 400`, async () => {
      const answer = await as(bob).call(routes[kind].POST, { id: chat, body: { upTo: 1, socketId: "abc" } });
      expectError(answer, 400, "bad_request");
    });
  }
});

describe("creating a conversation", () => {
  it("of an unknown kind or with a malformed user id is refused with 400", async () => {
    for (const body of [
      { kind: "lobby" },
      { kind: "direct", userId: "../../etc" },
      { kind: "group", title: "x", memberIds: [] },
    ]) {
      const answer = await as(alice).call(routes.conversations.POST, { body });
      expectError(answer, 400, "bad_request");
    }
  });
});
