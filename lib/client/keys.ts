// Every API URL the browser asks, built here only: SWR keys are these URLs, so a cache entry and
// the request that fills it can't drift apart.
type PageQuery = { before: number } | { after: number };

export const keys = {
  conversations: () => "/api/conversations",
  conversation: (id: string) => `/api/conversations/${id}`,
  messages: (id: string, query: PageQuery & { limit: number }) =>
    `/api/conversations/${id}/messages?${new URLSearchParams(
      Object.entries(query).map(([k, v]) => [k, String(v)]),
    )}`,
  send: (conversationId: string) => `/api/conversations/${conversationId}/messages`,
  messageReceipts: (conversationId: string, seq: number, after?: string) =>
    `/api/conversations/${conversationId}/messages/${seq}/receipts${after ? `?after=${encodeURIComponent(after)}` : ""}`,
  message: (conversationId: string, seq: number) => `/api/conversations/${conversationId}/messages/${seq}`,
  reactions: (conversationId: string, seq: number) =>
    `/api/conversations/${conversationId}/messages/${seq}/reactions`,
  changes: (conversationId: string, after: number) =>
    `/api/conversations/${conversationId}/changes?after=${after}`,
  members: (conversationId: string, after?: string) =>
    `/api/conversations/${conversationId}/members${after ? `?after=${encodeURIComponent(after)}` : ""}`,
  member: (conversationId: string, userId: string) =>
    `/api/conversations/${conversationId}/members/${encodeURIComponent(userId)}`,
  delivered: () => "/api/delivered",
  users: (q: string) => `/api/users?q=${encodeURIComponent(q)}`,
  search: (query: { q: string; conversationId?: string; before?: number }) =>
    `/api/search?${new URLSearchParams(
      Object.entries(query).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])),
    )}`,
  uploads: (conversationId: string) => `/api/conversations/${conversationId}/uploads`,
  /** Redirects a member to a short-lived link on the object store: an <img src> or a download. */
  attachment: (conversationId: string, attachmentId: string) =>
    `/api/conversations/${conversationId}/attachments/${attachmentId}`,
};
