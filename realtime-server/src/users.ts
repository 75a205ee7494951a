// Signed-in users of one app (pusher/docs user-authentication.md, watchlist-events.md): which
// connections each user is signed in on — the targets of sendToUser and terminate_connections —
// and who watches whom. A user is online while signed in on at least one connection.
import { encodeSystemEvent } from "./protocol";

/** What the registry needs of a connection. */
export interface UserConnection {
  readonly socketId: string;
  send(frame: Buffer): void;
  close(code: number, reason: string): void;
}

/** The channel sendToUser publishes to (the SDK's `#server-to-user-{id}`); pusher-js binds pusher.user to it. */
export const USER_CHANNEL_PREFIX = "#server-to-user-";

export function userChannel(userId: string): string {
  return USER_CHANNEL_PREFIX + userId;
}

export type WatchlistChange = "online" | "offline";

export function watchlistFrame(name: WatchlistChange, userIds: string[]): Buffer {
  // pusher-js (WatchlistFacade) emits each entry of data.events on pusher.user.watchlist by name.
  return Buffer.from(
    encodeSystemEvent("pusher_internal:watchlist_events", { events: [{ name, user_ids: userIds }] }),
  );
}

export class UserRegistry {
  private readonly connections = new Map<string, Set<UserConnection>>();
  /** Watched user id → the connections whose watchlist names them. */
  private readonly watchers = new Map<string, Set<UserConnection>>();

  constructor(private readonly watchlistEvents: boolean) {}

  connectionsOf(userId: string): ReadonlySet<UserConnection> {
    return this.connections.get(userId) ?? new Set();
  }

  isOnline(userId: string): boolean {
    return this.connections.has(userId);
  }

  get size(): number {
    return this.connections.size;
  }

  /**
   * Signs `connection` in as `userId` watching `watchlist`. Watchers of the user hear it come
   * online if this is its first connection; the connection is told which of its watchlist is online.
   */
  signIn(connection: UserConnection, userId: string, watchlist: readonly string[]): void {
    let mine = this.connections.get(userId);
    const cameOnline = mine === undefined;
    if (!mine) {
      mine = new Set();
      this.connections.set(userId, mine);
    }
    mine.add(connection);
    if (!this.watchlistEvents) return;

    for (const watched of watchlist) {
      let watching = this.watchers.get(watched);
      if (!watching) {
        watching = new Set();
        this.watchers.set(watched, watching);
      }
      watching.add(connection);
    }
    if (cameOnline) this.notifyWatchers(userId, "online");
    const online = watchlist.filter((id) => this.isOnline(id));
    if (online.length > 0) connection.send(watchlistFrame("online", online));
  }

  /** Ends the connection's session: watchers hear the user go offline when it was the last one. */
  signOut(connection: UserConnection, userId: string, watchlist: readonly string[]): void {
    this.unwatch(connection, watchlist);
    const mine = this.connections.get(userId);
    if (!mine?.delete(connection)) return;
    if (mine.size > 0) return;
    this.connections.delete(userId);
    if (this.watchlistEvents) this.notifyWatchers(userId, "offline");
  }

  /** Stops watching: before a connection signs in again (same user) with a new watchlist, or leaves. */
  unwatch(connection: UserConnection, watchlist: readonly string[]): void {
    for (const watched of watchlist) {
      const watching = this.watchers.get(watched);
      if (!watching) continue;
      watching.delete(connection);
      if (watching.size === 0) this.watchers.delete(watched);
    }
  }

  private notifyWatchers(userId: string, change: WatchlistChange): void {
    const watching = this.watchers.get(userId);
    if (!watching) return;
    const frame = watchlistFrame(change, [userId]);
    for (const connection of watching) connection.send(frame);
  }
}
