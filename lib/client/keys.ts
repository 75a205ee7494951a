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
  messageReceipts: (conversationId: string, seq: number, after?: string) =>
    `/api/conversations/${conversationId}/messages/${seq}/receipts${after ? `?after=${encodeURIComponent(after)}` : ""}`,
  delivered: () => "/api/delivered",
  users: (q: string) => `/api/users?q=${encodeURIComponent(q)}`,
  uploads: (conversationId: string) => `/api/conversations/${conversationId}/uploads`,
  /** Redirects a member to a short-lived link on the object store: an <img src> or a download. */
  attachment: (conversationId: string, attachmentId: string) =>
    `/api/conversations/${conversationId}/attachments/${attachmentId}`,
};
