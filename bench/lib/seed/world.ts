// What a seeded world holds, decided in plain TypeScript before any SQL: its users, its
// conversations with their members and watermarks, and who sends each message. The seeder turns
// this plan into rows (tables.ts); the scale scenario and the query-cost test read it to know whom
// to sign in as and what each answer must contain.

import { GROUP_MAX_MEMBERS } from "../../../lib/core/validations/limits";

export type WorldSpec = {
  /** Prefix that keeps ids and usernames of several worlds in one database apart ([a-z0-9]{1,6}). */
  tag: string;
  /** Messages in the measured conversation. */
  history: number;
  /** Members of the measured conversation: 2 is a direct chat, ≤ 100 a group, more the Lobby. */
  members: number;
  /** Users in all (everyone is in the Lobby, as the app does it); at least `members`. */
  users: number;
  /**
   * Whether the world has the Lobby (its key is unique: of several worlds in one database only one
   * can). Required when the measured conversation is the Lobby (members > 100).
   */
  lobby: boolean;
  /** The measured user's other conversations, besides the Lobby and the measured one. */
  otherDirects: number;
  otherGroups: number;
  otherGroupSize: number;
  /** Messages in each of the other conversations, and in the Lobby when it isn't the measured one. */
  otherHistory: number;
  /** Consecutive messages from one sender; recipients acknowledge once per run. */
  burst: number;
  /** Share of a conversation's members who take part (send, keep up); the rest are idle. */
  activeShare: number;
  /** How far the measured user's watermarks trail the measured conversation's end (acks move them). */
  unread: number;
};

export type PlanUser = { k: number; id: string; username: string; name: string; createdMs: number };

export type PlanConversation = {
  k: number;
  id: string;
  kind: "direct" | "group" | "lobby";
  title: string | null;
  key: string | null;
  /** Messages, = lastSeq. */
  history: number;
  burst: number;
  /** Ids of the messages are this prefix + the seq, zero-padded. */
  messagePrefix: string;
  /** The last `lag` messages are not the measured user's (their watermarks trail by that much). */
  lag: number;
  /** Time of the last message (or of creation, with no history) and the spacing between messages. */
  endMs: number;
  stepMs: number;
  createdMs: number;
  /** Members in order; the first `active` of them send (in turns of `burst`) and keep up. */
  memberKs: number[];
  active: number;
};

export type PlanMember = {
  convK: number;
  userK: number;
  joinedSeq: number;
  deliveredSeq: number;
  readSeq: number;
  active: boolean;
};

export type WorldPlan = {
  spec: WorldSpec;
  users: PlanUser[];
  conversations: PlanConversation[];
  members: PlanMember[];
  /** The user every operation is measured as, and the conversation it is measured in. */
  measured: {
    user: PlanUser;
    conversation: PlanConversation;
    /** Conversations the measured user's list shows. */
    conversationCount: number;
    /** Seqs of the measured user's own messages in the measured conversation, ascending (a sample). */
    ownSeqs: number[];
    /** The measured user's watermarks there at the start. */
    readSeq: number;
  };
  messages: number;
};

const DAY = 86_400_000;
/** Histories end at fixed instants (not "now"), so the same spec always seeds the same bytes. */
const END_MS = Date.UTC(2026, 0, 1);
const FIRST = ["Ada", "Alan", "Grace", "Linus", "Margaret", "Dennis", "Barbara", "Ken", "Frances", "Edsger"];
const LAST = ["Lovelace", "Turing", "Hopper", "Torvalds", "Hamilton", "Ritchie", "Liskov", "Thompson"];

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** A deterministic fraction in [0, 1) from integers (no Math.random: seeds must be reproducible). */
function unit(...xs: number[]): number {
  let h = 2166136261;
  for (const x of xs) {
    h ^= x;
    h = Math.imul(h, 16777619) >>> 0;
    h ^= h >>> 13;
  }
  return (h >>> 0) / 2 ** 32;
}

/** The kind of the measured conversation follows from its size, as the app allows it. */
export function sizeKind(members: number): PlanConversation["kind"] {
  return members === 2 ? "direct" : members <= GROUP_MAX_MEMBERS ? "group" : "lobby";
}

