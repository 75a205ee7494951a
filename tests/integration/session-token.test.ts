// The session read every API route and page does (lib/server/auth/session-token.ts), against
// tokens made by next-auth's own encoder and the real revocation table: what it accepts is exactly
// a live, unexpired session cookie sealed with AUTH_SECRET.
import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { SESSION_COOKIE, userFromCookie } from "@/lib/server/auth/session-token";
import { revokeSession } from "@/lib/server/db/sessions";
import { authSecret } from "@/lib/server/env";
import { registerAll, type TestUser } from "./helpers";

let sam: TestUser;
beforeAll(async () => {
  [sam] = await registerAll("sam");
});

const claims = (over: Record<string, unknown> = {}) => ({
  sub: sam.id,
  username: sam.username,
  name: sam.name,
  sid: randomUUID(),
  ...over,
});

async function cookieFor(payload: Record<string, unknown>, name = SESSION_COOKIE, options = {}) {
  const token = await encode({ token: payload, secret: authSecret(), salt: name, ...options });
  return `theme=dark; ${name}=${token}`;
}

describe("userFromCookie", () => {
  it("reads the user of a live session cookie", async () => {
    expect(await userFromCookie(await cookieFor(claims()))).toEqual({
      id: sam.id,
      username: sam.username,
      name: sam.name,
    });
  });

  it("reads the https (__Secure-) cookie, and a token split over chunked cookies", async () => {
    const secure = `__Secure-${SESSION_COOKIE}`;
    expect(await userFromCookie(await cookieFor(claims(), secure))).toMatchObject({ id: sam.id });
    const token = await encode({ token: claims(), secret: authSecret(), salt: SESSION_COOKIE });
    const half = Math.ceil(token.length / 2);
    const chunked = `${SESSION_COOKIE}.0=${token.slice(0, half)}; ${SESSION_COOKIE}.1=${token.slice(half)}`;
    expect(await userFromCookie(chunked)).toMatchObject({ id: sam.id });
  });

  it("refuses no cookie, a tampered one, another secret's, a cookie under the wrong name", async () => {
    expect(await userFromCookie("")).toBeNull();
    const good = await cookieFor(claims());
    const tampered = good.slice(0, -6) + (good.endsWith("AAAAAA") ? "BBBBBB" : "AAAAAA");
    expect(await userFromCookie(tampered)).toBeNull();
    const foreign = await encode({
      token: claims(),
      secret: "another-secret-".repeat(3),
      salt: SESSION_COOKIE,
    });
    expect(await userFromCookie(`${SESSION_COOKIE}=${foreign}`)).toBeNull();
    // Sealed for another cookie name (its salt): not this session's.
    const other = await encode({ token: claims(), secret: authSecret(), salt: "other" });
    expect(await userFromCookie(`${SESSION_COOKIE}=${other}`)).toBeNull();
  });

  it("refuses an expired session, one without a session id, and one signed out", async () => {
    expect(await userFromCookie(await cookieFor(claims(), SESSION_COOKIE, { maxAge: -60 }))).toBeNull();
    expect(await userFromCookie(await cookieFor(claims({ sid: undefined })))).toBeNull();
    const sid = randomUUID();
    const cookie = await cookieFor(claims({ sid }));
    expect(await userFromCookie(cookie)).not.toBeNull();
    await revokeSession(sid, new Date(Date.now() + 60_000));
    expect(await userFromCookie(cookie)).toBeNull();
  });

  describe("a cookie read before (its decoded token is kept)", () => {
    afterEach(() => vi.useRealTimers());

    it("still stops being a session when it expires", async () => {
      const cookie = await cookieFor(claims(), SESSION_COOKIE, { maxAge: 60 });
      expect(await userFromCookie(cookie)).toMatchObject({ id: sam.id });
      expect(await userFromCookie(cookie)).toMatchObject({ id: sam.id });
      // Past its expiry and the 15 s of clock tolerance getToken allows.
      vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 90_000 });
      expect(await userFromCookie(cookie)).toBeNull();
    });

    it("is still the same user, and a changed cookie is read anew", async () => {
      const cookie = await cookieFor(claims());
      expect(await userFromCookie(cookie)).toMatchObject({ id: sam.id });
      expect(await userFromCookie(cookie)).toMatchObject({ id: sam.id });
      expect(await userFromCookie(cookie.replace(/.{6}$/, "AAAAAA"))).toBeNull();
    });
  });
});

// The tests' setup stands in for lib/server/auth/session (see setup.ts); this is the real one.
describe("requestUser (what every API route asks, in both routers)", () => {
  const request = (cookie?: string) =>
    new Request("http://localhost/api/test", cookie ? { headers: { cookie } } : {});

  it("reads the user of the request's own Cookie header, and answers 401 without one", async () => {
    const { requestUser } =
      await vi.importActual<typeof import("@/lib/server/auth/session")>("@/lib/server/auth/session");
    expect(await requestUser(request(await cookieFor(claims())))).toEqual({
      id: sam.id,
      username: sam.username,
      name: sam.name,
    });
    await expect(requestUser(request())).rejects.toMatchObject({ code: "unauthorized" });
    const revoked = claims();
    await revokeSession(String(revoked.sid), new Date(Date.now() + 60_000));
    await expect(requestUser(request(await cookieFor(revoked)))).rejects.toMatchObject({
      code: "unauthorized",
    });
  });
});
