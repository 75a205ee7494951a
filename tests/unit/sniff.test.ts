// Judging an upload by its bytes (lib/server/storage/sniff.ts): never by its name.
import { describe, expect, it } from "vitest";
import { sniff } from "@/lib/server/storage/sniff";
import { page, pdf, png } from "@/tests/support/sample-files";

const bytes = (b: Buffer) => new Uint8Array(b);

describe("sniffing an upload", () => {
  it("accepts a picture that is what it says, and reads its size in pixels", async () => {
    expect(await sniff(bytes(png(640, 480)), "image/png", true)).toEqual({
      ok: true,
      value: { contentType: "image/png", width: 640, height: 480 },
    });
  });

  it("serves a picture as what its bytes are when its name said another picture type", async () => {
    expect(await sniff(bytes(png(2, 2)), "image/jpeg", true)).toMatchObject({
      ok: true,
      value: { contentType: "image/png" },
    });
  });

  it("refuses a page, whatever it claims to be", async () => {
    for (const type of ["image/png", "text/plain", "text/csv", "application/pdf"] as const) {
      expect(await sniff(bytes(page()), type, true), type).toEqual({
        ok: false,
        reason: "it is a web page or markup, which can't be sent",
      });
    }
    const svg = Buffer.from(
      '\uFEFF  <svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    );
    expect((await sniff(bytes(svg), "image/png", true)).ok).toBe(false);
  });

  it("refuses a document sent as a picture, and a picture sent as a document", async () => {
    expect(await sniff(bytes(pdf()), "image/png", true)).toEqual({
      ok: false,
      reason: "its contents are application/pdf",
    });
    expect((await sniff(bytes(png(2, 2)), "application/pdf", true)).ok).toBe(false);
  });

  it("takes text as text (UTF-8, no NUL), even when the sample ends inside a character", async () => {
    expect(await sniff(bytes(Buffer.from("name,city\nZoë,Zürich\n")), "text/csv", true)).toEqual({
      ok: true,
      value: { contentType: "text/csv" },
    });
    const cut = Buffer.from("héllo").subarray(0, 2); // "h" and half of "é"
    expect((await sniff(bytes(cut), "text/plain", false)).ok).toBe(true);
    expect((await sniff(bytes(Buffer.from([0x68, 0, 0x69])), "text/plain", true)).ok).toBe(false);
    expect((await sniff(bytes(Buffer.from([0xff, 0xfe, 0x41])), "text/plain", true)).ok).toBe(false);
  });

  it("refuses bytes that are nothing in particular", async () => {
    expect(await sniff(bytes(Buffer.from("just some words")), "image/gif", true)).toEqual({
      ok: false,
      reason: "its contents don't match its type",
    });
  });
});
