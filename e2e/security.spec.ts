import { expect, test, uniqueName } from "./fixtures";

test("signing out makes a copied session cookie useless", async ({ people, browser, baseURL }) => {
  const [alice] = await people("alice");
  const stolen = await alice.page.context().storageState();
  expect((await alice.page.request.get("/api/conversations")).status()).toBe(200);

  await alice.chat.signOut();

  const thief = await browser.newContext({ baseURL, storageState: stolen });
  try {
    expect((await thief.request.get("/api/conversations")).status()).toBe(401);
    const page = await thief.newPage();
    await page.goto("/");
    await expect(page).toHaveURL(/\/login/);
  } finally {
    await thief.close();
  }
});

test("pages and API answers carry strict security headers", async ({ people }) => {
  const [alice] = await people("alice");
  const page = await alice.page.request.get("/");
  const csp = page.headers()["content-security-policy"] ?? "";
  const scriptSrc = csp.split(";").find((d) => d.trim().startsWith("script-src")) ?? "";
  expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]+'/);
  expect(scriptSrc).not.toContain("unsafe-inline");
  expect(scriptSrc).not.toContain("unsafe-eval");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  for (const response of [page, await alice.page.request.get("/api/conversations")]) {
    const headers = response.headers();
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["x-powered-by"]).toBeUndefined();
  }
  // The build's scripts: nosniff, and none of the headers only a document acts on (page weight).
  const script = await alice.page.locator("script[src*='/_next/static/']").first().getAttribute("src");
  const asset = (await alice.page.request.get(script!)).headers();
  expect(asset["x-content-type-options"]).toBe("nosniff");
  expect(asset["x-frame-options"]).toBeUndefined();
  expect(asset["cross-origin-opener-policy"]).toBeUndefined();
  const api = await alice.page.request.get("/api/conversations");
  expect(api.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
  // The hot path's routes (Pages API, docs/architecture.md "The hot path") carry the same headers.
  const hot = await alice.page.request.get("/api/conversations/nope/messages");
  expect(hot.status()).toBe(404);
  expect(hot.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
  expect(hot.headers()["x-content-type-options"]).toBe("nosniff");
  expect(hot.headers()["x-frame-options"]).toBe("DENY");
  // A fresh nonce per page view.
  const again = (await alice.page.request.get("/")).headers()["content-security-policy"];
  expect(again).not.toBe(csp);
});

test("the chat works under its CSP without a single violation", async ({ people }) => {
  const [alice, bob] = await people("alice", "bob");
  const violations: string[] = [];
  for (const person of [alice, bob]) {
    person.page.on("console", (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
  }
  await alice.chat.startDirectChat(bob.name);
  await bob.chat.open(new RegExp(alice.name));
  await alice.chat.send("csp check");
  await expect(alice.chat.status("csp check")).toHaveAttribute("data-status", "read");
  await alice.page.reload();
  await expect(alice.chat.message("csp check")).toBeVisible();
  expect(violations).toEqual([]);
});

test("a write from another site is refused, even with the user's cookie", async ({ people }) => {
  const [alice] = await people("alice");
  const list = await (await alice.page.request.get("/api/conversations")).json();
  const lobby = list.conversations.find((c: { kind: string }) => c.kind === "lobby");
  const response = await alice.page.request.post(`/api/conversations/${lobby.id}/messages`, {
    headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    data: { body: `forged ${uniqueName("x")}`, clientId: crypto.randomUUID() },
  });
  expect(response.status()).toBe(403);
  expect((await response.json()).error.code).toBe("forbidden");
});
