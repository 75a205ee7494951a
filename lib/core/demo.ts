// The demo users `npm run dev` seeds (prisma/seed.ts). Only a development server has them, so
// only there does the sign-in page mention them: in production they'd be a hint at nothing.
export const DEMO_USERS = ["alice", "bob", "carol"] as const;

/** Whether the sign-in page shows the demo-users hint, by the server's NODE_ENV. */
export function showsDemoHint(nodeEnv: string | undefined): boolean {
  return nodeEnv !== "production";
}
