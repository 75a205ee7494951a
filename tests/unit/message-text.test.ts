import { describe, expect, it } from "vitest";
import { isBigEmoji, linkify, safeHref } from "@/lib/core/message-text";

const links = (text: string) =>
  linkify(text)
    .filter((p) => p.href)
    .map((p) => p.href);

describe("linkify", () => {
  it("keeps text without links as one plain part", () => {
    expect(linkify("hello there")).toEqual([{ text: "hello there" }]);
    expect(linkify("")).toEqual([]);
  });

  it("makes http and https URLs links, in place, with the text around them", () => {
    expect(linkify("see https://example.com/a?b=1#c now")).toEqual([
      { text: "see " },
      { text: "https://example.com/a?b=1#c", href: "https://example.com/a?b=1#c" },
      { text: " now" },
    ]);
    expect(links("HTTP://EXAMPLE.com and http://x.org")).toEqual(["http://example.com/", "http://x.org/"]);
  });

  it("never makes any other scheme a link", () => {
    for (const text of [
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "file:///etc/passwd",
      "vbscript:msgbox",
      "ftp://example.com",
      "mailto:a@b.c",
      "//example.com",
      "www.example.com",
    ]) {
      expect(links(text), text).toEqual([]);
      expect(
        linkify(text)
          .map((p) => p.text)
          .join(""),
        text,
      ).toBe(text);
    }
  });

  it("doesn't take a scheme glued to a word, or one with no host", () => {
    expect(links("xhttps://example.com")).toEqual([]);
    expect(links("https://")).toEqual([]);
    expect(links("https:///path")).toEqual([]);
  });

  it("leaves sentence punctuation and unopened brackets outside the link", () => {
    expect(links("go to https://example.com/x.")).toEqual(["https://example.com/x"]);
    expect(links("(see https://example.com/x)")).toEqual(["https://example.com/x"]);
    expect(links("https://en.wikipedia.org/wiki/Tick_(disambiguation)")).toEqual([
      "https://en.wikipedia.org/wiki/Tick_(disambiguation)",
    ]);
    expect(links('"https://example.com/q?a=1",')).toEqual(["https://example.com/q?a=1"]);
  });

  it("stops at quotes and angle brackets, so markup can't ride in a link", () => {
    const parts = linkify('https://example.com/"onmouseover="x <b>');
    expect(parts[0]).toEqual({ text: "https://example.com/", href: "https://example.com/" });
    expect(parts.map((p) => p.text).join("")).toBe('https://example.com/"onmouseover="x <b>');
  });

  it("keeps every character of the text, in order", () => {
    const text = "a https://a.b/c, b (http://d.e/f) c https://g.h.";
    expect(
      linkify(text)
        .map((p) => p.text)
        .join(""),
    ).toBe(text);
  });
});

describe("safeHref", () => {
  it("answers a normalised http(s) URL or null", () => {
    expect(safeHref("https://Example.com")).toBe("https://example.com/");
    expect(safeHref("javascript://example.com/%0aalert(1)")).toBeNull();
    expect(safeHref("not a url")).toBeNull();
  });
});

describe("isBigEmoji", () => {
  it("is true for one to three emoji, spaces aside", () => {
    for (const text of ["👍", "👍🏽", "❤️ 😂", "👨‍👩‍👧‍👦🇫🇷🏳️‍🌈", " 🎉 "]) expect(isBigEmoji(text), text).toBe(true);
  });

  it("is false for four or more, or anything else in the text", () => {
    for (const text of ["👍👍👍👍", "ok 👍", "1", "#", "", "   ", "a"])
      expect(isBigEmoji(text), text).toBe(false);
  });
});
