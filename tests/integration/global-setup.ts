// Migrates one template database per run with the real migrations (`prisma migrate deploy`);
// setup.ts copies it so every test file starts from its own fresh, fully migrated database.
import { execSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}

const root = fileURLToPath(new URL("../..", import.meta.url));

export default function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(tmpdir(), "ticks-integration-"));
  const template = path.join(dir, "template.db");
  execSync("npx prisma migrate deploy", {
    cwd: root,
    env: { ...process.env, DATABASE_URL: `file:${template}` },
    stdio: "pipe",
  });
  project.provide("templateDatabase", template);
  return () => rmSync(dir, { recursive: true, force: true });
}
