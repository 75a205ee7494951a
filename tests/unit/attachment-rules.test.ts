// What may be attached, and how a send names its attachments (lib/core/attachments.ts, accept.ts,
// file-types.ts and the schemas): the browser and the server apply these same rules.
import { describe, expect, it } from "vitest";
import { ACCEPT } from "@/lib/core/accept";
import { FILE_NAME_MAX_CHARS, formatBytes, kindOf } from "@/lib/core/attachments";
import { declaredType, shortenName } from "@/lib/core/file-types";
import { uploadRequestSchema } from "@/lib/core/validations/attachments";
import { sendMessageSchema } from "@/lib/core/validations/chat";

const clientId = "0b6f5b7e-8f0a-4d8e-9a4e-1f2b3c4d5e6f";
const id = (n: number) => `c${String(n).padStart(24, "0")}`;

describe("a picked file's declared type", () => {
  it("is its browser type when that is on the allow-list, or a known alias of one", () => {
    expect(declaredType({ type: "image/png", name: "a.png" })).toBe("image/png");
    expect(declaredType({ type: "image/jpg", name: "a.jpg" })).toBe("image/jpeg");
    expect(declaredType({ type: "application/x-zip-compressed", name: "a.zip" })).toBe("application/zip");
  });

  it("comes from the extension only when the browser named no specific type", () => {
    expect(declaredType({ type: "", name: "notes.MD" })).toBe("text/plain");
    expect(declaredType({ type: "application/vnd.ms-excel", name: "table.csv" })).toBe("text/csv");
    expect(declaredType({ type: "text/html", name: "page.png" })).toBeNull();
    expect(declaredType({ type: "image/svg+xml", name: "logo.svg" })).toBeNull();
    expect(declaredType({ type: "", name: "run.exe" })).toBeNull();
  });

  it("is offered by the file picker exactly when its extension names an allowed type", () => {
    for (const extension of ACCEPT.split(",")) {
      expect(declaredType({ type: "", name: `a${extension}` }), extension).not.toBeNull();
    }
    for (const name of ["a.html", "a.svg", "a.exe", "a.js", "a.xml"]) {
      expect(ACCEPT.split(",")).not.toContain(name.slice(1));
    }
  });

  it("decides whether it shows inline (pictures) or as a download (everything else)", () => {
    expect(kindOf("image/webp")).toBe("image");
    expect(kindOf("application/pdf")).toBe("file");
    expect(kindOf("text/plain")).toBe("file");
  });
});

describe("an upload request", () => {
  const valid = { clientId, name: "photo.png", contentType: "image/png", size: 1234 };

  it("takes a name's last path segment and refuses names that could pass for another", () => {
    expect(uploadRequestSchema.parse({ ...valid, name: "C:\\Users\\me\\photo.png" }).name).toBe("photo.png");
    expect(uploadRequestSchema.safeParse({ ...valid, name: "gpj.\u202Eexe" }).success).toBe(false);
    expect(uploadRequestSchema.safeParse({ ...valid, name: "a\nb.png" }).success).toBe(false);
    expect(uploadRequestSchema.safeParse({ ...valid, name: "../" }).success).toBe(false);
    expect(uploadRequestSchema.safeParse({ ...valid, name: "x".repeat(65) }).success).toBe(false);
  });

  it("needs a type on the allow-list and a whole, positive size", () => {
    expect(uploadRequestSchema.safeParse({ ...valid, contentType: "text/html" }).success).toBe(false);
    expect(uploadRequestSchema.safeParse({ ...valid, size: 0 }).success).toBe(false);
    expect(uploadRequestSchema.safeParse({ ...valid, size: 1.5 }).success).toBe(false);
    expect(uploadRequestSchema.safeParse({ ...valid, width: 0, height: 10 }).success).toBe(false);
  });
});

describe("a send with attachments", () => {
  it("may leave the caption empty (spaces count as empty), but not send nothing at all", () => {
    expect(sendMessageSchema.parse({ body: "  ", clientId, attachmentIds: [id(1)] }).body).toBe("");
    expect(sendMessageSchema.safeParse({ body: "", clientId }).success).toBe(false);
    expect(sendMessageSchema.safeParse({ body: "", clientId, attachmentIds: [] }).success).toBe(false);
  });

  it("names at most 10 attachments, each once", () => {
    const ten = Array.from({ length: 10 }, (_, i) => id(i));
    expect(sendMessageSchema.safeParse({ body: "", clientId, attachmentIds: ten }).success).toBe(true);
    expect(sendMessageSchema.safeParse({ body: "", clientId, attachmentIds: [...ten, id(10)] }).success).toBe(
      false,
    );
    expect(sendMessageSchema.safeParse({ body: "", clientId, attachmentIds: [id(1), id(1)] }).success).toBe(
      false,
    );
  });
});

describe("a long file name", () => {
  it(`is shortened to ${FILE_NAME_MAX_CHARS} characters, keeping its extension`, () => {
    const long = `${"quarterly report ".repeat(10)}.pdf`;
    const short = shortenName(long);
    expect([...short].length).toBeLessThanOrEqual(FILE_NAME_MAX_CHARS);
    expect([...short].length).toBeGreaterThan(FILE_NAME_MAX_CHARS - 9);
    expect(short.startsWith("quarterly report quarterly")).toBe(true);
    expect(short.endsWith("….pdf")).toBe(true);
    expect(shortenName("short.pdf")).toBe("short.pdf");
    expect([...shortenName("😀".repeat(150))]).toHaveLength(FILE_NAME_MAX_CHARS);
  });
});

describe("a file size as shown", () => {
  it("reads as people say it", () => {
    expect(formatBytes(1)).toBe("1 byte");
    expect(formatBytes(900)).toBe("900 bytes");
    expect(formatBytes(340 * 1024)).toBe("340 KB");
    expect(formatBytes(10 * 1024 * 1024)).toBe("10 MB");
    expect(formatBytes(1.25 * 1024 * 1024)).toBe("1.3 MB");
  });
});
