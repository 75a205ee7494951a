// Passwords: Argon2id, and no way to tell an unknown username from a wrong password by the work
// the server does (an unknown user still costs one verification, against a dummy hash).
import { beforeEach, describe, expect, it, vi } from "vitest";

const calls = vi.hoisted(() => ({ verify: 0 }));
vi.mock("@node-rs/argon2", async (importOriginal) => {
  const real = await importOriginal<typeof import("@node-rs/argon2")>();
  return {
    ...real,
    verify: (...args: Parameters<typeof real.verify>) => {
      calls.verify++;
      return real.verify(...args);
    },
  };
});

const { hashPassword, verifyPassword } = await import("@/lib/server/auth/password");

beforeEach(() => {
  calls.verify = 0;
});

describe("password hashing", () => {
  it("stores Argon2id hashes with at least OWASP's minimum cost, salted per password", async () => {
    const a = await hashPassword("correct horse battery");
    const b = await hashPassword("correct horse battery");
    expect(a).toMatch(/^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=\d+\$/);
    const [, m, t] = /m=(\d+),t=(\d+)/.exec(a)!;
    expect(Number(m)).toBeGreaterThanOrEqual(19_456);
    expect(Number(t)).toBeGreaterThanOrEqual(2);
    expect(a).not.toBe(b);
  });

  it("accepts the right password and refuses a wrong one", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(await verifyPassword(hash, "correct horse battery")).toBe(true);
    expect(await verifyPassword(hash, "wrong horse battery")).toBe(false);
  });

  it("does the same work for an unknown user as for a wrong password", async () => {
    const hash = await hashPassword("correct horse battery");
    calls.verify = 0;
    expect(await verifyPassword(hash, "guess")).toBe(false);
    const forKnown = calls.verify;
    calls.verify = 0;
    expect(await verifyPassword(null, "guess")).toBe(false);
    expect(calls.verify).toBe(forKnown);
    expect(forKnown).toBe(1);
  });
});
