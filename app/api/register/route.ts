// POST /api/register - create an account (joins the lobby)
import { readJson, route } from "@/lib/server/http/route";
import { registerUser } from "@/lib/server/auth/register";
import { registerSchema } from "@/lib/core/validations/auth";
import { json } from "@/lib/server/http/json";

export const POST = route(async (request) => {
  const input = registerSchema.parse(await readJson(request));
  const user = await registerUser(input);
  return json({ user }, { status: 201 });
});
