// GET /api/health - is the database reachable, is the realtime API
import { pingDatabase } from "@/lib/db/health";
import { pingRealtime } from "@/lib/realtime/server";

export const dynamic = "force-dynamic";

export async function GET() {
  const [db, realtime] = await Promise.all([pingDatabase(), pingRealtime()]);
  return Response.json(
    { ok: db, db: db ? "ok" : "unreachable", realtime: realtime ? "ok" : "unreachable" },
    { status: db ? 200 : 503 },
  );
}
