// How attachments show: a picture's box is known before it loads, and a message without text
// still reads as something in the list and in notifications.
import { describe, expect, it } from "vitest";
import type { Attachment } from "@/lib/core/attachments";
import { previewOf } from "@/lib/core/preview";
import { fitBox } from "@/lib/client/attachments/fit";

const image = (name = "a.png"): Attachment => ({
  id: "x",
  name,
  contentType: "image/png",
  size: 1,
  kind: "image",
});
const file = (name: string): Attachment => ({
  id: "y",
  name,
  contentType: "application/pdf",
  size: 1,
  kind: "file",
});

describe("a picture's box", () => {
  it("keeps the picture's shape, scaled down to fit", () => {
    expect(fitBox(4000, 3000, 260)).toEqual({ width: 260, height: 195 });
    expect(fitBox(1000, 4000, 260)).toEqual({ width: 65, height: 260 });
  });

  it("never scales a small picture up, and never collapses a thin one to nothing", () => {
    expect(fitBox(40, 30, 260)).toEqual({ width: 40, height: 30 });
    expect(fitBox(10000, 2, 260)).toEqual({ width: 260, height: 1 });
  });

  it("has a fixed size even when the picture's size is unknown", () => {
    expect(fitBox(undefined, undefined, 260)).toEqual({ width: 240, height: 180 });
  });
});

describe("a message in one line", () => {
  it("is its text, marked when it carries files", () => {
    expect(previewOf({ body: "hello" })).toBe("hello");
    expect(previewOf({ body: "look", attachments: [image()] })).toBe("📷 look");
    expect(previewOf({ body: "docs", attachments: [image(), file("a.pdf")] })).toBe("📎 docs");
  });

  it("says what it carries when it has no text", () => {
    expect(previewOf({ body: "", attachments: [image()] })).toBe("📷 Photo");
    expect(previewOf({ body: "", attachments: [image(), image()] })).toBe("📷 2 photos");
    expect(previewOf({ body: "", attachments: [file("Q3.pdf")] })).toBe("📎 Q3.pdf");
    expect(previewOf({ body: "", attachments: [file("a.pdf"), image()] })).toBe("📎 2 files");
  });
});
