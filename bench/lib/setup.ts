// The bench's world, made through the public API as users would: accounts, direct chats, groups.
// Setup cost (argon2 hashing is ~40 ms per account by design) is not measured.
import { randomUUID } from "node:crypto";
import type { BenchConfig } from "./config";
import { Session, expectOk, signIn } from "./http";
import type { ConversationInfo, PlannedSend, UserInfo } from "./protocol";

const PASSWORD = "bench-password-1234";

export type World = {
  users: UserInfo[];
  conversations: ConversationInfo[];
  /** A direct chat of two users with no clients, for the HTTP throughput scenario. */
  throughput: { session: Session; conversationId: string };
};

async function register(appUrl: string, username: string): Promise<UserInfo> {
  const session = new Session(appUrl);
  const { user } = await expectOk(
    session.json<{ user: { id: string } }>("POST", "/api/register", {
      username,
      password: PASSWORD,
      name: username,
    }),
    `register ${username}`,
  );
  return { id: user.id, username, password: PASSWORD };
}

/** Distinct pairs: (0,1), (2,3)… first, then pairs further apart once those run out. */
function directPairs(users: number, count: number): [number, number][] {
  const pairs: [number, number][] = [];
  const seen = new Set<string>();
  for (let distance = 1; pairs.length < count && distance < users; distance++) {
    for (let a = 0; a < users && pairs.length < count; a += distance === 1 ? 2 : 1) {
      const b = (a + distance) % users;
      const key = [Math.min(a, b), Math.max(a, b)].join(":");
      if (a === b || seen.has(key)) continue;
      seen.add(key);
      pairs.push([a, b]);
    }
  }
  if (pairs.length < count) throw new Error(`${users} users can't make ${count} distinct direct chats`);
  return pairs;
}

export async function createWorld(appUrl: string, config: BenchConfig): Promise<World> {
  const run = randomUUID().slice(0, 6);
  const names = Array.from({ length: config.users + 2 }, (_, i) => `b${run}_${i}`);
  const users: UserInfo[] = [];
  // Two at a time: the machine has two cores and hashing is CPU-bound.
  for (let i = 0; i < names.length; i += 2) {
    users.push(...(await Promise.all(names.slice(i, i + 2).map((n) => register(appUrl, n)))));
  }
  const [tA, tB] = users.splice(config.users, 2) as [UserInfo, UserInfo];
  const sessions = new Map<string, Session>();
  const sessionOf = async (user: UserInfo) => {
    if (!sessions.has(user.id)) sessions.set(user.id, await signIn(appUrl, user));
    return sessions.get(user.id)!;
  };

  const conversations: ConversationInfo[] = [];
  for (const [a, b] of directPairs(config.users, config.directs)) {
    const [ua, ub] = [users[a]!, users[b]!];
    const { conversation } = await expectOk(
      (await sessionOf(ua)).json<{ conversation: { id: string } }>("POST", "/api/conversations", {
        kind: "direct",
        userId: ub.id,
      }),
      "create direct chat",
    );
    conversations.push({ id: conversation.id, kind: "direct", memberIds: [ua.id, ub.id] });
  }
  for (let g = 0; g < config.groups; g++) {
    const members = Array.from(
      { length: config.groupSize },
      (_, k) => users[(g * config.groupSize + k) % users.length]!,
    );
    const { conversation } = await expectOk(
      (await sessionOf(members[0]!)).json<{ conversation: { id: string } }>("POST", "/api/conversations", {
        kind: "group",
        title: `Bench group ${g + 1}`,
        memberIds: members.slice(1).map((m) => m.id),
      }),
      "create group",
    );
    conversations.push({ id: conversation.id, kind: "group", memberIds: members.map((m) => m.id) });
  }

  const throughputSession = await sessionOf(tA);
  const { conversation } = await expectOk(
    throughputSession.json<{ conversation: { id: string } }>("POST", "/api/conversations", {
      kind: "direct",
      userId: tB.id,
    }),
    "create throughput chat",
  );
  return {
    users,
    conversations,
    throughput: { session: throughputSession, conversationId: conversation.id },
  };
}

/**
 * M messages at a fixed rate R. Runs of `burst` consecutive messages go from one sender to one
 * conversation (people send several lines in a row); runs rotate over conversations, and within a
 * conversation over its members, so everyone sends and everyone receives.
 */
export function planSends(
  world: Pick<World, "conversations">,
  input: { messages: number; rate: number; burst: number; startAt: number; tag: string },
): PlannedSend[] {
  const { conversations } = world;
  return Array.from({ length: input.messages }, (_, i) => {
    const run = Math.floor(i / input.burst);
    const conversation = conversations[run % conversations.length]!;
    const round = Math.floor(run / conversations.length);
    const userId = conversation.memberIds[round % conversation.memberIds.length]!;
    return {
      at: input.startAt + (i * 1000) / input.rate,
      userId,
      conversationId: conversation.id,
      clientId: randomUUID(),
      body: `${input.tag} message ${i + 1}: a short line of chat, about as long as most are.`,
    };
  });
}

/**
 * The conversational profile: every chat gets a message every `gapMs` (≥ 1 s), its members taking
 * turns — each reply comes after the previous message was read — and the chats staggered so they
 * don't all speak at once. What a person at the keyboard sees: a message, its ticks, an answer.
 */
export function planConversational(
  world: Pick<World, "conversations">,
  input: { messages: number; gapMs: number; startAt: number; tag: string },
): PlannedSend[] {
  const { conversations } = world;
  const n = conversations.length;
  return Array.from({ length: input.messages }, (_, i) => {
    const conversation = conversations[i % n]!;
    const turn = Math.floor(i / n);
    return {
      at: input.startAt + turn * input.gapMs + ((i % n) * input.gapMs) / n,
      userId: conversation.memberIds[turn % conversation.memberIds.length]!,
      conversationId: conversation.id,
      clientId: randomUUID(),
      body: `${input.tag} message ${i + 1}: a short line of chat, about as long as most are.`,
    };
  });
}
