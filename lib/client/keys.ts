// SWR keys are the API URLs they fetch: one place builds them all.
export const keys = {
  conversations: () => "/api/conversations",
  conversation: (id: string) => `/api/conversations/${id}`,
  messageReceipts: (conversationId: string, seq: number) =>
    `/api/conversations/${conversationId}/messages/${seq}/receipts`,
  users: (q: string) => `/api/users?q=${encodeURIComponent(q)}`,
};
