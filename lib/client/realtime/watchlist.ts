"use client";
// Who of the people I share direct chats with is online: the watchlist of this connection's
// sign-in (`pusher.signin()`, user data from POST /api/pusher/user-auth) — one sign-in per
// connection, however many direct chats, instead of a presence subscription per chat.
import { useSyncExternalStore } from "react";
import type Pusher from "pusher-js";
import { useNow } from "@/lib/client/now";
import { relativeTimeFormatter } from "@/lib/client/relative-time";

const online = new Set<string>();
/** When the realtime server said a watched person's last connection went, while this tab listened. */
const offlineAt = new Map<string, number>();
const listeners = new Set<() => void>();
let version = 0;
// Peers a sign-in was repeated for (see refreshWatchlist): never twice, so nothing can loop.
const asked = new Set<string>();

function changed() {
  version++;
  for (const l of listeners) l();
}

/** Signs the connection in, and keeps the online set from its watchlist events. */
export function watchOnline(pusher: Pusher) {
  const on = (name: string, apply: (id: string) => void) =>
    pusher.user.watchlist.bind(name, ({ user_ids }: { user_ids: string[] }) => {
      user_ids.forEach(apply);
      changed();
    });
  on("online", (id) => online.add(id));
  on("offline", (id) => online.delete(id) && offlineAt.set(id, Date.now()));
  // While our own connection is down, who was online stays as it was: the last known state, which
  // the list and the header mark "as of" then (usePresenceAsOf). Each (re)connection signs in again
  // and the server says anew who is online, so what we knew is dropped when it's back — until that
  // says so, nobody shows online.
  pusher.connection.bind("state_change", ({ current }: { current: string }) => {
    if (current === "connected" && online.size) {
      online.clear();
      changed();
    }
  });
  pusher.signin();
}

/**
 * A direct chat started after this connection signed in has a peer its watchlist lacks: sign in
 * again (the server replaces the watchlist and says who of it is online). pusher-js signs in once
 * per connection and has no public way to repeat it, hence its internal `_signin`.
 */
export function refreshWatchlist(pusher: Pusher, peerIds: string[]) {
  const user = pusher.user as unknown as {
    signinDonePromise: Promise<unknown> | null;
    user_data: { watchlist?: string[] } | null;
    _signin(): void;
  };
  void user.signinDonePromise?.then(() => {
    const list = user.user_data?.watchlist;
    const missing = peerIds.filter((id) => list && list.length < 100 && !list.includes(id) && !asked.has(id));
    if (missing.length === 0) return;
    missing.forEach((id) => asked.add(id));
    user._signin();
  });
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Online and last-went-offline lookups, re-rendering when either changes. */
export function useOnline() {
  useSyncExternalStore(
    subscribe,
    () => version,
    () => 0,
  );
  return { isOnline: (id: string) => online.has(id), offlineAt: (id: string) => offlineAt.get(id) };
}

const formatter = relativeTimeFormatter();

/**
 * A direct chat's subtitle: "online" from the watchlist; when not, "last seen …" if both people
 * share it (the API sends `lastSeen` only then), from the later of the stored time (the realtime
 * server's webhook) and the offline event this tab heard; otherwise the peer's @username.
 */
export function usePeerStatus(
  peer: { id: string; username: string } | undefined,
  lastSeen: { at: string | null } | undefined,
): string | null {
  const { isOnline, offlineAt } = useOnline();
  const now = useNow();
  if (!peer) return null;
  if (isOnline(peer.id)) return "online";
  const at = lastSeen ? Math.max(offlineAt(peer.id) ?? 0, lastSeen.at ? Date.parse(lastSeen.at) : 0) : 0;
  if (!at || now === null) return `@${peer.username}`;
  return `last seen ${formatter.relative(new Date(at), new Date(Math.max(now, at))).replace(/^Y/, "y")}`;
}
