// The soak's plan, all of it drawn from one seed: the world (who is in which chat, who reads
// what), the messages people type and when, and the faults. Same seed, same plan (a unit test
// checks); what the machine then does with it (how long a restart takes) is measured, not planned.
import { Rng } from "./rng";

export const FAULT_KINDS = ["app-kill", "realtime-kill", "db-lock", "network-drop", "client-kill"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/**
 * One fault: at `at` ms after the start, for `durationMs` — how long the process stays dead before
 * its restart begins, the lock is held, or the network is gone. `client` is the user affected.
 */
export type Fault = { at: number; kind: FaultKind; durationMs: number; client?: number };

/** A message someone types: `at` ms after the start, by user `user` into conversation `conversation`. */
export type PlannedSend = { at: number; user: number; conversation: number; n: number };

export type PlannedConversation = { kind: "direct" | "group"; members: number[] };

/** How a person reads: after a delay, and not at all in the chats they ignore (their unread grows). */
export type Reader = { delayMs: [number, number]; ignores: number[] };

export type Plan = {
  seed: number;
  durationMs: number;
  users: number;
  conversations: PlannedConversation[];
  readers: Reader[];
  sends: PlannedSend[];
  faults: Fault[];
};

/** Faults per minute of each kind, and the range of each one's duration (ms). */
export const FAULT_RATES: Record<FaultKind, { perMinute: number; durationMs: [number, number] }> = {
  "app-kill": { perMinute: 0.5, durationMs: [0, 3000] },
  "realtime-kill": { perMinute: 0.5, durationMs: [1000, 10_000] },
  "db-lock": { perMinute: 1, durationMs: [1000, 8000] },
  "network-drop": { perMinute: 3, durationMs: [1000, 30_000] },
  "client-kill": { perMinute: 1, durationMs: [1000, 10_000] },
};

/** Faults that hit the servers: one at a time (the executor waits for each to be repaired). */
export const GLOBAL_KINDS: readonly FaultKind[] = ["app-kill", "realtime-kill", "db-lock"];

export type PlanInput = {
  seed: number;
  durationMs: number;
  users: number;
  /** Messages per second, everyone together. */
  rate: number;
};

// Independent streams: a change to how one part is drawn leaves the others as they were.
const STREAM = { world: 0, readers: 1, sends: 2, faults: 3 } as const;

export function makePlan(input: PlanInput): Plan {
  const conversations = planConversations(input.users);
  return {
    seed: input.seed,
    durationMs: input.durationMs,
    users: input.users,
    conversations,
    readers: planReaders(Rng.stream(input.seed, STREAM.readers), input.users, conversations),
    sends: planSends(Rng.stream(input.seed, STREAM.sends), input, conversations),
    faults: planFaults(Rng.stream(input.seed, STREAM.faults), input),
  };
}

/**
 * Everyone has two direct chats (a ring: i with i+1) and is in one group of up to six (consecutive
 * users), so every kind of chat, and every pair of client processes, carries traffic.
 */
export function planConversations(users: number): PlannedConversation[] {
  const out: PlannedConversation[] = [];
  const pairs = new Set<string>();
  for (let i = 0; i < users; i++) {
    const j = (i + 1) % users;
    const key = [Math.min(i, j), Math.max(i, j)].join(":");
    if (i === j || pairs.has(key)) continue;
    pairs.add(key);
    out.push({ kind: "direct", members: [i, j] });
  }
  const size = Math.min(6, users);
  for (let start = 0; start < users; start += size) {
    const members = Array.from({ length: size }, (_, k) => (start + k) % users);
    out.push({ kind: "group", members: [...new Set(members)] });
  }
  return out;
}

/** One person in six ignores their group (it only gets delivered): its messages end "delivered". */
function planReaders(rng: Rng, users: number, conversations: PlannedConversation[]): Reader[] {
  return Array.from({ length: users }, (_, user) => {
    const ignoresGroup = rng.int(0, 5) === 0;
    const ignores = ignoresGroup
      ? conversations.flatMap((c, i) => (c.kind === "group" && c.members.includes(user) ? [i] : []))
      : [];
    const min = rng.int(100, 1500);
    return { delayMs: [min, min + rng.int(200, 2500)], ignores };
  });
}

/** A steady rate for the whole run: each message into a random chat, from a random member. */
function planSends(rng: Rng, input: PlanInput, conversations: PlannedConversation[]): PlannedSend[] {
  const count = Math.floor((input.durationMs / 1000) * input.rate);
  return Array.from({ length: count }, (_, n) => {
    const conversation = rng.int(0, conversations.length - 1);
    return {
      at: Math.round((n * 1000) / input.rate),
      user: rng.pick(conversations[conversation]!.members),
      conversation,
      n,
    };
  });
}

/**
 * Faults fall in the middle of the run (after a calm start, and over well before the end so the
 * last messages meet a healthy system). Each kind comes at its rate, at least once. Server faults
 * get slots of their own, in a shuffled order, so each is over before the next; client faults
 * land anywhere in the window on a random user.
 */
export function planFaults(rng: Rng, input: PlanInput): Fault[] {
  const from = Math.min(5000, input.durationMs * 0.1);
  const to = input.durationMs * 0.75;
  const end = input.durationMs * 0.9;
  const minutes = input.durationMs / 60_000;
  const count = (kind: FaultKind) => Math.max(1, Math.round(FAULT_RATES[kind].perMinute * minutes));
  // Drawn in full, then cut so that the fault is over by `end` (a short run can't hold 30 s drops).
  const duration = (kind: FaultKind, at: number) => {
    const [min, max] = FAULT_RATES[kind].durationMs;
    return Math.max(min, Math.min(rng.int(min, max), Math.round(end - at)));
  };

  const globals = rng.shuffle(GLOBAL_KINDS.flatMap((kind) => Array<FaultKind>(count(kind)).fill(kind)));
  const slot = (to - from) / globals.length;
  const faults: Fault[] = globals.map((kind, i) => {
    const at = Math.round(from + i * slot + rng.float() * slot * 0.25);
    return { at, kind, durationMs: duration(kind, at) };
  });
  for (const kind of ["network-drop", "client-kill"] as const) {
    for (let i = 0; i < count(kind); i++) {
      const at = rng.int(from, to);
      faults.push({ at, kind, durationMs: duration(kind, at), client: rng.int(0, input.users - 1) });
    }
  }
  return faults.sort((a, b) => a.at - b.at || a.kind.localeCompare(b.kind));
}

/** Faults of each kind in a plan (or in what was done). */
export function countByKind(faults: readonly { kind: FaultKind }[]): Record<FaultKind, number> {
  const out = Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>;
  for (const f of faults) out[f.kind]++;
  return out;
}
