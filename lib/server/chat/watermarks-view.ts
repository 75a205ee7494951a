import "server-only";
import { listMemberWatermarks } from "@/lib/server/db/conversations";
import { visibleWatermarks, type ConversationKind } from "@/lib/core/status";
import type { MemberState } from "@/lib/core/types";

/** Every member's watermarks as `viewerId` may see them (privacy applied), with the raw rows. */
export async function loadWatermarks(conversationId: string, viewerId: string, kind: ConversationKind) {
  const rows = await listMemberWatermarks(conversationId);
  const me = rows.find((r) => r.userId === viewerId);
  const viewer = { id: viewerId, shareReadReceipts: me?.user.shareReadReceipts ?? true };
  const watermarks = visibleWatermarks(
    rows.map((r) => ({
      userId: r.userId,
      joinedSeq: r.joinedSeq,
      deliveredSeq: r.deliveredSeq,
      readSeq: r.readSeq,
      shareReadReceipts: r.user.shareReadReceipts,
    })),
    viewer,
    kind,
  );
  const members: MemberState[] = rows.map((r, i) => {
    const readSeq = watermarks[i]!.readSeq;
    return {
      user: { id: r.user.id, username: r.user.username, name: r.user.name },
      joinedSeq: r.joinedSeq,
      deliveredSeq: r.deliveredSeq,
      readSeq,
      deliveredAt: r.deliveredAt?.toISOString() ?? null,
      readAt: readSeq === null ? null : (r.readAt?.toISOString() ?? null),
    };
  });
  return { viewer, watermarks, members };
}
