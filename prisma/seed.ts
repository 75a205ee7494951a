// Demo users for local development: alice, bob and carol, all members of the lobby.
// Idempotent: users that already exist are left alone. Run by `npm run dev` after migrating.
import { registerUser } from "@/lib/server/auth/register";
import { findUserForSignIn } from "@/lib/server/db/users";

export const DEMO_PASSWORD = "ticks-demo";
const DEMO_USERS = [
  { username: "alice", name: "Alice Liddell" },
  { username: "bob", name: "Bob Marley" },
  { username: "carol", name: "Carol Shaw" },
];

async function main() {
  const created: string[] = [];
  for (const user of DEMO_USERS) {
    if (await findUserForSignIn(user.username)) continue;
    await registerUser({ ...user, password: DEMO_PASSWORD });
    created.push(user.username);
  }
  console.log(
    created.length
      ? `seeded demo users ${created.join(", ")} (password "${DEMO_PASSWORD}")`
      : `demo users present (password "${DEMO_PASSWORD}")`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
