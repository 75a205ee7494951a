// The local database's one lock (lib/server/db/serial-client.ts) is one per process even when the
// module is loaded twice, as the App Router's server code and the Pages API routes each load it.
import { describe, expect, it, vi } from "vitest";

describe("the local database's lock", () => {
  it("is shared by every copy of its module", async () => {
    const a = await import("@/lib/server/db/serial-client");
    vi.resetModules();
    const b = await import("@/lib/server/db/serial-client");
    expect(b).not.toBe(a);

    const order: string[] = [];
    let release!: () => void;
    const first = a.exclusively(
      () =>
        new Promise<void>((resolve) => {
          order.push("a starts");
          release = () => {
            order.push("a ends");
            resolve();
          };
        }),
    );
    const second = b.exclusively(() => order.push("b runs"));
    await vi.waitFor(() => expect(order).toEqual(["a starts"]));
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(["a starts"]);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(["a starts", "a ends", "b runs"]);
  });
});
