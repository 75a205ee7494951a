import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { defineConfig } from "prisma/config";

// The database the CLI (migrate deploy, migrate diff) works on: the same default as lib/server/env.ts.
const url = process.env.DATABASE_URL || "file:./prisma/dev.db";

// The schema's `url = env("DATABASE_URL")` must resolve to a `file:` URL: the sqlite provider
// validates it, and on anything else (libsql://, https://) the CLI gives up on the JS engine and
// tries to download a native one — `prisma generate` on a Vercel install and `migrate deploy`
// against Turso would both fail. The line is only validated, never connected to (the adapter
// below is), so a remote database gets a placeholder there. Only this CLI process sees it.
if (!url.startsWith("file:")) process.env.DATABASE_URL = "file:./prisma/remote-database-see-adapter.db";
else process.env.DATABASE_URL = url;

// The JS schema engine + libSQL adapter: migrate and generate work offline, no native binaries,
// and against Turso with DATABASE_AUTH_TOKEN.
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  adapter: async () =>
    new PrismaLibSQL({
      url,
      authToken: process.env.DATABASE_AUTH_TOKEN || undefined,
    }),
});
