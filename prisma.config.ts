import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { defineConfig } from "prisma/config";

// The schema's env("DATABASE_URL") must resolve, or the CLI falls back to downloading a native
// engine (fails offline); default it to the local database like lib/env.ts does.
const url = (process.env.DATABASE_URL ??= "file:./prisma/dev.db");

// The JS schema engine + libSQL adapter: migrate and generate work offline, no native binaries.
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  adapter: async () =>
    new PrismaLibSQL({
      url,
      authToken: process.env.DATABASE_AUTH_TOKEN,
    }),
});
