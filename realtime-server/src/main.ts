// CLI: `npm run realtime`. Reads the Pusher settings from the environment, serves until SIGINT/SIGTERM.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { optionsFromEnv } from "./config";
import { startRealtimeServer, type RealtimeServer } from "./server";

let server: RealtimeServer | undefined;
let stopping = false;
// Optional, for supervisors and tests that need to stop this very process (not a shell wrapper).
const pidFile = process.env.REALTIME_PID_FILE;

function stop(signal: NodeJS.Signals): void {
  // A second Ctrl-C means "now": don't wait for clients to finish closing.
  if (stopping) process.exit(1);
  stopping = true;
  if (!server) process.exit(0);
  if (pidFile) rmSync(pidFile, { force: true });
  server.close().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`realtime server: error while stopping on ${signal}: ${String(error)}\n`);
      process.exit(1);
    },
  );
}

async function main(): Promise<void> {
  // Handlers go in before the "listening" line: whoever waits for that line may signal at once.
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  server = await startRealtimeServer(optionsFromEnv(process.env));
  const appIds = server.apps.map((app) => app.id).join(", ");
  if (pidFile) {
    mkdirSync(dirname(pidFile), { recursive: true });
    writeFileSync(pidFile, String(process.pid));
  }
  process.stdout.write(`realtime server listening on ${server.url} (app ${appIds})\n`);
}

main().catch((error: unknown) => {
  const code = (error as NodeJS.ErrnoException).code;
  const hint =
    code === "EADDRINUSE"
      ? " (is another realtime server already running? set PUSHER_PORT to use another port)"
      : "";
  process.stderr.write(
    `realtime server failed to start: ${error instanceof Error ? error.message : String(error)}${hint}\n`,
  );
  process.exit(1);
});
