// GET /api/cron/cleanup-uploads - delete uploads no message took within 24 h (Vercel Cron, Bearer CRON_SECRET)
import { route } from "@/lib/server/http/route";
import { requireCronSecret } from "@/lib/server/http/cron";
import { cleanupOrphanUploads } from "@/lib/server/storage/cleanup";
import { json } from "@/lib/server/http/json";

export const GET = route(async (request) => {
  requireCronSecret(request);
  return json(await cleanupOrphanUploads());
});
