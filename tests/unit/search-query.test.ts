import { describe, expect, it } from "vitest";
import { ftsExpression, searchTerms, snippetParts, SEARCH_MAX_TERMS } from "@/lib/core/search";

describe("searchTerms", () => {
  it("keeps the words and drops everything FTS5 could read as syntax", () => {
    expect(searchTerms('"pelican" AND NEAR(x y) -z * {body}: ^w')).toEqual([
      "pelican",
      "AND",
      "NEAR",
      "x",
      "y",
      "z",
      "body",
      "w",
    ]);
    expect(searchTerms("!!! ???")).toEqual([]);
  });

  it("keeps letters of every script, with their marks, and at most a few words", () => {
    expect(searchTerms("café naïve 東京 नमस्ते")).toEqual(["café", "naïve", "東京", "नमस्ते"]);
    expect(searchTerms("a b c d e f g h i j")).toHaveLength(SEARCH_MAX_TERMS);
  });
});

describe("ftsExpression", () => {
  it("quotes every word, makes the last a prefix, and names the chats", () => {
    expect(ftsExpression("secret plan", ["c1", "c2"])).toBe(
      '{conversationId} : ("c1" OR "c2") AND {body} : ("secret" "plan"*)',
    );
  });

  it("is null when nothing could match", () => {
    expect(ftsExpression("***", ["c1"])).toBeNull();
    expect(ftsExpression("word", [])).toBeNull();
  });
});

describe("snippetParts", () => {
  it("turns the markers into parts, and keeps every other character as text", () => {
    expect(snippetParts("the \u0001pelican\u0002 flies <b>")).toEqual([
      { text: "the ", match: false },
      { text: "pelican", match: true },
      { text: " flies <b>", match: false },
    ]);
    expect(snippetParts("\u0001a\u0002\u0001b\u0002")).toEqual([{ text: "ab", match: true }]);
    expect(snippetParts("")).toEqual([]);
  });
});
