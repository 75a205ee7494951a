// GET /api/users?q= - finding people to chat with.
import { beforeAll, describe, expect, it } from "vitest";
import { as, registerAs, routes, type TestUser } from "./helpers";

let me: TestUser;

beforeAll(async () => {
  me = await registerAs("searcher", "The Searcher");
  await registerAs("bob_smith", "Bob Smith");
  await registerAs("bobby", "Roberta");
  await registerAs("carol", "Carol Danvers");
  for (let i = 0; i < 20; i++) await registerAs(`user${String(i).padStart(2, "0")}`, `Crowd ${i}`);
});

const search = async (q?: string) =>
  (
    (await as(me).call(routes.users.GET, { query: q === undefined ? {} : { q } })).json.users as TestUser[]
  ).map((u) => u.username);

describe("searching users", () => {
  it("answers public fields only", async () => {
    const { json } = await as(me).call(routes.users.GET, { query: { q: "carol" } });
    expect(json).toEqual({ users: [{ id: expect.any(String), username: "carol", name: "Carol Danvers" }] });
  });

  it("matches a part of the username or of the name, ignoring case", async () => {
    expect(await search("bob")).toEqual(["bob_smith", "bobby"]);
    expect(await search("ROBERTA")).toEqual(["bobby"]);
    expect(await search("danvers")).toEqual(["carol"]);
  });

  it("never lists the caller", async () => {
    expect(await search("search")).toEqual([]);
  });

  it("answers at most 20, alphabetically by username", async () => {
    const everyone = await search();
    expect(everyone).toHaveLength(20);
    expect(everyone).toEqual([...everyone].sort());
    expect(everyone.slice(0, 3)).toEqual(["bob_smith", "bobby", "carol"]);
  });

  it("takes _ and % literally, not as wildcards", async () => {
    expect(await search("_")).toEqual(["bob_smith"]);
    expect(await search("b_b")).toEqual([]);
    expect(await search("%")).toEqual([]);
  });
});
