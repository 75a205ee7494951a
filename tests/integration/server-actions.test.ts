// The forms' server actions call the same domain functions as the routes, so they must refuse
// the same callers: signed out → unauthorized, outside the conversation → forbidden.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createConversationAction, sendMessageAction, updateSettingsAction } from "@/app/(chat)/actions";
import { messagesOf, registerAll, startDirect, type TestUser } from "./helpers";
import { runAs } from "./session";

// next-auth's signOut needs a request scope; sign-out isn't under test here.
vi.mock("@/lib/server/auth", () => ({ signOut: vi.fn() }));

let alice: TestUser;
let bob: TestUser;
let carol: TestUser;
let direct: string;

beforeAll(async () => {
  [alice, bob, carol] = await registerAll("alice", "bob", "carol");
  direct = (await startDirect(alice, bob)).id;
});

const send = () => sendMessageAction(direct, { body: "from a form", clientId: randomUUID() });
const create = () => createConversationAction({ kind: "direct", userId: bob.id });
const settings = () => updateSettingsAction({ shareReadReceipts: true });

type Action = { name: string; run: () => Promise<{ ok: boolean }> };

describe.each<Action>([
  { name: "sendMessageAction", run: send },
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

describe("sendMessageAction outside the conversation", () => {
  it("answers forbidden and stores nothing", async () => {
    const before = (await messagesOf(alice, direct)).messages.length;
    const result = await runAs(carol, send);
    expect(result).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect((await messagesOf(alice, direct)).messages).toHaveLength(before);
  });

  it("answers not_found for a conversation that doesn't exist", async () => {
    const result = await runAs(alice, () =>
      sendMessageAction("cm0000000000000000000000a", { body: "x", clientId: randomUUID() }),
    );
    expect(result).toMatchObject({ ok: false, error: { code: "not_found" } });
  });

  it("answers bad_request for invalid input without touching the database", async () => {
    const result = await runAs(alice, () => sendMessageAction(direct, { body: "", clientId: "not-a-uuid" }));
    expect(result).toMatchObject({ ok: false, error: { code: "bad_request" } });
  });
});
