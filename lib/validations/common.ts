import { z } from "zod";

/** Record ids are cuids; anything else cannot name a row, so it is refused before a query. */
export const idSchema = z.string().regex(/^[a-z0-9]{8,40}$/, "Invalid id");

/** Pusher socket ids look like "1234.5678". */
export const socketIdSchema = z.string().regex(/^\d{1,20}\.\d{1,20}$/, "Invalid socket id");

/** A message sequence number (1, 2, 3… per conversation); 0 means "nothing yet". */
export const seqSchema = z.number().int().min(0).max(2_147_483_647);
