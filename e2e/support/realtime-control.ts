import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";

// The e2e realtime server runs as its own process (playwright.config.ts) and writes its pid here,
// so the outage spec can stop it for real and start a new one on the same port.
const PORT = Number(process.env.E2E_REALTIME_PORT ?? 6101);
const PID_FILE = `.tmp/e2e-realtime-${PORT}.pid`;
const HEALTH = `http://127.0.0.1:${PORT}/health`;

async function healthy() {
  return fetch(HEALTH).then(
    (r) => r.ok,
    () => false,
  );
}

async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export async function stopRealtimeServer() {
  if (!existsSync(PID_FILE)) throw new Error(`no realtime server pid file at ${PID_FILE}`);
  process.kill(Number(readFileSync(PID_FILE, "utf8")), "SIGTERM");
  await until(async () => !(await healthy()), "the realtime server to stop");
}

/** Starts a replacement on the same port; returns a function that stops it. */
export async function startRealtimeServer() {
  const child = spawn("node_modules/.bin/tsx", ["realtime-server/src/main.ts"], {
    env: { ...process.env, PUSHER_PORT: String(PORT), REALTIME_PID_FILE: PID_FILE },
    stdio: "ignore",
  });
  await until(healthy, "the realtime server to start");
  return async () => {
    child.kill("SIGTERM");
    await until(async () => !(await healthy()), "the replacement realtime server to stop");
  };
}
