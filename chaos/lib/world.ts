// The plan's people and chats, made through the public API as users would make them (the
// benchmark's sessions: register, sign in, POST /api/conversations).
import { Session, expectOk, signIn } from "../../bench/lib/http";
import type { ChaosConversation, ChaosUserInfo } from "./protocol";
import type { Plan } from "./schedule";

const PASSWORD = "chaos-password-1234";

export type World = { users: ChaosUserInfo[]; conversations: ChaosConversation[] };

export async function createWorld(appUrl: string, plan: Plan): Promise<World> {
  const run = plan.seed.toString(36).slice(-5);
  const users: ChaosUserInfo[] = [];
  // Two at a time: argon2 hashing is CPU work and the machine has two cores.
  for (let i = 0; i < plan.users; i += 2) {
    const batch = Array.from({ length: Math.min(2, plan.users - i) }, (_, k) => i + k);
    users.push(
      ...(await Promise.all(
        batch.map(async (index) => {
          const username = `c${run}_${index}`;
          const { user } = await expectOk(
            new Session(appUrl).json<{ user: { id: string } }>("POST", "/api/register", {
              username,
              password: PASSWORD,
              name: `Chaos ${index}`,
            }),
            `register ${username}`,
          );
          return { id: user.id, username, password: PASSWORD, index };
        }),
      )),
    );
  }
  const sessions = new Map<number, Session>();
  const sessionOf = async (index: number) => {
    if (!sessions.has(index)) sessions.set(index, await signIn(appUrl, users[index]!));
    return sessions.get(index)!;
  };
  const conversations: ChaosConversation[] = [];
  for (const [n, c] of plan.conversations.entries()) {
    const [creator, ...others] = c.members;
    const body =
      c.kind === "direct"
        ? { kind: "direct", userId: users[others[0]!]!.id }
        : { kind: "group", title: `Chaos group ${n}`, memberIds: others.map((i) => users[i]!.id) };
    const { conversation } = await expectOk(
      (await sessionOf(creator!)).json<{ conversation: { id: string } }>("POST", "/api/conversations", body),
      `create ${c.kind} chat`,
    );
    conversations.push({ id: conversation.id, kind: c.kind, memberIds: c.members.map((i) => users[i]!.id) });
  }
  return { users, conversations };
}
