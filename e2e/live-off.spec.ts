// A production start with no Pusher (and no S3) settings at all: the same build, started a second time as
// `npm start` would (scripts/run.ts start) on its own port and database. Live updates are off —
// the browser opens no socket — and two people still chat: the open conversation and the list
// are polled, acks are plain HTTP, so messages arrive without a reload and ticks still advance.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import type { Browser, Page } from "@playwright/test";
import { displayName, expect, PASSWORD, test, uniqueName } from "./fixtures";
import { ChatPage } from "./pages/chat-page";

// Beside the main e2e server (playwright.config.ts), never in its way, and independent of it.
const PORT = Number(process.env.E2E_PORT ?? 3101) + 50;
const BASE = `http://127.0.0.1:${PORT}`;
const DB = `.tmp/e2e-live-off-${PORT}.db`;
const POLLED = { timeout: 20_000 };

test.describe.configure({ mode: "serial" });
test.setTimeout(120_000);

let server: ChildProcess | undefined;
let output = "";

/** The environment of a fresh production host: none of the suite's Pusher settings. */
function productionEnv(): NodeJS.ProcessEnv {
  const env: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(NEXT_PUBLIC_)?PUSHER_|^S3_|^(REALTIME|STORAGE)_SERVER$|^RATE_LIMIT_|^AUTH_URL$/.test(key))
      continue;
    env[key] = value;
  }
  return {
    ...env,
    NODE_ENV: "production",
    PORT: String(PORT),
    DATABASE_URL: `file:./${DB}`,
    AUTH_SECRET: "live-off-e2e-secret-not-for-production-0123456789",
    AUTH_URL: BASE,
    // Blank (= unset, lib/server/env.ts) rather than absent: a developer's .env can't fill them in.
    PUSHER_APP_ID: "",
    PUSHER_KEY: "",
    PUSHER_SECRET: "",
    PUSHER_HOST: "",
    PUSHER_PORT: "",
    S3_ENDPOINT: "",
    S3_REGION: "",
    S3_BUCKET: "",
    S3_ACCESS_KEY_ID: "",
    S3_SECRET_ACCESS_KEY: "",
  };
}

async function waitForHealth() {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (server?.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
    const ok = await fetch(`${BASE}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${BASE}/api/health did not answer in 90 s:\n${output}`);
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  mkdirSync(".tmp", { recursive: true });
  for (const suffix of ["", "-journal", "-wal", "-shm"]) rmSync(DB + suffix, { force: true });
  // Its own process group, so stopping it stops Next under it too.
  server = spawn("node_modules/.bin/tsx", ["scripts/run.ts", "start"], {
    env: productionEnv(),
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  server.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  await waitForHealth();
});

test.afterAll(async () => {
  if (!server?.pid || server.exitCode !== null) return;
  const exited = new Promise((resolve) => server!.once("exit", resolve));
  process.kill(-server.pid, "SIGTERM");
  await exited;
});

/** Signs up on the /register page, in a browser context of their own. */
async function signUp(browser: Browser, prefix: string) {
  const username = uniqueName(prefix);
  const name = displayName(prefix, username);
  const page = await (await browser.newContext({ baseURL: BASE })).newPage();
  const sockets: string[] = [];
  page.on("websocket", (ws) => sockets.push(ws.url()));
  await page.goto("/register");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign up" }).click();
  const chat = new ChatPage(page);
  await expect(chat.composer).toBeVisible();
  return { name, page, chat, sockets };
}

const liveOff = (page: Page) => page.getByRole("status").filter({ hasText: "Live updates are off" });

test("the server starts with live updates off, says so once, and reports it in /api/health", async ({
  request,
}) => {
  const health = await request.get(`${BASE}/api/health`);
  expect(await health.json()).toEqual({ ok: true, db: "ok", realtime: "off" });
  expect(output.match(/Live updates are off/g)).toHaveLength(1);
  // No S3 settings either: attachments are off, said once too.
  expect(output.match(/Attachments are off/g)).toHaveLength(1);
});

test("`next start` on its own (as a host runs it) refuses a bad environment too, with one message", async () => {
  const env = {
    ...productionEnv(),
    PORT: String(PORT + 1),
    AUTH_SECRET: "",
    DATABASE_URL: "mysql://db/ticks",
  };
  const child = spawn("node_modules/.bin/next", ["start"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise((resolve) => child.once("exit", resolve));
  expect(code).toBe(1);
  expect(out.match(/Invalid environment \(2 problems\):/g)).toHaveLength(1);
  expect(out).toContain("  - AUTH_SECRET: required in production");
  expect(out).toContain("  - DATABASE_URL: expected file:<path> (SQLite) or libsql://, https://, wss://");
});

test("without Pusher two people still chat: messages arrive without a reload and ticks reach Read", async ({
  browser,
}) => {
  const alice = await signUp(browser, "alice");
  const bob = await signUp(browser, "bob");
  await expect(liveOff(alice.page)).toBeVisible();
  await expect(liveOff(bob.page)).toBeVisible();
  // No object store: the attach button stays, and says why it does nothing.
  await expect(alice.page.getByRole("button", { name: "Attach files" })).toHaveAccessibleDescription(
    "Attachments are off: this server has no file storage set up",
  );

  await alice.chat.startDirectChat(bob.name);
  // Bob's list learns of the new chat by polling; he stays in the lobby for now.
  await expect(bob.chat.conversationLink(new RegExp(alice.name))).toBeVisible(POLLED);

  await alice.chat.send("anyone without pusher?");
  // Bob's app holds it (from the polled list) and acknowledges delivery over HTTP.
  await expect(alice.chat.status("anyone without pusher?")).toHaveAttribute(
    "data-status",
    "delivered",
    POLLED,
  );
  await expect(bob.chat.conversationWithUnread(alice.name, 1)).toBeVisible(POLLED);

  await bob.chat.open(new RegExp(alice.name));
  await expect(bob.chat.message("anyone without pusher?")).toBeVisible();
  await expect(alice.chat.status("anyone without pusher?")).toHaveAttribute("data-status", "read", POLLED);

  // Both in the conversation: a new message shows up on the other side without a reload.
  await bob.chat.send("yes, polling works");
  await expect(alice.chat.message("yes, polling works")).toBeVisible(POLLED);
  await expect(bob.chat.status("yes, polling works")).toHaveAttribute("data-status", "read", POLLED);
  await expect(bob.chat.status("yes, polling works")).toHaveText("Read");

  // No Pusher means no socket: pusher-js was never even loaded.
  expect([...alice.sockets, ...bob.sockets]).toEqual([]);
  expect(output).not.toMatch(/trigger failed|unhandled error/);
  await Promise.all([alice.page.context().close(), bob.page.context().close()]);
});
