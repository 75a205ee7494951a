import "server-only";

/**
 * Where an upload lives in the bucket: bound to the conversation, the uploader and the message
 * (clientId) it was presigned for, so a key alone says whose it is and where it may go.
 */
export function objectKey(input: { conversationId: string; userId: string; clientId: string; id: string }) {
  return `c/${input.conversationId}/u/${input.userId}/${input.clientId}/${input.id}`;
}
