// CLI: `npm run storage`. Serves the local S3-compatible store until SIGINT/SIGTERM, with the
// app's S3 settings from the environment (the port is S3_ENDPOINT's).
import { mkdirSync } from "node:fs";
import { startStorageServer, type StorageServer } from "./server";

// The app's local defaults (lib/server/storage/settings.ts); this server imports nothing of the app's.
const env = process.env;
const endpoint = new URL(env.S3_ENDPOINT || "http://127.0.0.1:9000");
const directory = env.STORAGE_DIR || ".tmp/storage";

let server: StorageServer | undefined;

async function main() {
  const stop = () => void (server ? server.close().then(() => process.exit(0)) : process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  mkdirSync(directory, { recursive: true });
  server = await startStorageServer({
    host: endpoint.hostname,
    port: Number(endpoint.port || 80),
    directory,
    bucket: env.S3_BUCKET || "ticks",
    accessKeyId: env.S3_ACCESS_KEY_ID || "ticks-local-access-key",
    secretAccessKey: env.S3_SECRET_ACCESS_KEY || "ticks-local-secret-key",
  });
  process.stdout.write(`storage server (S3 API) listening on ${server.url}, files in ${directory}\n`);
}

main().catch((error: unknown) => {
  const inUse = (error as NodeJS.ErrnoException).code === "EADDRINUSE";
  process.stderr.write(
    `storage server failed to start: ${error instanceof Error ? error.message : String(error)}` +
      `${inUse ? " (another one running? set S3_ENDPOINT to another port)" : ""}\n`,
  );
  process.exit(1);
});
