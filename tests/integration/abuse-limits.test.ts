// Abuse limits: a per-user send limit and a per-username+address sign-in failure limit, both
// answering 429 with Retry-After, and neither losing anything already accepted.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TooManySignInAttempts, verifyCredentials } from "@/lib/server/auth/credentials";
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
    const { id } = await startDirect(alice, bob);
    const accepted: string[] = [];
    let refused: {
      status: number;
      json: { error: { code: string; details?: { retryAfter?: number } } };
    } | null = null;
    // Sends inside one 10 s window (retrying the burst if it straddles a window edge).
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
    // Bob is not limited by Alice's sending.
    const other = await as(bob).call(routes.messages.POST, {
      id,
      body: { body: "hi", clientId: randomUUID() },
    });
    expect(other.status).toBe(201);
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
