import { z } from "zod";
import { SEARCH_QUERY_MAX } from "@/lib/core/search";
import { idSchema } from "./common";
import { ANY_CONTROL } from "./text";

/** GET /api/search: the words, optionally one conversation, and the cursor of a next page. */
export const searchQuerySchema = z.object({
  q: z
    .string()
    .trim()
    .min(1, "Type something to search for")
    .max(SEARCH_QUERY_MAX, `At most ${SEARCH_QUERY_MAX} characters`)
    .refine((s) => s.isWellFormed() && !ANY_CONTROL.test(s), "Invalid characters"),
  conversationId: idSchema.optional(),
  // An opaque position in the index (the next page starts below it).
  before: z
    .string()
    .regex(/^\d{1,15}$/, "Invalid cursor")
    .transform(Number)
    .optional(),
});

export type SearchQuery = z.infer<typeof searchQuerySchema>;
