// GET /api/health - is the database reachable, is the realtime API ("off": none configured)
import { pingDatabase } from "@/lib/server/db/health";
import { pingRealtime } from "@/lib/server/realtime/publish";
import { json } from "@/lib/server/http/json";

export const dynamic = "force-dynamic";

// Realtime never decides `ok`: the chat works without it (clients catch up or poll).
export async function GET() {
  const [db, realtime] = await Promise.all([pingDatabase(), pingRealtime()]);
  return json({ ok: db, db: db ? "ok" : "unreachable", realtime }, { status: db ? 200 : 503 });
}
