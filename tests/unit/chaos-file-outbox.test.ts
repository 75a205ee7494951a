// The chaos soak's stand-in for the browser's IndexedDB outbox: what a restarted client finds.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { nextToSend } from "@/lib/client/outbox/record";
import { FileOutbox } from "@/chaos/lib/client/file-outbox";

const dirs: string[] = [];
const fileIn = () => {
  const dir = mkdtempSync(join(tmpdir(), "chaos-outbox-"));
  dirs.push(dir);
  return join(dir, "outbox.json");
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const typed = (clientId: string) => ({ clientId, conversationId: "c1", body: clientId, createdAt: "" });

describe("the file outbox", () => {
  it("keeps every change for the next process, in typed order, with nothing half-written left", async () => {
    const file = fileIn();
    const first = new FileOutbox(file);
    await first.add(typed("a"));
    await first.add(typed("b"));
    await first.add(typed("c"));
    await first.update("b", {
      state: "failed",
      failure: { code: "network", message: "no", retryable: true },
    });
    await first.remove("a");

    const restarted = new FileOutbox(file);
    const records = await restarted.all();
    expect(records.map((r) => [r.clientId, r.order, r.state])).toEqual([
      ["b", 2, "failed"],
      ["c", 3, "queued"],
    ]);
    expect(nextToSend(records)?.clientId).toBe("c");
    expect(readdirSync(join(file, "..")).sort()).toEqual(["outbox.json"]);
  });

  it("drops the failure when a message is queued again (Retry), and answers false for one gone", async () => {
    const outbox = new FileOutbox(fileIn());
    await outbox.add(typed("a"));
    await outbox.update("a", {
      state: "failed",
      failure: { code: "internal", message: "x", retryable: true },
    });
    expect(await outbox.update("a", { state: "queued", failure: undefined })).toBe(true);
    expect(await outbox.all()).toEqual([expect.not.objectContaining({ failure: expect.anything() })]);
    expect(await outbox.update("gone", { state: "queued" })).toBe(false);
  });

  it("orders a message added after a restart behind the ones kept", async () => {
    const file = fileIn();
    await new FileOutbox(file).add(typed("a"));
    const restarted = new FileOutbox(file);
    expect((await restarted.add(typed("b"))).order).toBe(2);
  });
});
