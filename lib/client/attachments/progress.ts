// How far the uploads of each message being sent have got (0–1), outside the SWR cache: a
// progress event many times a second re-renders one status, not the conversation.
import { useCallback, useSyncExternalStore } from "react";

const progress = new Map<string, number>();
const listeners = new Set<() => void>();

export function setUploadProgress(clientId: string, fraction: number | undefined) {
  if (fraction === undefined) progress.delete(clientId);
  else progress.set(clientId, Math.min(1, Math.max(0, fraction)));
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/** The share of a message's files uploaded so far, or undefined when nothing is uploading. */
export function useUploadProgress(clientId: string): number | undefined {
  const read = useCallback(() => progress.get(clientId), [clientId]);
  return useSyncExternalStore(subscribe, read, () => undefined);
}
