// GET|POST /api/auth/* - next-auth (Credentials sign-in, session, sign-out, CSRF)
import { handlers } from "@/lib/auth";

export const { GET, POST } = handlers;