export function planWorld(spec: WorldSpec): WorldPlan {
  if (!/^[a-z0-9]{1,6}$/.test(spec.tag)) throw new Error(`bad world tag ${spec.tag}`);
  if (spec.members < 2) throw new Error("the measured conversation needs at least 2 members");
  const kind = sizeKind(spec.members);
  const userCount = Math.max(spec.users, spec.members, 2 + spec.otherDirects, spec.otherGroupSize);
  const users: PlanUser[] = Array.from({ length: userCount }, (_, k) => ({
    k,
    id: `cu${spec.tag}${pad(k, 10)}`,
    username: `${spec.tag}_user_${k}`,
    name: `${FIRST[k % FIRST.length]} ${LAST[Math.floor(k / FIRST.length) % LAST.length]} ${k}`,
    createdMs: END_MS - 400 * DAY + k * 60_000,
  }));
  const all = users.map((u) => u.k);

  const conversations: PlanConversation[] = [];
  const add = (
    c: Omit<
      PlanConversation,
      "k" | "id" | "messagePrefix" | "burst" | "endMs" | "stepMs" | "createdMs" | "active"
    >,
  ) => {
    const k = conversations.length;
    const endMs = END_MS - k * 3_600_000;
    // A year of history whatever its length, but never less than a second between messages.
    const stepMs = c.history > 0 ? Math.max(1000, Math.floor((365 * DAY) / c.history)) : 0;
    const active =
      c.kind === "direct"
        ? 2
        : Math.min(c.memberKs.length, Math.max(2, Math.ceil(c.memberKs.length * spec.activeShare)));
    conversations.push({
      ...c,
      k,
      id: `cc${spec.tag}${pad(k, 8)}`,
      messagePrefix: `cm${spec.tag}${pad(k, 5)}`,
      burst: spec.burst,
      endMs,
      stepMs,
      createdMs: endMs - c.history * stepMs - 60_000,
      active,
    });
    return conversations[k]!;
  };
  const directKey = (a: number, b: number) => {
    const [x, y] = [users[a]!.id, users[b]!.id].sort();
    return `direct:${x}:${y}`;
  };

  // The measured conversation first: user 0 with users 1…members-1 (the Lobby: everyone).
  const measuredMembers = kind === "lobby" ? all : all.slice(0, spec.members);
  const lag = Math.min(spec.unread, Math.floor(spec.history / 2));
  const measuredConversation = add({
    kind,
    title: kind === "group" ? `Scale group of ${spec.members}` : kind === "lobby" ? "Lobby" : null,
    key: kind === "lobby" ? "lobby" : kind === "direct" ? directKey(0, 1) : null,
    history: spec.history,
    lag,
    memberKs: measuredMembers,
  });
  if (kind === "lobby" && !spec.lobby) throw new Error(`${spec.members} members is the Lobby: set lobby`);
  if (kind !== "lobby" && spec.lobby) {
    add({ kind: "lobby", title: "Lobby", key: "lobby", history: spec.otherHistory, lag: 0, memberKs: all });
  }
  // Other direct chats: with users the measured one isn't already in a direct chat with.
  for (let i = 0; i < spec.otherDirects; i++) {
    const other = 2 + (i % (userCount - 2));
    add({
      kind: "direct",
      title: null,
      key: directKey(0, other),
      history: spec.otherHistory,
      lag: 0,
      memberKs: [0, other],
    });
  }
  for (let g = 0; g < spec.otherGroups; g++) {
    const rest = Array.from(
      { length: spec.otherGroupSize - 1 },
      (_, i) => 1 + ((g * 7 + i) % (userCount - 1)),
    );
    add({
      kind: "group",
      title: `Group ${g + 1}`,
      key: null,
      history: spec.otherHistory,
      lag: 0,
      memberKs: [0, ...new Set(rest)],
    });
  }

  const members: PlanMember[] = [];
  for (const c of conversations) {
    c.memberKs.forEach((userK, i) => {
      const active = i < c.active;
      let readSeq: number;
      let deliveredSeq: number;
      if (active) {
        // Active members keep up; the measured user trails by `lag` (and sent nothing since).
        readSeq = deliveredSeq = c.history - (userK === 0 ? c.lag : 0);
      } else {
        // Idle members stopped reading somewhere in the first half; their phones got a bit further.
        readSeq = Math.floor(c.history * 0.5 * unit(c.k, userK, 1));
        deliveredSeq = readSeq + Math.floor((c.history - readSeq) * 0.3 * unit(c.k, userK, 2));
      }
      members.push({ convK: c.k, userK, joinedSeq: 0, deliveredSeq, readSeq, active });
    });
  }

  const ownSeqs = sampleOwnSeqs(measuredConversation, 0, 64);
  return {
    spec,
    users,
    conversations,
    members,
    measured: {
      user: users[0]!,
      conversation: measuredConversation,
      conversationCount: conversations.length,
      ownSeqs,
      readSeq: spec.history - lag,
    },
    messages: conversations.reduce((n, c) => n + c.history, 0),
  };
}

/**
 * Who sent message `seq`: the active members take turns, `burst` messages each; in the trailing
 * `lag` messages the measured user (index 0) hands their turn to the next member. tables.ts
 * computes the same in SQL (senderIndexSql): keep the two in step.
 */
export function senderIndex(c: Pick<PlanConversation, "history" | "burst" | "lag" | "active">, seq: number) {
  const turn = Math.floor((seq - 1) / c.burst) % c.active;
  return seq > c.history - c.lag && turn === 0 ? 1 % c.active : turn;
}

/** Up to `count` seqs of messages sent by member `index`, spread evenly over the history. */
function sampleOwnSeqs(c: PlanConversation, index: number, count: number): number[] {
  const seqs: number[] = [];
  const cycle = c.burst * c.active;
  const cycles = Math.floor((c.history - c.lag) / cycle);
  if (cycles === 0) return seqs;
  const step = Math.max(1, Math.floor(cycles / count));
  for (let n = 0; n < cycles && seqs.length < count; n += step) {
    const seq = n * cycle + index * c.burst + 1;
    if (seq <= c.history && senderIndex(c, seq) === index) seqs.push(seq);
  }
  // And their very last message, the one people usually open message info on.
  for (let seq = c.history; seq > (seqs.at(-1) ?? 0); seq--) {
    if (senderIndex(c, seq) === index) {
      seqs.push(seq);
      break;
    }
  }
  return seqs;
}
