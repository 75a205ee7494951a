// Errors that would otherwise pass silently, shown by the one <Toaster>. Background failures
// (acks, catch-ups) pass a key and are throttled per key, so a repeating failure says so once.
export type Toast = { id: number; text: string };

const THROTTLE_MS = 60_000;
const MAX_SHOWN = 3;

let toasts: Toast[] = [];
let nextId = 1;
const lastShown = new Map<string, number>();
const listeners = new Set<() => void>();

function emit() {
  for (const listener of listeners) listener();
}

export function toast(text: string, throttleKey?: string) {
  if (throttleKey) {
    const now = Date.now();
    if (now - (lastShown.get(throttleKey) ?? -Infinity) < THROTTLE_MS) return;
    lastShown.set(throttleKey, now);
  }
  // The same text again replaces the old one (and restarts its time) rather than stacking.
  toasts = [...toasts.filter((t) => t.text !== text), { id: nextId++, text }].slice(-MAX_SHOWN);
  emit();
}

export function dismissToast(id: number) {
  toasts = toasts.filter((t) => t.id !== id);
  emit();
}

export function subscribeToasts(listener: () => void) {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

export const currentToasts = () => toasts;
