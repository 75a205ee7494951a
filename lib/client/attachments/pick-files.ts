// Files a person picked (button, drop or paste), checked by the same rules the server applies
// (lib/core/file-types.ts) so a refusal comes at once, in words, before any upload. Loaded on
// the first pick: a conversation that sends no file never downloads it.
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, formatBytes, kindOf } from "@/lib/core/attachments";
import { ALLOWED_DESCRIPTION, declaredType, shortenName } from "@/lib/core/file-types";
import { toast } from "@/lib/client/toast";
import type { PickedFile } from "./picked";

async function measure(file: Blob): Promise<{ width: number; height: number } | null> {
  try {
    // Decoding also proves the browser can show it; EXIF rotation is applied, as <img> does.
    const bitmap = await createImageBitmap(file);
    const size = { width: bitmap.width, height: bitmap.height };
    bitmap.close();
    return size;
  } catch {
    return null;
  }
}

/**
 * The picked files that may go, each with its type and (pictures) its size; a toast says why each
 * of the others may not.
 */
export async function pickFiles(files: File[], alreadyPicked: number): Promise<PickedFile[]> {
  const picked: PickedFile[] = [];
  const problems: string[] = [];
  for (const file of files) {
    const name = shortenName(file.name || "pasted file");
    if (alreadyPicked + picked.length >= MAX_ATTACHMENTS) {
      problems.push(`A message has at most ${MAX_ATTACHMENTS} attachments`);
      break;
    }
    const contentType = declaredType(file);
    if (!contentType) {
      problems.push(`${name} can't be sent: only ${ALLOWED_DESCRIPTION} can`);
      continue;
    }
    if (file.size === 0) {
      problems.push(`${name} is empty`);
      continue;
    }
    if (file.size > MAX_ATTACHMENT_BYTES) {
      problems.push(
        `${name} is ${formatBytes(file.size)}: a file is at most ${formatBytes(MAX_ATTACHMENT_BYTES)}`,
      );
      continue;
    }
    const entry: PickedFile = {
      id: crypto.randomUUID(),
      file,
      name,
      contentType,
      size: file.size,
      kind: kindOf(contentType),
    };
    if (entry.kind === "image") {
      const size = await measure(file);
      if (!size) {
        problems.push(`${name} isn't a picture this browser can open`);
        continue;
      }
      Object.assign(entry, size);
    }
    picked.push(entry);
  }
  for (const problem of problems) toast(problem);
  return picked;
}
