// The forms' server actions call the same domain functions as the routes, so they must refuse
// the same callers: signed out → unauthorized. (Sending isn't an action: messages go out from
// the outbox through POST /api/conversations/[id]/messages, tested with the routes.)
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createConversationAction, updateSettingsAction } from "@/app/(chat)/actions";
import { registerAll, startDirect, type TestUser } from "./helpers";
import { runAs } from "./session";

// next-auth's signOut needs a request scope; sign-out isn't under test here.
vi.mock("@/lib/server/auth", () => ({ signOut: vi.fn() }));

let alice: TestUser;
let bob: TestUser;

beforeAll(async () => {
  [alice, bob] = await registerAll("alice", "bob");
  await startDirect(alice, bob);
});

const create = () => createConversationAction({ kind: "direct", userId: bob.id });
const settings = () => updateSettingsAction({ shareReadReceipts: true });

type Action = { name: string; run: () => Promise<{ ok: boolean }> };

describe.each<Action>([
  { name: "createConversationAction", run: create },
  { name: "updateSettingsAction", run: settings },
])("$name", ({ run }) => {
  it("answers unauthorized when signed out", async () => {
    const result = await runAs(null, run);
    expect(result).toEqual({ ok: false, error: { code: "unauthorized", message: expect.any(String) } });
  });

  it("succeeds for the signed-in member", async () => {
    expect((await runAs(alice, run)).ok).toBe(true);
  });
});
