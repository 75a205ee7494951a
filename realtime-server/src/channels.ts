// Channel membership for one app: who is subscribed where, presence members counted once per user
// however many connections they have, and fan-out of pre-encoded frames.
import { MAX_PRESENCE_MEMBERS } from "./limits";
import { channelKind, type ChannelKind } from "./names";
import type { PresenceIdentity } from "./presence";
import { encodeSystemEvent } from "./protocol";

/** Anything that can receive frames: a connection. Frames are encoded once and shared by all receivers. */
export interface Subscriber {
  readonly socketId: string;
  send(frame: Buffer): void;
}

interface PresenceMember extends PresenceIdentity {
  subscribers: Set<Subscriber>;
}

export class Channel {
  readonly kind: ChannelKind;
  readonly subscribers = new Set<Subscriber>();
  /** Presence channels only: members by user id, each with the connections they're subscribed from. */
  readonly members = new Map<string, PresenceMember>();

  constructor(readonly name: string) {
    this.kind = channelKind(name);
  }

  /** Sends one frame to every subscriber but `except`; returns how many received it. */
  publish(frame: Buffer, except?: Subscriber): number {
    let sent = 0;
    for (const subscriber of this.subscribers) {
      if (subscriber === except) continue;
      subscriber.send(frame);
      sent++;
    }
    return sent;
  }

  presenceSnapshot(): { presence: { ids: string[]; hash: Record<string, unknown>; count: number } } {
    const ids: string[] = [];
    const hash: Record<string, unknown> = {};
    for (const [userId, member] of this.members) {
      ids.push(userId);
      hash[userId] = member.userInfo;
    }
    return { presence: { ids, hash, count: ids.length } };
  }
}

/** What a join changed, for webhooks: the channel became occupied, a new user became a member. */
export interface Joined {
  channel: Channel;
  occupied: boolean;
  memberAdded: boolean;
}

/** What a leave changed: the channel became empty, a user's last connection left. */
export interface Left {
  vacated: boolean;
  memberRemoved: boolean;
}

export type PresenceJoin = ({ ok: true } & Joined) | { ok: false; error: string };

export class ChannelRegistry {
  private readonly channels = new Map<string, Channel>();

  /** An occupied channel (one with subscribers), or undefined: empty channels don't exist, as in Pusher. */
  get(name: string): Channel | undefined {
    return this.channels.get(name);
  }

  occupied(): IterableIterator<Channel> {
    return this.channels.values();
  }

  get size(): number {
    return this.channels.size;
  }

  join(subscriber: Subscriber, name: string): Joined {
    const occupied = !this.channels.has(name);
    const channel = this.obtain(name);
    channel.subscribers.add(subscriber);
    return { channel, occupied, memberAdded: false };
  }

  /**
   * Adds a connection to a presence channel as `identity`. A user already present (another tab)
   * is not announced again; a new user is announced to everyone else with member_added.
   */
  joinPresence(subscriber: Subscriber, name: string, identity: PresenceIdentity): PresenceJoin {
    const existing = this.channels.get(name);
    const member = existing?.members.get(identity.userId);
    if (!member && existing && existing.members.size >= MAX_PRESENCE_MEMBERS) {
      return { ok: false, error: `presence channel is full (${MAX_PRESENCE_MEMBERS} members)` };
    }
    const channel = existing ?? this.obtain(name);
    channel.subscribers.add(subscriber);
    if (member) {
      member.subscribers.add(subscriber);
      return { ok: true, channel, occupied: false, memberAdded: false };
    }
    channel.members.set(identity.userId, { ...identity, subscribers: new Set([subscriber]) });
    const added = encodeSystemEvent(
      "pusher_internal:member_added",
      { user_id: identity.userId, user_info: identity.userInfo },
      name,
    );
    channel.publish(Buffer.from(added), subscriber);
    return { ok: true, channel, occupied: existing === undefined, memberAdded: true };
  }

  /**
   * Removes a connection from a channel. On presence channels the user leaves (member_removed,
   * once) only when their last connection does.
   */
  leave(subscriber: Subscriber, name: string, userId?: string): Left {
    const left = { vacated: false, memberRemoved: false };
    const channel = this.channels.get(name);
    if (!channel || !channel.subscribers.delete(subscriber)) return left;
    if (userId !== undefined) {
      const member = channel.members.get(userId);
      if (member) {
        member.subscribers.delete(subscriber);
        if (member.subscribers.size === 0) {
          channel.members.delete(userId);
          left.memberRemoved = true;
          const removed = encodeSystemEvent("pusher_internal:member_removed", { user_id: userId }, name);
          channel.publish(Buffer.from(removed));
        }
      }
    }
    if (channel.subscribers.size === 0) {
      this.channels.delete(name);
      left.vacated = true;
    }
    return left;
  }

  private obtain(name: string): Channel {
    let channel = this.channels.get(name);
    if (!channel) {
      channel = new Channel(name);
      this.channels.set(name, channel);
    }
    return channel;
  }
}
