import { z } from "zod";
import { FILE_NAME_MAX_CHARS } from "../attachments";
import { ALLOWED_DESCRIPTION, ALLOWED_TYPES } from "../file-types";
import { ANY_CONTROL, BIDI_CONTROLS, hasVisibleText } from "./text";

/** A file's name as shown: the last path segment, no controls or bidi tricks ("gpj.exe"). */
export const fileNameSchema = z
  .string()
  .transform((s) => s.split(/[\\/]/).pop()!.trim())
  .refine((s) => hasVisibleText(s), "A file needs a name")
  .refine(
    (s) => [...s].length <= FILE_NAME_MAX_CHARS,
    `A file name is at most ${FILE_NAME_MAX_CHARS} characters`,
  )
  .refine(
    (s) => s.isWellFormed() && !ANY_CONTROL.test(s) && !BIDI_CONTROLS.test(s),
    "The file name has invalid characters",
  );

const pixels = z.number().int().min(1).max(100_000);

/** POST /api/conversations/[id]/uploads: what the browser is about to upload, for which message. */
export const uploadRequestSchema = z.object({
  clientId: z.uuid("clientId must be a UUID"),
  name: fileNameSchema,
  contentType: z.enum(ALLOWED_TYPES, { error: `Only ${ALLOWED_DESCRIPTION} can be sent` }),
  // The upper limit is the domain's (413, like any body too large).
  size: z.number().int().min(1, "A file can't be empty").max(Number.MAX_SAFE_INTEGER),
  width: pixels.optional(),
  height: pixels.optional(),
});
export type UploadRequest = z.infer<typeof uploadRequestSchema>;
