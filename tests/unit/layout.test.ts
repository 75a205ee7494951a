// The layout's rules that a linter can't see (docs/architecture.md, "Layers"); the import arrows
// themselves are enforced by ESLint's import/no-restricted-paths (eslint.config.mjs).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return path.endsWith("generated") ? [] : filesUnder(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe("lib/", () => {
  it("holds only core, server and client (and nothing loose)", () => {
    expect(readdirSync("lib").sort()).toEqual(["client", "core", "server"]);
  });

  it("has server files that all refuse to load in the browser (import 'server-only' first)", () => {
    const files = filesUnder("lib/server");
    expect(files.length).toBeGreaterThan(20);
    const open = files.filter((f) => !readFileSync(f, "utf8").startsWith('import "server-only";'));
    expect(open).toEqual([]);
  });

  it("keeps browser hooks and components readable (≤ 150 lines of code each)", () => {
    const code = (f: string) =>
      readFileSync(f, "utf8")
        .split("\n")
        .filter((l) => !/^\s*(\/\/|\*|\/\*|$)/.test(l)).length;
    const long = [...filesUnder("lib/client"), ...filesUnder("components")].filter((f) => code(f) > 150);
    expect(long).toEqual([]);
  });
});
