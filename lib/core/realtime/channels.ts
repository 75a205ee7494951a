// Every channel and event name the app uses, in one place, shared by server and browser.

export const EVENTS = {
  conversationUpdated: "conversation.updated",
  messageChanged: "message.changed",
  messageHidden: "message.hidden",
  receiptsUpdated: "receipts.updated",
  typing: "client-typing",
} as const;

export const conversationChannel = (conversationId: string) => `private-conversation-${conversationId}`;
export const presenceChannel = (conversationId: string) => `presence-conversation-${conversationId}`;
export const userChannel = (userId: string) => `private-user-${userId}`;

export type ParsedChannel =
  | { kind: "conversation"; conversationId: string }
  | { kind: "presence"; conversationId: string }
  | { kind: "user"; userId: string };

const PATTERNS: [RegExp, (id: string) => ParsedChannel][] = [
  [/^private-conversation-([a-z0-9]+)$/, (id) => ({ kind: "conversation", conversationId: id })],
  [/^presence-conversation-([a-z0-9]+)$/, (id) => ({ kind: "presence", conversationId: id })],
  [/^private-user-([a-z0-9]+)$/, (id) => ({ kind: "user", userId: id })],
];

/** Which of our channels a name denotes, or null for any other name (never authorised). */
export function parseChannel(name: string): ParsedChannel | null {
  for (const [pattern, build] of PATTERNS) {
    const match = pattern.exec(name);
    if (match?.[1]) return build(match[1]);
  }
  return null;
}
