import "server-only";
import { randomBytes } from "node:crypto";

/**
 * A new row id for rows written with plain SQL, in the shape Prisma's cuid() gives the others
 * (25 lowercase letters and digits starting with "c", time-ordered), so idSchema accepts both.
 */
export function newId(): string {
  const time = Date.now().toString(36).padStart(9, "0");
  const random = [...randomBytes(15)].map((b) => (b % 36).toString(36)).join("");
  return `c${time}${random}`;
}
