import { EventEmitter } from "node:events";
import { describe, expect, it, vi } from "vitest";
import { isClientAbort, quietClientAborts } from "@/lib/server/client-aborts";

const aborted = () => Object.assign(new Error("aborted"), { code: "ECONNRESET" });

describe("a dropped client", () => {
  it("is Node's request-stream abort, and nothing else", () => {
    expect(isClientAbort(aborted())).toBe(true);
    expect(isClientAbort(new Error("aborted"))).toBe(true);
    expect(isClientAbort(Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }))).toBe(false);
    expect(isClientAbort(new TypeError("x is undefined"))).toBe(false);
    expect(isClientAbort("aborted")).toBe(false);
  });

  it("reaches no uncaughtException handler, present or added later; other errors reach them all", async () => {
    const process = new EventEmitter();
    const before = vi.fn();
    process.on("uncaughtException", before);
    quietClientAborts(process);
    const after = vi.fn();
    process.on("uncaughtException", after);
    await Promise.resolve();

    process.emit("uncaughtException", aborted(), "uncaughtException");
    expect(before).not.toHaveBeenCalled();
    expect(after).not.toHaveBeenCalled();

    const real = new Error("a real bug");
    process.emit("uncaughtException", real, "uncaughtException");
    expect(before).toHaveBeenCalledWith(real, "uncaughtException");
    expect(after).toHaveBeenCalledWith(real, "uncaughtException");
    expect(process.listenerCount("uncaughtException")).toBe(2);
  });
});
