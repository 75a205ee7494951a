import { defineConfig, devices } from "@playwright/test";
import { chromiumLaunchOptions } from "./e2e/support/chromium";
import { e2eDatabaseFile } from "./e2e/support/database";

// The e2e suite runs a production build on its own ports with its own fresh database, so it
// never touches the developer's `npm run dev` (3000/6001, prisma/dev.db).
const PORT = Number(process.env.E2E_PORT ?? 3101);
const REALTIME_PORT = Number(process.env.E2E_REALTIME_PORT ?? 6101);
const baseURL = `http://127.0.0.1:${PORT}`;
const REALTIME_PID_FILE = `.tmp/e2e-realtime-${REALTIME_PORT}.pid`;
const E2E_DB = e2eDatabaseFile;
// The local S3-compatible store (storage-server/), fresh for every run.
const S3_PORT = Number(process.env.E2E_S3_PORT ?? 9101);
const STORAGE_DIR = `.tmp/e2e-storage-${S3_PORT}`;

// Production-style settings: credentials, ports and database that are none of the local defaults,
// so a code path that assumed them would fail here. Set on process.env too, so the outage spec's
// replacement realtime server gets the same app.
const PUSHER = { PUSHER_APP_ID: "e2e-app", PUSHER_KEY: "e2e-key-8f1c", PUSHER_SECRET: "e2e-secret-5b7d0a" };
Object.assign(process.env, PUSHER);
// The dashboard settings Ticks asks for in production (README, "Pusher app settings"): watchlist
// events for the online dots, and the channel_vacated webhook to the app for "last seen".
const REALTIME_APP = {
  REALTIME_WATCHLIST_EVENTS: "true",
  REALTIME_WEBHOOK_URLS: `${baseURL}/api/pusher/webhooks`,
  REALTIME_WEBHOOK_EVENTS: "channel_vacated",
};
Object.assign(process.env, REALTIME_APP);
const S3 = {
  S3_ENDPOINT: `http://127.0.0.1:${S3_PORT}`,
  S3_REGION: "us-east-1",
  S3_BUCKET: "ticks-e2e",
  S3_ACCESS_KEY_ID: "e2e-access-key",
  S3_SECRET_ACCESS_KEY: "e2e-secret-key-3c9e41",
};

export default defineConfig({
  testDir: "e2e",
  // Side-by-side runs (NEXT_DIST_DIR + E2E_PORT) keep their artifacts apart too.
  outputDir: process.env.E2E_OUTPUT_DIR ?? "test-results",
  fullyParallel: true,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: chromiumLaunchOptions,
  },
  projects: [
    { name: "chromium", use: { ...devices["Desktop Chrome"] }, testIgnore: /outage\.spec\.ts/ },
    // Stops and restarts the shared realtime server, so it runs alone, after everything else.
    {
      name: "outage",
      use: { ...devices["Desktop Chrome"] },
      testMatch: /outage\.spec\.ts/,
      dependencies: ["chromium"],
    },
  ],
  webServer: [
    {
      // Its own process (not inside the app's), so the outage spec can stop and restart it.
      command: "npx tsx realtime-server/src/main.ts",
      url: `http://127.0.0.1:${REALTIME_PORT}/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: {
        ...PUSHER,
        ...REALTIME_APP,
        PUSHER_PORT: String(REALTIME_PORT),
        REALTIME_PID_FILE: REALTIME_PID_FILE,
      },
    },
    {
      command: `rm -rf ${STORAGE_DIR} && npx tsx storage-server/src/main.ts`,
      url: `http://127.0.0.1:${S3_PORT}/_health`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: { ...S3, STORAGE_DIR },
    },
    {
      command: `rm -f ${E2E_DB}* && mkdir -p .tmp && npx tsx scripts/run.ts start`,
      url: `${baseURL}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: {
        ...PUSHER,
        PORT: String(PORT),
        DATABASE_URL: `file:./${E2E_DB}`,
        AUTH_SECRET: "e2e-secret-not-for-production-0123456789",
        PUSHER_HOST: "127.0.0.1",
        PUSHER_PORT: String(REALTIME_PORT),
        REALTIME_SERVER: "external",
        ...S3,
        STORAGE_SERVER: "external",
        // One spec seeds a 120-message history through the API in a burst.
        RATE_LIMIT_SENDS_PER_10S: "1000",
        AUTH_URL: baseURL,
      },
    },
  ],
});
