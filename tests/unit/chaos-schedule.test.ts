// The chaos soak's plan: a seed replays the same world, messages and faults.
import { describe, expect, it } from "vitest";
import {
  countByKind,
  FAULT_KINDS,
  FAULT_RATES,
  GLOBAL_KINDS,
  makePlan,
  planConversations,
} from "@/chaos/lib/schedule";

const input = { seed: 1234, durationMs: 600_000, users: 24, rate: 4 };

describe("the chaos plan", () => {
  it("is the same for the same seed", () => {
    expect(makePlan(input)).toEqual(makePlan(input));
  });

  it("differs for another seed", () => {
    const a = makePlan(input);
    const b = makePlan({ ...input, seed: 1235 });
    expect(b.faults).not.toEqual(a.faults);
    expect(b.sends).not.toEqual(a.sends);
  });

  it("keeps the faults when only the send rate changes (independent streams)", () => {
    expect(makePlan({ ...input, rate: 9 }).faults).toEqual(makePlan(input).faults);
  });

  it("has every kind of fault, at its rate, each at least once even in a minute", () => {
    const counts = countByKind(makePlan(input).faults);
    for (const kind of FAULT_KINDS) expect(counts[kind]).toBe(Math.round(FAULT_RATES[kind].perMinute * 10));
    const smoke = countByKind(makePlan({ ...input, durationMs: 60_000, users: 6 }).faults);
    for (const kind of FAULT_KINDS) expect(smoke[kind]).toBeGreaterThanOrEqual(1);
  });

  it("puts faults after a calm start, ends them before the last tenth, and within their ranges", () => {
    for (const durationMs of [60_000, 600_000]) {
      const plan = makePlan({ ...input, durationMs });
      for (const f of plan.faults) {
        expect(f.at).toBeGreaterThanOrEqual(Math.min(5000, durationMs * 0.1));
        const [min, max] = FAULT_RATES[f.kind].durationMs;
        expect(f.durationMs).toBeGreaterThanOrEqual(min);
        expect(f.durationMs).toBeLessThanOrEqual(max);
        expect(f.at + f.durationMs).toBeLessThanOrEqual(Math.max(durationMs * 0.9, f.at + min));
      }
    }
  });

  it("gives server faults slots of their own, in time order", () => {
    const globals = makePlan(input).faults.filter((f) => GLOBAL_KINDS.includes(f.kind));
    const ats = globals.map((f) => f.at);
    expect(ats).toEqual([...ats].sort((a, b) => a - b));
    expect(new Set(ats).size).toBe(ats.length);
  });

  it("aims client faults at real users, and server faults at none", () => {
    for (const f of makePlan(input).faults) {
      if (GLOBAL_KINDS.includes(f.kind)) expect(f.client).toBeUndefined();
      else expect(f.client).toSatisfy((c: number) => c >= 0 && c < input.users);
    }
  });

  it("sends at a steady rate, each from a member of its chat", () => {
    const plan = makePlan(input);
    expect(plan.sends).toHaveLength(600 * 4);
    expect(plan.sends[1]!.at - plan.sends[0]!.at).toBe(250);
    for (const s of plan.sends) expect(plan.conversations[s.conversation]!.members).toContain(s.user);
  });

  it("gives everyone two direct chats and a group", () => {
    const conversations = planConversations(24);
    expect(conversations.filter((c) => c.kind === "direct")).toHaveLength(24);
    expect(conversations.filter((c) => c.kind === "group")).toHaveLength(4);
    for (let u = 0; u < 24; u++) {
      expect(
        conversations
          .filter((c) => c.members.includes(u))
          .map((c) => c.kind)
          .sort(),
      ).toEqual(["direct", "direct", "group"]);
    }
  });
});
