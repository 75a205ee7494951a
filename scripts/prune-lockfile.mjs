// Keeps package-lock.json usable by `npm ci` where the registry serves only this platform's
// native packages (this project's CI machines 404 e.g. @next/swc-darwin-arm64): npm then writes
// lock entries that list optional dependencies it could not record, and `npm ci` refuses the lock
// as "out of sync". Dropping those unrecordable optional names makes the lock self-consistent.
// On a machine whose registry has every platform nothing is missing and nothing changes.
import { existsSync, readFileSync, writeFileSync } from "node:fs";

const file = "package-lock.json";
if (!existsSync(file)) process.exit(0);
const text = readFileSync(file, "utf8");
const lock = JSON.parse(text);
const packages = lock.packages ?? {};
const recorded = new Set(
  Object.keys(packages).map((key) => key.slice(key.lastIndexOf("node_modules/") + 13)),
);

let pruned = 0;
for (const entry of Object.values(packages)) {
  for (const name of Object.keys(entry.optionalDependencies ?? {})) {
    if (!recorded.has(name)) {
      delete entry.optionalDependencies[name];
      pruned++;
    }
  }
}
if (pruned > 0) {
  writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
  console.log(`prune-lockfile: dropped ${pruned} optional dependencies this registry does not serve`);
}
