import { z } from "zod";

/** Record ids are cuids; anything else cannot name a row, so it is refused before a query. */
export const idSchema = z.string().regex(/^[a-z0-9]{8,40}$/, "Invalid id");

/** Pusher socket ids look like "1234.5678". */
export const socketIdSchema = z.string().regex(/^\d{1,20}\.\d{1,20}$/, "Invalid socket id");

/** A message sequence number (1, 2, 3… per conversation); 0 means "nothing yet". */
export const seqSchema = z.number().int().min(0).max(2_147_483_647);

/** A seq as it appears in a URL: plain digits only ("0x1", "1e0", " 1" are not seqs). */
export const seqParamSchema = z
  .string()
  .regex(/^\d{1,10}$/, "Invalid sequence number")
  .transform(Number)
  .pipe(seqSchema);
