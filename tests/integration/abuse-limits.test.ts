// Abuse limits: a per-user send limit and a per-username+address sign-in failure limit, both
// answering 429 with Retry-After, and neither losing anything already accepted.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from "vitest";
import { TooManySignInAttempts, verifyCredentials } from "@/lib/server/auth/credentials";
import { prisma } from "@/lib/server/db/client";
import { reloadEnvironment } from "@/lib/server/env";
import { as, messagesOf, registerAs, routes, startDirect, type TestUser } from "./helpers";

let alice: TestUser;
let bob: TestUser;
const saved = { ...process.env };

beforeAll(async () => {
  process.env.RATE_LIMIT_SENDS_PER_10S = "5";
  process.env.RATE_LIMIT_SIGNIN_FAILURES = "3";
  reloadEnvironment();
  alice = await registerAs("alice");
  bob = await registerAs("bob");
});

afterAll(() => {
  process.env.RATE_LIMIT_SENDS_PER_10S = saved.RATE_LIMIT_SENDS_PER_10S;
  process.env.RATE_LIMIT_SIGNIN_FAILURES = saved.RATE_LIMIT_SIGNIN_FAILURES;
  reloadEnvironment();
});

describe("the send limit", () => {
  it("answers 429 with Retry-After past the limit, keeps every message it accepted, and still answers retries of them", async () => {
    // One 10 s window throughout: the clock stands still (only Date is faked; timers run).
    vi.useFakeTimers({ toFake: ["Date"], now: Date.UTC(2026, 0, 1, 12, 0, 1) });
    onTestFinished(() => void vi.useRealTimers());
    const { id } = await startDirect(alice, bob);
    const accepted: string[] = [];
    let refused: {
      status: number;
      json: { error: { code: string; details?: { retryAfter?: number } } };
    } | null = null;
    for (let i = 0; i < 20 && !refused; i++) {
      const clientId = randomUUID();
      const answer = await as(alice).call(routes.messages.POST, { id, body: { body: `m${i}`, clientId } });
      if (answer.status === 201) accepted.push(clientId);
      else refused = answer;
    }
    expect(refused?.status).toBe(429);
    expect(refused?.json.error.code).toBe("rate_limited");
    expect(refused?.json.error.details?.retryAfter).toBeGreaterThan(0);
    expect(accepted.length).toBeGreaterThanOrEqual(5);

    const { messages } = await messagesOf(alice, id);
    expect(messages.map((m: { clientId: string }) => m.clientId)).toEqual(accepted);

    // A retry of an accepted message is answered even while the sender is limited.
    const retry = await as(alice).call(routes.messages.POST, {
      id,
      body: { body: "m0", clientId: accepted[0] },
    });
    expect(retry.status).toBe(200);
    // Bob is not limited by Alice's sending, and her refused send took no seq.
    for (const [i, text] of ["hi", "there"].entries()) {
      const other = await as(bob).call(routes.messages.POST, {
        id,
        body: { body: text, clientId: randomUUID() },
      });
      expect(other.status).toBe(201);
      expect(other.json.message.seq).toBe(accepted.length + 1 + i);
    }

    // A refused send stores nothing: had it moved Alice's watermarks as a send does, Bob's two
    // lines before it would show as read by her, which she never did.
    const again = await as(alice).call(routes.messages.POST, {
      id,
      body: { body: "too fast", clientId: randomUUID() },
    });
    expect(again.status).toBe(429);
    const { messages: after } = await messagesOf(bob, id);
    expect(after.slice(-2)).toMatchObject([
      { body: "hi", receipts: { recipients: 1, delivered: 0, read: 0 } },
      { body: "there", receipts: { recipients: 1, delivered: 0, read: 0 } },
    ]);
    expect(after).toHaveLength(accepted.length + 2);
    // Nor its receipt marks: a mark says when a watermark passed a message, and a mark past Bob's
    // first line now would give Alice's real read of it, later, this earlier time.
    const marks = await prisma.receiptMark.count({ where: { conversationId: id, userId: alice.id } });
    expect(marks).toBe(0);
  });

  it("sends the Retry-After header with the 429", async () => {
    const { id } = await startDirect(alice, await registerAs("carol"));
    let last: Response | null = null;
    for (let i = 0; i < 20; i++) {
      const request = new Request("http://localhost/api/test", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ body: "x", clientId: randomUUID() }),
      });
      const { runAs } = await import("./session");
      last = await runAs(alice, () =>
        routes.messages.POST(request, { params: Promise.resolve({ id, seq: "" }) }),
      );
      if (last.status === 429) break;
    }
    expect(last?.status).toBe(429);
    expect(Number(last?.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

describe("the sign-in failure limit", () => {
  it("refuses even the right password after too many failures for that username from that address", async () => {
    await registerAs("dora");
    for (let i = 0; i < 3; i++) {
      expect(
        await verifyCredentials({ username: "dora", password: "wrong-password" }, "10.0.0.1"),
      ).toBeNull();
    }
    await expect(
      verifyCredentials({ username: "dora", password: "correct horse battery" }, "10.0.0.1"),
    ).rejects.toBeInstanceOf(TooManySignInAttempts);
  });

  it("does not lock out the same username from another address, nor another username", async () => {
    await registerAs("erin");
    for (let i = 0; i < 3; i++)
      await verifyCredentials({ username: "erin", password: "nope-nope" }, "10.0.0.2");
    expect(
      await verifyCredentials({ username: "erin", password: "correct horse battery" }, "10.0.0.3"),
    ).toMatchObject({
      username: "erin",
    });
    expect(
      await verifyCredentials({ username: "dora", password: "correct horse battery" }, "10.0.0.2"),
    ).toMatchObject({
      username: "dora",
    });
  });

  it("counts failures only: successful sign-ins never lock anyone out", async () => {
    await registerAs("fred");
    for (let i = 0; i < 6; i++) {
      expect(
        await verifyCredentials({ username: "fred", password: "correct horse battery" }, "10.0.0.4"),
      ).not.toBeNull();
    }
  });
});
