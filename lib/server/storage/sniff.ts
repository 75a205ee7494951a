import "server-only";
import { fileTypeFromBuffer } from "file-type";
import { imageSize } from "image-size";
import { kindOf } from "@/lib/core/attachments";
import { isAllowedType, type AllowedType } from "@/lib/core/file-types";

/** How many leading bytes are read to judge a file: file-type's own sample and any image header. */
export const SNIFF_BYTES = 64 * 1024;

export type Sniffed = { contentType: AllowedType; width?: number; height?: number };
export type SniffResult = { ok: true; value: Sniffed } | { ok: false; reason: string };

// Containers whose specific kinds a short sample can't always tell apart: a Word file is a ZIP.
const SAME_CONTAINER: Partial<Record<AllowedType, string[]>> = {
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ["application/zip"],
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ["application/zip"],
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": ["application/zip"],
  // MP4 brands: file-type names some of them after their players.
  "video/mp4": ["video/quicktime", "video/x-m4v", "audio/mp4", "audio/x-m4a"],
};

// Markup a browser would run if it ever rendered the file: never sent, whatever it claims to be.
const MARKUP = /^\s*<(?:!doctype|html|head|body|script|svg|iframe|object|embed|\?xml|!--)/i;

const TEXT_TYPES: readonly AllowedType[] = ["text/plain", "text/csv"];

function isText(sample: Uint8Array, complete: boolean): boolean {
  if (sample.includes(0)) return false;
  // A sample can end inside a multi-byte character: allow up to 3 cut bytes at its end.
  const cut = complete ? 0 : Math.min(3, sample.length);
  for (let drop = 0; drop <= cut; drop++) {
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(sample.subarray(0, sample.length - drop));
      return true;
    } catch {
      // try one byte shorter
    }
  }
  return false;
}

/**
 * What a file's first bytes say it is, judged against what the uploader declared. The name is
 * never consulted: a page renamed photo.png is still a page.
 */
export async function sniff(
  sample: Uint8Array,
  declared: AllowedType,
  complete: boolean,
): Promise<SniffResult> {
  const text = new TextDecoder("utf-8", { fatal: false }).decode(sample.subarray(0, 1024));
  if (MARKUP.test(text.replace(/^\uFEFF/, ""))) {
    return { ok: false, reason: "it is a web page or markup, which can't be sent" };
  }
  const detected = await fileTypeFromBuffer(sample);
  if (TEXT_TYPES.includes(declared)) {
    if (detected || !isText(sample, complete)) return { ok: false, reason: "it isn't plain text" };
    return { ok: true, value: { contentType: declared } };
  }
  let contentType: AllowedType | undefined;
  if (detected && (detected.mime === declared || SAME_CONTAINER[declared]?.includes(detected.mime))) {
    contentType = declared;
  } else if (detected && isAllowedType(detected.mime) && kindOf(detected.mime) === kindOf(declared)) {
    // A PNG saved as photo.jpg is still a picture: it is served as what it is.
    contentType = detected.mime;
  }
  if (!contentType) {
    return {
      ok: false,
      reason: detected ? `its contents are ${detected.mime}` : "its contents don't match its type",
    };
  }
  if (kindOf(contentType) !== "image") return { ok: true, value: { contentType } };
  try {
    const { width, height, orientation } = imageSize(sample);
    // EXIF orientations 5–8 turn the picture a quarter: browsers show it height × width.
    const turned = orientation !== undefined && orientation >= 5;
    return {
      ok: true,
      value: { contentType, width: turned ? height : width, height: turned ? width : height },
    };
  } catch {
    // A JPEG whose size comes after a large EXIF block: the picture is real (its magic matched),
    // its box falls back to the size the browser measured.
    return { ok: true, value: { contentType } };
  }
}
