import { existsSync } from "node:fs";

// Playwright can't download its browsers here: use the system Chromium when there is one (CI
// installs Debian's), else Playwright's own (`npx playwright install chromium` on a laptop).
const path = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Launch options for every Chromium the project starts (e2e, README screenshots, benchmark). */
export const chromiumLaunchOptions = {
  executablePath: existsSync(path) ? path : undefined,
  // Without these Chromium keeps trying to reach Google's services (no network here).
  args: [
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
  ],
};
