import { describe, expect, it } from "vitest";
import { showsDemoHint } from "@/lib/core/demo";

describe("the demo-users hint on the sign-in page", () => {
  it("shows in development and tests, where `npm run dev` seeds the demo users", () => {
    expect(showsDemoHint("development")).toBe(true);
    expect(showsDemoHint("test")).toBe(true);
    expect(showsDemoHint(undefined)).toBe(true);
  });

  it("never shows in production", () => {
    expect(showsDemoHint("production")).toBe(false);
  });
});
