import { describe, expect, it } from "vitest";
import { directPeer } from "@/lib/core/direct-peer";

const alice = { id: "a", username: "alice", name: "Alice" };
const bob = { id: "b", username: "bob", name: "Bob" };

describe("directPeer", () => {
  it("is a direct chat's other person, whichever side asks", () => {
    expect(directPeer({ kind: "direct", members: [alice, bob] }, "a")).toBe(bob);
    expect(directPeer({ kind: "direct", members: [alice, bob] }, "b")).toBe(alice);
  });
  it("is nobody for a group or the Lobby", () => {
    expect(directPeer({ kind: "group", members: [alice, bob] }, "a")).toBeUndefined();
    expect(directPeer({ kind: "lobby", members: [] }, "a")).toBeUndefined();
  });
});
